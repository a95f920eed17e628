package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/corsim/corsim/engine"
	"github.com/corsim/corsim/fetchspec"
	"github.com/corsim/corsim/scenario"
	"github.com/google/go-cmp/cmp"
)

// replaceInvalid maps each invalid UTF-8 byte to U+FFFD, as encoding/json does.
func replaceInvalid(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// FuzzRender feeds arbitrary scenario text (title, fetch name, URL, method, header, response
// header) through the real engine and every renderer. Beyond not panicking, every output
// must keep its invariants: text without raw control characters, colour that only adds
// escapes, well-formed SVG, Mermaid statements with escaped labels, JSON that matches the
// documented schema and gives back the scenario's strings (a round trip), and clean must be
// idempotent.
func FuzzRender(f *testing.F) {
	seeds := [][6]string{
		{"A JSON PUT", "first", "https://api.example/x", "PUT", "Content-Type: application/json", "Access-Control-Allow-Origin: https://app.example"},
		{"<svg onload=alert(1)>", "]]><!--", "https://api.example/x?a=<b>&c", "GET", "X-A: <&>", "Location: https://other.example/z"},
		{"\x1b[2J\x1b[H", "\r\n\t\x00", "https://api.example/\u2028", "GET,POST", "Bad Name: 1", "Access-Control-Allow-Origin: *"},
		{"#; %% end", "participant X", "javascript:alert(1)", "TRACE", "X-K: k;1#<b>", "Access-Control-Allow-Headers: *"},
		{"\xff\xfe invalid", "\uFFFE\uFFFF", "ht tp://bad", "", ": empty", "Access-Control-Max-Age: -1"},
		{"|pipes|in|md|", "`code` **bold** _it_", "/relative?x=`", "patch", "Content-Type: text/plain", "Access-Control-Allow-Methods: patch"},
		{"", "", "", "", "", ""},
		{strings.Repeat("long title ", 30), strings.Repeat("n", 200), "https://api.example/" + strings.Repeat("p", 300), "PUT", "X-Long: " + strings.Repeat("v", 300), "Access-Control-Expose-Headers: " + strings.Repeat("h, ", 50)},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1], s[2], s[3], s[4], s[5])
	}
	root := loadSchema(f)
	f.Fuzz(func(t *testing.T, title, name, url, method, reqHeader, respHeader string) {
		var resp engine.ServerResponse
		resp.Status = 200
		// A server can only send valid headers (the scenario loader rejects others).
		if n, v, ok := strings.Cut(respHeader, ":"); ok && fetchspec.IsHeaderName(n) && fetchspec.IsHeaderValue(strings.TrimSpace(v)) {
			resp.Header.Append(n, strings.TrimSpace(v))
		}
		resp.Header.Append("Access-Control-Allow-Origin", "https://app.example")
		static, err := engine.NewStaticServer(
			engine.Route{URL: "https://api.example/x", Response: resp},
			engine.Route{Method: "OPTIONS", URL: "https://api.example/x", Response: resp},
		)
		if err != nil {
			t.Fatal(err)
		}
		srv := downServer{StaticServer: static, down: "https://api.example/down"}
		req := engine.Request{URL: url, Method: method}
		if n, v, ok := strings.Cut(reqHeader, ":"); ok {
			req.Headers.Append(n, strings.TrimSpace(v))
		}
		s := &scenario.Scenario{
			File: title + ".yaml", Title: title, Description: name + "\n" + title, Origin: "https://app.example",
			Fetches: []scenario.Fetch{
				{Name: name, Request: req, Pos: scenario.Position{File: title, Line: 1, Col: 1},
					Expect: &scenario.Expect{Outcome: ptr(engine.OK), Pos: scenario.Position{File: title, Line: 2, Col: 3}}},
				{Name: name, Request: engine.Request{URL: "https://api.example/x", Method: method}},
			},
		}
		run := simulate(t, s, srv)
		checkAll(t, []*scenario.Run{run}, root)

		// clean is idempotent: its output has nothing left to escape.
		for _, in := range []string{title, name, url} {
			once := clean(in)
			if twice := clean(once); twice != once {
				t.Fatalf("clean is not idempotent on %q: %q then %q", in, once, twice)
			}
		}

		// Round trip: the JSON document gives back the scenario's strings exactly (invalid
		// UTF-8 aside, which JSON cannot hold), and encoding it again gives the same document.
		var b bytes.Buffer
		if err := Explain(&b, run, Options{Format: FormatJSON}); err != nil {
			t.Fatal(err)
		}
		var doc jsonDoc
		if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		got := []string{doc.Scenarios[0].Title, doc.Scenarios[0].Browsers[0].Fetches[0].Name, doc.Scenarios[0].Browsers[0].Fetches[0].Request.URL}
		want := []string{replaceInvalid(title), replaceInvalid(name), replaceInvalid(url)}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("JSON round trip (-want +got):\n%s", diff)
		}
		var again bytes.Buffer
		if err := writeDoc(&again, doc); err != nil {
			t.Fatal(err)
		}
		var doc2 jsonDoc
		if err := json.Unmarshal(again.Bytes(), &doc2); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(doc, doc2); diff != "" {
			t.Fatalf("re-encoding the decoded document changes it (-first +second):\n%s", diff)
		}

		// The SVG's <title> decodes back to the cleaned title.
		var svg bytes.Buffer
		if err := SVG(&svg, run, "spec"); err != nil {
			t.Fatal(err)
		}
		var parsed struct {
			Title string `xml:"title"`
		}
		if err := xml.Unmarshal(svg.Bytes(), &parsed); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(parsed.Title, xmlSafe(clean(title))) {
			t.Fatalf("SVG title %q does not start with %q", parsed.Title, xmlSafe(clean(title)))
		}
	})
}

// xmlSafe maps the characters XML cannot hold to U+FFFD, as encoding/xml's EscapeText does.
func xmlSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF {
			return r
		}
		return utf8.RuneError
	}, s)
}
