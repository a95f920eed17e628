package browser

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/corsim/corsim/browsers"
	"github.com/corsim/corsim/engine"
)

// TestSideBySide measures, in one run, what the differential corpus costs in headless Chromium
// and through the engine: the reason to test CORS with corsim rather than a browser. It runs
// only when CORSIM_SIDE_BY_SIDE=1 (BENCHMARKS.md reports its figures):
//
//	CORSIM_SIDE_BY_SIDE=1 go test -count=1 -v -run TestSideBySide ./conformance/browser
func TestSideBySide(t *testing.T) {
	if os.Getenv("CORSIM_SIDE_BY_SIDE") == "" {
		t.Skip("set CORSIM_SIDE_BY_SIDE=1 to measure the corpus in Chromium and in the engine")
	}
	if _, ok := Chromium.Find(); !ok {
		if os.Getenv("CORSIM_REQUIRE_BROWSERS") != "" {
			t.Fatalf("chromium is not installed (%s) and CORSIM_REQUIRE_BROWSERS is set", Chromium.Install)
		}
		t.Skipf("chromium is not installed: %s", Chromium.Install)
	}
	corpus := Corpus()
	var pauses time.Duration
	for _, c := range corpus {
		for _, call := range c.Calls {
			pauses += time.Duration(call.PauseMS) * time.Millisecond
		}
	}
	lab, err := StartLab(corpus)
	if err != nil {
		t.Fatal(err)
	}
	defer lab.Close()

	// The browser: from launch to the page's /done, which it posts after its last result; and
	// from the lab's first /mark (the first call starting) to /done, which leaves out the
	// browser's startup and the page load.
	doneAt := make(chan time.Time, 1)
	go func() { <-lab.Done(); doneAt <- time.Now() }()
	launch := time.Now()
	console, err := Chromium.Run(context.Background(), lab, 4*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	var done time.Time
	select {
	case done = <-doneAt:
	default:
		t.Fatal("chromium finished without the page reporting /done")
	}
	lab.mu.Lock()
	firstMark := lab.started
	lab.mu.Unlock()
	wall, calls := done.Sub(launch), done.Sub(firstMark)
	obs, err := lab.observations(console)
	if err != nil {
		t.Fatal(err)
	}

	// The engine: the same calls in the same order, with the lab's answers and the virtual
	// clock moved as in the browser's run; with the trace (Replay) and without it.
	const rounds = 20
	var traced, untraced []Observation
	t0 := time.Now()
	for range rounds {
		traced = lab.Replay(browsers.Chromium, obs)
	}
	withTrace := time.Since(t0) / rounds
	t1 := time.Now()
	for range rounds {
		untraced = replayWithoutTrace(lab, browsers.Chromium, obs)
	}
	withoutTrace := time.Since(t1) / rounds
	if diff := cmp.Diff(traced, untraced); diff != "" {
		t.Errorf("the replay without trace observes something else than Replay (-trace +no trace):\n%s", diff)
	}
	// The engine alone: the same fetches, built beforehand, and nothing but Fetch timed.
	calls0 := prepare(lab, obs)
	var fetchOnly [2]time.Duration
	for i, opts := range [][]engine.Option{nil, {engine.WithoutTrace()}} {
		t2 := time.Now()
		for range rounds {
			b := engine.NewBrowser(browsers.Chromium, opts...)
			start := b.Now()
			for _, c := range calls0 {
				b.Advance(start.Add(c.at).Sub(b.Now()))
				b.Fetch(context.Background(), c.req, c.srv)
			}
		}
		fetchOnly[i] = time.Since(t2) / rounds
	}

	n := len(traced)
	busy := calls - pauses
	t.Logf("corpus: %d cases, %d calls, %s of deliberate pauses", len(corpus), n, pauses)
	t.Logf("chromium: %s from launch to /done; %s from the first call to /done; %s of that without the pauses (%.2f ms per call)",
		wall.Round(time.Millisecond), calls.Round(time.Millisecond), busy.Round(time.Millisecond), float64(busy)/float64(n)/1e6)
	t.Logf("engine: %s per corpus with the trace (%.1f µs per call), %s without it (%.1f µs per call), mean of %d rounds",
		withTrace.Round(time.Microsecond), float64(withTrace)/float64(n)/1e3,
		withoutTrace.Round(time.Microsecond), float64(withoutTrace)/float64(n)/1e3, rounds)
	t.Logf("engine, Fetch alone: %s per corpus with the trace (%.1f µs per call), %s without it (%.1f µs per call)",
		fetchOnly[0].Round(time.Microsecond), float64(fetchOnly[0])/float64(n)/1e3,
		fetchOnly[1].Round(time.Microsecond), float64(fetchOnly[1])/float64(n)/1e3)
	for _, r := range []struct {
		what   string
		engine time.Duration
	}{{"traced replay", withTrace}, {"untraced replay", withoutTrace}, {"traced Fetch alone", fetchOnly[0]}, {"untraced Fetch alone", fetchOnly[1]}} {
		t.Logf("ratio to the %s: launch to /done %.0fx; first call to /done %.0fx; first call to /done without the pauses %.0fx",
			r.what, float64(wall)/float64(r.engine), float64(calls)/float64(r.engine), float64(busy)/float64(r.engine))
	}
}

// replayWithoutTrace is Lab.Replay on a session made with engine.WithoutTrace: the fast path a
// bulk user takes.
func replayWithoutTrace(l *Lab, p engine.Profile, browserRun []Observation) []Observation {
	at := map[string]time.Duration{}
	for _, o := range browserRun {
		at[o.ID] = o.At
	}
	b := engine.NewBrowser(p, engine.WithoutTrace())
	start := b.Now()
	var out []Observation
	for _, c := range l.corpus {
		for i, call := range c.Calls {
			id := CallID(c, i)
			if d, ok := at[id]; ok {
				b.Advance(start.Add(d).Sub(b.Now()))
			}
			req := engine.Request{Origin: l.origins[Page], URL: l.Expand(c, call.URL), Method: call.Method,
				Headers: headerList(call.Header, func(s string) string { return l.Expand(c, s) }),
				Mode:    engine.Mode(call.Mode), Credentials: engine.Credentials(call.Credentials),
				Redirect: engine.Redirect(call.Redirect), Cache: engine.CacheMode(call.Cache),
				Body: engine.Body(call.Body)}
			out = append(out, l.observe(id, p, b.Fetch(context.Background(), req, l.Server(c, call))))
		}
	}
	return out
}

// preparedCall is one corpus call ready to fetch: the request, the lab's answers, and when it
// started in the browser's run.
type preparedCall struct {
	req engine.Request
	srv engine.Server
	at  time.Duration
}

// prepare builds every call of the corpus as Lab.Replay would, so that only Fetch is timed.
func prepare(l *Lab, browserRun []Observation) []preparedCall {
	at := map[string]time.Duration{}
	for _, o := range browserRun {
		at[o.ID] = o.At
	}
	var out []preparedCall
	for _, c := range l.corpus {
		for i, call := range c.Calls {
			out = append(out, preparedCall{at: at[CallID(c, i)], srv: l.Server(c, call),
				req: engine.Request{Origin: l.origins[Page], URL: l.Expand(c, call.URL), Method: call.Method,
					Headers: headerList(call.Header, func(s string) string { return l.Expand(c, s) }),
					Mode:    engine.Mode(call.Mode), Credentials: engine.Credentials(call.Credentials),
					Redirect: engine.Redirect(call.Redirect), Cache: engine.CacheMode(call.Cache),
					Body: engine.Body(call.Body)}})
		}
	}
	return out
}
