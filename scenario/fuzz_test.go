package scenario

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/corsim/corsim/fetchspec"
)

var fuzzSeeds = []string{
	base + "fetches: [{url: /}]\n",
	base + "fetches:\n  - url: https://b.example/\n    methd: GET\n",
	"title: t\norigin: null\nserver:\n  routes:\n    - url: https://a.example/\n      response: |\n        HTTP/1.1 200 OK\n        A: b\n         c\n\n        body\n    - {url: 'https://a.example/', method: PUT, unreachable: true}\nfetches:\n  - url: https://a.example/\n    headers: [&h 'X: y', *h]\n    expect: {outcome: type-error, reason: invalid-url}\n",
	"title: t\norigin: https://a.example\nserver: {policy: {allow_origins: ['*'], max_age: -1, vary: false}}\nfetches:\n  - {url: /, advance: 1h, expect_browsers: {SPEC: {readable_headers: []}}}\n",
	"title: x\n---\ntitle: y\n",
	"- a\n",
	"a: &a [*a]\n",
	"title: t\norigin: https://a.example\nserver: {policy: {}}\nfetches:\n  - <<: {url: /}\n    ? [a]\n    : b\n",
}

// errLine matches one error line: file:line:col: message, or file: message.
var errLine = regexp.MustCompile(`^(f\.(?:yaml|json))(?::(\d+):(\d+))?: .`)

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s), false)
	}
	for _, name := range []string{"testdata/put.yaml", "testdata/put.json"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, strings.HasSuffix(name, ".json"))
	}
	f.Fuzz(func(t *testing.T, data []byte, isJSON bool) {
		file := "f.yaml"
		if isJSON {
			file = "f.json"
		}
		s, err := Parse(file, data)
		s2, err2 := Parse(file, data)
		if fmt.Sprint(err) != fmt.Sprint(err2) || !cmp.Equal(s, s2) {
			t.Fatalf("Parse is not deterministic: %v / %v", err, err2)
		}
		if err != nil {
			// Every error names the file and a position inside it, in file order.
			lines := len(strings.Split(yamlBreaks.Replace(string(data)), "\n"))
			prev := [2]int{}
			for _, l := range strings.Split(err.Error(), "\n") {
				m := errLine.FindStringSubmatch(l)
				if m == nil {
					t.Fatalf("malformed error line %q", l)
				}
				if m[2] == "" {
					continue
				}
				line, _ := strconv.Atoi(m[2])
				col, _ := strconv.Atoi(m[3])
				if line < 1 || col < 1 || line > lines {
					t.Fatalf("error position %d:%d outside the %d-line file: %q", line, col, lines, l)
				}
				if cur := [2]int{line, col}; cur[0] < prev[0] || (cur[0] == prev[0] && cur[1] < prev[1]) {
					t.Fatalf("errors out of file order at %q", l)
				}
				prev = [2]int{line, col}
			}
			if s != nil {
				t.Fatal("Parse returned both a scenario and an error")
			}
			return
		}
		// What loads is complete, and builds and runs.
		if s.Title == "" || len(s.Fetches) == 0 || s.Server.Policy == nil && len(s.Server.Routes) == 0 {
			t.Fatalf("loaded an incomplete scenario: %+v", s)
		}
		for _, fe := range s.Fetches {
			if fe.Pos.Line < 1 || fe.Request.Origin != s.Origin {
				t.Fatalf("fetch without position or origin: %+v", fe)
			}
		}
		if _, err := s.Profiles(); err != nil {
			t.Fatalf("Profiles: %v", err)
		}
		if _, err := s.NewServer(); err != nil {
			t.Fatalf("NewServer: %v", err)
		}
		if len(s.Fetches) <= 20 {
			if _, err := Execute(context.Background(), s, nil, nil); err != nil {
				t.Fatalf("Execute: %v", err)
			}
		}
	})
}

func FuzzParseRawResponse(f *testing.F) {
	for _, s := range []string{
		"HTTP/1.1 200 OK\nA: b\n\nbody",
		"HTTP/1.1 204 No Content\r\nAccess-Control-Allow-Origin: *\r\nVary: Origin\r\n\r\n",
		"HTTP/1.0 301\nLocation: https://b.example/\n",
		"HTTP/1.1 20 OK\nA: 1\n  folded\nB : 2\nno colon\n: empty\nC: a\x00b\n",
		"\nHTTP/1.1 200 OK\n",
		"HTTP/2 200\n",
		"HTTP/1.1 200 O\x00K",
		"HTTP/1.1 200 OK\nA: x\ry\n",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		resp, errs := parseRawResponse(text)
		lines := strings.Split(text, "\n")
		for _, e := range errs {
			if e.Line < 0 || e.Line >= len(lines) || e.Col < 1 || e.Col > len(strings.TrimSuffix(lines[e.Line], "\r"))+1 {
				t.Fatalf("error %+v outside the text %q", e, text)
			}
		}
		for _, h := range resp.Header {
			if !fetchspec.IsHeaderName(h.Name) || !fetchspec.IsHeaderValue(h.Value) {
				t.Fatalf("invalid header kept: %q: %q", h.Name, h.Value)
			}
		}
		if errs != nil {
			return
		}
		if resp.Status < 100 || resp.Status > 999 {
			t.Fatalf("status %d accepted", resp.Status)
		}
		// Writing the response back out and parsing it again gives the same response.
		var b strings.Builder
		fmt.Fprintf(&b, "HTTP/1.1 %d\r\n", resp.Status)
		for _, h := range resp.Header {
			fmt.Fprintf(&b, "%s: %s\r\n", h.Name, h.Value)
		}
		again, errs := parseRawResponse(b.String())
		if errs != nil {
			t.Fatalf("round trip of %q: %v", b.String(), errs)
		}
		if diff := cmp.Diff(resp, again); diff != "" {
			t.Fatalf("round trip (-first +second):\n%s", diff)
		}
	})
}
