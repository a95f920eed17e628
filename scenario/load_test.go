package scenario

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/corsim/corsim/engine"
)

func TestLoadExample(t *testing.T) {
	const file = "testdata/put.yaml"
	got, err := Load(file)
	if err != nil {
		t.Fatal(err)
	}
	req := engine.Request{Origin: "https://app.example", TopLevelOrigin: "https://portal.example"}
	pos := func(line, col int) Position { return Position{File: file, Line: line, Col: col} }
	want := &Scenario{
		File:           file,
		Title:          "A JSON PUT to an API",
		Description:    "Content-Type: application/json is not safelisted, so the browser preflights.\n",
		Origin:         "https://app.example",
		TopLevelOrigin: "https://portal.example",
		Browsers:       []string{"spec"},
		Server: Server{
			Routes: []Route{
				{Method: "OPTIONS", URL: "https://api.example/items/1", Pos: pos(9, 7), Response: engine.ServerResponse{
					Status: 204,
					Header: hl("Access-Control-Allow-Origin", "https://app.example",
						"Access-Control-Allow-Methods", "PUT",
						"Access-Control-Allow-Headers", "Content-Type"),
				}},
				{Method: "PUT", URL: "https://api.example/items/1", Pos: pos(16, 7), Response: engine.ServerResponse{
					Status: 200,
					Header: hl("Access-Control-Allow-Origin", "https://app.example", "Content-Type", "application/json"),
				}},
			},
			Policy: &Policy{
				AllowOrigins:     []string{"https://app.example"},
				AllowMethods:     []string{"GET", "POST", "PUT"},
				AllowHeaders:     []string{"Content-Type"},
				ExposeHeaders:    []string{"X-Request-Id"},
				AllowCredentials: true,
				Vary:             true,
				MaxAge:           ptr(600),
				PreflightStatus:  204,
				Status:           200,
				Headers:          hl("Content-Type", "application/json"),
			},
		},
		Fetches: []Fetch{
			{
				Name: "first PUT", Pos: pos(36, 5),
				Request: with(req, func(r *engine.Request) {
					r.URL, r.Method, r.Headers = "https://api.example/items/1", "PUT", hl("Content-Type", "application/json")
					r.Mode, r.Credentials, r.Redirect, r.Cache, r.Body = "cors", "same-origin", "follow", "default", "text"
				}),
				Expect: &Expect{Outcome: outcome(engine.OK), Preflight: ptr(true), Status: ptr(200), Type: rtype(engine.TypeCORS),
					ReadableHeaders: []string{"content-type"}, Pos: pos(47, 7)},
			},
			{
				Name: "second PUT, preflight cached", Advance: 2 * time.Second, Pos: pos(52, 5),
				Request: with(req, func(r *engine.Request) {
					r.URL, r.Method, r.Headers, r.Body = "https://api.example/items/1", "PUT", hl("Content-Type", "application/json"), "text"
				}),
				Expect:         &Expect{Outcome: outcome(engine.OK), Preflight: ptr(false), Pos: pos(59, 7)},
				ExpectBrowsers: map[string]*Expect{"spec": {Preflight: ptr(false), Pos: pos(62, 13)}},
			},
			{
				Name: "policy GET", Advance: 30 * time.Second, Pos: pos(63, 5),
				Request: with(req, func(r *engine.Request) { r.URL = "/other" }),
				Expect: &Expect{Outcome: outcome(engine.NetworkError), Reason: reason(engine.AllowOriginMismatch),
					Pos: pos(67, 7)},
			},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Load(%q) mismatch (-want +got):\n%s", file, diff)
	}

	// The same scenario written as JSON loads to the same values.
	fromJSON, err := Load("testdata/put.json")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(got, fromJSON, ignorePositions); diff != "" {
		t.Errorf("YAML and JSON differ (-yaml +json):\n%s", diff)
	}
}

func with(r engine.Request, f func(*engine.Request)) engine.Request {
	f(&r)
	return r
}

// base is a minimal valid scenario that cases extend.
const base = "title: t\norigin: https://app.example\nserver: {policy: {allow_origins: [reflect]}}\n"

func TestParseValues(t *testing.T) {
	app := engine.Request{Origin: "https://app.example"}
	tests := []struct {
		name, file, src string
		want            *Scenario
	}{
		{
			name: "bare null origin is the opaque origin; policy defaults",
			src:  "title: t\norigin: null\nserver: {policy: {}}\nfetches: [{url: 'https://api.example/'}]\n",
			want: &Scenario{Title: "t", Origin: "null",
				Server:  Server{Policy: &Policy{PreflightStatus: 204, Status: 200, Vary: true}},
				Fetches: []Fetch{{Request: engine.Request{Origin: "null", URL: "https://api.example/"}, Pos: Position{Line: 4, Col: 11}}}},
		},
		{
			name: "quoted null, unreachable route, empty readable_headers, profile case, header trimming, aliases",
			src: "title: t\norigin: 'null'\nserver:\n  routes:\n    - url: https://API.example:443/x#f\n      unreachable: true\n" +
				"fetches:\n  - url: https://api.example/x\n    headers: [&h \"X-A:   b  \", *h, \"X-Empty:\"]\n    expect_browsers: {SPEC: {readable_headers: []}}\n",
			want: &Scenario{Title: "t", Origin: "null",
				Server: Server{Routes: []Route{{URL: "https://API.example:443/x#f", Unreachable: true, Pos: Position{Line: 5, Col: 7}}}},
				Fetches: []Fetch{{
					Request:        engine.Request{Origin: "null", URL: "https://api.example/x", Headers: hl("X-A", "b", "X-A", "b", "X-Empty", "")},
					ExpectBrowsers: map[string]*Expect{"spec": {ReadableHeaders: []string{}, Pos: Position{Line: 10, Col: 29}}},
					Pos:            Position{Line: 8, Col: 5},
				}}},
		},
		{
			name: "a fetch expected to throw keeps invalid values as written",
			src: base + "fetches:\n  - url: 'https://u:p@api.example/'\n    method: 'GE T'\n    mode: navigate\n    headers: ['Bad Name: x', 'nocolon']\n" +
				"    expect: {outcome: type-error}\n  - url: 'http://[::1'\n    expect: {reason: invalid-url}\n",
			want: &Scenario{Title: "t", Origin: "https://app.example",
				Server: Server{Policy: &Policy{AllowOrigins: []string{"reflect"}, PreflightStatus: 204, Status: 200, Vary: true}},
				Fetches: []Fetch{
					{
						Request: with(app, func(r *engine.Request) {
							r.URL, r.Method, r.Mode = "https://u:p@api.example/", "GE T", "navigate"
							r.Headers = hl("Bad Name", "x", "nocolon", "")
						}),
						Expect: &Expect{Outcome: outcome(engine.TypeError), Pos: Position{Line: 9, Col: 13}},
						Pos:    Position{Line: 5, Col: 5},
					},
					{
						Request: with(app, func(r *engine.Request) { r.URL = "http://[::1" }),
						Expect:  &Expect{Reason: reason(engine.InvalidURL), Pos: Position{Line: 11, Col: 13}},
						Pos:     Position{Line: 10, Col: 5},
					},
				}},
		},
		{
			name: "an invalid page origin is allowed when every fetch expects invalid-origin",
			src:  "title: t\norigin: app.example\nserver: {policy: {}}\nfetches:\n  - {url: /x, expect: {outcome: type-error, reason: invalid-origin}}\n",
			want: &Scenario{Title: "t", Origin: "app.example",
				Server: Server{Policy: &Policy{PreflightStatus: 204, Status: 200, Vary: true}},
				Fetches: []Fetch{{
					Request: engine.Request{Origin: "app.example", URL: "/x"},
					Expect:  &Expect{Outcome: outcome(engine.TypeError), Reason: reason(engine.InvalidOrigin), Pos: Position{Line: 5, Col: 23}},
					Pos:     Position{Line: 5, Col: 5},
				}}},
		},
		{
			name: "policy values; max_age may be negative; vary off; status 0 expected",
			src: "title: t\norigin: https://app.example\nserver:\n  policy:\n    allow_origins: ['*']\n    allow_methods: []\n    max_age: -1\n    vary: false\n    preflight_status: 200\n    status: 302\n" +
				"fetches: [{url: /x, advance: 1m30s, expect: {status: 0, type: opaque}}]\n",
			want: &Scenario{Title: "t", Origin: "https://app.example",
				Server: Server{Policy: &Policy{AllowOrigins: []string{"*"}, AllowMethods: []string{}, MaxAge: ptr(-1), PreflightStatus: 200, Status: 302}},
				Fetches: []Fetch{{
					Advance: 90 * time.Second,
					Request: with(app, func(r *engine.Request) { r.URL = "/x" }),
					Expect:  &Expect{Status: ptr(0), Type: rtype(engine.TypeOpaque), Pos: Position{Line: 11, Col: 45}},
					Pos:     Position{Line: 11, Col: 11},
				}}},
		},
		{
			name: "JSON with tabs",
			file: "s.json",
			src:  "{\n\t\"title\": \"t\",\n\t\"origin\": \"https://app.example\",\n\t\"server\": {\"routes\": [{\"url\": \"https://api.example/\", \"response\": \"HTTP/1.0 204\\r\\nA: b\\r\\n\\r\\n\"}]},\n\t\"fetches\": [{\"url\": \"/\", \"use_cors_preflight\": true}]\n}\n",
			want: &Scenario{File: "s.json", Title: "t", Origin: "https://app.example",
				Server: Server{Routes: []Route{{URL: "https://api.example/", Response: engine.ServerResponse{Status: 204, Header: hl("A", "b")}, Pos: Position{File: "s.json", Line: 4, Col: 24}}}},
				Fetches: []Fetch{{
					Request: with(app, func(r *engine.Request) { r.URL, r.UseCORSPreflight = "/", true }),
					Pos:     Position{File: "s.json", Line: 5, Col: 14},
				}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.file, []byte(tt.src))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, file, src string
		want            string
	}{
		{"empty", "a.yaml", "", `a.yaml:1:1: the file is empty; a scenario needs "title", "origin", "server", "fetches"`},
		{"comments only", "a.yaml", "# nothing\n", `a.yaml:1:1: the file is empty; a scenario needs "title", "origin", "server", "fetches"`},
		{"did you mean", "a.yaml", base + "fetches:\n  - url: https://b.example/\n    methd: GET\n",
			`a.yaml:6:5: unknown key "methd" in fetch; did you mean "method"?`},
		{"unknown key without a close match", "a.yaml", base + "fetches: [{url: /, zzzzzzzzzz: 1}]\n",
			`a.yaml:4:20: unknown key "zzzzzzzzzz" in fetch; expected one of "name", "advance", "url", "method", "headers", "mode", "credentials", "redirect", "cache", "use_cors_preflight", "body", "untrusted", "expect", "expect_browsers"`},
		{"not a mapping", "a.yaml", "- a\n", `a.yaml:1:1: scenario must be a mapping, got a list`},
		{"duplicates and missing keys", "a.yaml", "title: x\ntitle: y\n",
			"a.yaml:1:1: scenario is missing required key \"origin\"\n" +
				"a.yaml:1:1: scenario is missing required key \"server\"\n" +
				"a.yaml:1:1: scenario is missing required key \"fetches\"\n" +
				"a.yaml:2:1: duplicate key \"title\" in scenario (first at line 1)"},
		{"wrong types", "a.yaml", "title: [x]\norigin: nope\nserver: {}\nfetches: []\n",
			"a.yaml:1:8: \"title\" must be a string, got a list\n" +
				"a.yaml:2:9: \"origin\": \"nope\" is not an origin (scheme://host[:port], or null): weburl: \"nope\": has no scheme, and there is no base URL to resolve it against\n" +
				"a.yaml:3:9: server needs routes, a policy, or both, or the url of a live server\n" +
				"a.yaml:4:10: \"fetches\" must list at least one fetch"},
		{"raw response and fetch values", "a.yaml", "title: x\norigin: https://a.example\nserver:\n  routes:\n    - url: https://b.example/\n      response: |\n        HTTP/1.1 20 OK\n        X-A: b\n         folded\n        Bad Name: x\n        NoColon\n\n        body: here\n" +
			"fetches:\n  - url: https://b.example/\n    mode: corss\n    cache: nope\n    advance: 5 min\n    headers:\n      - X-A: b\n      - \"Bad Name: 1\"\n" +
			"    expect: {outcome: okay, reason: missing-allow-orign, status: 42, preflight: yes, readable_headers: [\"a b\"]}\n    expect_browsers: {chrom: {}}\n",
			"a.yaml:7:18: response: the status line \"HTTP/1.1 20 OK\" must have a three-digit status code (100-999), such as \"HTTP/1.1 200 OK\"\n" +
				"a.yaml:9:9: response: obsolete line folding (a line starting with a space or tab continues the previous header) is not allowed; put each header on one line\n" +
				"a.yaml:10:9: response: \"Bad Name\" is not a valid header name (a token, with no space before the colon)\n" +
				"a.yaml:11:9: response: \"NoColon\" is not a header line (\"Name: value\")\n" +
				"a.yaml:16:11: \"mode\": \"corss\" is not one of \"cors\", \"no-cors\", \"same-origin\"\n" +
				"a.yaml:17:12: \"cache\": \"nope\" is not one of \"default\", \"no-store\", \"reload\", \"no-cache\", \"force-cache\", \"only-if-cached\"\n" +
				"a.yaml:18:14: \"advance\": \"5 min\" is not a duration; write it as Go does, such as 30s, 5m or 1h30m\n" +
				"a.yaml:20:9: \"headers\": write each header as a quoted string such as \"Name: value\"; unquoted, YAML reads Name: value as a mapping\n" +
				"a.yaml:21:9: \"headers\": \"Bad Name\" is not a valid header name (a token, no spaces before the colon)\n" +
				"a.yaml:22:23: \"outcome\": \"okay\" is not one of \"ok\", \"network-error\", \"type-error\"\n" +
				"a.yaml:22:37: \"reason\": \"missing-allow-orign\" is not a reason code; did you mean \"missing-allow-origin\"?\n" +
				"a.yaml:22:66: \"status\": 42 is not an HTTP status (100-999, or 0 for opaque and error responses)\n" +
				"a.yaml:22:81: \"preflight\" must be true or false, got \"yes\"\n" +
				"a.yaml:22:105: \"readable_headers\": \"a b\" is not a header name\n" +
				"a.yaml:23:23: unknown browser profile \"chrom\" in expect_browsers; expected one of \"spec\", \"chromium\", \"firefox\", \"webkit\""},
		{"fetch values a browser throws on", "a.yaml", base + "fetches:\n  - url: \"https://u:p@b.example/\"\n  - url: \"http://[::1\"\n  - url: x\n    method: CONNECT\n  - {url: /, method: 'GE T'}\n",
			"a.yaml:5:10: \"url\": \"https://u:p@b.example/\" includes a username or password, which fetch() refuses (add expect: {outcome: type-error} to show that)\n" +
				"a.yaml:6:10: \"url\": \"http://[::1\" is not a valid URL: weburl: \"http://[::1\": host \"[::1\": IPv6 address is missing its closing ']'\n" +
				"a.yaml:8:13: \"method\": \"CONNECT\" is a forbidden method: fetch() throws (add expect: {outcome: type-error} to show that)\n" +
				"a.yaml:9:22: \"method\": \"GE T\" is not an HTTP method (a token such as GET or PUT)"},
		{"invalid origin with a fetch not expecting to throw", "a.yaml", "title: t\norigin: app\nserver: {policy: {}}\nfetches:\n  - {url: 'https://b.example/', expect: {reason: invalid-origin}}\n  - {url: 'https://b.example/'}\n",
			`a.yaml:2:9: "origin": "app" is not an origin (scheme://host[:port], or null): weburl: "app": has no scheme, and there is no base URL to resolve it against`},
		{"relative URL from an opaque origin", "a.yaml", "title: t\norigin: null\nserver: {policy: {}}\nfetches: [{url: /x}]\n",
			`a.yaml:4:17: "url": "/x" is not an absolute URL (a relative URL needs a page origin that is not null): weburl: "/x": has no scheme, and there is no base URL to resolve it against`},
		{"routes", "a.yaml", "title: t\norigin: https://a.example\nserver:\n  routes:\n    - {url: 'https://b.example/x', status: 200, response: 'HTTP/1.1 200'}\n" +
			"    - {url: 'https://b.example/x', unreachable: true, status: 500}\n    - {url: /relative, status: 99}\n    - {method: 'G T', url: 'https://b.example/', headers: []}\n" +
			"    - {url: 'https://B.example:443/x', status: 200}\n    - {url: 'https://b.example/x#frag', status: 204}\n  policy: {allow_origins: ['*', reflect], allow_methods: ['a b'], max_age: 1.5, headers: [nocolon], vary: 1}\nfetches: [{url: /}]\n",
			"a.yaml:5:59: a route has either status and headers, or response, not both\n" +
				"a.yaml:6:49: an unreachable route has no status, headers or response\n" +
				"a.yaml:7:13: \"url\": \"/relative\" is not an absolute URL: weburl: \"/relative\": has no scheme, and there is no base URL to resolve it against\n" +
				"a.yaml:7:32: \"status\": 99 is not an HTTP status (100-999)\n" +
				"a.yaml:8:7: route has headers but no status\n" +
				"a.yaml:8:16: \"method\": \"G T\" is not an HTTP method (a token such as GET or PUT)\n" +
				"a.yaml:10:7: a route for any method https://b.example/x already exists (line 9)\n" +
				"a.yaml:11:28: \"allow_origins\": \"*\" must be the only entry\n" +
				"a.yaml:11:33: \"allow_origins\": \"reflect\" must be the only entry\n" +
				"a.yaml:11:59: \"allow_methods\": \"a b\" is not an HTTP method (a token such as PUT)\n" +
				"a.yaml:11:76: \"max_age\" must be an integer, got \"1.5\"\n" +
				"a.yaml:11:91: \"headers\": \"nocolon\" is not a header; write it as \"Name: value\"\n" +
				"a.yaml:11:107: \"vary\" must be true or false, got \"1\""},
		{"reason contradicts outcome; browsers", "a.yaml", "title: t\norigin: https://a.example\nbrowsers: [spec, Spec, chrom]\nserver: {policy: {}}\nfetches: [{url: /, expect: {outcome: ok, reason: missing-allow-origin}}]\n",
			"a.yaml:3:18: browser profile \"Spec\" is listed twice (first at line 3)\n" +
				"a.yaml:3:24: unknown browser profile \"chrom\"; expected one of \"spec\", \"chromium\", \"firefox\", \"webkit\"\n" +
				"a.yaml:5:50: \"reason\": \"missing-allow-origin\" is a network-error reason, but outcome is \"ok\""},
		{"second document", "a.yaml", "title: x\n---\ntitle: y\n", `a.yaml:2:1: a scenario file holds one document; a second one starts here`},
		{"syntax error", "a.yaml", "title: x\n  bad: indent\n", `a.yaml:2:1: invalid YAML: mapping values are not allowed in this context`},
		{"JSON syntax error", "a.json", "{\"title\": \"x\",\n \"origin\": [}", `a.json:1:1: invalid JSON: did not find expected node content`},
		{"JSON null and wildcard list", "a.json", "{\"title\": \"x\",\n \"origin\": null, \"server\": {\"policy\": {\"allow_origins\": [\"*\", \"https://b.example\"]}}, \"fetches\": [{\"url\": \"https://b.example/\", \"advance\": 5}]}",
			"a.json:2:58: \"allow_origins\": \"*\" must be the only entry\n" +
				"a.json:2:140: \"advance\": \"5\" is not a duration; write it as Go does, such as 30s, 5m or 1h30m"},
		{"merge keys and complex keys", "a.yaml", base + "fetches:\n  - <<: {url: /}\n    ? [a]\n    : b\n",
			"a.yaml:5:5: merge keys (<<) are not supported in fetch; write the keys out\n" +
				"a.yaml:5:5: fetch is missing required key \"url\"\n" +
				"a.yaml:6:7: keys in fetch must be strings, got a list"},
		{"alias bomb", "a.yaml", aliasBomb(), `a.yaml:5:27: the file expands to more than 1048576 values (too many aliases?)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse(tt.file, []byte(tt.src))
			if err == nil {
				t.Fatalf("Parse succeeded: %+v", s)
			}
			if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
				t.Errorf("error mismatch (-want +got):\n%s", diff)
			}
			if _, list := err.(ErrorList); list != (len(splitLines(tt.want)) > 1) {
				t.Errorf("error type %T for %d errors", err, len(splitLines(tt.want)))
			}
		})
	}
}

func splitLines(s string) []string {
	var out []string
	for len(s) > 0 {
		i := 0
		for i < len(s) && s[i] != '\n' {
			i++
		}
		out = append(out, s[:i])
		if i < len(s) {
			i++
		}
		s = s[i:]
	}
	return out
}

// aliasBomb builds a small file whose aliases name four million header values: 2000 fetches
// that are the same fetch, whose headers list is 2000 times the same header.
func aliasBomb() string {
	var b strings.Builder
	b.WriteString("title: t\norigin: https://a.example\nserver: {policy: {}}\nfetches:\n  - &f {url: /, headers: [&h 'A: b'")
	b.WriteString(strings.Repeat(", *h", 1999))
	b.WriteString("]}\n")
	b.WriteString(strings.Repeat("  - *f\n", 1999))
	return b.String()
}

func TestLoadAll(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := base + "fetches: [{url: /}]\n"
	write("b.yaml", good)
	write("sub/a.yml", good)
	write("sub/c.json", `{"title": "t", "origin": "https://app.example", "server": {"policy": {}}, "fetches": [{"url": "/"}]}`)
	write("sub/notes.txt", "not a scenario")
	bad := write("z/bad.yaml", "title: t\n")
	scenarios, err := LoadAll([]string{dir, filepath.Join(dir, "b.yaml"), filepath.Join(dir, "missing.yaml")})
	var files []string
	for _, s := range scenarios {
		rel, _ := filepath.Rel(dir, s.File)
		files = append(files, filepath.ToSlash(rel))
	}
	if diff := cmp.Diff([]string{"b.yaml", "sub/a.yml", "sub/c.json"}, files); diff != "" {
		t.Errorf("loaded files (-want +got):\n%s", diff)
	}
	want := bad + ":1:1: scenario is missing required key \"origin\"\n" +
		bad + ":1:1: scenario is missing required key \"server\"\n" +
		bad + ":1:1: scenario is missing required key \"fetches\"\n" +
		filepath.Join(dir, "missing.yaml") + ": cannot read scenario: no such file or directory"
	if err == nil {
		t.Fatal("LoadAll: no error")
	}
	if diff := cmp.Diff(want, err.Error()); diff != "" {
		t.Errorf("LoadAll error (-want +got):\n%s", diff)
	}
}

func TestParseTooLarge(t *testing.T) {
	_, err := Parse("big.yaml", make([]byte, maxFileSize+1))
	want := "big.yaml:1:1: file is 4194305 bytes; a scenario file may have at most 4194304"
	if err == nil || err.Error() != want {
		t.Errorf("Parse(huge) = %v, want %q", err, want)
	}
}
