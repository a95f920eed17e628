// Package corstest lets a Go test ask what browsers will do with a server's CORS answers,
// without a browser: the test says what the page does, corstest runs it through corsim's
// models of Chromium, Firefox and WebKit against the real handler (or a live server), and a
// failed check prints the whole story: the verdict, each step with its spec anchor, the HTTP
// exchanges, the fix, and the console lines that browser would print.
//
//	func TestOrdersCORS(t *testing.T) {
//		h := newAPI() // the server's real http.Handler, middleware included
//		for _, tc := range []struct {
//			origin string
//			allow  bool
//		}{{"https://app.example", true}, {"https://evil.example", false}} {
//			v := corstest.Fetch(t, h, corstest.Request{Origin: tc.origin, URL: "https://api.example/orders",
//				Method: "PUT", Headers: []string{"Content-Type: application/json"}, Credentials: "include"})
//			if tc.allow {
//				v.Allowed().NoWarnings()
//			} else {
//				v.Blocked()
//			}
//		}
//	}
package corstest

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/corsim/corsim/browsers"
	"github.com/corsim/corsim/engine"
	"github.com/corsim/corsim/fetchspec"
	"github.com/corsim/corsim/server"
)

// Browsers are the profiles a check means when it names none: the three engines.
var Browsers = []engine.Profile{browsers.Chromium, browsers.Firefox, browsers.WebKit}

// Request is what the page asks fetch() for, in test-friendly form. Empty fields mean what
// fetch() means by an omitted option.
type Request struct {
	// Origin is the page's origin ("https://app.example").
	Origin string
	// URL is the absolute URL fetched.
	URL string
	// Method defaults to GET.
	Method string
	// Headers are "Name: value" lines, in the order the script sets them.
	Headers []string
	// Mode, Credentials, Redirect and Cache take fetch()'s values ("no-cors", "include", …).
	Mode, Credentials, Redirect, Cache string
	// Body is the body kind: "text", "bytes", "form", "multipart" or "stream".
	Body string
	// Untrusted marks the origin as one the server must not trust; a credentialed response it
	// can read raises the untrusted-origin-credentials warning.
	Untrusted bool
}

// engineRequest converts r, failing the test on input that is a bug in the test itself.
func engineRequest(t testing.TB, r Request) engine.Request {
	t.Helper()
	var h fetchspec.HeaderList
	for _, line := range r.Headers {
		name, value, ok := strings.Cut(line, ":")
		if !ok || strings.TrimSpace(name) == "" {
			t.Fatalf("corstest: header %q is not a \"Name: value\" line", line)
		}
		h = append(h, fetchspec.Header{Name: strings.TrimSpace(name), Value: strings.TrimSpace(value)})
	}
	if r.URL == "" {
		t.Fatalf("corstest: the request has no URL")
	}
	return engine.Request{Origin: r.Origin, URL: r.URL, Method: r.Method, Headers: h,
		Mode: engine.Mode(r.Mode), Credentials: engine.Credentials(r.Credentials), Redirect: engine.Redirect(r.Redirect),
		Cache: engine.CacheMode(r.Cache), Body: engine.Body(r.Body), UntrustedOrigin: r.Untrusted}
}

// Session is one simulated browser session per profile, so a test can follow the preflight
// cache across fetches and move time forward.
type Session struct {
	t        testing.TB
	srv      engine.Server
	browsers []*engine.Browser
}

// NewSession starts a session against handler h for the given profiles (all four when none:
// Spec, Chromium, Firefox, WebKit).
func NewSession(t testing.TB, h http.Handler, profiles ...engine.Profile) *Session {
	return newSession(t, server.Handler(h), profiles)
}

func newSession(t testing.TB, srv engine.Server, profiles []engine.Profile) *Session {
	if len(profiles) == 0 {
		profiles = browsers.All
	}
	s := &Session{t: t, srv: srv}
	for _, p := range profiles {
		s.browsers = append(s.browsers, engine.NewBrowser(p))
	}
	return s
}

// Advance moves every browser's clock forward, so cached preflights can expire.
func (s *Session) Advance(d time.Duration) {
	for _, b := range s.browsers {
		b.Advance(d)
	}
}

// Fetch runs r once in every browser of the session.
func (s *Session) Fetch(r Request) *Verdict {
	s.t.Helper()
	req := engineRequest(s.t, r)
	v := &Verdict{t: s.t, req: r, results: map[string]engine.Result{}}
	for _, b := range s.browsers {
		p := b.Profile()
		v.profiles = append(v.profiles, p)
		v.results[p.Name] = b.Fetch(context.Background(), req, s.srv)
	}
	return v
}

// Fetch runs r against handler h, in process, once in each profile with a fresh session.
func Fetch(t testing.TB, h http.Handler, r Request) *Verdict {
	t.Helper()
	return NewSession(t, h).Fetch(r)
}

// FetchURL runs r against the live server at baseURL: requests go there, whatever host r.URL
// names (which still decides origins).
func FetchURL(t testing.TB, baseURL string, r Request) *Verdict {
	t.Helper()
	srv, err := server.Live(baseURL)
	if err != nil {
		t.Fatalf("corstest: %v", err)
	}
	return newSession(t, srv, nil).Fetch(r)
}

// FetchServer runs r against an httptest.Server, using its client (and so its TLS setup).
func FetchServer(t testing.TB, ts *httptest.Server, r Request) *Verdict {
	t.Helper()
	srv, err := server.Live(ts.URL, server.Client(ts.Client()))
	if err != nil {
		t.Fatalf("corstest: %v", err)
	}
	return newSession(t, srv, nil).Fetch(r)
}

