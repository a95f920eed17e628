package engine

import (
	"fmt"
	"strings"

	"context"
	"sync"
	"testing"
	"time"

	"github.com/corsim/corsim/cache"

	"github.com/google/go-cmp/cmp"
)

// call is one fetch in a sequence on a single browser.
type seqCall struct {
	advance   time.Duration
	req       Request
	preflight bool    // whether a preflight must reach the server
	outcome   Outcome // expected outcome
}

func runSequence(t *testing.T, p Profile, srv Server, calls []seqCall) {
	t.Helper()
	b := NewBrowser(p)
	type got struct {
		Preflight bool
		Outcome   Outcome
	}
	var want, have []got
	for _, c := range calls {
		b.Advance(c.advance)
		if c.req.Origin == "" {
			c.req.Origin = pageOrigin
		}
		res := fetch(t, b, c.req, srv)
		want = append(want, got{c.preflight, c.outcome})
		have = append(have, got{res.Preflighted(), res.Outcome})
	}
	if diff := cmp.Diff(want, have); diff != "" {
		t.Errorf("calls (-want +got):\n%s", diff)
	}
}

func preflightedServer(t *testing.T, extra ...string) *StaticServer {
	return mustServer(t,
		route("OPTIONS", x, 204, append([]string{"Access-Control-Allow-Origin", pageOrigin, "Access-Control-Allow-Credentials", "true",
			"Access-Control-Allow-Methods", "PUT, DELETE", "Access-Control-Allow-Headers", "X-A"}, extra...)...),
		Route{URL: x, Response: ServerResponse{Status: 200, Header: hl("Access-Control-Allow-Origin", pageOrigin, "Access-Control-Allow-Credentials", "true")}},
	)
}

