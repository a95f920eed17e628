package browser

// fontCases load a web font (CSS Fonts: fetched in cors mode, credentials same-origin,
// destination "font", whatever declares it) from a @font-face rule of an inline <style>
// (same-origin to the page) or of a stylesheet on another origin.
func fontCases() []Case {
	font := func(origin, path string, h ...[2]string) Route {
		return withBody(origin, path, "font/ttf", ttfFont, h...)
	}
	fontCall := func(url string) Call { return Call{API: Font, URL: url} }
	var out []Case
	for _, a := range corsAnswers {
		out = append(out, Case{Name: "font-" + a.name, About: "a font on api answering " + a.name + ", declared by the page's inline <style>",
			Routes: []Route{font(API, "/x", a.h...)}, Calls: []Call{fontCall(apiX)}})
	}
	sheet := func(origin, fontURL string, h ...[2]string) Route {
		return withBody(origin, "/sheet", "text/css", fontSheet(fontURL), h...)
	}
	viaSheet := func(origin, fontURL string) Call {
		return Call{API: Font, URL: fontURL, Opt: InitiatorOptions{Sheet: urlAt(origin, "/sheet")}}
	}
	out = append(out,
		Case{Name: "font-same-origin", About: "a font on the page's origin without CORS headers",
			Routes: []Route{font(Page, "/x")}, Calls: []Call{fontCall(urlAt("page", "/x"))}},
		Case{Name: "font-bad-data", About: "a font answered with ACAO * but a body that is not a font: the failure a CORS block must not be confused with",
			Routes: []Route{withBody(API, "/x", "font/ttf", "not a font", acao("*"))}, Calls: []Call{fontCall(apiX)}},
		Case{Name: "font-sheet-api-no-acao", About: "a stylesheet on api declares a font on api without ACAO: the font is cross-origin to the document, not to the sheet",
			Routes: []Route{sheet(API, urlAt("api", "/x")), font(API, "/x")}, Calls: []Call{viaSheet("api", urlAt("api", "/x"))}},
		Case{Name: "font-sheet-api-acao", About: "a stylesheet on api declares a font on api with ACAO page: which Origin does the font request carry?",
			Routes: []Route{sheet(API, urlAt("api", "/x")), font(API, "/x", allowPage)}, Calls: []Call{viaSheet("api", urlAt("api", "/x"))}},
		Case{Name: "font-sheet-api-page-font", About: "a stylesheet on api declares a font on the page's origin (no CORS headers)",
			Routes: []Route{sheet(API, urlAt("page", "/x")), font(Page, "/x")}, Calls: []Call{viaSheet("api", urlAt("page", "/x"))}},
		Case{Name: "font-redirect", About: "a font on api 302 -> api2 answering ACAO *: the Origin is null after the hop",
			Routes: []Route{redirectTo("api", "/x", 302, urlAt("api2", "/t"), allowPage), font(API2, "/t", acao("*"))}, Calls: []Call{fontCall(apiX)}},
	)
	return out
}
