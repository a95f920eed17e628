package browser

// beaconCases are navigator.sendBeacon's requests: always POST, credentials "include", mode
// "no-cors" when the body's type is CORS-safelisted (or there is none) and "cors" otherwise,
// keepalive. The page sees only sendBeacon's return value; the lab's record is the
// observation.
func beaconCases() []Case {
	out := []Case{}
	// Safelisted or absent types: one no-cors POST each, whatever the server answers.
	var plain []Call
	for _, k := range []string{"", "text", "form", "multipart", "blob", "blob-text", "arraybuffer", "bytes"} {
		plain = append(plain, beacon(k))
	}
	out = append(out,
		Case{Name: "beacon-safelisted", About: "sendBeacon with no body, a string, URLSearchParams, FormData, Blobs without and with a safelisted type, ArrayBuffer, Uint8Array, to a server without CORS headers",
			Routes: []Route{on("/x", 200)}, Calls: plain},
		Case{Name: "beacon-to-host", About: "sendBeacon with a string to the localhost origin (cross-site; the lab's cookie is for 127.0.0.1)",
			Routes: []Route{onAt("host", "/x", 200)}, Calls: []Call{beacon("text").to(urlAt("host", "/x"))}},
		Case{Name: "beacon-same-origin", About: "sendBeacon with a JSON Blob to the page's origin: no preflight",
			Routes: []Route{onAt("page", "/x", 200)}, Calls: []Call{beacon("blob-json").to(urlAt("page", "/x"))}},
		Case{Name: "beacon-big", About: "sendBeacon with a 65537-byte string: over the 64 KiB keepalive quota, returns false",
			Routes: []Route{on("/x", 200)}, Calls: []Call{beacon("big")}},
		Case{Name: "beacon-stream", About: "sendBeacon with a ReadableStream: a keepalive request cannot have a stream body",
			Routes: []Route{on("/x", 200)}, Calls: []Call{beacon("stream")}},
		Case{Name: "beacon-down", About: "sendBeacon to a port nobody listens on: it still returns true",
			Calls: []Call{beacon("text").to("{down}{case}/x")}},
		Case{Name: "beacon-redirect", About: "sendBeacon with a string answered 302 -> api2: followed in no-cors mode",
			Routes: []Route{redirectTo("api", "/x", 302, urlAt("api2", "/t")), onAt("api2", "/t", 200)},
			Calls:  []Call{beacon("text")}},
	)
	// A Blob typed application/json: a credentialed CORS request, preflighted.
	json := []struct{ name, about string }{
		{"refused", "no preflight support (OPTIONS 404)"},
		{"no-acac", "a preflight naming the page and Content-Type but no ACAC"},
		{"ok", "a preflight with ACAO page, ACAH Content-Type and ACAC true"},
		{"star", "a preflight with ACAO *, ACAH * and ACAC true"},
	}
	routes := map[string][]Route{
		"refused": {onMethod("POST", "/x", 200, allowPage, acac("true"))},
		"no-acac": {onOptions("/x", 204, allowPage, acah("Content-Type")), onMethod("POST", "/x", 200, allowPage)},
		"ok":      preflightOK("", "Content-Type", acac("true")),
		"star":    {onOptions("/x", 204, acao("*"), acah("*"), acac("true")), onMethod("POST", "/x", 200, acao("*"), acac("true"))},
	}
	for _, j := range json {
		out = append(out, Case{Name: "beacon-json-" + j.name, About: "sendBeacon with a Blob typed application/json against " + j.about,
			Routes: routes[j.name], Calls: []Call{beacon("blob-json")}})
	}
	out = append(out, Case{Name: "beacon-json-redirect", About: "sendBeacon with a JSON Blob: preflight ok, the POST answered 307 -> api2 (ACAO * and ACAC true)",
		Routes: []Route{onOptions("/x", 204, allowPage, acah("Content-Type"), acac("true")), redirectTo("api", "/x", 307, urlAt("api2", "/t"), allowPage, acac("true")),
			{Origin: API2, Method: "OPTIONS", Path: "/t", Status: 204, Header: [][2]string{acao("null"), acah("Content-Type"), acac("true")}},
			onAt("api2", "/t", 200, acao("null"), acac("true"))},
		Calls: []Call{beacon("blob-json")}})
	return out
}
