package browser

// elementCases load a cross-origin resource with each element ("potentially CORS-enabled
// fetch" in HTML): no crossorigin attribute makes a no-cors request (credentials include)
// that loads whatever the server answers but leaves the resource opaque (a canvas it is drawn
// on is tainted, a script's errors are muted, a stylesheet's rules are unreadable);
// crossorigin=anonymous makes a cors request with credentials same-origin, use-credentials
// one with credentials include. Each case tries the three attribute states against one
// server answer.
func elementCases() []Case {
	kinds := []struct {
		api, prefix, ctype, body, about string
	}{
		{Img, "img-", "image/png", pngImage, "<img> drawn on a canvas and read back"},
		{Script, "script-", "text/javascript", throwingScript, "<script> that throws: load or error, and whether window.onerror sees the message"},
		{Stylesheet, "sheet-", "text/css", styleSheet, "<link rel=stylesheet>: load or error, and whether cssRules is readable"},
		{Audio, "media-audio-", "audio/wav", wavSound, "<audio> with a WAV file: loadeddata or error"},
		{Video, "media-video-", "audio/wav", wavSound, "<video> with a WAV file (sound only): loadeddata or error"},
	}
	var out []Case
	for _, k := range kinds {
		for _, a := range corsAnswers {
			var calls []Call
			for _, co := range crossOriginValues {
				c := elementX(k.api, co)
				if k.api == Img {
					c = c.canvas()
				}
				calls = append(calls, c)
			}
			out = append(out, Case{Name: k.prefix + a.name, About: k.about + ", from a server answering " + a.name + ", with crossorigin absent, anonymous, use-credentials",
				Routes: []Route{withBody(API, "/x", k.ctype, k.body, a.h...)}, Calls: calls})
		}
	}
	img := func(co string) Call { return elementX(Img, co).canvas() }
	png := func(origin, path string, h ...[2]string) Route {
		return withBody(origin, path, "image/png", pngImage, h...)
	}
	out = append(out,
		Case{Name: "img-same-origin", About: "an image on the page's origin: never tainted; with crossorigin a same-origin cors request (Origin sent?)",
			Routes: []Route{png(Page, "/x")},
			Calls:  []Call{img("").to(urlAt("page", "/x")), img("anonymous").to(urlAt("page", "/x")), img("use-credentials").to(urlAt("page", "/x"))}},
		Case{Name: "img-empty-attr", About: "crossorigin=\"\" (the empty value is the anonymous state) against ACAO page",
			Routes: []Route{png(API, "/x", allowPage)}, Calls: []Call{img("empty")}},
		Case{Name: "img-host", About: "an image from the localhost origin (cross-site) with ACAO page: Sec-Fetch-Site cross-site, no cookie",
			Routes: []Route{png(Host, "/x", allowPage, acac("true"))},
			Calls:  []Call{img("").to(urlAt("host", "/x")), img("anonymous").to(urlAt("host", "/x")), img("use-credentials").to(urlAt("host", "/x"))}},
		Case{Name: "img-redirect-cross", About: "api 302 -> api2 (ACAO * on both): no-cors follows and taints; anonymous passes with Origin null; use-credentials fails on *",
			Routes: []Route{redirectTo("api", "/x", 302, urlAt("api2", "/t"), acao("*")), png(API2, "/t", acao("*"))},
			Calls:  []Call{img(""), img("anonymous"), img("use-credentials")}},
		Case{Name: "img-redirect-no-acao", About: "api 302 (no ACAO) -> api2 with ACAO *: only the no-cors request follows",
			Routes: []Route{redirectTo("api", "/x", 302, urlAt("api2", "/t")), png(API2, "/t", acao("*"))},
			Calls:  []Call{img(""), img("anonymous")}},
		Case{Name: "img-redirect-to-page", About: "page 302 -> api (no ACAO) -> the image is cross-origin in the end: tainted; with crossorigin it fails",
			Routes: []Route{redirectTo("page", "/x", 302, urlAt("api", "/t")), png(API, "/t")},
			Calls:  []Call{img("").to(urlAt("page", "/x")), img("anonymous").to(urlAt("page", "/x"))}},
		Case{Name: "img-api-to-page", About: "api 302 (ACAO page) -> page origin: the final response is same-origin but the request went through api",
			Routes: []Route{redirectTo("api", "/x", 302, urlAt("page", "/t"), allowPage), png(Page, "/t")},
			Calls:  []Call{img(""), img("anonymous")}},
		Case{Name: "img-404", About: "a 404 with ACAO and an image body: does the image load (it does in all three) and taint?",
			Routes: []Route{{Path: "/x", Status: 404, Header: [][2]string{hdr("Content-Type", "image/png"), allowPage}, Body: pngImage}},
			Calls:  []Call{img(""), img("anonymous")}},
		Case{Name: "script-same-origin", About: "a throwing script on the page's origin: errors never muted",
			Routes: []Route{withBody(Page, "/x", "text/javascript", throwingScript)},
			Calls:  []Call{elementX(Script, "").to(urlAt("page", "/x")), elementX(Script, "anonymous").to(urlAt("page", "/x"))}},
		Case{Name: "script-host", About: "a throwing script from the localhost origin (cross-site, not only cross-origin) without crossorigin: muted?",
			Routes: []Route{withBody(Host, "/x", "text/javascript", throwingScript, allowPage)},
			Calls:  []Call{elementX(Script, "").to(urlAt("host", "/x")), elementX(Script, "anonymous").to(urlAt("host", "/x"))}},
		Case{Name: "sheet-wrong-type", About: "a cross-origin stylesheet served as text/plain: refused in standards mode",
			Routes: []Route{withBody(API, "/x", "text/plain", styleSheet, allowPage)},
			Calls:  []Call{elementX(Stylesheet, ""), elementX(Stylesheet, "anonymous")}},
		Case{Name: "media-audio-range", About: "<audio> from a server that answers 206 to Range requests? (the lab answers 200): what Range the request carries",
			Routes: []Route{withBody(API, "/x", "audio/wav", wavSound, allowPage, hdr("Accept-Ranges", "none"))},
			Calls:  []Call{elementX(Audio, ""), elementX(Audio, "anonymous")}},
	)
	return out
}