// TestPreflightCache covers the cache's lifetime, keys and matching across fetches.
// https://fetch.spec.whatwg.org/#cors-preflight-cache
func TestPreflightCache(t *testing.T) {
	put := Request{URL: x, Method: "PUT"}
	t.Run("default Max-Age is 5 seconds", func(t *testing.T) {
		runSequence(t, Spec, preflightedServer(t), []seqCall{
			{0, put, true, OK},
			{4999 * time.Millisecond, put, false, OK},
			{time.Millisecond, put, true, OK},
		})
	})
	t.Run("Max-Age 600", func(t *testing.T) {
		runSequence(t, Spec, preflightedServer(t, "Access-Control-Max-Age", "600"), []seqCall{
			{0, put, true, OK},
			{599 * time.Second, put, false, OK},
			{time.Second, put, true, OK},
		})
	})
	t.Run("the spec imposes no cap", func(t *testing.T) {
		year := 365 * 24 * time.Hour
		runSequence(t, Spec, preflightedServer(t, "Access-Control-Max-Age", "31536000"), []seqCall{
			{0, put, true, OK},
			{year - time.Second, put, false, OK},
			{time.Second, put, true, OK},
		})
	})
	t.Run("invalid Max-Age means the default", func(t *testing.T) {
		runSequence(t, Spec, preflightedServer(t, "Access-Control-Max-Age", "ten"), []seqCall{
			{0, put, true, OK},
			{4 * time.Second, put, false, OK},
			{time.Second, put, true, OK},
		})
	})
	t.Run("Max-Age 0 caches nothing", func(t *testing.T) {
		runSequence(t, Spec, preflightedServer(t, "Access-Control-Max-Age", "0"), []seqCall{
			{0, put, true, OK},
			{0, put, true, OK},
		})
	})
	t.Run("entries are per method", func(t *testing.T) {
		runSequence(t, Spec, preflightedServer(t, "Access-Control-Allow-Methods", "PATCH"), []seqCall{
			{0, put, true, OK},
			{0, Request{URL: x, Method: "DELETE"}, false, OK},
			{0, Request{URL: x, Method: "PATCH"}, false, OK},
			{0, Request{URL: x, Method: "PROPFIND"}, true, NetworkError},
		})
	})
	t.Run("entries are per header name", func(t *testing.T) {
		runSequence(t, Spec, preflightedServer(t), []seqCall{
			{0, Request{URL: x, Headers: hl("X-A", "1")}, true, OK},
			{0, Request{URL: x, Headers: hl("x-a", "2")}, false, OK},
			{0, Request{URL: x, Headers: hl("X-B", "1")}, true, NetworkError},
		})
	})
	t.Run("a non-credentialed entry does not serve a credentialed request", func(t *testing.T) {
		runSequence(t, Spec, preflightedServer(t), []seqCall{
			{0, put, true, OK},
			{0, Request{URL: x, Method: "PUT", Credentials: CredentialsInclude}, true, OK},
			// The credentialed preflight's entries serve both kinds now.
			{0, put, false, OK},
		})
	})
	t.Run("entries are per URL", func(t *testing.T) {
		srv := mustServer(t,
			route("OPTIONS", x, 204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "PUT"),
			route("OPTIONS", x+"?page=2", 204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "PUT"),
			Route{URL: x, Response: ServerResponse{Status: 200, Header: hl("Access-Control-Allow-Origin", "*")}},
			Route{URL: x + "?page=2", Response: ServerResponse{Status: 200, Header: hl("Access-Control-Allow-Origin", "*")}},
		)
		runSequence(t, Spec, srv, []seqCall{
			{0, put, true, OK},
			{0, Request{URL: x + "?page=2", Method: "PUT"}, true, OK},
			{0, Request{URL: x + "#fragment", Method: "PUT"}, false, OK},
		})
	})
	t.Run("entries are per origin and per top-level site", func(t *testing.T) {
		srv := mustServer(t,
			route("OPTIONS", x, 204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "PUT"),
			Route{URL: x, Response: ServerResponse{Status: 200, Header: hl("Access-Control-Allow-Origin", "*")}},
		)
		runSequence(t, Spec, srv, []seqCall{
			{0, put, true, OK},
			{0, Request{Origin: "https://other.example", URL: x, Method: "PUT"}, true, OK},
			{0, Request{Origin: pageOrigin, TopLevelOrigin: "https://embedder.example", URL: x, Method: "PUT"}, true, OK},
			{0, Request{Origin: pageOrigin, TopLevelOrigin: "https://www.app.example", URL: x, Method: "PUT"}, false, OK},
		})
	})
	t.Run("the use-CORS-preflight flag caches the method even without Allow-Methods", func(t *testing.T) {
		srv := mustServer(t, route("OPTIONS", x, 204, "Access-Control-Allow-Origin", "*"), route("GET", x, 200, "Access-Control-Allow-Origin", "*"))
		flagged := Request{URL: x, UseCORSPreflight: true}
		runSequence(t, Spec, srv, []seqCall{
			{0, flagged, true, OK},
			{0, flagged, false, OK},
		})
	})
	t.Run("the spec has no cache-mode bypass", func(t *testing.T) {
		runSequence(t, Spec, preflightedServer(t), []seqCall{
			{0, put, true, OK},
			{0, Request{URL: x, Method: "PUT", Cache: CacheNoStore}, false, OK},
		})
	})
	t.Run("a profile can bypass the cache for a cache mode", func(t *testing.T) {
		p := Spec
		p.PreflightCacheBypass = []CacheMode{CacheNoStore}
		runSequence(t, p, preflightedServer(t), []seqCall{
			{0, put, true, OK},
			{0, Request{URL: x, Method: "PUT", Cache: CacheNoStore}, true, OK},
			{0, put, false, OK},
		})
	})
}

// flipServer answers from a and, once flipped, from b: a server whose configuration changes
// between calls.
type flipServer struct {
	mu      sync.Mutex
	a, b    Server
	flipped bool
}

func (f *flipServer) Serve(ctx context.Context, req ServerRequest) (ServerResponse, error) {
	f.mu.Lock()
	s := f.a
	if f.flipped {
		s = f.b
	}
	f.mu.Unlock()
	return s.Serve(ctx, req)
}

