package browser

// xhrCases are XMLHttpRequest's CORS situations: what the page sees (status 0 and error
// events on a network error, getAllResponseHeaders, getResponseHeader, responseURL), the
// withCredentials flag, the upload listener that sets the use-CORS-preflight flag, headers
// frameworks add (X-Requested-With), forbidden headers setRequestHeader ignores, bodies,
// redirects, and synchronous requests.
func xhrCases() []Case {
	readAll := []string{"Content-Type", "X-A", "X-B", "Cache-Control", "Content-Length", "Set-Cookie", "Access-Control-Allow-Origin"}
	withXA := func(h ...[2]string) []Route {
		h = append(h, hdr("Content-Type", "text/plain"), hdr("X-A", "1"), hdr("X-B", "2"), hdr("Set-Cookie", "s=1"))
		return []Route{on("/x", 200, h...)}
	}
	out := []Case{}
	for _, a := range corsAnswers {
		out = append(out, Case{Name: "xhr-get-" + a.name,
			About:  "XHR GET against a server answering " + a.name + ", with and without withCredentials: status, events, the headers the page can read",
			Routes: withXA(a.h...),
			Calls:  []Call{xhr("").read(readAll...), xhr("").withCreds().read(readAll...)}})
	}
	out = append(out,
		Case{Name: "xhr-expose", About: "XHR GET with ACEH X-A: getAllResponseHeaders lists X-A and the safelisted names, lower-cased and sorted?",
			Routes: withXA(allowPage, aceh("X-A")),
			Calls:  []Call{xhr("").read(readAll...)}},
		Case{Name: "xhr-expose-star", About: "XHR GET with ACEH *: every name but Set-Cookie without credentials; * is literal with withCredentials",
			Routes: withXA(allowPage, acac("true"), aceh("*")),
			Calls:  []Call{xhr("").read(readAll...), xhr("").withCreds().read(readAll...)}},
		Case{Name: "xhr-expose-dup", About: "XHR GET whose response has X-A twice and a mixed-case name: how getAllResponseHeaders combines and cases them",
			Routes: []Route{on("/x", 200, allowPage, aceh("X-A, X-Mixed"), hdr("X-A", "1"), hdr("X-Mixed", "m"), hdr("X-A", "2"))},
			Calls:  []Call{xhr("").read("X-A", "x-mixed")}},
		Case{Name: "xhr-status-404", About: "XHR GET answered 404 with ACAO: a load event with status 404, not an error",
			Routes: []Route{on("/x", 404, allowPage)}, Calls: []Call{xhr("")}},
		Case{Name: "xhr-status-500-no-acao", About: "XHR GET answered 500 without ACAO: status 0 and an error event",
			Routes: []Route{on("/x", 500)}, Calls: []Call{xhr("")}},
		Case{Name: "xhr-down", About: "XHR GET to a port nobody listens on: status 0, error event",
			Calls: []Call{xhr("").to("{down}{case}/x")}},
		Case{Name: "xhr-same-origin", About: "XHR GET on the page's origin: no Origin header, every header readable",
			Routes: []Route{onAt("page", "/x", 200, hdr("X-A", "1"), hdr("Set-Cookie", "s=1"))},
			Calls:  []Call{xhr("").to(urlAt("page", "/x")).read("X-A", "Set-Cookie")}},
		// The use-CORS-preflight flag: an upload listener registered before send().
		Case{Name: "xhr-upload-preflight-ok", About: "XHR POST with a text body: without an upload listener no preflight; with one, a preflight even though the request is simple",
			Routes: preflightOK("POST", ""),
			Calls:  []Call{xhr("POST").body("text"), xhr("POST").body("text").upload()}},
		Case{Name: "xhr-upload-preflight-refused", About: "XHR POST with a text body against a server without preflight support: passes without an upload listener, fails with one",
			Routes: []Route{onMethod("POST", "/x", 200, allowPage)},
			Calls:  []Call{xhr("POST").body("text"), xhr("POST").body("text").upload()}},
		Case{Name: "xhr-upload-get", About: "XHR GET (no body) with an upload listener: does the flag still force a preflight?",
			Routes: []Route{onMethod("GET", "/x", 200, allowPage)},
			Calls:  []Call{xhr("").upload()}},
		Case{Name: "xhr-upload-cred", About: "XHR POST with withCredentials and an upload listener: the preflight needs ACAC too",
			Routes: preflightOK("POST", "", acac("true")),
			Calls:  []Call{xhr("POST").body("text").upload().withCreds()}},
		// Headers frameworks add.
		Case{Name: "xhr-x-requested-with", About: "XHR GET with X-Requested-With (jQuery, AngularJS 1.0): preflighted; allowed, then refused",
			Routes: preflightOK("", "X-Requested-With"),
			Calls: []Call{xhr("", hdr("X-Requested-With", "XMLHttpRequest")),
				xhr("", hdr("X-Requested-With", "XMLHttpRequest")).to(urlAt("api", "/y")).answers(on("/y", 200, allowPage))}},
		Case{Name: "xhr-axios-put", About: "an axios-style PUT with credentials and a JSON Content-Type: preflight with ACAC",
			Routes: preflightOK("PUT", "Content-Type", acac("true")),
			Calls: []Call{xhr("PUT", hdr("Content-Type", "application/json"), hdr("Accept", "application/json, text/plain, */*")).body("json").withCreds(),
				xhr("PUT", hdr("Content-Type", "application/json")).body("json").withCreds().to(urlAt("api", "/y")).answers(onOptions("/y", 204, allowPage, acam("PUT"), acah("Content-Type")), on("/y", 200, allowPage))}},
		Case{Name: "xhr-forbidden-headers", About: "setRequestHeader with forbidden names (Cookie, Referer, Origin, Sec-Foo, Proxy-X): silently dropped? and a safelisted Accept",
			Routes: []Route{on("/x", 200, allowPage)},
			Calls: []Call{xhr("", hdr("Cookie", "x=1"), hdr("Referer", "http://evil.example/"), hdr("Origin", "http://evil.example"),
				hdr("Sec-Foo", "1"), hdr("Proxy-X", "1"), hdr("Accept", "text/plain"))}},
		Case{Name: "xhr-content-type-override", About: "XHR POST of a Blob typed application/json with Content-Type set to text/plain by setRequestHeader: the header wins, no preflight",
			Routes: []Route{onMethod("POST", "/x", 200, allowPage)},
			Calls:  []Call{xhr("POST", hdr("Content-Type", "text/plain")).body("blob-json")}},
		Case{Name: "xhr-method-case", About: "XHR with method \"post\" and \"patch\": post is normalized, patch is not (preflight says patch)",
			Routes: []Route{onOptions("/x", 204, allowPage, acam("PATCH, patch")), on("/x", 200, allowPage)},
			Calls:  []Call{xhr("post").body("text"), xhr("patch").body("text")}},
	)
	// Bodies: the Content-Type XMLHttpRequest derives from each, and which preflight.
	var bodies []Call
	for _, k := range []string{"text", "json", "form", "multipart", "bytes", "arraybuffer", "blob", "blob-text", "blob-json"} {
		bodies = append(bodies, xhr("POST").body(k))
	}
	out = append(out, Case{Name: "xhr-bodies", About: "XHR POST of each body kind to a server that allows POST and Content-Type: the Content-Type each produces",
		Routes: preflightOK("POST", "Content-Type"), Calls: bodies})
	// Redirects.
	out = append(out,
		Case{Name: "xhr-redirect-same", About: "XHR GET: api 302 -> api /t: responseURL is the final URL",
			Routes: []Route{redirectTo("api", "/x", 302, urlAt("api", "/t"), allowPage), on("/t", 200, allowPage)},
			Calls:  []Call{xhr("")}},
		Case{Name: "xhr-redirect-cross", About: "XHR GET: api 302 -> api2 /t answering ACAO * (then ACAO page): Origin becomes null",
			Routes: []Route{redirectTo("api", "/x", 302, urlAt("api2", "/t"), allowPage), onAt("api2", "/t", 200, acao("*"))},
			Calls:  []Call{xhr(""), xhr("").answers(onAt("api2", "/t", 200, allowPage))}},
		Case{Name: "xhr-redirect-no-acao", About: "XHR GET: a cross-origin 302 without ACAO",
			Routes: []Route{redirectTo("api", "/x", 302, urlAt("api", "/t")), on("/t", 200, allowPage)},
			Calls:  []Call{xhr("")}},
		Case{Name: "xhr-redirect-post-303", About: "XHR POST with a text body answered 303: the follow-up GET, and its events",
			Routes: []Route{redirectTo("api", "/x", 303, urlAt("api", "/t"), allowPage), on("/t", 200, allowPage)},
			Calls:  []Call{xhr("POST").body("text"), xhr("POST").body("text").upload().answers(onOptions("/x", 204, allowPage, acam("POST")))}},
		Case{Name: "xhr-redirect-preflighted", About: "XHR PUT: preflight ok, then the PUT is answered 307 to api /t: a new preflight for /t",
			Routes: []Route{onOptions("/x", 204, allowPage, acam("PUT")), redirectTo("api", "/x", 307, urlAt("api", "/t"), allowPage),
				onOptions("/t", 204, allowPage, acam("PUT")), on("/t", 200, allowPage)},
			Calls: []Call{xhr("PUT")}},
		// Synchronous requests: send() throws NetworkError instead of firing error.
		Case{Name: "xhr-sync", About: "synchronous XHR GET: allowed, then without ACAO (send() throws), then to a closed port",
			Routes: []Route{on("/x", 200, allowPage, hdr("X-A", "1")), on("/y", 200)},
			Calls:  []Call{xhr("").sync().read("X-A"), xhr("").sync().to(urlAt("api", "/y")), xhr("").sync().to("{down}{case}/x")}},
		Case{Name: "xhr-sync-cred", About: "synchronous XHR GET with withCredentials, server with ACAO page and ACAC true",
			Routes: []Route{on("/x", 200, allowPage, acac("true"))},
			Calls:  []Call{xhr("").sync().withCreds()}},
	)
	return out
}
