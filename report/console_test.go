package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/corsim/corsim/browsers"
)

// TestExplainShowsEachBrowsersConsole: corsim explain gives, per browser, the console lines and
// the rejection text that browser shows for a blocked fetch, in text and JSON.
func TestExplainShowsEachBrowsersConsole(t *testing.T) {
	want := map[string][]string{
		"chromium": {"Access to fetch at 'https://api.example/public' from origin 'https://app.example' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource."},
		"firefox":  {"Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example/public. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200."},
		"webkit": {"Origin https://app.example is not allowed by Access-Control-Allow-Origin. Status code: 200",
			"Fetch API cannot load https://api.example/public due to access control checks."},
	}
	rejections := map[string]string{"chromium": "TypeError: Failed to fetch", "firefox": "TypeError: NetworkError when attempting to fetch resource.", "webkit": "TypeError: Load failed"}
	run := blockedRun(t, browsers.Chromium, browsers.Firefox, browsers.WebKit)

	var js bytes.Buffer
	if err := Explain(&js, run, Options{Format: FormatJSON}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Scenarios []struct {
			Browsers []struct {
				Browser string `json:"name"`
				Fetches []struct {
					Console   []string `json:"console"`
					Rejection string   `json:"rejection"`
				} `json:"fetches"`
			} `json:"browsers"`
		} `json:"scenarios"`
	}
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	got, gotRej := map[string][]string{}, map[string]string{}
	for _, b := range doc.Scenarios[0].Browsers {
		got[b.Browser] = b.Fetches[0].Console
		gotRej[b.Browser] = b.Fetches[0].Rejection
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("console lines (-want +got):\n%s", d)
	}
	if d := cmp.Diff(rejections, gotRej); d != "" {
		t.Errorf("rejections (-want +got):\n%s", d)
	}

	var text bytes.Buffer
	if err := Explain(&text, run, Options{}); err != nil {
		t.Fatal(err)
	}
	for browser, rej := range rejections {
		for _, s := range []string{"Console (" + browser + "):", "The page sees: " + rej} {
			if !strings.Contains(text.String(), s) {
				t.Errorf("text explain lacks %q", s)
			}
		}
	}
}
