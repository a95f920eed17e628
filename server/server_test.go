package server

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/corsim/corsim/browsers"
	"github.com/corsim/corsim/engine"
	"github.com/corsim/corsim/fetchspec"
)

// api answers like a typical CORS middleware: preflights for PUT from app.example, and the
// items themselves; /old redirects to /items.
func api() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/old" {
			w.Header().Set("Access-Control-Allow-Origin", "*")
			http.Redirect(w, r, "/items", http.StatusFound)
			return
		}
		if o := r.Header.Get("Origin"); o == "https://app.example" {
			w.Header().Set("Access-Control-Allow-Origin", o)
			w.Header().Add("Vary", "Origin")
		}
		if r.Method == http.MethodOptions {
			w.Header().Set("Access-Control-Allow-Methods", "GET, PUT")
			w.Header().Set("Access-Control-Allow-Headers", "Content-Type")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Secret", "1")
		w.Write([]byte(`{"ok":true}`))
	})
}

// seen is what the handler received, for comparison.
type seen struct {
	Method, URL, Host, RemoteAddr, Body string
	Header                              http.Header
}

// TestHandlerSeesWhatTheBrowserSends: the handler gets the preflight and the request exactly as
// the engine's Chromium sends them.
func TestHandlerSeesWhatTheBrowserSends(t *testing.T) {
	var got []seen
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b := make([]byte, 64)
		n, _ := r.Body.Read(b)
		got = append(got, seen{r.Method, r.URL.String(), r.Host, r.RemoteAddr, string(b[:n]), r.Header.Clone()})
		api().ServeHTTP(w, r)
	})
	res := engine.NewBrowser(browsers.Chromium).Fetch(context.Background(), engine.Request{
		Origin: "https://app.example", URL: "https://api.example/items/7", Method: "PUT",
		Headers: fetchspec.HeaderList{{Name: "Content-Type", Value: "application/json"}}, Body: engine.BodyText,
	}, Handler(h))
	if res.Outcome != engine.OK {
		t.Fatalf("outcome %s (%s)", res.Outcome, res.Reason)
	}
	fetchMeta := func(mode string) []string { return []string{"empty", mode, "cross-site"} }
	want := []seen{
		{Method: "OPTIONS", URL: "https://api.example/items/7", Host: "api.example", RemoteAddr: RemoteAddr, Header: http.Header{
			"Accept": {"*/*"}, "Access-Control-Request-Method": {"PUT"}, "Access-Control-Request-Headers": {"content-type"},
			"Origin": {"https://app.example"}, "Sec-Fetch-Dest": fetchMeta("cors")[:1], "Sec-Fetch-Mode": {"cors"}, "Sec-Fetch-Site": {"cross-site"}}},
		{Method: "PUT", URL: "https://api.example/items/7", Host: "api.example", RemoteAddr: RemoteAddr, Body: "corsim", Header: http.Header{
			"Content-Type": {"application/json"}, "Accept": {"*/*"}, "Origin": {"https://app.example"},
			"Sec-Fetch-Dest": {"empty"}, "Sec-Fetch-Mode": {"cors"}, "Sec-Fetch-Site": {"cross-site"}}},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("requests the handler saw (-want +got):\n%s", d)
	}
}

// summary is the part of a result that must not depend on how the server is reached.
type summary struct {
	Outcome   engine.Outcome
	Reason    engine.Reason
	Statuses  []int
	CORS      []string
	Readable  []string
	Warnings  []engine.Warning
	Preflight bool
}

func summarize(r engine.Result) summary {
	s := summary{Outcome: r.Outcome, Reason: r.Reason, Readable: r.Response.HeaderNames, Warnings: r.Warnings, Preflight: r.Preflighted()}
	for _, e := range r.Exchanges {
		s.Statuses = append(s.Statuses, e.Response.Status)
		for _, h := range e.Response.Header {
			if strings.HasPrefix(strings.ToLower(h.Name), "access-control-") || h.Name == "Location" || h.Name == "Vary" {
				s.CORS = append(s.CORS, h.Name+": "+h.Value)
			}
		}
	}
	return s
}

