package browser

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/corsim/corsim/engine"
)

// TestSideBySide measures, in one run, what the differential corpus costs in headless Chromium
// and through the engine: the reason to test CORS with corsim rather than a browser. It runs
// only when CORSIM_SIDE_BY_SIDE=1 (BENCHMARKS.md reports its figures):
//
//	CORSIM_SIDE_BY_SIDE=1 go test -v -run TestSideBySide ./conformance/browser
func TestSideBySide(t *testing.T) {
	if os.Getenv("CORSIM_SIDE_BY_SIDE") == "" {
		t.Skip("set CORSIM_SIDE_BY_SIDE=1 to measure the corpus in Chromium and in the engine")
	}
	if _, ok := Chromium.Find(); !ok {
		t.Skipf("chromium is not installed: %s", Chromium.Install)
	}
	corpus := Corpus()
	pauses := time.Duration(0)
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
	start := time.Now()
	console, err := Chromium.Run(context.Background(), lab, 4*time.Minute)
	wall := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	obs, err := lab.observations(console)
	if err != nil {
		t.Fatal(err)
	}
	calls := obs[len(obs)-1].At // from the first call's start to the last call's start

	// The engine: the same calls, on one session, with the trace (Replay) and without it.
	const rounds = 20
	t0 := time.Now()
	for range rounds {
		lab.Replay(engine.Chromium, obs)
	}
	traced := time.Since(t0) / rounds
	fast := engine.Chromium
	t1 := time.Now()
	for range rounds {
		b := engine.NewBrowser(fast, engine.WithoutTrace())
		for _, c := range corpus {
			for _, call := range c.Calls {
				b.Fetch(context.Background(), engine.Request{Origin: lab.origins[Page], URL: lab.Expand(c, call.URL), Method: call.Method,
					Headers: headerList(call.Header, func(s string) string { return lab.Expand(c, s) }), Mode: engine.Mode(call.Mode),
					Credentials: engine.Credentials(call.Credentials), Redirect: engine.Redirect(call.Redirect),
					Cache: engine.CacheMode(call.Cache), Body: engine.Body(call.Body)}, lab.Server(c, call))
			}
		}
	}
	untraced := time.Since(t1) / rounds

	n := len(obs)
	t.Logf("corpus: %d calls, %s of deliberate pauses", n, pauses)
	t.Logf("chromium: %s from launch to the last report; %s from the first call to the last; %s without the pauses (%.2f ms per call)",
		wall.Round(time.Millisecond), calls.Round(time.Millisecond), (calls - pauses).Round(time.Millisecond), float64(calls-pauses)/float64(n)/1e6)
	t.Logf("engine: %s per corpus with the trace (%.1f µs per call), %s without (%.1f µs per call)",
		traced.Round(time.Microsecond), float64(traced)/float64(n)/1e3, untraced.Round(time.Microsecond), float64(untraced)/float64(n)/1e3)
	t.Logf("ratio, browser wall time to traced engine: %.0fx; excluding pauses and startup: %.0fx; to the untraced engine: %.0fx",
		float64(wall)/float64(traced), float64(calls-pauses)/float64(traced), float64(calls-pauses)/float64(untraced))
}
