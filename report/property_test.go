package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/corsim/corsim/engine"
	"github.com/corsim/corsim/scenario"
	"pgregory.net/rapid"
)

var (
	genOrigins  = []string{"https://app.example", "null", "http://localhost:3000", "https://api.example"}
	genURLs     = []string{"https://api.example/x", "https://api.example/y", "https://other.example/z", "/local", "https://api.example/down", "ftp://f.example/", "ht tp://bad", "https://u:p@api.example/"}
	genMethods  = []string{"", "GET", "POST", "PUT", "patch", "DELETE", "TRACE", "GET,POST", "OPTIONS"}
	genHeaders  = []string{"Content-Type", "X-Trace", "Authorization", "Accept", "Cookie", "Bad Name"}
	genValues   = []string{"application/json", "text/plain", "1", "", "a\x00b", "k;1#<b>&\"'"}
	genModes    = []engine.Mode{"", engine.ModeCORS, engine.ModeNoCORS, engine.ModeSameOrigin, "navigate"}
	genCreds    = []engine.Credentials{"", engine.CredentialsOmit, engine.CredentialsInclude}
	genRedirect = []engine.Redirect{"", engine.RedirectFollow, engine.RedirectError, engine.RedirectManual}
	genBodies   = []engine.Body{engine.BodyNone, engine.BodyText, engine.BodyStream, engine.BodyForm}
	genRespHdrs = [][]string{
		{"Access-Control-Allow-Origin", "https://app.example"},
		{"Access-Control-Allow-Origin", "*"},
		{"Access-Control-Allow-Origin", "null"},
		{"Access-Control-Allow-Credentials", "true"},
		{"Access-Control-Allow-Methods", "GET, PUT, patch"},
		{"Access-Control-Allow-Headers", "Content-Type, X-Trace"},
		{"Access-Control-Allow-Headers", "*"},
		{"Access-Control-Max-Age", "60"},
		{"Access-Control-Expose-Headers", "X-Trace"},
		{"Location", "https://other.example/z"},
		{"Location", "/y"},
		{"X-Trace", "t-1"},
	}
	genStatuses = []int{200, 204, 301, 302, 403, 500}
)

// genRun draws a random scenario and runs it with the real engine against a random server.
func genRun(t *rapid.T, tb testing.TB) *scenario.Run {
	var routes []engine.Route
	for _, u := range []string{"https://api.example/x", "https://api.example/y", "https://other.example/z"} {
		for _, m := range []string{"OPTIONS", ""} {
			if !rapid.Bool().Draw(t, "route") {
				continue
			}
			var resp engine.ServerResponse
			resp.Status = rapid.SampledFrom(genStatuses).Draw(t, "status")
			for _, h := range rapid.SliceOfN(rapid.SampledFrom(genRespHdrs), 0, 5).Draw(t, "resp-headers") {
				resp.Header.Append(h[0], h[1])
			}
			routes = append(routes, engine.Route{Method: m, URL: u, Response: resp})
		}
	}
	static, err := engine.NewStaticServer(routes...)
	if err != nil {
		tb.Fatal(err)
	}
	srv := downServer{StaticServer: static, down: "https://api.example/down"}
	s := &scenario.Scenario{
		File:        rapid.String().Draw(t, "file"),
		Title:       rapid.String().Draw(t, "title"),
		Description: rapid.String().Draw(t, "description"),
		Origin:      rapid.SampledFrom(genOrigins).Draw(t, "origin"),
	}
	if rapid.Bool().Draw(t, "iframe") {
		s.TopLevelOrigin = "https://portal.example"
	}
	n := rapid.IntRange(1, 4).Draw(t, "fetches")
	for i := 0; i < n; i++ {
		req := engine.Request{
			URL:              rapid.SampledFrom(genURLs).Draw(t, "url"),
			Method:           rapid.SampledFrom(genMethods).Draw(t, "method"),
			Mode:             rapid.SampledFrom(genModes).Draw(t, "mode"),
			Credentials:      rapid.SampledFrom(genCreds).Draw(t, "credentials"),
			Redirect:         rapid.SampledFrom(genRedirect).Draw(t, "redirect"),
			Body:             rapid.SampledFrom(genBodies).Draw(t, "body"),
			UseCORSPreflight: rapid.Bool().Draw(t, "flag"),
		}
		for j := rapid.IntRange(0, 2).Draw(t, "headers"); j > 0; j-- {
			req.Headers.Append(rapid.SampledFrom(genHeaders).Draw(t, "h"), rapid.SampledFrom(genValues).Draw(t, "v"))
		}
		f := scenario.Fetch{
			Name:    rapid.String().Draw(t, "name"),
			Advance: time.Duration(rapid.IntRange(0, 120).Draw(t, "advance")) * time.Second,
			Request: req,
			Pos:     scenario.Position{File: s.File, Line: i + 3, Col: 5},
		}
		if rapid.Bool().Draw(t, "expect") {
			f.Expect = &scenario.Expect{
				Outcome: ptr(rapid.SampledFrom([]engine.Outcome{engine.OK, engine.NetworkError, engine.TypeError}).Draw(t, "want-outcome")),
				Pos:     scenario.Position{File: s.File, Line: i + 4, Col: 7},
			}
		}
		s.Fetches = append(s.Fetches, f)
	}
	return simulate(tb, s, srv)
}