// TestLiveAndHandlerAgree: the same handler reached in process and over HTTP gives the same
// verdicts, exchanges and readable headers in every profile: one engine code path.
func TestLiveAndHandlerAgree(t *testing.T) {
	ts := httptest.NewServer(api())
	defer ts.Close()
	liveSrv, err := Live(ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	requests := []engine.Request{
		{Origin: "https://app.example", URL: "https://api.example/items/7", Method: "PUT", Headers: fetchspec.HeaderList{{Name: "Content-Type", Value: "application/json"}}, Body: engine.BodyText},
		{Origin: "https://app.example", URL: "https://api.example/items/7"},
		{Origin: "https://evil.example", URL: "https://api.example/items/7"},
		{Origin: "https://app.example", URL: "https://api.example/items/7", Method: "DELETE"},
		{Origin: "https://app.example", URL: "https://api.example/old"},
	}
	for _, p := range browsers.All {
		for i, req := range requests {
			a := summarize(engine.NewBrowser(p).Fetch(context.Background(), req, Handler(api())))
			b := summarize(engine.NewBrowser(p).Fetch(context.Background(), req, liveSrv))
			if d := cmp.Diff(a, b); d != "" {
				t.Errorf("%s, request %d: handler vs live (-handler +live):\n%s", p.Name, i, d)
			}
		}
	}
	// The redirect was followed by the engine, not by net/http: two exchanges.
	res := engine.NewBrowser(engine.Spec).Fetch(context.Background(), requests[4], liveSrv)
	if got := summarize(res).Statuses; !cmp.Equal(got, []int{302, 200}) {
		t.Errorf("redirect exchanges: %v, want [302 200]", got)
	}
}

// TestLiveFailures: a server that does not answer in time, one that sends too much, and bad
// base URLs are errors naming what went wrong, never hangs or panics.
func TestLiveFailures(t *testing.T) {
	block := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
	defer block.Close()
	big := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(make([]byte, 2048))
	}))
	defer big.Close()
	req := engine.ServerRequest{Method: "GET", URL: "https://api.example/x"}

	slow, _ := Live(block.URL, Timeout(50*time.Millisecond))
	start := time.Now()
	if _, err := slow.Serve(context.Background(), req); err == nil || !strings.Contains(err.Error(), "no answer within") {
		t.Errorf("blocked server: err = %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the timeout took %s", d)
	}
	capped, _ := Live(big.URL, MaxResponseBytes(1024))
	if _, err := capped.Serve(context.Background(), req); err == nil || !strings.Contains(err.Error(), "1024-byte cap") {
		t.Errorf("big body: err = %v", err)
	}
	for _, base := range []string{"ftp://x", "http://", "http://u:p@x", "http://x/?q", "http://x/#f", "::"} {
		if _, err := Live(base); err == nil || !strings.Contains(err.Error(), base) {
			t.Errorf("Live(%q): err = %v, want one naming it", base, err)
		}
	}
}

// TestHandlerFailures: a panicking handler and a header value with CR/LF are errors, which the
// engine reports as server-unreachable.
func TestHandlerFailures(t *testing.T) {
	panics := Handler(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	res := engine.NewBrowser(engine.Spec).Fetch(context.Background(), engine.Request{Origin: "https://app.example", URL: "https://api.example/x"}, panics)
	if res.Reason != engine.ServerUnreachable || !strings.Contains(res.Exchanges[0].Error, "panicked on GET https://api.example/x: boom") {
		t.Errorf("panic: reason %s, error %q", res.Reason, res.Exchanges[0].Error)
	}
	crlf := Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Header()["X-A"] = []string{"a\r\nb"} }))
	if _, err := crlf.Serve(context.Background(), engine.ServerRequest{Method: "GET", URL: "https://api.example/x"}); err == nil || !strings.Contains(err.Error(), "X-A") {
		t.Errorf("CR/LF header: err = %v", err)
	}
}

// TestHandlerKeepsEveryHeader: whatever header list the engine sends, the handler sees every
// (name, value) pair, in order for each name; and the answer it writes comes back whole.
func TestHandlerKeepsEveryHeader(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		names := []string{"X-A", "x-a", "X-B", "Accept", "X-Long-Name"}
		var l fetchspec.HeaderList
		for i, n := 0, rapid.IntRange(0, 8).Draw(t, "n"); i < n; i++ {
			l = append(l, fetchspec.Header{Name: rapid.SampledFrom(names).Draw(t, "name"), Value: rapid.StringMatching(`[a-z0-9 ,;=]{0,12}`).Draw(t, "value")})
		}
		var got http.Header
		srv := Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			got = r.Header
			for n, vs := range r.Header {
				for _, v := range vs {
					w.Header().Add("Echo-"+n, v)
				}
			}
		}))
		resp, err := srv.Serve(context.Background(), engine.ServerRequest{Method: "GET", URL: "http://h/", Header: l})
		if err != nil {
			t.Fatal(err)
		}
		want := http.Header{}
		for _, h := range l {
			want.Add(h.Name, h.Value)
		}
		if !cmp.Equal(want, got, cmp.Comparer(func(a, b http.Header) bool { return cmp.Equal(map[string][]string(a), map[string][]string(b)) })) && !(len(want) == 0 && len(got) == 0) {
			t.Fatalf("handler saw %v, want %v", got, want)
		}
		echoed := 0
		for _, h := range resp.Header {
			if strings.HasPrefix(h.Name, "Echo-") {
				echoed++
			}
		}
		if echoed != len(l) {
			t.Fatalf("echoed %d header lines, sent %d", echoed, len(l))
		}
	})
}
