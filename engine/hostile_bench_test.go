package engine

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/corsim/corsim/fetchspec"
)

// BenchmarkHostile runs hostile inputs at two sizes each; the time ratio between the two sizes
// shows the work stays linear in the input (BENCHMARKS.md reports the ratios). Run with:
//
//	go test -run='^$' -bench=Hostile -benchmem -count=10 ./engine/
func BenchmarkHostile(b *testing.B) {
	ctx := context.Background()
	run := func(b *testing.B, req Request, srv Server) {
		br := NewBrowser(Spec, WithoutTrace())
		b.ReportAllocs()
		for b.Loop() {
			br.Fetch(ctx, req, srv)
		}
	}
	// A request header value of n bytes (not safelisted: it is preflighted and sent).
	for _, n := range []int{512 << 10, 1 << 20} {
		b.Run(fmt.Sprintf("HeaderValue/%dKiB", n>>10), func(b *testing.B) {
			srv := mustServer(b,
				route("OPTIONS", x, 204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Headers", "X-Big"),
				route("GET", x, 200, "Access-Control-Allow-Origin", "*"))
			run(b, Request{Origin: pageOrigin, URL: x, Headers: hl("X-Big", strings.Repeat("a", n))}, srv)
		})
	}
	// An Access-Control-Allow-Headers list of n names; the request's header is the last one.
	for _, n := range []int{5000, 10000} {
		b.Run(fmt.Sprintf("AllowHeadersList/%d", n), func(b *testing.B) {
			names := make([]string, n)
			for i := range names {
				names[i] = fmt.Sprintf("X-H%d", i)
			}
			srv := mustServer(b,
				route("OPTIONS", x, 204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Headers", strings.Join(names, ", ")),
				route("GET", x, 200, "Access-Control-Allow-Origin", "*"))
			run(b, Request{Origin: pageOrigin, URL: x, Headers: hl(names[n-1], "1")}, srv)
		})
	}
	// n request headers, all allowed by name.
	for _, n := range []int{5000, 10000} {
		b.Run(fmt.Sprintf("RequestHeaders/%d", n), func(b *testing.B) {
			var h fetchspec.HeaderList
			var names []string
			for i := 0; i < n; i++ {
				name := fmt.Sprintf("X-H%d", i)
				h = append(h, fetchspec.Header{Name: name, Value: "1"})
				names = append(names, name)
			}
			srv := mustServer(b,
				route("OPTIONS", x, 204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Headers", strings.Join(names, ",")),
				route("GET", x, 200, "Access-Control-Allow-Origin", "*"))
			run(b, Request{Origin: pageOrigin, URL: x, Headers: h}, srv)
		})
	}
	// A redirect chain of n hops.
	for _, n := range []int{10, 20} {
		b.Run(fmt.Sprintf("RedirectChain/%d", n), func(b *testing.B) {
			var routes []Route
			for i := 0; i < n; i++ {
				routes = append(routes, route("GET", fmt.Sprintf("%s/r%d", apiURL, i), 302, "Location", fmt.Sprintf("%s/r%d", apiURL, i+1), "Access-Control-Allow-Origin", pageOrigin))
			}
			routes = append(routes, route("GET", fmt.Sprintf("%s/r%d", apiURL, n), 200, "Access-Control-Allow-Origin", pageOrigin))
			run(b, Request{Origin: pageOrigin, URL: apiURL + "/r0"}, mustServer(b, routes...))
		})
	}
}

// BenchmarkDistinctURLs makes n preflighted fetches to n distinct URLs on one session whose
// preflight cache holds at most 1,000 records, and reports the live heap after them: it stays
// flat as n grows, because the cache evicts and the parse memo is bounded. Run with:
//
//	go test -run='^$' -bench=DistinctURLs -benchtime=1x ./engine/
func BenchmarkDistinctURLs(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			p := Spec
			p.Cache.Capacity = 1000
			srv := wildcardServer{}
			ctx := context.Background()
			for b.Loop() {
				br := NewBrowser(p, WithoutTrace())
				for i := 0; i < n; i++ {
					res := br.Fetch(ctx, Request{Origin: pageOrigin, URL: fmt.Sprintf("%s/items/%d", apiURL, i), Method: "PUT"}, srv)
					if res.Outcome != OK {
						b.Fatalf("fetch %d: %s", i, res.Reason)
					}
				}
				runtime.GC()
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				b.ReportMetric(float64(m.HeapAlloc)/(1<<20), "heap-MiB")
				b.ReportMetric(float64(len(br.PreflightCache())), "cache-entries")
			}
		})
	}
}

// wildcardServer allows every preflight and request from any origin, at any URL.
type wildcardServer struct{}

func (wildcardServer) Serve(_ context.Context, req ServerRequest) (ServerResponse, error) {
	if req.Method == "OPTIONS" {
		return ServerResponse{Status: 204, Header: fetchspec.HeaderList{{Name: "Access-Control-Allow-Origin", Value: "*"},
			{Name: "Access-Control-Allow-Methods", Value: "PUT"}, {Name: "Access-Control-Max-Age", Value: "600"}}}, nil
	}
	return ServerResponse{Status: 200, Header: fetchspec.HeaderList{{Name: "Access-Control-Allow-Origin", Value: "*"}}}, nil
}
