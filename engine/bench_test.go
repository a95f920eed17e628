package engine

import (
	"context"
	"fmt"
	"testing"
)

// Benchmarks for Fetch. Run with:
//
//	go test -run='^$' -bench=. -benchmem -count=10 ./engine/
func benchFetch(b *testing.B, opts []Option, req Request, srv Server, warm bool) {
	br := NewBrowser(Spec, opts...)
	ctx := context.Background()
	if warm {
		br.Fetch(ctx, req, srv)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		br.Fetch(ctx, req, srv)
	}
}

func benchServer(b *testing.B) *StaticServer {
	return mustServer(b,
		route("GET", x, 200, "Access-Control-Allow-Origin", "*", "Content-Type", "application/json"),
		route("GET", apiURL+"/blocked", 200, "Content-Type", "application/json"),
		route("OPTIONS", x, 204, "Access-Control-Allow-Origin", pageOrigin, "Access-Control-Allow-Methods", "PUT",
			"Access-Control-Allow-Headers", "Content-Type", "Access-Control-Max-Age", "600"),
		route("PUT", x, 200, "Access-Control-Allow-Origin", pageOrigin),
		route("OPTIONS", apiURL+"/nocache", 204, "Access-Control-Allow-Origin", pageOrigin, "Access-Control-Allow-Methods", "PUT",
			"Access-Control-Allow-Headers", "Content-Type", "Access-Control-Max-Age", "0"),
		route("PUT", apiURL+"/nocache", 200, "Access-Control-Allow-Origin", pageOrigin),
	)
}

func BenchmarkFetch(b *testing.B) {
	srv := benchServer(b)
	put := func(url string) Request {
		return Request{Origin: pageOrigin, URL: url, Method: "PUT", Headers: hl("Content-Type", "application/json")}
	}
	cases := []struct {
		name string
		req  Request
		warm bool
	}{
		{"SimpleAllowed", Request{Origin: pageOrigin, URL: x}, false},
		{"SimpleBlocked", Request{Origin: pageOrigin, URL: apiURL + "/blocked"}, false},
		{"PreflightCacheMiss", put(apiURL + "/nocache"), false},
		{"PreflightCacheHit", put(x), true},
	}
	for _, tc := range cases {
		b.Run(tc.name+"/Trace", func(b *testing.B) { benchFetch(b, nil, tc.req, srv, tc.warm) })
		b.Run(tc.name+"/NoTrace", func(b *testing.B) { benchFetch(b, []Option{WithoutTrace()}, tc.req, srv, tc.warm) })
	}
}

func BenchmarkFetchRedirectChain(b *testing.B) {
	var routes []Route
	for i := 0; i < 5; i++ {
		routes = append(routes, route("GET", fmt.Sprintf("%s/r%d", apiURL, i), 302, "Location", fmt.Sprintf("%s/r%d", apiURL, i+1), "Access-Control-Allow-Origin", pageOrigin))
	}
	routes = append(routes, route("GET", apiURL+"/r5", 200, "Access-Control-Allow-Origin", pageOrigin))
	srv := mustServer(b, routes...)
	req := Request{Origin: pageOrigin, URL: apiURL + "/r0"}
	b.Run("Trace", func(b *testing.B) { benchFetch(b, nil, req, srv, false) })
	b.Run("NoTrace", func(b *testing.B) { benchFetch(b, []Option{WithoutTrace()}, req, srv, false) })
}

func BenchmarkFetchParallel(b *testing.B) {
	srv := benchServer(b)
	br := NewBrowser(Spec, WithoutTrace())
	req := Request{Origin: pageOrigin, URL: x, Method: "PUT", Headers: hl("Content-Type", "application/json")}
	br.Fetch(context.Background(), req, srv)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			br.Fetch(context.Background(), req, srv)
		}
	})
}
