package engine

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// TestPropertyWithoutTraceSameVerdicts: the fast path gives the same result as the traced
// path in everything but the trace, for any sequence of requests and server answers.
func TestPropertyWithoutTraceSameVerdicts(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		reqs := rapid.SliceOfN(genRequest, 1, 4).Draw(t, "requests")
		srv := &randomServer{t: t, answers: map[string]ServerResponse{}}
		traced, fast := NewBrowser(Spec), NewBrowser(Spec, WithoutTrace())
		for _, r := range reqs {
			a := traced.Fetch(context.Background(), r, srv)
			b := fast.Fetch(context.Background(), r, srv)
			if b.Trace != nil {
				t.Fatalf("WithoutTrace returned a trace")
			}
			a.Trace = nil
			if diff := cmp.Diff(a, b); diff != "" {
				t.Fatalf("traced and fast results differ:\n%s", diff)
			}
			traced.Advance(3 * time.Second)
			fast.Advance(3 * time.Second)
		}
	})
}

// TestSessionClock: the virtual clock starts where it is told, moves only forward, and the
// cache's entries expire on it.
func TestSessionClock(t *testing.T) {
	start := time.Date(2030, 5, 6, 7, 8, 9, 0, time.UTC)
	b := NewBrowser(Spec, WithStartTime(start))
	if got := b.Now(); !got.Equal(start) {
		t.Fatalf("Now = %v, want %v", got, start)
	}
	b.Advance(-time.Hour)
	if got := b.Now(); !got.Equal(start) {
		t.Errorf("a negative Advance moved the clock to %v", got)
	}
	b.Advance(90 * time.Second)
	if got := b.Now(); !got.Equal(start.Add(90 * time.Second)) {
		t.Errorf("Now = %v after 90 s", got)
	}
	if NewBrowser(Spec).Now() != Epoch {
		t.Errorf("a browser does not start at Epoch")
	}
	if b.Profile().Name != "spec" {
		t.Errorf("Profile = %q", b.Profile().Name)
	}

	srv := preflightedServer(t, "Access-Control-Max-Age", "10")
	b.Fetch(context.Background(), Request{Origin: pageOrigin, URL: x, Method: "PUT", Headers: hl("X-A", "1")}, srv)
	entries := b.PreflightCache()
	var names []string
	for _, e := range entries {
		names = append(names, e.Method+e.HeaderName)
		if !e.Expires.Equal(b.Now().Add(10 * time.Second)) {
			t.Errorf("entry %+v does not expire 10 s from now", e)
		}
	}
	// Entries come in the cache's order: key, credentials, method, header name.
	if diff := cmp.Diff([]string{"X-A", "DELETE", "PUT"}, names); diff != "" {
		t.Errorf("cache entries (-want +got):\n%s", diff)
	}
	b.Advance(10 * time.Second)
	if n := len(b.PreflightCache()); n != 0 {
		t.Errorf("%d entries outlived their Max-Age", n)
	}
}

// TestNewStaticServerRejectsBadRoutes: every invalid route is refused with a message that
// names it.
func TestNewStaticServerRejectsBadRoutes(t *testing.T) {
	for _, tc := range []struct {
		route Route
		want  string
	}{
		{Route{URL: "https://", Response: ServerResponse{Status: 200}}, `route 1: URL "https://"`},
		{Route{Method: "G ET", URL: x, Response: ServerResponse{Status: 200}}, `method "G ET" is not an HTTP token`},
		{Route{URL: x, Response: ServerResponse{Status: 42}}, "status 42"},
		{Route{URL: x, Response: ServerResponse{Status: 200, Header: hl("Bad Name", "v")}}, `response header "Bad Name"`},
		{Route{URL: x, Response: ServerResponse{Status: 200, Header: hl("X-A", " padded")}}, `" padded" is not a valid header`},
	} {
		_, err := NewStaticServer(tc.route)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("NewStaticServer(%+v) = %v, want an error containing %q", tc.route, err, tc.want)
		}
	}
	_, err := NewStaticServer(route("GET", x, 200), route("GET", "HTTPS://API.example:443/x", 204))
	if err == nil || !strings.Contains(err.Error(), "route 2: a route for GET https://api.example/x already exists") {
		t.Errorf("duplicate route: %v", err)
	}
	_, err = NewStaticServer(Route{URL: x, Response: ServerResponse{Status: 200}}, Route{URL: x, Response: ServerResponse{Status: 204}})
	if err == nil || !strings.Contains(err.Error(), "any method") {
		t.Errorf("duplicate any-method route: %v", err)
	}
}

// TestRedirectFromURLWithFragment: a Location without a fragment inherits the current URL's
// fragment; requests and the response URL never carry fragments.
func TestRedirectFromURLWithFragment(t *testing.T) {
	srv := mustServer(t,
		route("GET", x, 302, "Location", apiURL+"/y", "Access-Control-Allow-Origin", "*"),
		route("GET", apiURL+"/y", 200, "Access-Control-Allow-Origin", "*"))
	res := fetch(t, NewBrowser(Spec), Request{Origin: pageOrigin, URL: x + "#part"}, srv)
	got := []any{res.Outcome, res.Response.URL, res.Response.Redirected, len(res.Exchanges)}
	if diff := cmp.Diff([]any{OK, apiURL + "/y", true, 2}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
