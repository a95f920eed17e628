package corstest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/corsim/corsim/browsers"
	"github.com/corsim/corsim/engine"
)

// orders is a small API: it trusts https://app.example, with credentials, for GET and PUT with
// Content-Type, and asks browsers to cache preflights for an hour (WebKit keeps them 10 minutes).
func orders() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Origin")
		if r.Header.Get("Origin") == "https://app.example" {
			w.Header().Set("Access-Control-Allow-Origin", "https://app.example")
			w.Header().Set("Access-Control-Allow-Credentials", "true")
		}
		if r.Method == http.MethodOptions {
			w.Header().Set("Access-Control-Allow-Methods", "GET, PUT")
			w.Header().Set("Access-Control-Allow-Headers", "Content-Type")
			w.Header().Set("Access-Control-Max-Age", "3600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"id":7}`)
	})
}

// recorder is a testing.TB that records failures instead of failing the real test, so the
// checks' own failures can be tested.
type recorder struct {
	testing.TB
	errors []string
	fatal  string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, a ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, a...))
}
func (r *recorder) Fatalf(format string, a ...any) {
	r.fatal = fmt.Sprintf(format, a...)
	panic(r)
}

// run calls f with a recorder and returns it once f returns or calls Fatalf.
func run(t *testing.T, f func(tb testing.TB)) (rec *recorder) {
	rec = &recorder{TB: t}
	defer func() {
		if p := recover(); p != nil && p != rec {
			panic(p)
		}
	}()
	f(rec)
	return rec
}

var put = Request{Origin: "https://app.example", URL: "https://api.example/orders/7", Method: "PUT",
	Headers: []string{"Content-Type: application/json"}, Credentials: "include", Body: "text"}

// TestChecksPassAndFail: each check passes on what it states and fails, naming the browser,
// otherwise.
func TestChecksPassAndFail(t *testing.T) {
	evil := put
	evil.Origin = "https://evil.example"
	tests := []struct {
		name  string
		check func(tb testing.TB)
		fails []string // the browsers whose check fails
	}{
		{"trusted PUT allowed", func(tb testing.TB) {
			Fetch(tb, orders(), put).Allowed().Preflighted().NoWarnings(browsers.Chromium, browsers.Firefox)
		}, nil},
		{"WebKit warns that Max-Age 3600 is above its cap", func(tb testing.TB) { Fetch(tb, orders(), put).NoWarnings() }, []string{"webkit"}},
		{"trusted PUT is not blocked", func(tb testing.TB) { Fetch(tb, orders(), put).Blocked() }, []string{"chromium", "firefox", "webkit"}},
		{"evil origin blocked, missing ACAO", func(tb testing.TB) {
			Fetch(tb, orders(), evil).Blocked().BlockedBecause(engine.MissingAllowOrigin, browsers.Chromium, browsers.Firefox)
		}, nil},
		{"WebKit reports the preflight's status first", func(tb testing.TB) {
			Fetch(tb, orders(), evil).BlockedBecause(engine.MissingAllowOrigin, browsers.WebKit)
		}, nil},
		{"evil origin is not allowed", func(tb testing.TB) { Fetch(tb, orders(), evil).Allowed(browsers.Chromium) }, []string{"chromium"}},
		{"content-type readable, x-none not", func(tb testing.TB) {
			Fetch(tb, orders(), Request{Origin: "https://app.example", URL: "https://api.example/orders/7"}).CanRead("Content-Type").CanRead("X-None", browsers.Firefox)
		}, []string{"firefox"}},
		{"simple GET needs no preflight", func(tb testing.TB) {
			Fetch(tb, orders(), Request{Origin: "https://app.example", URL: "https://api.example/orders/7"}).NotPreflighted().Preflighted(browsers.WebKit)
		}, []string{"webkit"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := run(t, tt.check)
			var failed []string
			for _, e := range rec.errors {
				name, _, _ := strings.Cut(e, ":")
				failed = append(failed, name)
			}
			if d := cmp.Diff(tt.fails, failed); d != "" {
				t.Errorf("failing browsers (-want +got):\n%s\nmessages:\n%s", d, strings.Join(rec.errors, "\n"))
			}
		})
	}
}

