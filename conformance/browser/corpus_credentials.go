package browser

// credentialsCases play credentials modes against Access-Control-Allow-Credentials spellings.
// Nothing here relies on cookies: what matters is the credentials mode, which decides whether
// ACAC must be exactly "true" and whether "*" counts as a wildcard.
func credentialsCases() []Case {
	threeModes := []Call{fetchX("").cred("include"), fetchX("").cred("omit"), fetchX("").cred("same-origin")}
	type variant struct {
		name, about string
		h           [][2]string
	}
	vs := []variant{
		{"true", "ACAC true with the page's origin", [][2]string{allowPage, acac("true")}},
		{"True", "ACAC True: the match is case-sensitive", [][2]string{allowPage, acac("True")}},
		{"TRUE", "ACAC TRUE", [][2]string{allowPage, acac("TRUE")}},
		{"missing", "no ACAC: only non-credentialed requests pass", [][2]string{allowPage}},
		{"trailing-spaces", "ACAC \"true  \" (HTTP strips trailing whitespace)", [][2]string{allowPage, acac("true  ")}},
		{"leading-spaces", "ACAC \"  true\"", [][2]string{allowPage, acac("  true")}},
		{"dup", "two ACAC lines, both true: combined they read \"true, true\"", [][2]string{allowPage, acac("true"), acac("true")}},
		{"dup-false-true", "two ACAC lines: false then true", [][2]string{allowPage, acac("false"), acac("true")}},
		{"false", "ACAC false", [][2]string{allowPage, acac("false")}},
		{"one", "ACAC 1", [][2]string{allowPage, acac("1")}},
		{"empty", "ACAC present and empty", [][2]string{allowPage, acac("")}},
		{"quoted", "ACAC \"true\" with the quotes", [][2]string{allowPage, acac(`"true"`)}},
		{"star-origin", "ACAO * with ACAC true: a credentialed request fails, the others pass", [][2]string{acao("*"), acac("true")}},
		{"star-origin-no-acac", "ACAO * without ACAC", [][2]string{acao("*")}},
		{"null-origin", "ACAO null with ACAC true: the page's origin is not opaque", [][2]string{acao("null"), acac("true")}},
		{"dup-origin", "two ACAO lines naming the page, with ACAC true", [][2]string{allowPage, allowPage, acac("true")}},
		{"name-lower", "the ACAC header name in lower case", [][2]string{allowPage, hdr("access-control-allow-credentials", "true")}},
	}
	var out []Case
	for _, v := range vs {
		out = append(out, Case{
			Name:   "cred-" + v.name,
			About:  v.about + "; GET with credentials include, omit, same-origin",
			Routes: []Route{on("/x", 200, v.h...)},
			Calls:  threeModes,
		})
	}
	xa := []Route{on("/x", 200, allowPage, acac("true"), aceh("*"), hdr("X-A", "1"), hdr("Content-Type", "text/plain"))}
	out = append(out,
		Case{Name: "cred-aceh-star", About: "ACEH * with ACAC true: with credentials * is a literal name, so X-A stays hidden",
			Routes: xa, Calls: []Call{fetchX("").cred("include"), fetchX("").cred("omit")}},
		Case{Name: "cred-aceh-star-and-name", About: "ACEH \"*, X-A\" with credentials: X-A is exposed by name, X-B not",
			Routes: []Route{on("/x", 200, allowPage, acac("true"), aceh("*, X-A"), hdr("X-A", "1"), hdr("X-B", "2"))},
			Calls:  []Call{fetchX("").cred("include"), fetchX("").cred("omit")}},
		Case{Name: "cred-preflight-ok", About: "credentialed PUT: preflight with ACAC true, actual response with ACAC true",
			Routes: preflightOK("PUT", "", acac("true")),
			Calls:  []Call{fetchX("PUT").cred("include")}},
		Case{Name: "cred-preflight-no-acac", About: "credentialed PUT whose preflight lacks ACAC fails; the same PUT without credentials passes",
			Routes: preflightOK("PUT", ""),
			Calls:  []Call{fetchX("PUT").cred("include"), fetchX("PUT").cred("omit")}},
		Case{Name: "cred-actual-no-acac", About: "credentialed PUT: the preflight has ACAC true, the actual response does not",
			Routes: []Route{onOptions("/x", 204, allowPage, acam("PUT"), acac("true")), on("/x", 200, allowPage)},
			Calls:  []Call{fetchX("PUT").cred("include")}},
		Case{Name: "cred-preflight-star-origin", About: "credentialed PUT whose preflight answers ACAO * and ACAC true",
			Routes: []Route{onOptions("/x", 204, acao("*"), acam("PUT"), acac("true")), on("/x", 200, allowPage, acac("true"))},
			Calls:  []Call{fetchX("PUT").cred("include"), fetchX("PUT").cred("omit")}},
		Case{Name: "cred-preflight-acac-True", About: "credentialed PUT whose preflight answers ACAC True",
			Routes: []Route{onOptions("/x", 204, allowPage, acam("PUT"), acac("True")), on("/x", 200, allowPage, acac("true"))},
			Calls:  []Call{fetchX("PUT").cred("include")}},
		Case{Name: "cred-header-x", About: "credentialed GET with X-Foo: the preflight lists x-foo and ACAC true",
			Routes: preflightOK("", "X-Foo", acac("true")),
			Calls:  []Call{fetchX("", hdr("X-Foo", "1")).cred("include"), fetchX("", hdr("X-Foo", "1")).cred("same-origin")}},
	)
	return out
}
