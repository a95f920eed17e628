package scenario

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/corsim/corsim/browsers"
	"github.com/corsim/corsim/engine"
)

func TestExecute(t *testing.T) {
	s, err := Load("testdata/put.yaml")
	if err != nil {
		t.Fatal(err)
	}
	run, err := Execute(context.Background(), s, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	type summary struct {
		Profile   string
		Index     int
		At        time.Duration
		Outcome   engine.Outcome
		Exchanges []string
		Failures  []ExpectFailure
	}
	var got []summary
	for _, b := range run.Browsers {
		for _, f := range b.Fetches {
			if f.Fetch != &s.Fetches[f.Index] {
				t.Errorf("FetchRun %d does not point at its fetch", f.Index)
			}
			var ex []string
			for _, e := range f.Result.Exchanges {
				ex = append(ex, string(e.Kind)+" "+e.Request.Method+" "+e.Request.URL)
			}
			got = append(got, summary{b.Profile.Name, f.Index, f.At, f.Result.Outcome, ex, f.Failures})
		}
	}
	// The third fetch's URL is relative, so it is same-origin and succeeds: its expectation,
	// written as if it were cross-origin, fails twice, at the expect's position.
	at := Position{File: "testdata/put.yaml", Line: 67, Col: 7}
	want := []summary{
		{"spec", 0, 0, engine.OK, []string{"preflight OPTIONS https://api.example/items/1", "request PUT https://api.example/items/1"}, nil},
		{"spec", 1, 2 * time.Second, engine.OK, []string{"request PUT https://api.example/items/1"}, nil},
		{"spec", 2, 32 * time.Second, engine.OK, []string{"request GET https://app.example/other"}, []ExpectFailure{
			{Field: "outcome", Want: "network-error", Got: "ok", Pos: at},
			{Field: "reason", Want: "allow-origin-mismatch", Got: "(none)", Pos: at},
		}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Execute (-want +got):\n%s", diff)
	}
	if run.Passed() {
		t.Error("Passed() = true with failures")
	}
	if !run.HasExpectations() {
		t.Error("HasExpectations() = false")
	}

	// Without the failing expectation the run passes; without any it has none.
	s.Fetches[2].Expect = nil
	run, _ = Execute(context.Background(), s, nil, nil)
	if !run.Passed() || !run.HasExpectations() {
		t.Errorf("Passed, HasExpectations = %v, %v; want true, true", run.Passed(), run.HasExpectations())
	}
	for i := range s.Fetches {
		s.Fetches[i].Expect, s.Fetches[i].ExpectBrowsers = nil, nil
	}
	run, _ = Execute(context.Background(), s, nil, nil)
	if !run.Passed() || run.HasExpectations() {
		t.Errorf("Passed, HasExpectations = %v, %v; want true, false", run.Passed(), run.HasExpectations())
	}
}

func TestExecuteArguments(t *testing.T) {
	s, err := Parse("s.yaml", []byte(base+"fetches: [{url: 'https://api.example/'}]\n"))
	if err != nil {
		t.Fatal(err)
	}
	// All profiles by default, so profiles added later appear.
	run, err := Execute(context.Background(), s, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(run.Browsers) != len(browsers.All) {
		t.Errorf("%d browsers, want %d", len(run.Browsers), len(browsers.All))
	}
	// A given server is used instead of the scenario's.
	srv, _ := engine.NewStaticServer()
	run, _ = Execute(context.Background(), s, []engine.Profile{engine.Spec}, srv)
	if r := run.Browsers[0].Fetches[0].Result; r.Reason != engine.MissingAllowOrigin {
		t.Errorf("with an empty server: reason %q, want %q", r.Reason, engine.MissingAllowOrigin)
	}
	// A cancelled context stops the run.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Execute(ctx, s, nil, nil); err != context.Canceled {
		t.Errorf("cancelled: err = %v", err)
	}
	// Unknown profiles are an error.
	s.Browsers = []string{"netscape"}
	if _, err := Execute(context.Background(), s, nil, nil); err == nil || err.Error() != `s.yaml: unknown browser profile "netscape"; known profiles: spec, chromium, firefox, webkit` {
		t.Errorf("unknown profile: err = %v", err)
	}
	if _, err := Execute(context.Background(), nil, nil, nil); err == nil {
		t.Error("nil scenario: no error")
	}
}

func TestCheck(t *testing.T) {
	p := Position{File: "f", Line: 1, Col: 2}
	ok := engine.Result{Outcome: engine.OK, Response: engine.Response{Type: engine.TypeCORS, Status: 200, HeaderNames: []string{"content-type", "x-id"}},
		Exchanges: []engine.Exchange{{Kind: engine.ExchangePreflight}, {Kind: engine.ExchangeRequest}}}
	failed := engine.Result{Outcome: engine.NetworkError, Reason: engine.MethodNotAllowed, Response: engine.Response{Type: engine.TypeNetworkError}}
	tests := []struct {
		name   string
		expect *Expect
		res    engine.Result
		want   []ExpectFailure
	}{
		{"nil expects nothing", nil, failed, nil},
		{"all fields met, headers in any order and case", &Expect{Outcome: outcome(engine.OK), Preflight: ptr(true), Status: ptr(200), Type: rtype(engine.TypeCORS),
			ReadableHeaders: []string{"X-Id", "Content-Type", "content-type"}, Pos: p}, ok, nil},
		{"every field wrong", &Expect{Outcome: outcome(engine.OK), Reason: reason(engine.HeaderNotAllowed), Preflight: ptr(true), Status: ptr(200),
			Type: rtype(engine.TypeCORS), ReadableHeaders: []string{"content-type"}, Pos: p}, failed, []ExpectFailure{
			{"outcome", "ok", "network-error", p},
			{"reason", "header-not-allowed", "method-not-allowed", p},
			{"preflight", "true", "false", p},
			{"status", "200", "0", p},
			{"type", "cors", "error", p},
			{"readable_headers", "[content-type]", "[]", p},
		}},
		{"a reason expected of a success", &Expect{Reason: reason(engine.MissingAllowOrigin), Pos: p}, ok,
			[]ExpectFailure{{"reason", "missing-allow-origin", "(none)", p}}},
		{"empty readable_headers means none", &Expect{ReadableHeaders: []string{}, Pos: p}, ok,
			[]ExpectFailure{{"readable_headers", "[]", "[content-type, x-id]", p}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Check(tt.expect, tt.res)); diff != "" {
				t.Errorf("Check (-want +got):\n%s", diff)
			}
		})
	}
}

func TestExpectFor(t *testing.T) {
	basePos, overPos := Position{Line: 1}, Position{Line: 2}
	all := &Expect{Outcome: outcome(engine.OK), Status: ptr(200), ReadableHeaders: []string{"a"}, Pos: basePos}
	over := &Expect{Status: ptr(0), Type: rtype(engine.TypeOpaque), ReadableHeaders: []string{}, Pos: overPos}
	tests := []struct {
		name    string
		f       Fetch
		profile string
		want    *Expect
	}{
		{"nothing", Fetch{}, "spec", nil},
		{"expect only", Fetch{Expect: all}, "spec", all},
		{"override only", Fetch{ExpectBrowsers: map[string]*Expect{"spec": over}}, "spec", over},
		{"other profile's override ignored", Fetch{Expect: all, ExpectBrowsers: map[string]*Expect{"other": over}}, "spec", all},
		{"merged field by field", Fetch{Expect: all, ExpectBrowsers: map[string]*Expect{"Spec": over}}, "spec",
			&Expect{Outcome: outcome(engine.OK), Status: ptr(0), Type: rtype(engine.TypeOpaque), ReadableHeaders: []string{}, Pos: overPos}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.f.ExpectFor(tt.profile)); diff != "" {
				t.Errorf("ExpectFor (-want +got):\n%s", diff)
			}
		})
	}
	if *all.Status != 200 {
		t.Error("ExpectFor changed the fetch's expect")
	}
}
