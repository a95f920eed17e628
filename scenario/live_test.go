package scenario

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/corsim/corsim/browsers"
	"github.com/corsim/corsim/engine"
)

// TestLiveServerURL: server.url sends every request to a live server, whose answers decide the
// verdicts; a bad URL, or one combined with routes, is an error at its position.
func TestLiveServerURL(t *testing.T) {
	var seen []string
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = append(seen, r.Method+" "+r.URL.Path)
		w.Header().Set("Access-Control-Allow-Origin", "https://app.example")
		w.Header().Set("Access-Control-Allow-Methods", "PUT")
		w.WriteHeader(http.StatusNoContent)
	}))
	defer ts.Close()
	s, err := Parse("live.yaml", []byte(fmt.Sprintf(`title: live
origin: https://app.example
server: {url: %q}
fetches:
  - url: https://api.example/prefix/items
    method: PUT
    expect: {outcome: ok, preflight: true, status: 204}
`, ts.URL+"/api")))
	if err != nil {
		t.Fatal(err)
	}
	run, err := Execute(context.Background(), s, []engine.Profile{browsers.Chromium}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !run.Passed() {
		t.Errorf("expectations failed: %+v", run.Browsers[0].Fetches[0].Failures)
	}
	if d := cmp.Diff([]string{"OPTIONS /api/prefix/items", "PUT /api/prefix/items"}, seen); d != "" {
		t.Errorf("requests the live server saw (-want +got):\n%s", d)
	}

	for _, tc := range []struct{ server, want string }{
		{`{url: "ftp://x"}`, `live.yaml:3:15: "url": live server URL "ftp://x": the scheme must be http or https`},
		{`{url: "http://x", routes: []}`, `"url" names a live server, which answers every request: it cannot be combined with routes or a policy`},
	} {
		_, err := Parse("live.yaml", []byte("title: live\norigin: https://app.example\nserver: "+tc.server+"\nfetches: [{url: /}]\n"))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("server %s: err = %v, want it to contain %q", tc.server, err, tc.want)
		}
	}
}

// TestUntrustedOrigin: a fetch marked untrusted that can read a credentialed response carries
// the untrusted-origin-credentials warning; without the mark it does not.
func TestUntrustedOrigin(t *testing.T) {
	src := `title: audit
origin: https://evil.example
server:
  routes:
    - url: https://api.example/me
      status: 200
      headers: ["Access-Control-Allow-Origin: https://evil.example", "Access-Control-Allow-Credentials: true", "Vary: Origin"]
fetches:
  - {url: https://api.example/me, credentials: include, untrusted: true}
  - {url: https://api.example/me, credentials: include}
`
	s, err := Parse("audit.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	run, err := Execute(context.Background(), s, []engine.Profile{browsers.Firefox}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got [][]engine.Warning
	for _, fr := range run.Browsers[0].Fetches {
		got = append(got, fr.Result.Warnings)
	}
	if d := cmp.Diff([][]engine.Warning{{engine.WarnUntrustedOriginCredentials}, nil}, got); d != "" {
		t.Errorf("warnings (-want +got):\n%s", d)
	}
}