// hasRawControl reports a control character other than a line break (and, with colour, ESC),
// which would let a scenario file move a terminal's cursor.
func hasRawControl(s string, allowEsc bool) bool {
	for _, r := range s {
		if r == '\n' || (allowEsc && r == '\x1b') {
			continue
		}
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return true
		}
	}
	return false
}

// checkAll renders the runs in every command and format and checks the invariants every
// output must keep, whatever the scenario holds.
func checkAll(t testing.TB, runs []*scenario.Run, root *schema) {
	rows := 0
	failedScenarios := 0
	for _, r := range runs {
		for _, b := range r.Browsers {
			rows += len(b.Fetches)
		}
		if !r.Passed() {
			failedScenarios++
		}
	}
	render := func(name string, f func(*bytes.Buffer) error) string {
		var b bytes.Buffer
		if err := f(&b); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return b.String()
	}

	// Text: one row per fetch per browser, no raw control characters, colour adds only escapes.
	for _, cmd := range []string{"run", "test", "explain"} {
		call := func(b *bytes.Buffer, o Options) error {
			switch cmd {
			case "run":
				return Run(b, runs, o)
			case "test":
				return Test(b, runs, o)
			}
			return Explain(b, runs[0], o)
		}
		plain := render(cmd, func(b *bytes.Buffer) error { return call(b, Options{}) })
		color := render(cmd+" color", func(b *bytes.Buffer) error { return call(b, Options{Color: true}) })
		if hasRawControl(plain, false) || hasRawControl(color, true) {
			t.Fatalf("%s: raw control characters in text output:\n%q", cmd, plain)
		}
		if stripped := ansi.ReplaceAllString(color, ""); stripped != plain {
			t.Fatalf("%s: colour changes more than escapes:\n%q\n%q", cmd, plain, stripped)
		}
		switch cmd {
		case "run":
			if got := strings.Count(plain, "\n"); got != rows+1 {
				t.Fatalf("run: %d lines for %d rows:\n%s", got, rows, plain)
			}
		case "test":
			lines := strings.Split(strings.TrimSuffix(plain, "\n"), "\n")
			want := fmt.Sprintf("%d passed, %d failed", len(runs)-failedScenarios, failedScenarios)
			if lines[len(lines)-1] != want {
				t.Fatalf("test: last line %q, want %q", lines[len(lines)-1], want)
			}
		}
		md := render(cmd+" md", func(b *bytes.Buffer) error { return call(b, Options{Format: FormatMarkdown}) })
		if hasRawControl(md, false) {
			t.Fatalf("%s: raw control characters in markdown", cmd)
		}
		if cmd == "run" {
			// Every table line has the header's number of unescaped pipes.
			lines := strings.Split(strings.TrimSuffix(md, "\n"), "\n")
			want := strings.Count(lines[0], "|")
			for _, l := range lines {
				if got := strings.Count(l, "|") - strings.Count(l, `\|`); got != want {
					t.Fatalf("run markdown: %d cells separators, want %d, in %q", got, want, l)
				}
			}
		}

		// JSON: valid, documented fields only, one fetch entry per fetch per browser.
		js := render(cmd+" json", func(b *bytes.Buffer) error { return call(b, Options{Format: FormatJSON}) })
		var val any
		if err := json.Unmarshal([]byte(js), &val); err != nil {
			t.Fatalf("%s: invalid JSON: %v", cmd, err)
		}
		v := &validator{root: root, seen: map[string]bool{}}
		if err := v.validate(cmd, root, val, ""); err != nil {
			t.Fatalf("%s: %v", cmd, err)
		}
		var doc jsonDoc
		if err := json.Unmarshal([]byte(js), &doc); err != nil {
			t.Fatal(err)
		}
		if doc.Command != cmd {
			t.Fatalf("command %q, want %q", doc.Command, cmd)
		}
		if cmd != "explain" {
			n := 0
			for si, sc := range doc.Scenarios {
				if sc.Passed != runs[si].Passed() {
					t.Fatalf("scenario %d: passed %v, want %v", si, sc.Passed, runs[si].Passed())
				}
				for _, b := range sc.Browsers {
					for _, f := range b.Fetches {
						n++
						if want := map[string]string{"ok": "allowed", "network-error": "blocked", "type-error": "refused"}[f.Outcome]; f.Verdict != want {
							t.Fatalf("verdict %q for outcome %q", f.Verdict, f.Outcome)
						}
					}
				}
			}
			if n != rows {
				t.Fatalf("%s: %d fetch entries, want %d", cmd, n, rows)
			}
		}
	}

	// Diagrams: well-formed SVG; Mermaid lines are statements, one per line.
	for _, r := range runs {
		for _, b := range r.Browsers {
			svg := render("svg", func(buf *bytes.Buffer) error { return SVG(buf, r, b.Profile.Name) })
			if err := checkXML([]byte(svg)); err != nil {
				t.Fatalf("svg: %v\n%s", err, svg)
			}
			mmd := render("mermaid", func(buf *bytes.Buffer) error { return Mermaid(buf, r, b.Profile.Name) })
			lines := strings.Split(strings.TrimSuffix(mmd, "\n"), "\n")
			if lines[0] != "sequenceDiagram" {
				t.Fatalf("mermaid starts with %q", lines[0])
			}
			for _, l := range lines[1:] {
				m := mermaidStatement.FindStringSubmatch(l)
				if m == nil {
					t.Fatalf("mermaid: not a statement: %q", l)
				}
				label := mermaidEntity.ReplaceAllString(strings.ReplaceAll(m[1], "<br/>", ""), "")
				if hasRawControl(l, false) || strings.ContainsAny(label, ";#<>\n") || strings.TrimSpace(m[1]) == "" {
					t.Fatalf("mermaid: unescaped syntax or empty label in %q", l)
				}
			}
		}
	}
}

var (
	mermaidStatement = regexp.MustCompile(`^    (?:title |participant \w+ as |Note over \w+(?:,\w+)?: |\w+(?:->>|-->>|--x)\w+: )(.*)$`)
	mermaidEntity    = regexp.MustCompile(`#[0-9a-z]+;`)
)

func TestPropertyRenderings(t *testing.T) {
	root := loadSchema(t)
	rapid.Check(t, func(rt *rapid.T) {
		runs := []*scenario.Run{genRun(rt, t)}
		if rapid.Bool().Draw(rt, "second") {
			runs = append(runs, genRun(rt, t))
		}
		checkAll(t, runs, root)
	})
}
