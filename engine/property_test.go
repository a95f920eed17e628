package engine

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/corsim/corsim/fetchspec"
	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

var (
	genMethod = rapid.OneOf(
		rapid.SampledFrom([]string{"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "patch", "get", "OPTIONS", "PROPFIND", "TRACE", "CONNECT"}),
		rapid.StringMatching(`[A-Za-z!#$%&'*+.^_|~-]{1,8}`),
	)
	genHeaderName = rapid.OneOf(
		rapid.SampledFrom([]string{"Accept", "accept", "Accept-Language", "Content-Language", "Content-Type", "Range", "Authorization",
			"X-Foo", "x-foo", "X-Bar", "Cookie", "Origin", "Sec-Foo", "X-HTTP-Method-Override", "Api_Key", "*"}),
		rapid.StringMatching(`[A-Za-z0-9-]{1,12}`),
	)
	genHeaderValue = rapid.OneOf(
		rapid.SampledFrom([]string{"", "*/*", "application/json", "text/plain", "text/plain;charset=utf-8", "multipart/form-data; boundary=x",
			"en-US", "bytes=0-99", "bytes=-5", "Bearer t", "trace", "PUT", "a\"b", strings.Repeat("a", 128), strings.Repeat("a", 129)}),
		rapid.StringMatching(`[ -~]{0,40}`),
	)
	genHeader = rapid.Custom(func(t *rapid.T) fetchspec.Header {
		return fetchspec.Header{Name: genHeaderName.Draw(t, "name"), Value: genHeaderValue.Draw(t, "value")}
	})
	genURL = rapid.SampledFrom([]string{
		"https://api.example/x", "https://api.example/y", "https://app.example/x", "http://api.example/x",
		"https://cdn.example/z", "/relative", "data:,hi", "ftp://files.example/a", "https://u:p@api.example/x", "https://",
	})
	genOrigin = rapid.SampledFrom([]string{pageOrigin, "null", "https://app.example:8443", "http://localhost:3000", "not a url", ""})

	genRequest = rapid.Custom(func(t *rapid.T) Request {
		return Request{
			Origin:           genOrigin.Draw(t, "origin"),
			URL:              genURL.Draw(t, "url"),
			Method:           genMethod.Draw(t, "method"),
			Headers:          rapid.SliceOfN(genHeader, 0, 6).Draw(t, "headers"),
			Mode:             rapid.SampledFrom([]Mode{"", ModeCORS, ModeNoCORS, ModeSameOrigin, "navigate"}).Draw(t, "mode"),
			Credentials:      rapid.SampledFrom([]Credentials{"", CredentialsOmit, CredentialsSameOrigin, CredentialsInclude}).Draw(t, "credentials"),
			Redirect:         rapid.SampledFrom([]Redirect{"", RedirectFollow, RedirectError, RedirectManual}).Draw(t, "redirect"),
			Cache:            rapid.SampledFrom([]CacheMode{"", CacheNoStore, CacheOnlyIfCached}).Draw(t, "cache"),
			UseCORSPreflight: rapid.Bool().Draw(t, "flag"),
			Body:             rapid.SampledFrom([]Body{BodyNone, BodyText, BodyBytes, BodyStream, BodyMultipart}).Draw(t, "body"),
		}
	})

	genResponseHeader = rapid.Custom(func(t *rapid.T) fetchspec.Header {
		name := rapid.SampledFrom([]string{"Access-Control-Allow-Origin", "Access-Control-Allow-Credentials", "Access-Control-Allow-Methods",
			"Access-Control-Allow-Headers", "Access-Control-Max-Age", "Access-Control-Expose-Headers", "Location", "Set-Cookie", "X-A", "Content-Type"}).Draw(t, "name")
		value := rapid.OneOf(
			rapid.SampledFrom([]string{"*", pageOrigin, "null", "true", "PUT, DELETE", "patch", "X-Foo, Authorization", "*, Authorization",
				"600", "-1", "abc", "https://cdn.example/z", "/y", "https://api.example/x", "https://u:p@cdn.example/", "X-A", "\"q\""}),
			rapid.StringMatching(`[!-~]([ -~]{0,20}[!-~])?`),
		).Draw(t, "value")
		return fetchspec.Header{Name: name, Value: value}
	})
	genResponse = rapid.Custom(func(t *rapid.T) ServerResponse {
		return ServerResponse{
			Status: rapid.SampledFrom([]int{200, 204, 301, 302, 303, 307, 308, 400, 401, 404, 500, 0, 42}).Draw(t, "status"),
			Header: rapid.SliceOfN(genResponseHeader, 0, 6).Draw(t, "header"),
		}
	})
)

// randomServer answers each (method, URL) with a response drawn once, so a run is repeatable.
type randomServer struct {
	t       *rapid.T
	answers map[string]ServerResponse
}

func (s *randomServer) Serve(_ context.Context, req ServerRequest) (ServerResponse, error) {
	k := req.Method + " " + req.URL
	if r, ok := s.answers[k]; ok {
		return r, nil
	}
	r := genResponse.Draw(s.t, k)
	s.answers[k] = r
	return r, nil
}

// TestPropertyNeverPanics: no request and no server answer makes Fetch panic, and every result
// satisfies the invariants of checkResultInvariants.
func TestPropertyNeverPanics(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		b := NewBrowser(Spec)
		srv := &randomServer{t: t, answers: map[string]ServerResponse{}}
		for i := 0; i < 3; i++ {
			req := genRequest.Draw(t, "request")
			res := b.Fetch(context.Background(), req, srv)
			checkResultInvariants(t, req, res)
			b.Advance(time.Duration(rapid.IntRange(0, 10).Draw(t, "advance")) * time.Second)
		}
	})
}