// Verdict is what each browser did with one fetch. Its checks report failures with
// t.Errorf and return the Verdict, so they chain.
type Verdict struct {
	t        testing.TB
	req      Request
	profiles []engine.Profile
	results  map[string]engine.Result
}

// Result returns what profile p did, and whether p was simulated.
func (v *Verdict) Result(p engine.Profile) (engine.Result, bool) {
	r, ok := v.results[p.Name]
	return r, ok
}

// check runs want on each named profile (the three browsers when none are named).
func (v *Verdict) check(ps []engine.Profile, what string, want func(engine.Result) bool) *Verdict {
	v.t.Helper()
	if len(ps) == 0 {
		ps = Browsers
	}
	for _, p := range ps {
		res, ok := v.results[p.Name]
		if !ok {
			v.t.Errorf("corstest: %s was not simulated in this session", p.Name)
			continue
		}
		if !want(res) {
			v.t.Errorf("%s", v.story(p, res, what))
		}
	}
	return v
}

// Allowed checks that fetch() resolves with a response the script can use.
func (v *Verdict) Allowed(ps ...engine.Profile) *Verdict {
	v.t.Helper()
	return v.check(ps, "the fetch to be allowed", func(r engine.Result) bool { return r.Outcome == engine.OK })
}

// Blocked checks that fetch() rejects.
func (v *Verdict) Blocked(ps ...engine.Profile) *Verdict {
	v.t.Helper()
	return v.check(ps, "the fetch to be blocked", func(r engine.Result) bool { return r.Outcome != engine.OK })
}

// BlockedBecause checks that fetch() rejects for the given reason.
func (v *Verdict) BlockedBecause(reason engine.Reason, ps ...engine.Profile) *Verdict {
	v.t.Helper()
	return v.check(ps, fmt.Sprintf("the fetch to be blocked with reason %s", reason), func(r engine.Result) bool { return r.Reason == reason })
}

// Preflighted checks that a preflight reached the server.
func (v *Verdict) Preflighted(ps ...engine.Profile) *Verdict {
	v.t.Helper()
	return v.check(ps, "a preflight", func(r engine.Result) bool { return r.Preflighted() })
}

// NotPreflighted checks that no preflight was sent (a simple request, or a cache hit).
func (v *Verdict) NotPreflighted(ps ...engine.Profile) *Verdict {
	v.t.Helper()
	return v.check(ps, "no preflight", func(r engine.Result) bool { return !r.Preflighted() })
}

// CanRead checks that the script can read the response header name.
func (v *Verdict) CanRead(name string, ps ...engine.Profile) *Verdict {
	v.t.Helper()
	return v.check(ps, fmt.Sprintf("the script to be able to read %s", name), func(r engine.Result) bool {
		for _, n := range r.Response.HeaderNames {
			if fetchspec.ByteCaseInsensitiveMatch(n, name) {
				return true
			}
		}
		return false
	})
}

// NoWarnings checks that the fetch raised no warning (engine.Warnings).
func (v *Verdict) NoWarnings(ps ...engine.Profile) *Verdict {
	v.t.Helper()
	return v.check(ps, "no warnings", func(r engine.Result) bool { return len(r.Warnings) == 0 })
}

// story explains a failed check: what was expected, what the browser did and why, step by
// step, with the exchanges and the console lines.
func (v *Verdict) story(p engine.Profile, res engine.Result, want string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: expected %s, but ", p.Name, want)
	switch res.Outcome {
	case engine.OK:
		fmt.Fprintf(&b, "fetch() resolves (%s %d; readable headers: %s)", res.Response.Type, res.Response.Status, strings.Join(res.Response.HeaderNames, ", "))
	default:
		fmt.Fprintf(&b, "fetch() rejects (%s, reason %s)", res.Outcome, res.Reason)
	}
	fmt.Fprintf(&b, "\n  page %s calls fetch(%q) with method %q\n", v.req.Origin, v.req.URL, orGET(v.req.Method))
	if res.Fix != "" {
		fmt.Fprintf(&b, "  fix: %s\n", res.Fix)
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(&b, "  warning: %s\n", w)
	}
	for i, e := range res.Exchanges {
		fmt.Fprintf(&b, "  exchange %d (%s): %s %s\n", i+1, e.Kind, e.Request.Method, e.Request.URL)
		for _, h := range e.Request.Header {
			fmt.Fprintf(&b, "    > %s: %s\n", h.Name, h.Value)
		}
		if e.Error != "" {
			fmt.Fprintf(&b, "    ! %s\n", e.Error)
			continue
		}
		fmt.Fprintf(&b, "    < %d\n", e.Response.Status)
		for _, h := range e.Response.Header {
			fmt.Fprintf(&b, "    < %s: %s\n", h.Name, h.Value)
		}
	}
	if len(res.Trace) > 0 {
		b.WriteString("  steps:\n")
		for _, st := range res.Trace {
			mark := "ok "
			if st.Failed {
				mark = "NO "
			}
			fmt.Fprintf(&b, "    %s %s (%s)\n", mark, st.Text, st.Anchor)
		}
	}
	if lines := p.ConsoleMessages(res); len(lines) > 0 {
		fmt.Fprintf(&b, "  %s console:\n", p.Name)
		for _, l := range lines {
			fmt.Fprintf(&b, "    %s\n", l)
		}
	}
	if res.Outcome == engine.NetworkError && p.RejectionMessage() != "" {
		fmt.Fprintf(&b, "  the page sees: %s\n", p.RejectionMessage())
	}
	return b.String()
}

func orGET(m string) string {
	if m == "" {
		return "GET"
	}
	return m
}