// TestFailureTellsTheStory: a failed check's message holds the verdict, the fix, the exchanges,
// the spec steps, and that browser's console line and rejection text.
func TestFailureTellsTheStory(t *testing.T) {
	evil := put
	evil.Origin = "https://evil.example"
	rec := run(t, func(tb testing.TB) { Fetch(tb, orders(), evil).Allowed(browsers.Chromium) })
	if len(rec.errors) != 1 {
		t.Fatalf("%d failures, want 1", len(rec.errors))
	}
	msg := rec.errors[0]
	for _, want := range []string{
		"chromium: expected the fetch to be allowed, but fetch() rejects (network-error, reason missing-allow-origin)",
		"fix: Add Access-Control-Allow-Origin: https://evil.example",
		"exchange 1 (preflight): OPTIONS https://api.example/orders/7",
		"> Access-Control-Request-Method: PUT",
		"https://fetch.spec.whatwg.org/#concept-cors-check",
		"Access to fetch at 'https://api.example/orders/7' from origin 'https://evil.example' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.",
		"the page sees: TypeError: Failed to fetch",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
}

// TestBadRequestIsATestBug: input that is a mistake in the test stops it, naming the value;
// a request fetch() refuses is a verdict.
func TestBadRequestIsATestBug(t *testing.T) {
	rec := run(t, func(tb testing.TB) {
		Fetch(tb, orders(), Request{Origin: "https://app.example", URL: "https://api.example/", Headers: []string{"X-Foo"}})
	})
	if !strings.Contains(rec.fatal, `header "X-Foo" is not a "Name: value" line`) {
		t.Errorf("fatal = %q", rec.fatal)
	}
	rec = run(t, func(tb testing.TB) {
		Fetch(tb, orders(), Request{Origin: "https://app.example", URL: "https://api.example/", Method: "CONNECT"}).BlockedBecause(engine.ForbiddenMethod)
	})
	if rec.fatal != "" || len(rec.errors) != 0 {
		t.Errorf("CONNECT: fatal %q, errors %v", rec.fatal, rec.errors)
	}
}

// TestSessionFollowsTheCache: within a session the second PUT reuses the preflight; ten
// minutes later only WebKit, whose cap is 600 s, preflights again (Max-Age is 3600).
func TestSessionFollowsTheCache(t *testing.T) {
	s := NewSession(t, orders(), Browsers...)
	s.Fetch(put).Allowed().Preflighted()
	s.Fetch(put).Allowed().NotPreflighted()
	s.Advance(601 * time.Second)
	s.Fetch(put).Allowed().NotPreflighted(browsers.Chromium, browsers.Firefox).Preflighted(browsers.WebKit)
}

// TestLiveServersGiveTheSameVerdicts: the handler behind httptest servers, plain and TLS, gives
// the verdicts it gives in process.
func TestLiveServersGiveTheSameVerdicts(t *testing.T) {
	plain := httptest.NewServer(orders())
	defer plain.Close()
	tls := httptest.NewTLSServer(orders())
	defer tls.Close()
	evil := put
	evil.Origin = "https://evil.example"
	for _, v := range []*Verdict{FetchURL(t, plain.URL, put), FetchServer(t, tls, put)} {
		v.Allowed().Preflighted()
	}
	FetchURL(t, plain.URL, evil).Blocked()
	rec := run(t, func(tb testing.TB) { FetchURL(tb, "ftp://nowhere", put) })
	if !strings.Contains(rec.fatal, `"ftp://nowhere"`) {
		t.Errorf("bad base URL: fatal = %q", rec.fatal)
	}
}
