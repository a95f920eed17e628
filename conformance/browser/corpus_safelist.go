package browser

import "strings"

// safelistCases probe which request headers a browser treats as CORS-safelisted. Every case
// talks to the same kind of server: the preflight answers 204 with ACAO {page} and nothing
// else (no ACAM, no ACAH), the actual request answers 200 with ACAO {page}. A request the
// browser judges simple succeeds with one request; one it preflights fails visibly at the
// preflight (its ACRH names the headers judged unsafe).
//
// The 1024-byte total: the spec adds up the values of the safelisted headers and makes them
// all unsafe when the sum exceeds 1024. With the five spec names (Accept, Accept-Language,
// Content-Language, Content-Type, Range), each value at most 128 bytes, and duplicate names
// combined into one value (which then exceeds 128 on its own), the sum is at most 640: the
// rule cannot be triggered with spec-safelisted headers alone. Chromium also safelists client
// hints (DPR, Width, Viewport-Width, Device-Memory, RTT, Downlink, ECT, Save-Data) and counts
// them in the sum, so the total-* cases pad those to reach exactly 1024, and 1026.
func safelistCases() []Case {
	server := []Route{onOptions("/x", 204, allowPage), on("/x", 200, allowPage)}
	a128 := strings.Repeat("a", 128)
	a129 := a128 + "a"
	ct128 := padTo("text/plain;a=", 128, "b")
	ct129 := padTo("text/plain;a=", 129, "b")
	type variant struct {
		name, about string
		post        bool // POST with a text body, the header overriding its Content-Type
		h           [][2]string
	}
	vs := []variant{
		// Accept.
		{"accept-plain", "Accept text/html", false, [][2]string{hdr("Accept", "text/html")}},
		{"accept-128", "Accept of exactly 128 bytes", false, [][2]string{hdr("Accept", a128)}},
		{"accept-129", "Accept of 129 bytes: over the limit", false, [][2]string{hdr("Accept", a129)}},
		{"accept-quote", "Accept with a \" (a CORS-unsafe byte)", false, [][2]string{hdr("Accept", `text/"html"`)}},
		{"accept-paren", "Accept with a ( (a CORS-unsafe byte)", false, [][2]string{hdr("Accept", "text/html(x)")}},
		{"accept-brace", "Accept with a { (a CORS-unsafe byte)", false, [][2]string{hdr("Accept", "text/{html}")}},
		{"accept-at", "Accept with an @ (a CORS-unsafe byte)", false, [][2]string{hdr("Accept", "text/html@x")}},
		{"accept-colon", "Accept with a : (a CORS-unsafe byte)", false, [][2]string{hdr("Accept", "text/html:x")}},
		{"accept-tab", "Accept with an inner tab (allowed)", false, [][2]string{hdr("Accept", "text/html,\ttext/plain")}},
		{"accept-dup", "two Accept values appended: they combine into one value", false, [][2]string{hdr("Accept", "text/html"), hdr("Accept", "text/plain")}},
		{"accept-dup-over", "two 100-byte Accept values appended: each fits, combined they exceed 128", false, [][2]string{hdr("Accept", strings.Repeat("a", 100)), hdr("Accept", strings.Repeat("b", 100))}},
		// Accept-Language and Content-Language.
		{"accept-language-plain", "Accept-Language en-US,en;q=0.9", false, [][2]string{hdr("Accept-Language", "en-US,en;q=0.9")}},
		{"accept-language-128", "Accept-Language of 128 bytes", false, [][2]string{hdr("Accept-Language", a128)}},
		{"accept-language-129", "Accept-Language of 129 bytes", false, [][2]string{hdr("Accept-Language", a129)}},
		{"accept-language-underscore", "Accept-Language en_US: _ is not in the allowed set", false, [][2]string{hdr("Accept-Language", "en_US")}},
		{"content-language-plain", "Content-Language de-DE", false, [][2]string{hdr("Content-Language", "de-DE")}},
		{"content-language-128", "Content-Language of 128 bytes", false, [][2]string{hdr("Content-Language", a128)}},
		{"content-language-129", "Content-Language of 129 bytes", false, [][2]string{hdr("Content-Language", a129)}},
		{"content-language-paren", "Content-Language de(DE)", false, [][2]string{hdr("Content-Language", "de(DE)")}},
		// Content-Type.
		{"ct-text-charset", "POST with Content-Type text/plain;charset=utf-8", true, [][2]string{hdr("Content-Type", "text/plain;charset=utf-8")}},
		{"ct-text-upper", "POST with Content-Type TEXT/PLAIN", true, [][2]string{hdr("Content-Type", "TEXT/PLAIN")}},
		{"ct-json", "POST with Content-Type application/json: preflighted", true, [][2]string{hdr("Content-Type", "application/json")}},
		{"ct-multipart-no-boundary", "POST with Content-Type multipart/form-data and no boundary", true, [][2]string{hdr("Content-Type", "multipart/form-data")}},
		{"ct-form", "POST with Content-Type application/x-www-form-urlencoded", true, [][2]string{hdr("Content-Type", "application/x-www-form-urlencoded")}},
		{"ct-list", "POST with Content-Type \"text/plain, application/json\"", true, [][2]string{hdr("Content-Type", "text/plain, application/json")}},
		{"ct-quoted-param", "POST with Content-Type text/plain; charset=\"utf-8\" (a \" is unsafe)", true, [][2]string{hdr("Content-Type", `text/plain; charset="utf-8"`)}},
		{"ct-html", "POST with Content-Type text/html", true, [][2]string{hdr("Content-Type", "text/html")}},
		{"ct-spaced", "POST with Content-Type \"text / plain\" (not a MIME type)", true, [][2]string{hdr("Content-Type", "text / plain")}},
		{"ct-128", "POST with a 128-byte text/plain Content-Type", true, [][2]string{hdr("Content-Type", ct128)}},
		{"ct-129", "POST with a 129-byte text/plain Content-Type", true, [][2]string{hdr("Content-Type", ct129)}},
		{"ct-on-get", "GET with Content-Type text/plain", false, [][2]string{hdr("Content-Type", "text/plain")}},
		// Range.
		{"range-open", "Range bytes=0-", false, [][2]string{hdr("Range", "bytes=0-")}},
		{"range-closed", "Range bytes=0-10", false, [][2]string{hdr("Range", "bytes=0-10")}},
		{"range-suffix", "Range bytes=-5: a suffix range is not safelisted", false, [][2]string{hdr("Range", "bytes=-5")}},
		{"range-multi", "Range bytes=0-1,2-3: two ranges", false, [][2]string{hdr("Range", "bytes=0-1,2-3")}},
		{"range-spaces", "Range \"bytes = 0-10\" with whitespace", false, [][2]string{hdr("Range", "bytes = 0-10")}},
		{"range-inner-space", "Range \"bytes=0- 10\"", false, [][2]string{hdr("Range", "bytes=0- 10")}},
		{"range-reversed", "Range bytes=10-5: start after end", false, [][2]string{hdr("Range", "bytes=10-5")}},
		{"range-unit-case", "Range Bytes=0-", false, [][2]string{hdr("Range", "Bytes=0-")}},
		{"range-other-unit", "Range items=0-5", false, [][2]string{hdr("Range", "items=0-5")}},
		{"range-leading-zeros", "Range of 128 bytes: bytes= then zeros then -", false, [][2]string{hdr("Range", padTo("bytes=", 127, "0")+"-")}},
		// Several safelisted headers: the total.
		{"total-512", "Accept, Accept-Language, Content-Language, Content-Type at 128 bytes each, plus Range (the spec's maximum is 640 < 1024)", false, [][2]string{
			hdr("Accept", a128), hdr("Accept-Language", a128), hdr("Content-Language", a128), hdr("Content-Type", ct128), hdr("Range", "bytes=0-")}},
		{"total-1024", "the four spec names at 128 bytes and DPR, Viewport-Width, Width, Device-Memory padded to 128: exactly 1024 bytes", false, clientHints128(a128, ct128)},
		{"total-1026", "as total-1024 plus ECT 4g: 1026 bytes, over the limit", false, append(clientHints128(a128, ct128), hdr("ECT", "4g"))},
		// Chromium's client hints and other names some browsers safelist.
		{"hint-dpr", "DPR: 2", false, [][2]string{hdr("DPR", "2")}},
		{"hint-dpr-bad", "DPR: 2x (not a number)", false, [][2]string{hdr("DPR", "2x")}},
		{"hint-dpr-128", "DPR padded to 128 bytes (2.000…)", false, [][2]string{hdr("DPR", padTo("2.", 128, "0"))}},
		{"hint-viewport-width", "Viewport-Width: 800", false, [][2]string{hdr("Viewport-Width", "800")}},
		{"hint-width", "Width: 100", false, [][2]string{hdr("Width", "100")}},
		{"hint-device-memory", "Device-Memory: 8", false, [][2]string{hdr("Device-Memory", "8")}},
		{"hint-rtt", "RTT: 50", false, [][2]string{hdr("RTT", "50")}},
		{"hint-downlink", "Downlink: 1.5", false, [][2]string{hdr("Downlink", "1.5")}},
		{"hint-ect", "ECT: 4g", false, [][2]string{hdr("ECT", "4g")}},
		{"hint-ect-bad", "ECT: 6g (not one of the values)", false, [][2]string{hdr("ECT", "6g")}},
		{"hint-save-data", "Save-Data: on", false, [][2]string{hdr("Save-Data", "on")}},
		{"idempotency-key", "Idempotency-Key: \"k1\"", false, [][2]string{hdr("Idempotency-Key", `"k1"`)}},
		// Not safelisted, or not settable at all.
		{"x-foo", "X-Foo: a custom header is always preflighted", false, [][2]string{hdr("X-Foo", "1")}},
		{"x-foo-and-accept", "X-Foo and Accept: only x-foo is named in ACRH", false, [][2]string{hdr("X-Foo", "1"), hdr("Accept", "text/html")}},
		{"two-customs-sorted", "X-Zed and X-Alpha: ACRH sorted and lower-cased", false, [][2]string{hdr("X-Zed", "1"), hdr("X-Alpha", "2")}},
		{"forbidden-names", "forbidden names (Cookie, Referer, Connection, Sec-Foo, Proxy-Foo) are dropped: no preflight", false, [][2]string{
			hdr("Cookie", "a=1"), hdr("Referer", "http://example.com/"), hdr("Connection", "close"), hdr("Sec-Foo", "1"), hdr("Proxy-Foo", "1")}},
		{"method-override-forbidden", "X-HTTP-Method-Override: TRACE is a forbidden header, dropped", false, [][2]string{hdr("X-HTTP-Method-Override", "TRACE")}},
		{"method-override-ok", "X-HTTP-Method-Override: PATCH is an ordinary custom header", false, [][2]string{hdr("X-HTTP-Method-Override", "PATCH")}},
	}
	var out []Case
	for _, v := range vs {
		c := fetchX("", v.h...)
		if v.post {
			c = fetchX("POST", v.h...).body("text")
		}
		out = append(out, Case{Name: "safelist-" + v.name, About: v.about, Routes: server, Calls: []Call{c}})
	}
	return out
}

// clientHints128 is the header list of the total-1024 case: 8 values of exactly 128 bytes.
func clientHints128(a128, ct128 string) [][2]string {
	return [][2]string{
		hdr("Accept", a128), hdr("Accept-Language", a128), hdr("Content-Language", a128), hdr("Content-Type", ct128),
		hdr("DPR", padTo("2.", 128, "0")), hdr("Viewport-Width", padTo("", 125, "0")+"800"),
		hdr("Width", padTo("", 125, "0")+"100"), hdr("Device-Memory", padTo("8.", 128, "0")),
	}
}
