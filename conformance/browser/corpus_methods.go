package browser

// methodCases send every kind of method: safelisted ones in odd cases, methods fetch()
// normalises (put -> PUT) and those it does not (patch stays patch), custom and forbidden ones.
// The server allows PUT, DELETE, PATCH and FOO.
func methodCases() []Case {
	server := preflightOK("PUT, DELETE, PATCH, FOO", "")
	type variant struct {
		name, about string
		c           []Call
	}
	twice := func(m string) []Call { return repeatCall(2, fetchX(m)) }
	vs := []variant{
		{"put", "PUT, allowed: preflight, then again from the preflight cache", twice("PUT")},
		{"delete", "DELETE, allowed, twice", twice("DELETE")},
		{"patch", "PATCH, allowed, twice", twice("PATCH")},
		{"patch-lower", "patch in lower case is not normalised: ACRM patch does not match PATCH", twice("patch")},
		{"put-lower", "put in lower case is normalised to PUT", twice("put")},
		{"delete-mixed", "Delete is normalised to DELETE", []Call{fetchX("Delete")}},
		{"get-mixed", "Get is normalised to GET: a simple request", []Call{fetchX("Get")}},
		{"post-lower", "post is normalised to POST: simple, with a text body", []Call{fetchX("post").body("text")}},
		{"head-lower", "head is normalised to HEAD", []Call{fetchX("head")}},
		{"foo", "FOO, a custom method the server allows", twice("FOO")},
		{"foo-lower", "foo in lower case: not normalised, not allowed", []Call{fetchX("foo")}},
		{"options", "OPTIONS as the request's own method: preflighted like any other, not allowed", []Call{fetchX("OPTIONS")}},
		{"connect", "CONNECT is forbidden: fetch() rejects before sending", []Call{fetchX("CONNECT")}},
		{"trace", "TRACE is forbidden", []Call{fetchX("TRACE")}},
		{"track", "TRACK is forbidden", []Call{fetchX("TRACK")}},
		{"connect-lower", "connect in lower case is forbidden too", []Call{fetchX("connect")}},
		{"not-a-token", "a method with a space is not a valid method", []Call{fetchX("BAD METHOD")}},
		{"get-with-body", "GET with a body: fetch() rejects", []Call{fetchX("GET").body("text")}},
		{"head-with-body", "HEAD with a body: fetch() rejects", []Call{fetchX("HEAD").body("text")}},
		{"delete-with-body", "DELETE with a text body", []Call{fetchX("DELETE").body("text")}},
		{"put-bytes", "PUT with a body of bytes (no Content-Type)", []Call{fetchX("PUT").body("bytes")}},
		{"post-multipart", "POST with FormData: multipart/form-data with a boundary, simple", []Call{fetchX("POST").body("multipart")}},
		{"post-form", "POST with URLSearchParams: x-www-form-urlencoded, simple", []Call{fetchX("POST").body("form")}},
		{"post-bytes", "POST with bytes: no Content-Type, simple", []Call{fetchX("POST").body("bytes")}},
	}
	var out []Case
	for _, v := range vs {
		out = append(out, Case{Name: "method-" + v.name, About: v.about, Routes: server, Calls: v.c})
	}
	out = append(out,
		Case{Name: "method-patch-lower-allowed", About: "patch in lower case against ACAM patch: an exact match",
			Routes: preflightOK("patch", ""), Calls: repeatCall(2, fetchX("patch"))},
		Case{Name: "method-options-allowed", About: "OPTIONS as the method, ACAM OPTIONS: the preflight, then an OPTIONS request answered 204",
			Routes: preflightOK("OPTIONS", ""), Calls: []Call{fetchX("OPTIONS")}},
		Case{Name: "method-head-acao", About: "HEAD answered with ACAO (no ACAC): no body, headers visible; then with credentials, which fails",
			Routes: []Route{on("/x", 200, allowPage, hdr("Content-Type", "text/plain"))}, Calls: []Call{fetchX("HEAD"), fetchX("HEAD").cred("include")}},
	)
	return out
}
