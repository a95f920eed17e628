package browser

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/corsim/corsim/browsers"
)

// labCorpus is a small corpus for the harness's own tests.
func labCorpus() []Case {
	return []Case{
		{Name: "t-put", About: "a preflighted PUT",
			Routes: []Route{
				{Method: "OPTIONS", Path: "/x", Status: 204, Header: [][2]string{{"Access-Control-Allow-Origin", "{page}"}, {"Access-Control-Allow-Methods", "PUT"}}},
				{Path: "/x", Status: 200, Header: [][2]string{{"Access-Control-Allow-Origin", "{page}"}, {"X-A", "1"}}},
			},
			Calls: []Call{{URL: "{api}{case}/x", Method: "PUT"}, {URL: "{api}{case}/x", Method: "PUT",
				Routes: []Route{{Path: "/x", Status: 500}}}}},
	}
}

// TestLabPlaysThePage drives the lab the way the runner page does (announce, fetch, report) with
// a plain HTTP client standing in for the browser, and checks what the lab records, the bytes
// it answers with, and that the engine's view of the same server answers alike.
func TestLabPlaysThePage(t *testing.T) {
	lab, err := StartLab(labCorpus())
	if err != nil {
		t.Fatal(err)
	}
	defer lab.Close()
	c := labCorpus()[0]
	page := lab.origins[Page]
	api := lab.Expand(c, "{api}{case}/x")

	// The runner page is served and names every call.
	body := get(t, "GET", lab.PageURL(), nil)
	if !strings.Contains(body, `"id":"t-put#1"`) || !strings.Contains(body, `"id":"t-put#2"`) {
		t.Fatalf("runner page does not list the calls:\n%s", body)
	}

	// Call 1: a preflight and the request, with the headers a browser would send.
	get(t, "POST", page+"/mark?id=t-put%231", nil)
	raw := rawExchange(t, api, "OPTIONS", [][2]string{{"Origin", page}, {"Access-Control-Request-Method", "PUT"}})
	wantRaw := "HTTP/1.1 204 No Content\r\nAccess-Control-Allow-Origin: " + page + "\r\nAccess-Control-Allow-Methods: PUT\r\n\r\n"
	if raw != wantRaw {
		t.Errorf("preflight answer bytes:\n%q\nwant\n%q", raw, wantRaw)
	}
	get(t, "PUT", api, [][2]string{{"Origin", page}})
	get(t, "POST", page+"/result", nil, strings.NewReader(`{"id":"t-put#1","ok":true,"status":200,"type":"cors","url":"`+api+`","headers":["Content-Length","cache-control"]}`))
	// Call 2: the server's answer changes for this call only.
	get(t, "POST", page+"/mark?id=t-put%232", nil)
	get(t, "PUT", api, [][2]string{{"Origin", page}})
	get(t, "POST", page+"/result", nil, strings.NewReader(`{"id":"t-put#2","ok":false,"error":"TypeError: Failed to fetch"}`))
	get(t, "POST", page+"/done", nil)
	select {
	case <-lab.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("the lab did not see /done")
	}

	obs, err := lab.observations([]ConsoleLine{{Text: "corsim-call t-put#1"}, {Text: "corsim-call t-put#2"}, {Text: "blocked"}})
	if err != nil {
		t.Fatal(err)
	}
	for i := range obs {
		obs[i].At = 0
	}
	// The lab keeps every header it received, the lab's origins contracted.
	goClientPUT := map[string]string{"Accept-Encoding": "gzip", "Content-Length": "0", "Origin": "{page}", "User-Agent": "Go-http-client/1.1"}
	want := []Observation{
		{ID: "t-put#1", Outcome: "ok", Status: 200, Type: "cors", URL: "{api}/c/t-put/x", Headers: []string{"cache-control", "content-length"}, Console: []string{},
			Requests: []SeenRequest{
				{Method: "OPTIONS", Target: "api /x", Origin: "{page}", ACRM: "PUT", ACRH: absent,
					Header: map[string]string{"Access-Control-Request-Method": "PUT", "Connection": "close", "Origin": "{page}"}},
				{Method: "PUT", Target: "api /x", Origin: "{page}", ACRM: absent, ACRH: absent, Header: goClientPUT}}},
		{ID: "t-put#2", Outcome: "rejected", Error: "TypeError: Failed to fetch", Headers: []string{}, Console: []string{"blocked"},
			Requests: []SeenRequest{{Method: "PUT", Target: "api /x", Origin: "{page}", ACRM: absent, ACRH: absent, Header: goClientPUT}}},
	}
	if d := cmp.Diff(want, obs); d != "" {
		t.Errorf("observations (-want +got):\n%s", d)
	}

	// The engine, replaying the same calls against the lab's answers, agrees: call 2 reuses the
	// cached preflight and fails on the 500 without Access-Control-Allow-Origin.
	model := lab.Replay(browsers.Chromium, obs)
	for i := range obs {
		if ds := Diff(obs[i], model[i]); len(ds) > 0 && !(i == 1 && len(ds) == 1 && strings.HasPrefix(ds[0], "console:")) {
			t.Errorf("%s: %v", obs[i].ID, ds)
		}
	}
}