// TestPropertyRequestHeadersListIsCanonical: Access-Control-Request-Headers is always
// lowercase, sorted, unique, comma-joined without spaces, and names exactly the CORS-unsafe
// headers of the request.
func TestPropertyRequestHeadersListIsCanonical(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		req := Request{Origin: pageOrigin, URL: "https://api.example/x", Method: genMethod.Draw(t, "method"),
			Headers: rapid.SliceOfN(genHeader, 0, 8).Draw(t, "headers")}
		srv := &randomServer{t: t, answers: map[string]ServerResponse{}}
		res := NewBrowser(Spec).Fetch(context.Background(), req, srv)
		for _, e := range res.Exchanges {
			if e.Kind != ExchangePreflight {
				continue
			}
			v, ok := e.Request.Header.Get("Access-Control-Request-Headers")
			if !ok {
				continue
			}
			names := strings.Split(v, ",")
			if !sort.StringsAreSorted(names) {
				t.Fatalf("not sorted: %q", v)
			}
			for i, n := range names {
				if n == "" || n != strings.ToLower(n) || strings.ContainsAny(n, " \t") {
					t.Fatalf("bad item %q in %q", n, v)
				}
				if i > 0 && names[i-1] == n {
					t.Fatalf("duplicate %q in %q", n, v)
				}
			}
		}
	})
}

// TestPropertySimpleRequestsNeverPreflight: a safelisted method with only safelisted headers
// never preflights unless the use-CORS-preflight flag is set.
func TestPropertySimpleRequestsNeverPreflight(t *testing.T) {
	safe := rapid.SampledFrom([]fetchspec.Header{
		{Name: "Accept", Value: "application/json"}, {Name: "Accept-Language", Value: "en-US,en;q=0.9"},
		{Name: "Content-Language", Value: "de"}, {Name: "Content-Type", Value: "text/plain;charset=UTF-8"},
		{Name: "Content-Type", Value: "application/x-www-form-urlencoded"}, {Name: "Range", Value: "bytes=0-"},
	})
	rapid.Check(t, func(t *rapid.T) {
		flag := rapid.Bool().Draw(t, "flag")
		req := Request{Origin: pageOrigin, URL: "https://api.example/x",
			Method:  rapid.SampledFrom([]string{"GET", "HEAD", "POST", "get", "post"}).Draw(t, "method"),
			Headers: rapid.SliceOfN(safe, 0, 5).Draw(t, "headers"), UseCORSPreflight: flag,
			Credentials: rapid.SampledFrom([]Credentials{CredentialsOmit, CredentialsInclude}).Draw(t, "cred")}
		srv := &randomServer{t: t, answers: map[string]ServerResponse{}}
		res := NewBrowser(Spec).Fetch(context.Background(), req, srv)
		if res.Outcome == TypeError {
			t.Fatalf("a simple request was refused: %s", res.Reason)
		}
		first := res.Exchanges[0]
		if got := first.Kind == ExchangePreflight; got != flag {
			t.Fatalf("preflight %v with use-CORS-preflight %v", got, flag)
		}
	})
}

