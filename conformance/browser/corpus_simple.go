package browser

// simpleCases are simple (never preflighted) requests against every spelling of
// Access-Control-Allow-Origin the corpus can write. Each case makes a GET and a POST with a
// text body (Content-Type text/plain;charset=UTF-8, still simple).
//
// Gaps, because placeholders carry whole origins (scheme and port included) and the page is
// http://127.0.0.1:P0: an upper-case host or scheme ("HTTP://…") cannot be spelled (127.0.0.1
// has no letters), nor an explicit default port (the page's port is not 80), nor
// http://localhost:P0. The nearest spellings are used instead: "{page}:80" (a second port,
// not a valid origin), "{host}" (localhost, but the api port) and the other lab origins.
func simpleCases() []Case {
	type variant struct {
		name, about string
		status      int
		h           [][2]string
	}
	vs := []variant{
		{"star", "ACAO * lets any non-credentialed request through", 200, [][2]string{acao("*")}},
		{"exact", "ACAO naming the page's origin exactly", 200, [][2]string{allowPage}},
		{"missing", "no ACAO at all", 200, nil},
		{"trailing-slash", "ACAO is the page origin with a trailing slash: not byte-equal", 200, [][2]string{acao("{page}/")}},
		{"with-path", "ACAO is the page origin followed by a path", 200, [][2]string{acao("{page}/c")}},
		{"second-port", "ACAO is the page origin followed by :80 (the nearest to an explicit default port the lab can spell)", 200, [][2]string{acao("{page}:80")}},
		{"other-port", "ACAO names the api origin (same host, another port) instead of the page", 200, [][2]string{acao("{api}")}},
		{"other-port2", "ACAO names the api2 origin instead of the page", 200, [][2]string{acao("{api2}")}},
		{"localhost", "ACAO names http://localhost:P1: another host name for the same machine", 200, [][2]string{acao("{host}")}},
		{"null", "ACAO null does not match a real origin", 200, [][2]string{acao("null")}},
		{"null-upper", "ACAO NULL", 200, [][2]string{acao("NULL")}},
		{"two-comma", "two origins in one value, comma-separated, the page's first", 200, [][2]string{acao("{page}, {api}")}},
		{"two-comma-same", "the page origin twice in one value", 200, [][2]string{acao("{page}, {page}")}},
		{"two-space", "two origins in one value, space-separated", 200, [][2]string{acao("{page} {api}")}},
		{"star-and-page", "* and the page origin in one value", 200, [][2]string{acao("*, {page}")}},
		{"dup-same", "two ACAO lines with the same value (the page's origin)", 200, [][2]string{allowPage, allowPage}},
		{"dup-diff", "two ACAO lines: the page origin, then the api origin", 200, [][2]string{allowPage, acao("{api}")}},
		{"dup-star", "two ACAO lines, both *", 200, [][2]string{acao("*"), acao("*")}},
		{"dup-star-page", "two ACAO lines: * then the page origin", 200, [][2]string{acao("*"), allowPage}},
		{"dup-empty-page", "two ACAO lines: an empty one, then the page origin", 200, [][2]string{acao(""), allowPage}},
		{"spaces-around", "ACAO is the page origin with spaces around it (HTTP strips them)", 200, [][2]string{acao("   {page}   ")}},
		{"tabs-around", "ACAO is the page origin with tabs around it", 200, [][2]string{acao("\t{page}\t")}},
		{"star-spaces", "ACAO * with spaces around it", 200, [][2]string{acao("  *  ")}},
		{"star-quoted", "ACAO is \"*\" with the quotes", 200, [][2]string{acao(`"*"`)}},
		{"empty", "ACAO present with an empty value", 200, [][2]string{acao("")}},
		{"name-lower", "the header name in lower case: names are case-insensitive", 200, [][2]string{hdr("access-control-allow-origin", "{page}")}},
		{"name-upper", "the header name in upper case", 200, [][2]string{hdr("ACCESS-CONTROL-ALLOW-ORIGIN", "{page}")}},
		{"star-404", "a 404 with ACAO *: fetch resolves with the error status", 404, [][2]string{acao("*")}},
		{"exact-500", "a 500 with the page's origin: fetch resolves with status 500", 500, [][2]string{allowPage}},
		{"missing-500", "a 500 without ACAO: a network error, not a 500", 500, nil},
		{"exact-204", "a 204 (no body, no Content-Length) with the page's origin", 204, [][2]string{allowPage}},
		{"star-201", "a 201 with ACAO *", 201, [][2]string{acao("*")}},
	}
	var out []Case
	for _, v := range vs {
		out = append(out, Case{
			Name:   "acao-" + v.name,
			About:  v.about + "; a GET, then a POST with a text body",
			Routes: []Route{on("/x", v.status, v.h...)},
			Calls:  []Call{fetchX(""), fetchX("POST").body("text")},
		})
	}
	return out
}
