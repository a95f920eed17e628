package browser

// exposeCases vary Access-Control-Expose-Headers on a response carrying many headers, and read
// which names the page can see. The lab adds Cache-Control and Content-Length to every
// response; the route adds the other safelisted response headers, Accept (which WebKit exposes),
// X-A, X-B and a Set-Cookie that expires at once (never exposed, and it leaves no cookie).
// Each case reads the response without credentials, then with them (ACAC true).
func exposeCases() []Case {
	base := [][2]string{allowPage, acac("true"),
		hdr("Content-Type", "text/plain"), hdr("Content-Language", "en"), hdr("Expires", "Thu, 01 Jan 1970 00:00:00 GMT"),
		hdr("Last-Modified", "Thu, 01 Jan 1970 00:00:00 GMT"), hdr("Pragma", "no-cache"), hdr("Accept", "text/plain"),
		hdr("X-A", "1"), hdr("X-B", "2"), hdr("Set-Cookie", "corsim=1; Max-Age=0; Path=/c"), hdr("Server-Timing", "a;dur=1")}
	type variant struct {
		name, about string
		h           [][2]string
	}
	vs := []variant{
		{"none", "no ACEH: only the safelisted response headers", nil},
		{"name", "ACEH X-A", [][2]string{aceh("X-A")}},
		{"lower", "ACEH x-a", [][2]string{aceh("x-a")}},
		{"two", "ACEH \"X-A, X-B\"", [][2]string{aceh("X-A, X-B")}},
		{"spaces", "ACEH \"  X-A  ,X-B \"", [][2]string{aceh("  X-A  ,X-B ")}},
		{"dup-lines", "two ACEH lines, X-A and X-B", [][2]string{aceh("X-A"), aceh("X-B")}},
		{"star", "ACEH *: everything without credentials, a literal name with them", [][2]string{aceh("*")}},
		{"star-and-name", "ACEH \"*, X-B\"", [][2]string{aceh("*, X-B")}},
		{"invalid", "ACEH \"X-A, X B\": an invalid token", [][2]string{aceh("X-A, X B")}},
		{"set-cookie", "ACEH listing Set-Cookie and X-A: Set-Cookie is never exposed", [][2]string{aceh("Set-Cookie, X-A")}},
		{"empty", "ACEH present and empty", [][2]string{aceh("")}},
		{"empty-items", "ACEH \",X-A,,\"", [][2]string{aceh(",X-A,,")}},
		{"cors-headers", "ACEH naming Access-Control-Allow-Origin and Access-Control-Expose-Headers", [][2]string{aceh("Access-Control-Allow-Origin, Access-Control-Expose-Headers")}},
		{"absent-name", "ACEH naming X-Missing, which the response does not carry", [][2]string{aceh("X-Missing")}},
	}
	var out []Case
	for _, v := range vs {
		h := append(append([][2]string{}, base...), v.h...)
		out = append(out, Case{Name: "aceh-" + v.name, About: v.about + "; without, then with credentials",
			Routes: []Route{on("/x", 200, h...)},
			Calls:  []Call{fetchX(""), fetchX("").cred("include")}})
	}
	out = append(out,
		Case{Name: "aceh-preflighted", About: "ACEH X-A on the response to a preflighted PUT (the preflight's own ACEH does not count)",
			Routes: []Route{onOptions("/x", 204, allowPage, acam("PUT"), aceh("X-B")), on("/x", 200, allowPage, aceh("X-A"), hdr("X-A", "1"), hdr("X-B", "2"))},
			Calls:  []Call{fetchX("PUT")}},
		Case{Name: "aceh-same-origin", About: "a page-origin response: every header but Set-Cookie is visible, ACEH or not",
			Routes: []Route{onAt("page", "/x", 200, append(append([][2]string{}, base...), aceh("X-A"))...)},
			Calls:  []Call{fetchURL(urlAt("page", "/x"))}},
	)
	return out
}