// TestPropertyCredentialedNeverPassesWildcard: with credentials "include", no response whose
// Access-Control-Allow-Origin is * is ever readable.
func TestPropertyCredentialedNeverPassesWildcard(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		method := rapid.SampledFrom([]string{"GET", "POST", "PUT", "DELETE"}).Draw(t, "method")
		extra := rapid.SliceOfN(genResponseHeader, 0, 4).Draw(t, "extra")
		header := append(fetchspec.HeaderList{{Name: "Access-Control-Allow-Origin", Value: "*"}}, extra...)
		header = append(header, fetchspec.Header{Name: "Access-Control-Allow-Credentials", Value: "true"})
		srv := mustServer(t, Route{URL: "https://api.example/x", Response: ServerResponse{Status: 200, Header: header}})
		req := Request{Origin: pageOrigin, URL: "https://api.example/x", Method: method, Credentials: CredentialsInclude,
			Headers: rapid.SliceOfN(genHeader, 0, 3).Draw(t, "headers")}
		if res := NewBrowser(Spec).Fetch(context.Background(), req, srv); res.Outcome == OK {
			t.Fatalf("credentialed %s passed with ACAO *: %+v", method, res.Response)
		}
	})
}

// TestPropertyNothingServedAfterMaxAge: once Max-Age seconds have passed, the next identical
// request is preflighted again, and before that it is not.
func TestPropertyNothingServedAfterMaxAge(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		maxAge := rapid.IntRange(0, 100000).Draw(t, "maxAge")
		srv := mustServer(t,
			route("OPTIONS", "https://api.example/x", 204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "PUT",
				"Access-Control-Max-Age", fmt.Sprint(maxAge)),
			route("PUT", "https://api.example/x", 200, "Access-Control-Allow-Origin", "*"))
		b := NewBrowser(Spec)
		req := Request{Origin: pageOrigin, URL: "https://api.example/x", Method: "PUT"}
		b.Fetch(context.Background(), req, srv)
		before := rapid.Int64Range(0, int64(maxAge)*int64(time.Second)).Draw(t, "before")
		b.Advance(time.Duration(before))
		got := b.Fetch(context.Background(), req, srv).Preflighted()
		if want := before == int64(maxAge)*int64(time.Second); got != want {
			t.Fatalf("Max-Age %d s, %v later: preflighted %v, want %v", maxAge, time.Duration(before), got, want)
		}
	})
}

// TestPropertyDeterministic: two fresh browsers give identical results for the same sequence.
func TestPropertyDeterministic(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		reqs := rapid.SliceOfN(genRequest, 1, 4).Draw(t, "requests")
		srv := &randomServer{t: t, answers: map[string]ServerResponse{}}
		var runs [2][]Result
		for i := range runs {
			b := NewBrowser(Spec)
			for _, r := range reqs {
				runs[i] = append(runs[i], b.Fetch(context.Background(), r, srv))
				b.Advance(2 * time.Second)
			}
		}
		if diff := cmp.Diff(runs[0], runs[1]); diff != "" {
			t.Fatalf("runs differ:\n%s", diff)
		}
	})
}