// get sends one request and returns the body, failing the test on a transport error.
func get(t *testing.T, method, url string, h [][2]string, body ...io.Reader) string {
	t.Helper()
	var b io.Reader
	if len(body) > 0 {
		b = body[0]
	}
	req, err := http.NewRequest(method, url, b)
	if err != nil {
		t.Fatal(err)
	}
	for _, kv := range h {
		req.Header.Set(kv[0], kv[1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return string(out)
}

// rawExchange sends a request over a fresh connection and returns the response bytes as sent.
func rawExchange(t *testing.T, url, method string, h [][2]string) string {
	t.Helper()
	host, path, _ := strings.Cut(strings.TrimPrefix(url, "http://"), "/")
	conn, err := net.Dial("tcp", host)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "%s /%s HTTP/1.1\r\nHost: %s\r\n", method, path, host)
	for _, kv := range h {
		fmt.Fprintf(conn, "%s: %s\r\n", kv[0], kv[1])
	}
	fmt.Fprintf(conn, "Connection: close\r\n\r\n")
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	var sb strings.Builder
	br := bufio.NewReader(conn)
	for {
		line, err := br.ReadString('\n')
		sb.WriteString(line)
		if err != nil || line == "\r\n" {
			break
		}
	}
	return sb.String()
}

// TestDiffNamesEachField: Diff reports every field that differs, and nothing when the two
// agree; console lines count only when both sides have them.
func TestDiffNamesEachField(t *testing.T) {
	base := Observation{ID: "c#1", Outcome: "ok", Status: 200, Type: "cors", Headers: []string{"x-a"},
		Requests: []SeenRequest{{Method: "GET", Target: "api /x", Origin: "{page}", ACRM: absent, ACRH: absent}}}
	tests := []struct {
		name   string
		change func(o *Observation)
		want   []string
	}{
		{"same", func(o *Observation) {}, nil},
		{"status", func(o *Observation) { o.Status = 204 }, []string{"status: browser 200, engine 204"}},
		{"outcome", func(o *Observation) { o.Outcome = "rejected" }, []string{"outcome: browser ok, engine rejected"}},
		{"headers", func(o *Observation) { o.Headers = nil }, []string{"headers: browser [x-a], engine []"}},
		{"requests", func(o *Observation) { o.Requests = nil }, []string{"requests: browser [GET api /x origin={page} acrm=(none) acrh=(none)], engine [no requests]"}},
		{"console one side only", func(o *Observation) { o.Console = []string{"x"} }, nil},
	}
	for _, tt := range tests {
		m := base
		tt.change(&m)
		if d := cmp.Diff(tt.want, Diff(base, m)); d != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, d)
		}
	}
	b, m := base, base
	b.Console, m.Console = []string{"a"}, []string{"b"}
	if got := Diff(b, m); len(got) != 1 || !strings.HasPrefix(got[0], "console:") {
		t.Errorf("console difference: %v", got)
	}
}

// TestExclusionsCoverOnlyTheirField: an exclusion hides its own call and field, a case-wide one
// every call of the case, and nothing else; the repository's file loads and every entry is
// complete.
func TestExclusionsCoverOnlyTheirField(t *testing.T) {
	xs := []Exclusion{
		{Browser: "webkit", Call: "a#2", Field: "headers", Why: "w"},
		{Browser: "firefox", Call: "b", Field: "*", Why: "w"},
	}
	tests := []struct {
		browser, call, diff string
		want                bool
	}{
		{"webkit", "a#2", "headers: x", true},
		{"webkit", "a#2", "console: x", false},
		{"webkit", "a#1", "headers: x", false},
		{"chromium", "a#2", "headers: x", false},
		{"firefox", "b#7", "requests: x", true},
		{"firefox", "bb#1", "requests: x", false},
	}
	for _, tt := range tests {
		if got := excluded(xs, tt.browser, tt.call, tt.diff); got != tt.want {
			t.Errorf("excluded(%s, %s, %q) = %v, want %v", tt.browser, tt.call, tt.diff, got, tt.want)
		}
	}
	if _, err := LoadExclusions("exclusions.json"); err != nil {
		t.Error(err)
	}
}
