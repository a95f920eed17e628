package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/corsim/corsim/engine"
	"github.com/corsim/corsim/scenario"
	"github.com/google/go-cmp/cmp"
)

func TestSplitURL(t *testing.T) {
	tests := []struct {
		in, host, target string
	}{
		{"https://api.example/items/1", "api.example", "/items/1"},
		{"https://api.example", "api.example", "/"},
		{"https://api.example?q=1", "api.example", "/?q=1"},
		{"https://api.example:8443/a?b=c#frag", "api.example:8443", "/a?b=c"},
		{"https://user:pw@api.example/x", "api.example", "/x"},
		{"http://[::1]:8080/", "[::1]:8080", "/"},
		{"data:text/plain,hi", "", "data:text/plain,hi"},
		{"", "", ""},
	}
	for _, tt := range tests {
		host, target := splitURL(tt.in)
		if diff := cmp.Diff([2]string{tt.host, tt.target}, [2]string{host, target}); diff != "" {
			t.Errorf("splitURL(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestOriginOf(t *testing.T) {
	tests := map[string]string{
		"https://api.example/items/1":    "https://api.example",
		"https://api.example:8443/a?b#c": "https://api.example:8443",
		"http://u:p@h.example/":          "http://h.example",
		"data:text/plain,hi":             "data:",
		"no-scheme":                      "no-scheme",
		"https://api.example?only=query": "https://api.example",
	}
	for in, want := range tests {
		if diff := cmp.Diff(want, originOf(in)); diff != "" {
			t.Errorf("originOf(%q) (-want +got):\n%s", in, diff)
		}
	}
}

func TestClean(t *testing.T) {
	tests := map[string]string{
		"plain":              "plain",
		"café ✓":             "café ✓",
		"a\nb\tc\rd":         `a\nb\tc\rd`,
		"\x1b[31mred\x1b[0m": `\x1b[31mred\x1b[0m`,
		"nul\x00":            `nul\x00`,
		"bad\xffutf8":        "bad\uFFFDutf8",
		"c1\u0085":           `c1\x85`,
		"sep\u2028line":      `sep\u2028line`,
		"del\x7f":            `del\x7f`,
		"":                   "",
	}
	for in, want := range tests {
		if diff := cmp.Diff(want, clean(in)); diff != "" {
			t.Errorf("clean(%q) (-want +got):\n%s", in, diff)
		}
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		text string
		n    int
		want []string
	}{
		{"", 10, []string{""}},
		{"one two three", 7, []string{"one two", "three"}},
		{"a https://a-very-long.example/url b", 10, []string{"a", "https://a-very-long.example/url", "b"}},
		{"  spaced   out  ", 20, []string{"spaced out"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, wrap(tt.text, tt.n)); diff != "" {
			t.Errorf("wrap(%q, %d) (-want +got):\n%s", tt.text, tt.n, diff)
		}
	}
}

func TestFormatDuration(t *testing.T) {
	tests := map[time.Duration]string{
		0:                            "0s",
		5 * time.Second:              "5s",
		5 * time.Minute:              "5m",
		90 * time.Second:             "1m30s",
		2 * time.Hour:                "2h",
		2*time.Hour + 30*time.Minute: "2h30m",
		1500 * time.Millisecond:      "1.5s",
	}
	for in, want := range tests {
		if diff := cmp.Diff(want, formatDuration(in)); diff != "" {
			t.Errorf("formatDuration(%v) (-want +got):\n%s", in, diff)
		}
	}
}

func TestMermaidText(t *testing.T) {
	tests := map[string]string{
		"GET /x":      "GET /x",
		"a;b#c":       "a#59;b#35;c",
		"<script>&":   "#60;script#62;#38;",
		"":            "#160;",
		"   ":         "#160;",
		"50% \"q\"":   "50#37; #quot;q#quot;",
		"line\nbreak": `line\nbreak`,
	}
	for in, want := range tests {
		if diff := cmp.Diff(want, mermaidText(in)); diff != "" {
			t.Errorf("mermaidText(%q) (-want +got):\n%s", in, diff)
		}
	}
}

func TestScriptCall(t *testing.T) {
	tests := []struct {
		req  engine.Request
		want string
	}{
		{engine.Request{URL: "https://a.example/x"}, `fetch("https://a.example/x")`},
		{engine.Request{URL: "/rel\u2028", Method: "PUT", Headers: hl("X-A", "\"q\""), Body: engine.BodyStream, Mode: engine.ModeCORS},
			"fetch(\"/rel\\u2028\", {\n  method: \"PUT\",\n  headers: [[\"X-A\", \"\\\"q\\\"\"]],\n  body: new ReadableStream(…),\n  duplex: \"half\",\n  mode: \"cors\"\n})"},
		{engine.Request{URL: "u", UseCORSPreflight: true, Credentials: engine.CredentialsInclude},
			"fetch(\"u\", {\n  credentials: \"include\"\n})\n// with the use-CORS-preflight flag set, as XMLHttpRequest does for an upload listener"},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, scriptCall(tt.req)); diff != "" {
			t.Errorf("scriptCall(%+v) (-want +got):\n%s", tt.req, diff)
		}
	}
}

func TestSummaries(t *testing.T) {
	runs := allRuns(t)
	type cells struct{ Verdict, Preflight, Sees string }
	var got []cells
	for _, r := range runs {
		for _, fr := range r.Browsers[0].Fetches {
			got = append(got, cells{verdict(&fr.Result), preflightSummary(&fr.Result), scriptSees(&fr.Result)})
		}
	}
	want := []cells{
		{"allowed", "yes", "cors 200"},
		{"allowed", "cache hit", "cors 200"},
		{"allowed", "yes", "cors 200"},
		{"blocked", "no", "TypeError"},
		{"blocked", "no", "TypeError"},
		{"blocked", "yes", "TypeError"},
		{"allowed", "no", "cors 200"},
		{"allowed", "no", "opaque 0"},
		{"refused", "no", "TypeError"},
		{"blocked", "no", "TypeError"}, // the preflight never reached the down server
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestOptionErrors(t *testing.T) {
	runs := allRuns(t)
	tests := []struct {
		name string
		call func(w io.Writer) error
		want string
	}{
		{"run format", func(w io.Writer) error { return Run(w, runs, Options{Format: "yaml"}) }, `report: unknown format "yaml" (use text, json or markdown)`},
		{"explain diagram", func(w io.Writer) error { return Explain(w, runs[0], Options{Diagram: "png"}) }, `report: unknown diagram "png" (use mermaid or svg)`},
		{"test format", func(w io.Writer) error { return Test(w, runs, Options{Format: "TEXT"}) }, `report: unknown format "TEXT" (use text, json or markdown)`},
		{"explain nil", func(w io.Writer) error { return Explain(w, nil, Options{}) }, "report: Explain needs a run"},
		{"mermaid browser", func(w io.Writer) error { return Mermaid(w, runs[0], "netscape") }, `report: browser "netscape" is not in the run (it has spec)`},
		{"svg nil", func(w io.Writer) error { return SVG(w, nil, "spec") }, "report: no run to draw"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		err := tt.call(&b)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
		if b.Len() != 0 {
			t.Errorf("%s: wrote %q before failing", tt.name, b.String())
		}
	}
}

// failingWriter fails after n bytes, as a closed pipe would.
type failingWriter struct{ n int }

func (f *failingWriter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		k := f.n
		f.n = 0
		return k, errors.New("broken pipe")
	}
	f.n -= len(p)
	return len(p), nil
}

func TestWriteErrorsAreReturned(t *testing.T) {
	runs := allRuns(t)
	calls := map[string]func(w io.Writer) error{
		"run":     func(w io.Writer) error { return Run(w, runs, Options{}) },
		"run-md":  func(w io.Writer) error { return Run(w, runs, Options{Format: FormatMarkdown}) },
		"json":    func(w io.Writer) error { return Run(w, runs, Options{Format: FormatJSON}) },
		"explain": func(w io.Writer) error { return Explain(w, runs[0], Options{Diagram: DiagramSVG}) },
		"test":    func(w io.Writer) error { return Test(w, runs, Options{}) },
		"mermaid": func(w io.Writer) error { return Mermaid(w, runs[0], "spec") },
		"svg":     func(w io.Writer) error { return SVG(w, runs[0], "spec") },
	}
	for name, call := range calls {
		if err := call(&failingWriter{n: 10}); err == nil {
			t.Errorf("%s: a failing writer's error was lost", name)
		}
	}
}

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

func TestColorOnlyAddsEscapes(t *testing.T) {
	runs := allRuns(t)
	for name, call := range map[string]func(w io.Writer, o Options) error{
		"run":     func(w io.Writer, o Options) error { return Run(w, runs, o) },
		"test":    func(w io.Writer, o Options) error { return Test(w, runs, o) },
		"explain": func(w io.Writer, o Options) error { return Explain(w, runs[2], o) },
	} {
		var plain, color bytes.Buffer
		if err := call(&plain, Options{}); err != nil {
			t.Fatal(err)
		}
		if err := call(&color, Options{Color: true}); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(plain.String(), "\x1b") {
			t.Errorf("%s: escape characters without Color", name)
		}
		if !strings.Contains(color.String(), "\x1b[") {
			t.Errorf("%s: no colour with Color", name)
		}
		if diff := cmp.Diff(plain.String(), ansi.ReplaceAllString(color.String(), "")); diff != "" {
			t.Errorf("%s: colour changed more than escapes (-plain +stripped):\n%s", name, diff)
		}
	}
}

func TestRunTableIsAligned(t *testing.T) {
	var b bytes.Buffer
	if err := Run(&b, allRuns(t), Options{}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	header := lines[0]
	var starts []int
	for _, col := range []string{"FETCH", "BROWSER", "VERDICT", "REASON", "PREFLIGHT", "SCRIPT SEES", "EXPECTATIONS"} {
		starts = append(starts, strings.Index(header, col))
	}
	for _, l := range lines[1:] {
		r := []rune(l)
		for _, s := range starts {
			if s >= len(r) || r[s-1] != ' ' || r[s] == ' ' {
				t.Errorf("column at %d is not aligned in %q", s, l)
			}
		}
		if strings.HasSuffix(l, " ") {
			t.Errorf("trailing space in %q", l)
		}
	}
	if got, want := len(lines)-1, 10; got != want {
		t.Errorf("%d rows, want one per fetch per browser (%d)", got, want)
	}
}

func TestTestSummaryLine(t *testing.T) {
	runs := allRuns(t)
	for _, f := range []Format{FormatText, FormatMarkdown} {
		var b bytes.Buffer
		if err := Test(&b, runs, Options{Format: f}); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
		if diff := cmp.Diff("2 passed, 1 failed", lines[len(lines)-1]); diff != "" {
			t.Errorf("%s: last line (-want +got):\n%s", f, diff)
		}
	}
}

func TestSVGIsWellFormed(t *testing.T) {
	for _, run := range allRuns(t) {
		var b bytes.Buffer
		if err := SVG(&b, run, "spec"); err != nil {
			t.Fatal(err)
		}
		if err := checkXML(b.Bytes()); err != nil {
			t.Errorf("%s: %v", run.Scenario.Title, err)
		}
	}
}

// checkXML decodes a whole document with encoding/xml and checks its root is an SVG element.
func checkXML(doc []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(doc))
	root := ""
	depth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				if root != "" {
					return errors.New("more than one root element")
				}
				root = el.Name.Space + " " + el.Name.Local
			}
			depth++
		case xml.EndElement:
			depth--
		}
	}
	if root != "http://www.w3.org/2000/svg svg" {
		return errors.New("root is " + root + ", not svg")
	}
	return nil
}

// TestMultipleBrowsers: every profile in the run gets its rows, its story and its diagram,
// so profiles added to the engine later simply appear.
func TestMultipleBrowsers(t *testing.T) {
	other := engine.Spec
	other.Name = "other"
	s := preflightRun(t).Scenario
	srv := staticServer(t)
	run := simulate(t, s, srv, engine.Spec, other)
	var b bytes.Buffer
	if err := Run(&b, []*scenario.Run{run}, Options{}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(b.String(), " other "); got != len(s.Fetches) {
		t.Errorf("%d rows for profile other, want %d", got, len(s.Fetches))
	}
	b.Reset()
	if err := Explain(&b, run, Options{Diagram: DiagramMermaid}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(b.String(), "sequenceDiagram"); got != 2 {
		t.Errorf("%d diagrams, want 2", got)
	}
	b.Reset()
	if err := Mermaid(&b, run, "OTHER"); err != nil {
		t.Errorf("profile names are case-insensitive: %v", err)
	}
}

func TestCompactStringArrays(t *testing.T) {
	tests := map[string]string{
		"[\n  \"a\",\n  \"b\"\n]":               `["a", "b"]`,
		"[\n  \"a\\\"]\",\n  \"c\\\\\"\n]":      `["a\"]", "c\\"]`,
		"[]":                                    "[]",
		"[\n  1,\n  2\n]":                       "[\n  1,\n  2\n]",
		"[\n  [\n    \"x\",\n    \"y\"\n  ]\n]": "[\n  [\"x\", \"y\"]\n]",
		"{\n  \"k\": \"[\\n not an array\"\n}":  "{\n  \"k\": \"[\\n not an array\"\n}",
		"[\n  \"a\",\n  2\n]":                   "[\n  \"a\",\n  2\n]",
		"[\n  \"unterminated":                   "[\n  \"unterminated",
	}
	for in, want := range tests {
		if diff := cmp.Diff(want, string(compactStringArrays([]byte(in)))); diff != "" {
			t.Errorf("compactStringArrays(%q) (-want +got):\n%s", in, diff)
		}
	}
}

func TestJSString(t *testing.T) {
	tests := map[string]string{
		"plain":    `"plain"`,
		"q\"\\":    `"q\"\\"`,
		"<&>":      `"<&>"`,
		"del\x7f":  `"del\u007f"`,
		"c1\u0085": `"c1\u0085"`,
		"nl\n\x00": `"nl\n\u0000"`,
		"ls\u2028": `"ls\u2028"`,
		"bad\xff":  `"bad\ufffd"`,
	}
	for in, want := range tests {
		if diff := cmp.Diff(want, jsString(in)); diff != "" {
			t.Errorf("jsString(%q) (-want +got):\n%s", in, diff)
		}
	}
}

// TestTruncate: long text-table cells end in "…" at the limit; short ones are untouched.
func TestTruncate(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"one word too long", 10, "one word…"},
		{"ééééééééééé", 5, "éééé…"},
	}
	for _, tt := range tests {
		if got := truncate(tt.in, tt.n); got != tt.want || width(got) > tt.n {
			t.Errorf("truncate(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}