// TestCacheClearedOnFailure: a failure in the preflight branch clears the URL's entries, even
// when the failure is the actual response's CORS check.
// https://fetch.spec.whatwg.org/#concept-cache-clear
func TestCacheClearedOnFailure(t *testing.T) {
	good := preflightedServer(t, "Access-Control-Max-Age", "600")
	broken := mustServer(t,
		route("OPTIONS", x, 204, "Access-Control-Allow-Origin", pageOrigin, "Access-Control-Allow-Methods", "PUT"),
		route("PUT", x, 200))
	srv := &flipServer{a: good, b: broken}
	b := NewBrowser(Spec)
	put := Request{Origin: pageOrigin, URL: x, Method: "PUT"}
	first := fetch(t, b, put, srv)
	srv.flipped = true
	second := fetch(t, b, put, srv)
	srv.flipped = false
	third := fetch(t, b, put, srv)

	type step struct {
		Preflight bool
		Reason    Reason
		Events    []CacheEventKind
	}
	events := func(r Result) []CacheEventKind {
		var k []CacheEventKind
		for _, e := range r.Cache {
			k = append(k, e.Kind)
		}
		return k
	}
	got := []step{
		{first.Preflighted(), first.Reason, events(first)},
		{second.Preflighted(), second.Reason, events(second)},
		{third.Preflighted(), third.Reason, events(third)},
	}
	want := []step{
		{true, "", []CacheEventKind{CacheMiss, CacheStore}},
		{false, MissingAllowOrigin, []CacheEventKind{CacheHit, CacheClear}},
		{true, "", []CacheEventKind{CacheMiss, CacheStore}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if second.Cache[1].Removed == 0 {
		t.Errorf("the clear removed no entries")
	}
}

// TestPreflightRequestIsExact pins the whole preflight request, header by header.
func TestPreflightRequestIsExact(t *testing.T) {
	srv := mustServer(t, route("OPTIONS", x, 204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "PUT", "Access-Control-Allow-Headers", "*"),
		route("PUT", x, 200, "Access-Control-Allow-Origin", "*"))
	res := fetch(t, NewBrowser(Spec), Request{Origin: pageOrigin, URL: x + "#frag", Method: "PUT",
		Headers: hl("X-B", "1", "Content-Type", "application/json", "x-a", "2", "Accept", "application/json"), Body: BodyText}, srv)
	want := []Exchange{
		{Kind: ExchangePreflight, Request: ServerRequest{Method: "OPTIONS", URL: x, Header: hl(
			"Accept", "*/*",
			"Access-Control-Request-Method", "PUT",
			"Access-Control-Request-Headers", "content-type,x-a,x-b",
			"Origin", pageOrigin,
			"Sec-Fetch-Dest", "empty", "Sec-Fetch-Mode", "cors", "Sec-Fetch-Site", "cross-site")},
			Response: ServerResponse{Status: 204, Header: hl("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "PUT", "Access-Control-Allow-Headers", "*")}},
		{Kind: ExchangeRequest, Request: ServerRequest{Method: "PUT", URL: x, Body: true, Header: hl(
			"X-B", "1", "Content-Type", "application/json", "x-a", "2", "Accept", "application/json",
			"Origin", pageOrigin,
			"Sec-Fetch-Dest", "empty", "Sec-Fetch-Mode", "cors", "Sec-Fetch-Site", "cross-site")},
			Response: ServerResponse{Status: 200, Header: hl("Access-Control-Allow-Origin", "*")}},
	}
	if diff := cmp.Diff(want, res.Exchanges); diff != "" {
		t.Errorf("exchanges (-want +got):\n%s", diff)
	}
}

// TestFetchMetadataSite checks Sec-Fetch-Site across same-origin, same-site and cross-site
// URLs, and that plain-http URLs get no Fetch metadata.
func TestFetchMetadataSite(t *testing.T) {
	for _, tc := range []struct{ page, url, want string }{
		{"https://app.example.com", "https://app.example.com/x", "same-origin"},
		{"https://app.example.com", "https://api.example.com/x", "same-site"},
		{"https://app.example.com", "https://api.other.com/x", "cross-site"},
		{"https://app.example.com", "http://api.example.com/x", "-"},
		{"http://localhost:3000", "http://localhost:8080/x", "same-site"},
	} {
		srv := mustServer(t, route("GET", tc.url, 200, "Access-Control-Allow-Origin", "*"))
		res := fetch(t, NewBrowser(Spec), Request{Origin: tc.page, URL: tc.url}, srv)
		got := "-"
		if len(res.Exchanges) == 1 {
			if v, ok := res.Exchanges[0].Request.Header.Get("Sec-Fetch-Site"); ok {
				got = v
			}
		}
		if got != tc.want {
			t.Errorf("%s → %s: Sec-Fetch-Site %q, want %q", tc.page, tc.url, got, tc.want)
		}
	}
}

// TestWildcardCoversAuthorizationProfile: a profile whose * covers Authorization accepts the
// preflight and, when its cache agrees (WebKit), serves the next request from the cache; with a
// cache that does not (Chromium), the next request is preflighted again; the spec refuses both.
func TestWildcardCoversAuthorizationProfile(t *testing.T) {
	srv := mustServer(t,
		route("OPTIONS", x, 204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Headers", "*", "Access-Control-Max-Age", "60"),
		route("GET", x, 200, "Access-Control-Allow-Origin", "*"))
	auth := Request{URL: x, Headers: hl("Authorization", "Bearer t")}
	p := Spec
	p.WildcardCoversAuthorization = true
	p.Cache.WildcardCoversAuthorization = true
	runSequence(t, p, srv, []seqCall{{0, auth, true, OK}, {0, auth, false, OK}})
	p.Cache.WildcardCoversAuthorization = false
	runSequence(t, p, srv, []seqCall{{0, auth, true, OK}, {0, auth, true, OK}})
	runSequence(t, Spec, srv, []seqCall{{0, auth, true, NetworkError}, {0, auth, true, NetworkError}})
}

// TestNegativeMaxAge: the spec treats -1 as invalid (the default 5 s applies); a profile can
// make a negative value mean "do not cache", and the trace states the value it saw.
func TestNegativeMaxAge(t *testing.T) {
	put := Request{URL: x, Method: "PUT"}
	runSequence(t, Spec, preflightedServer(t, "Access-Control-Max-Age", "-1"), []seqCall{
		{0, put, true, OK}, {4 * time.Second, put, false, OK}, {time.Second, put, true, OK},
	})
	p := Spec
	p.MaxAge.Negative = cache.DoNotCache
	runSequence(t, p, preflightedServer(t, "Access-Control-Max-Age", "-1"), []seqCall{{0, put, true, OK}, {0, put, true, OK}})

	res := fetch(t, NewBrowser(p), Request{Origin: pageOrigin, URL: x, Method: "PUT"}, preflightedServer(t, "Access-Control-Max-Age", "-1"))
	if !strings.Contains(traceText(res), "-1") {
		t.Errorf("the trace does not state the negative value:\n%s", traceText(res))
	}
}

// TestConcurrentFetchesOnOneBrowser: goroutines sharing a Browser (memo, cache and clock)
// reach the same verdicts as a fresh browser does for each request alone. Run under -race.
func TestConcurrentFetchesOnOneBrowser(t *testing.T) {
	var routes []Route
	var reqs []Request
	for i := 0; i < 16; i++ {
		u := fmt.Sprintf("%s/c%d", apiURL, i)
		routes = append(routes,
			route("OPTIONS", u, 204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "PUT", "Access-Control-Allow-Headers", "X-A"),
			Route{URL: u, Response: ServerResponse{Status: 200, Header: hl("Access-Control-Allow-Origin", "*")}})
		reqs = append(reqs,
			Request{Origin: fmt.Sprintf("https://p%d.example", i%3), URL: u, Method: "PUT", Headers: hl("X-A", "1")},
			Request{Origin: pageOrigin, URL: u, Headers: hl("X-B", "1")}, // X-B is not allowed
			Request{Origin: pageOrigin, URL: u, Credentials: CredentialsInclude})
	}
	srv := mustServer(t, routes...)
	want := make([]verdict, len(reqs))
	for i, r := range reqs {
		v := summarize(NewBrowser(Spec).Fetch(context.Background(), r, srv))
		want[i] = verdict{Outcome: v.Outcome, Reason: v.Reason, Type: v.Type, Status: v.Status}
	}
	b := NewBrowser(Spec)
	var wg sync.WaitGroup
	errs := make(chan string, 8*len(reqs))
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := range reqs {
				i := (k + g*7) % len(reqs)
				v := summarize(b.Fetch(context.Background(), reqs[i], srv))
				got := verdict{Outcome: v.Outcome, Reason: v.Reason, Type: v.Type, Status: v.Status}
				if diff := cmp.Diff(want[i], got); diff != "" {
					errs <- fmt.Sprintf("request %d: %s", i, diff)
				}
				if g == 0 && k%10 == 0 {
					b.Advance(time.Second)
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
