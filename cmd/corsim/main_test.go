package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func corsim(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestExitCodes pins the documented exit codes and the first words of each message.
func TestExitCodes(t *testing.T) {
	type result struct {
		Code   int
		Stdout string // a substring stdout must contain ("" = anything)
		Stderr string // a substring stderr must contain ("" = anything)
	}
	tests := []struct {
		args []string
		want result
	}{
		{nil, result{2, "", "Usage:"}},
		{[]string{"frobnicate"}, result{2, "", `unknown command "frobnicate"`}},
		{[]string{"help"}, result{0, "Usage:", ""}},
		{[]string{"run", "--help"}, result{0, "Usage:", ""}},
		{[]string{"version"}, result{0, "corsim dev", ""}},
		{[]string{"run"}, result{2, "", "give at least one scenario file"}},
		{[]string{"run", "--format", "xml", "testdata/passing.yaml"}, result{2, "", `--format "xml"`}},
		{[]string{"run", "--diagram", "dot", "testdata/passing.yaml"}, result{2, "", `--diagram "dot"`}},
		{[]string{"run", "--browser", "netscape", "testdata/passing.yaml"}, result{2, "", `--browser "netscape": unknown profile; known: spec`}},
		{[]string{"run", "--bogus", "testdata/passing.yaml"}, result{2, "", "bogus"}},
		{[]string{"run", "testdata/malformed.yaml"}, result{2, "", "testdata/malformed.yaml:9:5: "}},
		{[]string{"run", "testdata/missing.yaml"}, result{2, "", "missing.yaml"}},
		{[]string{"run", "testdata/passing.yaml", "--no-color"}, result{0, "A PUT that passes", ""}},
		{[]string{"test", "testdata/passing.yaml"}, result{0, "1 passed, 0 failed", ""}},
		{[]string{"test", "testdata/passing.yaml", "testdata/failing.yaml"}, result{1, "1 passed, 1 failed", ""}},
		{[]string{"explain", "testdata/passing.yaml", "testdata/failing.yaml"}, result{2, "", "exactly one scenario file"}},
		{[]string{"explain", "testdata/passing.yaml"}, result{0, "https://fetch.spec.whatwg.org/#cors-preflight-fetch-0", ""}},
		{[]string{"demo", "nonexistent"}, result{2, "", `no single example matches "nonexistent"`}},
		{[]string{"demo", "07"}, result{0, "multiple-allow-origin", ""}},
		{[]string{"demo", "1"}, result{0, "", ""}},
		{[]string{"demo"}, result{0, "corsim demo 07", ""}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, stdout, stderr := corsim(tt.args...)
			got := result{code, tt.want.Stdout, tt.want.Stderr}
			if !strings.Contains(stdout, tt.want.Stdout) {
				got.Stdout = "(missing) " + stdout
			}
			if !strings.Contains(stderr, tt.want.Stderr) {
				got.Stderr = "(missing) " + stderr
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestMalformedFileNamesTheKey: the did-you-mean reaches the user.
func TestMalformedFileNamesTheKey(t *testing.T) {
	_, _, stderr := corsim("run", "testdata/malformed.yaml")
	if !strings.Contains(stderr, `"methd"`) || !strings.Contains(stderr, `"method"`) {
		t.Errorf("stderr does not name the typo and the suggestion:\n%s", stderr)
	}
}

// TestJSONOutputIsJSON: every command's JSON output is one JSON document with the schema tag.
func TestJSONOutputIsJSON(t *testing.T) {
	for _, cmd := range []string{"run", "explain", "test"} {
		code, stdout, stderr := corsim(cmd, "--format", "json", "testdata/passing.yaml")
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", cmd, code, stderr)
		}
		var doc struct {
			Schema  string `json:"schema"`
			Command string `json:"command"`
		}
		if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
			t.Fatalf("%s: not JSON: %v\n%s", cmd, err, stdout)
		}
		if doc.Schema != "corsim/v1" || doc.Command != cmd {
			t.Errorf("%s: schema %q command %q", cmd, doc.Schema, doc.Command)
		}
	}
}

// TestNoColorWhenNotATerminal: output to a buffer never carries ANSI escapes.
func TestNoColorWhenNotATerminal(t *testing.T) {
	_, stdout, _ := corsim("demo")
	if strings.Contains(stdout, "\x1b[") {
		t.Errorf("demo output to a non-terminal contains ANSI escapes")
	}
}

// TestDiagrams: --diagram adds a mermaid block or an SVG document to explain.
func TestDiagrams(t *testing.T) {
	_, mermaid, _ := corsim("explain", "--diagram", "mermaid", "testdata/passing.yaml")
	if !strings.Contains(mermaid, "sequenceDiagram") {
		t.Errorf("no mermaid sequence diagram in:\n%s", mermaid)
	}
	_, svg, _ := corsim("explain", "--diagram", "svg", "testdata/passing.yaml")
	if !strings.Contains(svg, "<svg") {
		t.Errorf("no SVG in:\n%s", svg)
	}
}

// TestServerFlagUsesALiveServer: --server sends the scenario's requests to a live server,
// whose answers decide the verdict; a bad URL is a usage error.
func TestServerFlagUsesALiveServer(t *testing.T) {
	calls := 0
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		if r.Method == http.MethodPut {
			w.Header().Set("Access-Control-Allow-Origin", "https://app.example")
			return
		}
		// The preflight is answered without Access-Control-Allow-Methods: PUT is refused.
		w.Header().Set("Access-Control-Allow-Origin", "https://app.example")
		w.WriteHeader(http.StatusNoContent)
	}))
	defer ts.Close()
	code, stdout, _ := corsim("test", "--no-color", "--browser", "chromium", "--server", ts.URL, "testdata/passing.yaml")
	if code != exitFailed || !strings.Contains(stdout, "outcome: want ok, got network-error") {
		t.Errorf("against a live server that refuses PUT: exit %d, output:\n%s", code, stdout)
	}
	if calls != 1 {
		t.Errorf("the live server saw %d requests, want 1 (the preflight)", calls)
	}
	if code, _, stderr := corsim("run", "--server", "ftp://x", "testdata/passing.yaml"); code != exitBadInput || !strings.Contains(stderr, `"ftp://x"`) {
		t.Errorf("bad --server: exit %d, stderr %q", code, stderr)
	}
}
