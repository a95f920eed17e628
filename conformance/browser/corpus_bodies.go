package browser

// bodyCases send each kind of body with fetch(): the Content-Type the body produces (none for
// an ArrayBuffer or an untyped Blob, the Blob's own type otherwise), whether that makes the
// request preflighted, and what a ReadableStream body (duplex "half") does over HTTP/1.1,
// the only protocol the lab speaks.
func bodyCases() []Case {
	kinds := []string{"text", "json", "form", "multipart", "bytes", "arraybuffer", "blob", "blob-text", "blob-json", "blob-form", "stream"}
	post := func(k string) Call { return fetchX("POST").body(k) }
	var allowed, refused []Call
	for _, k := range kinds {
		allowed = append(allowed, post(k))
		refused = append(refused, post(k))
	}
	return []Case{
		{Name: "body-allowed", About: "fetch POST of each body kind to a server that allows POST and Content-Type in a preflight",
			Routes: preflightOK("POST", "Content-Type"), Calls: allowed},
		{Name: "body-no-preflight", About: "fetch POST of each body kind to a server without preflight support: which kinds need one",
			Routes: []Route{onMethod("POST", "/x", 200, allowPage)}, Calls: refused},
		{Name: "body-same-origin", About: "fetch POST of a stream, a JSON Blob and an ArrayBuffer to the page's origin: no CORS, only the body's framing",
			Routes: []Route{onAt("page", "/x", 200)},
			Calls:  []Call{post("stream").to(urlAt("page", "/x")), post("blob-json").to(urlAt("page", "/x")), post("arraybuffer").to(urlAt("page", "/x"))}},
		{Name: "body-header-wins", About: "a JSON Blob with Content-Type text/plain set in headers: the header wins and no preflight is needed",
			Routes: []Route{onMethod("POST", "/x", 200, allowPage)},
			Calls:  []Call{fetchX("POST", hdr("Content-Type", "text/plain")).body("blob-json")}},
		{Name: "body-stream-put", About: "a stream PUT to the page's origin, then cross-origin with credentials (preflight allows PUT with ACAC)",
			Routes: routeSet([]Route{onAt("page", "/x", 200)}, preflightOK("PUT", "", acac("true"))),
			Calls:  []Call{fetchX("PUT").body("stream").to(urlAt("page", "/x")), fetchX("PUT").body("stream").cred("include")}},
		{Name: "body-stream-no-duplex", About: "a stream body without duplex: fetch() must throw a TypeError before any request",
			Routes: []Route{onAt("page", "/x", 200)},
			Calls:  []Call{fetchX("POST").body("stream-noduplex").to(urlAt("page", "/x"))}},
	}
}
