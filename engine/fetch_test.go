package engine

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// fetchCase is one fetch on a fresh browser against a static server.
type fetchCase struct {
	name   string
	req    Request
	routes []Route
	want   verdict
}

func runFetchCases(t *testing.T, cases []fetchCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.req.Origin == "" {
				tc.req.Origin = pageOrigin
			}
			res := fetch(t, NewBrowser(Spec), tc.req, mustServer(t, tc.routes...))
			if diff := cmp.Diff(tc.want, summarize(res), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("verdict (-want +got):\n%s\ntrace:\n%s", diff, traceText(res))
			}
		})
	}
}

func traceText(r Result) string {
	var b strings.Builder
	for _, s := range r.Trace {
		mark := "  "
		if s.Failed {
			mark = "✗ "
		}
		b.WriteString(mark + s.Text + "\n")
	}
	return b.String()
}

// simple GET as a page at pageOrigin sends it.
func simpleGet(url string, cred bool) sent {
	return sent{Method: "GET", URL: url, Origin: pageOrigin, ACRM: "-", ACRH: "-", Credentials: cred}
}

func preflight(url, method, acrh string) sent {
	return sent{Method: "OPTIONS", URL: url, Origin: pageOrigin, ACRM: method, ACRH: acrh}
}

func actual(method, url string) sent {
	return sent{Method: method, URL: url, Origin: pageOrigin, ACRM: "-", ACRH: "-"}
}

func networkErr(reason Reason, s ...sent) verdict {
	return verdict{Outcome: NetworkError, Reason: reason, Type: TypeNetworkError, Sent: s}
}

func typeErr(reason Reason) verdict {
	return verdict{Outcome: TypeError, Reason: reason, Type: TypeNetworkError}
}

func corsOK(status int, names []string, s ...sent) verdict {
	return verdict{Outcome: OK, Type: TypeCORS, Status: status, HeaderNames: names, Sent: s}
}

const x = apiURL + "/x"

// TestCORSCheck covers every Access-Control-Allow-Origin / -Credentials verdict of a simple
// request, one per failure reason and the passing variants.
// https://fetch.spec.whatwg.org/#concept-cors-check
func TestCORSCheck(t *testing.T) {
	get := func(acao ...string) []Route { return []Route{route("GET", x, 200, acao...)} }
	inc := Request{URL: x, Credentials: CredentialsInclude}
	runFetchCases(t, []fetchCase{
		{"wildcard", Request{URL: x}, get("Access-Control-Allow-Origin", "*"), corsOK(200, nil, simpleGet(x, false))},
		{"exact origin", Request{URL: x}, get("Access-Control-Allow-Origin", pageOrigin), corsOK(200, nil, simpleGet(x, false))},
		{"missing", Request{URL: x}, get(), networkErr(MissingAllowOrigin, simpleGet(x, false))},
		{"trailing slash", Request{URL: x}, get("Access-Control-Allow-Origin", pageOrigin+"/"), networkErr(AllowOriginMismatch, simpleGet(x, false))},
		{"upper case host", Request{URL: x}, get("Access-Control-Allow-Origin", "https://APP.example"), networkErr(AllowOriginMismatch, simpleGet(x, false))},
		{"default port spelled out", Request{URL: x}, get("Access-Control-Allow-Origin", pageOrigin+":443"), networkErr(AllowOriginMismatch, simpleGet(x, false))},
		{"other origin", Request{URL: x}, get("Access-Control-Allow-Origin", "https://evil.example"), networkErr(AllowOriginMismatch, simpleGet(x, false))},
		{"null for a real origin", Request{URL: x}, get("Access-Control-Allow-Origin", "null"), networkErr(AllowOriginMismatch, simpleGet(x, false))},
		{"two header lines with the same origin", Request{URL: x}, get("Access-Control-Allow-Origin", pageOrigin, "Access-Control-Allow-Origin", pageOrigin), networkErr(MultipleAllowOrigin, simpleGet(x, false))},
		{"two origins in one value (nginx)", Request{URL: x}, get("Access-Control-Allow-Origin", pageOrigin+" https://admin.example"), networkErr(MultipleAllowOrigin, simpleGet(x, false))},
		{"comma-separated origins", Request{URL: x}, get("Access-Control-Allow-Origin", pageOrigin+", https://admin.example"), networkErr(MultipleAllowOrigin, simpleGet(x, false))},
		{"wildcard twice", Request{URL: x}, get("Access-Control-Allow-Origin", "*, *"), networkErr(MultipleAllowOrigin, simpleGet(x, false))},
		{"opaque page origin and null", Request{Origin: "null", URL: x}, get("Access-Control-Allow-Origin", "null"),
			corsOK(200, nil, sent{Method: "GET", URL: x, Origin: "null", ACRM: "-", ACRH: "-"})},
		{"opaque page origin and a real origin", Request{Origin: "null", URL: x}, get("Access-Control-Allow-Origin", pageOrigin),
			networkErr(AllowOriginMismatch, sent{Method: "GET", URL: x, Origin: "null", ACRM: "-", ACRH: "-"})},
		{"credentials and wildcard", inc, get("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Credentials", "true"), networkErr(WildcardOriginWithCredentials, simpleGet(x, true))},
		{"credentials without Allow-Credentials", inc, get("Access-Control-Allow-Origin", pageOrigin), networkErr(AllowCredentialsNotTrue, simpleGet(x, true))},
		{"credentials with Allow-Credentials True", inc, get("Access-Control-Allow-Origin", pageOrigin, "Access-Control-Allow-Credentials", "True"), networkErr(AllowCredentialsNotTrue, simpleGet(x, true))},
		{"credentials with Allow-Credentials twice", inc, get("Access-Control-Allow-Origin", pageOrigin, "Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Credentials", "true"), networkErr(AllowCredentialsNotTrue, simpleGet(x, true))},
		{"credentials allowed", inc, get("Access-Control-Allow-Origin", pageOrigin, "Access-Control-Allow-Credentials", "true"), corsOK(200, nil, simpleGet(x, true))},
		{"omit ignores Allow-Credentials", Request{URL: x, Credentials: CredentialsOmit}, get("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Credentials", "false"), corsOK(200, nil, simpleGet(x, false))},
		{"error status is still readable", Request{URL: x}, []Route{route("GET", x, 500, "Access-Control-Allow-Origin", "*")}, corsOK(500, nil, simpleGet(x, false))},
	})
}

// TestPreflight covers the preflight decision, the preflight request and its validation.
// https://fetch.spec.whatwg.org/#cors-preflight-fetch-0
func TestPreflight(t *testing.T) {
	allow := func(extra ...string) Route {
		return route("OPTIONS", x, 204, append([]string{"Access-Control-Allow-Origin", pageOrigin}, extra...)...)
	}
	ok := func(method string) Route { return route(method, x, 200, "Access-Control-Allow-Origin", pageOrigin) }
	okCred := func(method string) Route {
		return route(method, x, 200, "Access-Control-Allow-Origin", pageOrigin, "Access-Control-Allow-Credentials", "true")
	}
	cred := func(s sent) sent { s.Credentials = true; return s }
	long := strings.Repeat("a", 129)
	runFetchCases(t, []fetchCase{
		{"POST with a text body is simple", Request{URL: x, Method: "POST", Body: BodyText}, []Route{ok("POST")},
			corsOK(200, nil, actual("POST", x))},
		{"POST with JSON is preflighted", Request{URL: x, Method: "POST", Headers: hl("Content-Type", "application/json"), Body: BodyText},
			[]Route{allow("Access-Control-Allow-Headers", "Content-Type"), ok("POST")},
			corsOK(200, nil, preflight(x, "POST", "content-type"), actual("POST", x))},
		{"X-PINGOTHER and application/xml", Request{URL: x, Method: "POST", Headers: hl("X-PINGOTHER", "pingpong", "Content-Type", "application/xml"), Body: BodyText},
			[]Route{allow("Access-Control-Allow-Methods", "POST, GET, OPTIONS", "Access-Control-Allow-Headers", "X-PINGOTHER, Content-Type"), ok("POST")},
			corsOK(200, nil, preflight(x, "POST", "content-type,x-pingother"), actual("POST", x))},
		{"PUT needs Allow-Methods", Request{URL: x, Method: "PUT"}, []Route{allow("Access-Control-Allow-Methods", "PUT"), ok("PUT")},
			corsOK(200, nil, preflight(x, "PUT", "-"), actual("PUT", x))},
		{"put is normalized to PUT", Request{URL: x, Method: "put"}, []Route{allow("Access-Control-Allow-Methods", "PUT"), ok("PUT")},
			corsOK(200, nil, preflight(x, "PUT", "-"), actual("PUT", x))},
		{"PUT not allowed", Request{URL: x, Method: "PUT"}, []Route{allow("Access-Control-Allow-Methods", "GET, POST")},
			networkErr(MethodNotAllowed, preflight(x, "PUT", "-"))},
		{"Allow-Methods absent", Request{URL: x, Method: "DELETE"}, []Route{allow()},
			networkErr(MethodNotAllowed, preflight(x, "DELETE", "-"))},
		{"patch stays lowercase and PATCH does not allow it", Request{URL: x, Method: "patch"}, []Route{allow("Access-Control-Allow-Methods", "PATCH")},
			networkErr(MethodNotAllowed, preflight(x, "patch", "-"))},
		{"patch allowed when listed as patch", Request{URL: x, Method: "patch"}, []Route{allow("Access-Control-Allow-Methods", "patch"), ok("patch")},
			corsOK(200, nil, preflight(x, "patch", "-"), actual("patch", x))},
		{"custom method", Request{URL: x, Method: "PROPFIND"}, []Route{allow("Access-Control-Allow-Methods", "PROPFIND"), ok("PROPFIND")},
			corsOK(200, nil, preflight(x, "PROPFIND", "-"), actual("PROPFIND", x))},
		{"wildcard method without credentials", Request{URL: x, Method: "DELETE"}, []Route{allow("Access-Control-Allow-Methods", "*"), ok("DELETE")},
			corsOK(200, nil, preflight(x, "DELETE", "-"), actual("DELETE", x))},
		{"wildcard method with credentials", Request{URL: x, Method: "DELETE", Credentials: CredentialsInclude},
			[]Route{allow("Access-Control-Allow-Methods", "*", "Access-Control-Allow-Credentials", "true")},
			networkErr(MethodWildcardWithCredentials, preflight(x, "DELETE", "-"))},
		{"credentialed preflight needs Allow-Credentials", Request{URL: x, Method: "DELETE", Credentials: CredentialsInclude},
			[]Route{allow("Access-Control-Allow-Methods", "DELETE")},
			networkErr(AllowCredentialsNotTrue, preflight(x, "DELETE", "-"))},
		{"credentialed preflight passes", Request{URL: x, Method: "DELETE", Credentials: CredentialsInclude},
			[]Route{allow("Access-Control-Allow-Methods", "DELETE", "Access-Control-Allow-Credentials", "true"), okCred("DELETE")},
			corsOK(200, nil, preflight(x, "DELETE", "-"), cred(actual("DELETE", x)))},
		{"header not allowed", Request{URL: x, Headers: hl("X-Foo", "1")}, []Route{allow("Access-Control-Allow-Headers", "X-Bar")},
			networkErr(HeaderNotAllowed, preflight(x, "GET", "x-foo"))},
		{"header names compare case-insensitively", Request{URL: x, Headers: hl("X-Foo", "1")}, []Route{allow("Access-Control-Allow-Headers", "x-FOO"), ok("GET")},
			corsOK(200, nil, preflight(x, "GET", "x-foo"), actual("GET", x))},
		{"wildcard headers without credentials", Request{URL: x, Headers: hl("X-Foo", "1")}, []Route{allow("Access-Control-Allow-Headers", "*"), ok("GET")},
			corsOK(200, nil, preflight(x, "GET", "x-foo"), actual("GET", x))},
		{"wildcard headers with credentials", Request{URL: x, Headers: hl("X-Foo", "1"), Credentials: CredentialsInclude},
			[]Route{allow("Access-Control-Allow-Headers", "*", "Access-Control-Allow-Credentials", "true")},
			networkErr(HeaderWildcardWithCredentials, preflight(x, "GET", "x-foo"))},
		{"wildcard does not cover Authorization", Request{URL: x, Headers: hl("X-Foo", "1", "Authorization", "Bearer t")}, []Route{allow("Access-Control-Allow-Headers", "*")},
			networkErr(AuthorizationNotAllowed, preflight(x, "GET", "authorization,x-foo"))},
		{"Authorization listed with the wildcard", Request{URL: x, Headers: hl("X-Foo", "1", "Authorization", "Bearer t")}, []Route{allow("Access-Control-Allow-Headers", "*, Authorization"), ok("GET")},
			corsOK(200, nil, preflight(x, "GET", "authorization,x-foo"), actual("GET", x))},
		{"Authorization not listed", Request{URL: x, Headers: hl("Authorization", "Bearer t")}, []Route{allow("Access-Control-Allow-Headers", "X-Foo")},
			networkErr(AuthorizationNotAllowed, preflight(x, "GET", "authorization"))},
		{"Access-Control-Request-Headers is lowercase, sorted and unique", Request{URL: x, Headers: hl("X-B", "1", "x-a", "2", "X-A", "3", "Content-Type", "application/json")},
			[]Route{allow("Access-Control-Allow-Headers", "content-type, x-a, x-b"), ok("GET")},
			corsOK(200, nil, preflight(x, "GET", "content-type,x-a,x-b"), actual("GET", x))},
		{"safelisted value over 128 bytes", Request{URL: x, Headers: hl("Accept", long)}, []Route{allow("Access-Control-Allow-Headers", "Accept"), ok("GET")},
			corsOK(200, nil, preflight(x, "GET", "accept"), actual("GET", x))},
		{"safelisted values over 1024 bytes in total", Request{URL: x, Headers: hl("Accept", strings.Repeat("a", 128), "Accept-Language", strings.Repeat("b", 128),
			"Content-Language", strings.Repeat("c", 128), "X-Y", "1", "Accept", strings.Repeat("d", 128), "Accept", strings.Repeat("e", 128),
			"Accept-Language", strings.Repeat("f", 128), "Content-Language", strings.Repeat("g", 128), "Content-Language", strings.Repeat("h", 128), "Accept", "i")},
			[]Route{allow("Access-Control-Allow-Headers", "*"), ok("GET")},
			corsOK(200, nil, preflight(x, "GET", "accept,accept-language,content-language,x-y"), actual("GET", x))},
		{"Range bytes=0-99 is simple", Request{URL: x, Headers: hl("Range", "bytes=0-99")}, []Route{ok("GET")}, corsOK(200, nil, simpleGet(x, false))},
		{"Range bytes=-99 is preflighted", Request{URL: x, Headers: hl("Range", "bytes=-99")}, []Route{allow("Access-Control-Allow-Headers", "Range"), ok("GET")},
			corsOK(200, nil, preflight(x, "GET", "range"), actual("GET", x))},
		{"Content-Type text/plain;charset=utf-8 is simple", Request{URL: x, Method: "POST", Headers: hl("Content-Type", "text/plain;charset=utf-8"), Body: BodyText},
			[]Route{ok("POST")}, corsOK(200, nil, actual("POST", x))},
		{"Content-Type TEXT/PLAIN is simple", Request{URL: x, Method: "POST", Headers: hl("Content-Type", "TEXT/PLAIN"), Body: BodyText},
			[]Route{ok("POST")}, corsOK(200, nil, actual("POST", x))},
		{"a multipart body is simple", Request{URL: x, Method: "POST", Body: BodyMultipart},
			[]Route{ok("POST")}, corsOK(200, nil, actual("POST", x))},
		{"a form body is simple", Request{URL: x, Method: "POST", Body: BodyForm},
			[]Route{ok("POST")}, corsOK(200, nil, actual("POST", x))},
		{"use-CORS-preflight flag preflights a simple GET", Request{URL: x, UseCORSPreflight: true}, []Route{allow(), ok("GET")},
			corsOK(200, nil, preflight(x, "GET", "-"), actual("GET", x))},
		{"a stream body preflights a POST", Request{URL: x, Method: "POST", Body: BodyStream}, []Route{allow(), ok("POST")},
			corsOK(200, nil, preflight(x, "POST", "-"), actual("POST", x))},
		{"preflight with error status", Request{URL: x, Method: "PUT"}, []Route{route("OPTIONS", x, 500, "Access-Control-Allow-Origin", pageOrigin, "Access-Control-Allow-Methods", "PUT")},
			networkErr(PreflightBadStatus, preflight(x, "PUT", "-"))},
		{"preflight 401 from an auth layer", Request{URL: x, Method: "PUT", Headers: hl("Authorization", "Bearer t")}, []Route{route("OPTIONS", x, 401, "Access-Control-Allow-Origin", pageOrigin)},
			networkErr(PreflightBadStatus, preflight(x, "PUT", "authorization"))},
		{"preflight 404 without CORS headers", Request{URL: x, Method: "PUT"}, nil,
			networkErr(MissingAllowOrigin, preflight(x, "PUT", "-"))},
		{"preflight 200 from a gateway without CORS headers", Request{URL: x, Method: "DELETE"}, []Route{route("OPTIONS", x, 200, "Allow", "GET, DELETE")},
			networkErr(MissingAllowOrigin, preflight(x, "DELETE", "-"))},
		{"preflight redirect", Request{URL: x, Method: "PUT"}, []Route{route("OPTIONS", x, 301, "Location", apiURL+"/y", "Access-Control-Allow-Origin", "*")},
			networkErr(PreflightRedirect, preflight(x, "PUT", "-"))},
		{"preflight 204 is ok", Request{URL: x, Method: "PUT"}, []Route{allow("Access-Control-Allow-Methods", "PUT"), ok("PUT")},
			corsOK(200, nil, preflight(x, "PUT", "-"), actual("PUT", x))},
		{"unparsable Allow-Methods", Request{URL: x, Method: "PUT"}, []Route{allow("Access-Control-Allow-Methods", "PUT, P(ST")},
			networkErr(InvalidAllowMethods, preflight(x, "PUT", "-"))},
		{"unparsable Allow-Headers", Request{URL: x, Headers: hl("X-Foo", "1")}, []Route{allow("Access-Control-Allow-Headers", `"X-Foo"`)},
			networkErr(InvalidAllowHeaders, preflight(x, "GET", "x-foo"))},
		{"empty list items are ignored", Request{URL: x, Method: "PUT", Headers: hl("X-Foo", "1")}, []Route{allow("Access-Control-Allow-Methods", ",PUT,,", "Access-Control-Allow-Headers", ", x-foo ,"), ok("PUT")},
			corsOK(200, nil, preflight(x, "PUT", "x-foo"), actual("PUT", x))},
		{"actual response fails after a good preflight", Request{URL: x, Method: "PUT"}, []Route{allow("Access-Control-Allow-Methods", "PUT"), route("PUT", x, 200)},
			networkErr(MissingAllowOrigin, preflight(x, "PUT", "-"), actual("PUT", x))},
	})
}

// TestRequestConstruction covers what fetch() refuses or silently changes before sending.
// https://fetch.spec.whatwg.org/#dom-request
func TestRequestConstruction(t *testing.T) {
	okGet := []Route{route("GET", x, 200, "Access-Control-Allow-Origin", "*")}
	runFetchCases(t, []fetchCase{
		{"forbidden method", Request{URL: x, Method: "TRACE"}, nil, typeErr(ForbiddenMethod)},
		{"forbidden method in any case", Request{URL: x, Method: "connect"}, nil, typeErr(ForbiddenMethod)},
		{"method that is not a token", Request{URL: x, Method: "GET POST"}, nil, typeErr(InvalidMethod)},
		{"header name that is not a token", Request{URL: x, Headers: hl("X Foo", "1")}, nil, typeErr(InvalidHeader)},
		{"header value with a newline", Request{URL: x, Headers: hl("X-Foo", "a\nb")}, nil, typeErr(InvalidHeader)},
		{"URL with credentials", Request{URL: "https://user:pw@api.example/x"}, nil, typeErr(URLCredentials)},
		{"unparsable URL", Request{URL: "https://"}, nil, typeErr(InvalidURL)},
		{"invalid page origin", Request{Origin: "not an origin", URL: x}, nil, typeErr(InvalidOrigin)},
		{"GET with a body", Request{URL: x, Body: BodyText}, nil, typeErr(BodyWithGetOrHead)},
		{"HEAD with a body", Request{URL: x, Method: "HEAD", Body: BodyBytes}, nil, typeErr(BodyWithGetOrHead)},
		{"no-cors PUT", Request{URL: x, Method: "PUT", Mode: ModeNoCORS}, nil, typeErr(NoCORSMethod)},
		{"no-cors stream", Request{URL: x, Method: "POST", Mode: ModeNoCORS, Body: BodyStream}, nil, typeErr(StreamBodyNoCORS)},
		{"only-if-cached outside same-origin", Request{URL: x, Cache: CacheOnlyIfCached}, nil, typeErr(OnlyIfCachedMode)},
		{"navigate mode", Request{URL: x, Mode: "navigate"}, nil, typeErr(InvalidRequestOption)},
		{"unknown credentials mode", Request{URL: x, Credentials: "always"}, nil, typeErr(InvalidRequestOption)},
		{"forbidden headers are dropped, no preflight", Request{URL: x, Headers: hl("Cookie", "a=b", "Origin", "https://evil.example", "Sec-Foo", "1", "Proxy-Authorization", "x")}, okGet,
			corsOK(200, nil, simpleGet(x, false))},
		{"X-HTTP-Method-Override with a forbidden method is dropped", Request{URL: x, Headers: hl("X-HTTP-Method-Override", "GET, trace")}, okGet,
			corsOK(200, nil, simpleGet(x, false))},
		{"X-HTTP-Method-Override with PUT is sent and preflighted", Request{URL: x, Headers: hl("X-HTTP-Method-Override", "PUT")},
			[]Route{route("OPTIONS", x, 204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Headers", "X-HTTP-Method-Override"), okGet[0]},
			corsOK(200, nil, preflight(x, "GET", "x-http-method-override"), actual("GET", x))},
		{"relative URL resolves against the page", Request{URL: "/local"}, []Route{route("GET", pageOrigin+"/local", 200)},
			verdict{Outcome: OK, Type: TypeBasic, Status: 200, Sent: []sent{{Method: "GET", URL: pageOrigin + "/local", Origin: "-", ACRM: "-", ACRH: "-", Credentials: true}}}},
	})
}

// TestModes covers the same-origin, no-cors and non-HTTP branches of main fetch.
// https://fetch.spec.whatwg.org/#concept-main-fetch
func TestModes(t *testing.T) {
	img := "https://images.example/logo.png"
	runFetchCases(t, []fetchCase{
		{"no-cors GET is opaque and sends no Origin", Request{URL: img, Mode: ModeNoCORS}, []Route{route("GET", img, 200, "Content-Type", "image/png")},
			verdict{Outcome: OK, Type: TypeOpaque, Sent: []sent{{Method: "GET", URL: img, Origin: "-", ACRM: "-", ACRH: "-"}}}},
		{"no-cors POST sends Origin", Request{URL: img, Method: "POST", Mode: ModeNoCORS, Body: BodyText}, []Route{route("POST", img, 200)},
			verdict{Outcome: OK, Type: TypeOpaque, Sent: []sent{{Method: "POST", URL: img, Origin: pageOrigin, ACRM: "-", ACRH: "-"}}}},
		{"no-cors POST from https to http sends Origin null", Request{URL: "http://images.example/up", Method: "POST", Mode: ModeNoCORS, Body: BodyText}, []Route{route("POST", "http://images.example/up", 200)},
			verdict{Outcome: OK, Type: TypeOpaque, Sent: []sent{{Method: "POST", URL: "http://images.example/up", Origin: "null", ACRM: "-", ACRH: "-"}}}},
		{"no-cors drops headers that are not no-CORS-safelisted", Request{URL: img, Mode: ModeNoCORS, Headers: hl("X-Foo", "1", "Range", "bytes=0-1", "Content-Type", "application/json")}, []Route{route("GET", img, 200)},
			verdict{Outcome: OK, Type: TypeOpaque, Sent: []sent{{Method: "GET", URL: img, Origin: "-", ACRM: "-", ACRH: "-"}}}},
		{"no-cors with redirect manual", Request{URL: img, Mode: ModeNoCORS, Redirect: RedirectManual}, nil, networkErr(NoCORSRedirectMode)},
		{"same-origin mode to another origin", Request{URL: x, Mode: ModeSameOrigin}, nil, networkErr(SameOriginModeCrossOrigin)},
		{"same-origin GET sends no Origin and includes credentials", Request{URL: pageOrigin + "/me", Mode: ModeSameOrigin}, []Route{route("GET", pageOrigin+"/me", 200, "Set-Cookie", "a=b", "X-Mine", "1")},
			verdict{Outcome: OK, Type: TypeBasic, Status: 200, HeaderNames: []string{"x-mine"}, Sent: []sent{{Method: "GET", URL: pageOrigin + "/me", Origin: "-", ACRM: "-", ACRH: "-", Credentials: true}}}},
		{"same-origin POST sends Origin", Request{URL: pageOrigin + "/me", Method: "POST", Body: BodyText}, []Route{route("POST", pageOrigin+"/me", 200)},
			verdict{Outcome: OK, Type: TypeBasic, Status: 200, Sent: []sent{{Method: "POST", URL: pageOrigin + "/me", Origin: pageOrigin, ACRM: "-", ACRH: "-", Credentials: true}}}},
		{"same-origin request with custom headers is not preflighted", Request{URL: pageOrigin + "/me", Method: "DELETE", Headers: hl("X-Foo", "1")}, []Route{route("DELETE", pageOrigin+"/me", 204)},
			verdict{Outcome: OK, Type: TypeBasic, Status: 204, Sent: []sent{{Method: "DELETE", URL: pageOrigin + "/me", Origin: pageOrigin, ACRM: "-", ACRH: "-", Credentials: true}}}},
		{"credentials omit on same origin", Request{URL: pageOrigin + "/me", Credentials: CredentialsOmit}, []Route{route("GET", pageOrigin+"/me", 200)},
			verdict{Outcome: OK, Type: TypeBasic, Status: 200, Sent: []sent{{Method: "GET", URL: pageOrigin + "/me", Origin: "-", ACRM: "-", ACRH: "-"}}}},
		{"data: URL in cors mode is basic", Request{URL: "data:text/plain,hi"}, nil,
			verdict{Outcome: OK, Type: TypeBasic, Status: 200, HeaderNames: []string{"content-type"}}},
		{"data: URL in same-origin mode is basic", Request{URL: "data:,hi", Mode: ModeSameOrigin}, nil,
			verdict{Outcome: OK, Type: TypeBasic, Status: 200, HeaderNames: []string{"content-type"}}},
		{"cross-origin ftp in cors mode", Request{URL: "ftp://files.example/a"}, nil, networkErr(NotHTTPScheme)},
		{"cross-origin blob in cors mode", Request{URL: "blob:https://other.example/1234"}, nil, networkErr(NotHTTPScheme)},
		{"same-origin blob: the simulation has no blob store", Request{URL: "blob:https://app.example/1234"}, nil, networkErr(UnsupportedScheme)},
		{"same-origin blob in same-origin mode", Request{URL: "blob:https://app.example/1234", Mode: ModeSameOrigin}, nil, networkErr(UnsupportedScheme)},
	})
}

// TestExposedHeaders covers what a script can read of a CORS response.
// https://fetch.spec.whatwg.org/#concept-filtered-response-cors
func TestExposedHeaders(t *testing.T) {
	resp := func(extra ...string) []Route {
		return []Route{route("GET", x, 200, append([]string{"Access-Control-Allow-Origin", pageOrigin, "Access-Control-Allow-Credentials", "true",
			"Content-Type", "text/plain", "Cache-Control", "no-store", "X-A", "1", "X-B", "2", "Set-Cookie", "s=1"}, extra...)...)}
	}
	safelisted := []string{"cache-control", "content-type"}
	runFetchCases(t, []fetchCase{
		{"safelisted only", Request{URL: x}, resp(), corsOK(200, safelisted, simpleGet(x, false))},
		{"listed header", Request{URL: x}, resp("Access-Control-Expose-Headers", "X-A"), corsOK(200, []string{"cache-control", "content-type", "x-a"}, simpleGet(x, false))},
		{"Set-Cookie is never exposed", Request{URL: x}, resp("Access-Control-Expose-Headers", "Set-Cookie, X-B"), corsOK(200, []string{"cache-control", "content-type", "x-b"}, simpleGet(x, false))},
		{"wildcard without credentials", Request{URL: x}, resp("Access-Control-Expose-Headers", "*"),
			corsOK(200, []string{"access-control-allow-credentials", "access-control-allow-origin", "access-control-expose-headers", "cache-control", "content-type", "x-a", "x-b"}, simpleGet(x, false))},
		{"wildcard with credentials is a literal name", Request{URL: x, Credentials: CredentialsInclude}, resp("Access-Control-Expose-Headers", "*"), corsOK(200, safelisted, simpleGet(x, true))},
		{"unparsable list exposes nothing", Request{URL: x}, resp("Access-Control-Expose-Headers", `"X-A"`), corsOK(200, safelisted, simpleGet(x, false))},
	})
}

// TestUnreachableServer: a server that cannot be reached is a network error with its own
// reason; a preflight that never reached it does not count as preflighted.
func TestUnreachableServer(t *testing.T) {
	res := fetch(t, NewBrowser(Spec), Request{Origin: pageOrigin, URL: x, Method: "PUT"}, nil)
	got := []any{res.Outcome, res.Reason, len(res.Exchanges), res.Preflighted()}
	if diff := cmp.Diff([]any{NetworkError, ServerUnreachable, 1, false}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if res.Exchanges[0].Error == "" {
		t.Errorf("the exchange does not record the failure")
	}
}

// TestTraceSaysWhatIsReadable: the last step names the readable headers, or says there are none,
// and names the headers the script cannot read because Access-Control-Expose-Headers does not
// list them.
func TestTraceSaysWhatIsReadable(t *testing.T) {
	for _, tc := range []struct {
		header []string
		want   string
	}{
		{[]string{"Access-Control-Allow-Origin", "*"}, "it can read no headers."},
		{[]string{"Access-Control-Allow-Origin", "*", "Content-Type", "text/plain"}, "it can read the headers content-type."},
		{[]string{"Access-Control-Allow-Origin", "*", "X-Total", "3", "Set-Cookie", "a=b", "x-total", "4"},
			"it can read no headers. It cannot read x-total: a cors response exposes only the CORS-safelisted response headers and those Access-Control-Expose-Headers lists."},
	} {
		res := fetch(t, NewBrowser(Spec), Request{Origin: pageOrigin, URL: x}, mustServer(t, route("GET", x, 200, tc.header...)))
		if last := res.Trace[len(res.Trace)-1].Text; !strings.HasSuffix(last, tc.want) {
			t.Errorf("last step %q does not end with %q", last, tc.want)
		}
	}
}

// TestBodyContentType: each body kind sends the Content-Type body extraction gives it, and a
// Content-Type the script set wins.
// https://fetch.spec.whatwg.org/#concept-bodyinit-extract
func TestBodyContentType(t *testing.T) {
	srv := mustServer(t, route("POST", x, 200, "Access-Control-Allow-Origin", "*"),
		route("OPTIONS", x, 204, "Access-Control-Allow-Origin", "*"))
	for _, tc := range []struct {
		body    Body
		headers []string
		want    string
	}{
		{BodyText, nil, "text/plain;charset=UTF-8"},
		{BodyForm, nil, "application/x-www-form-urlencoded;charset=UTF-8"},
		{BodyMultipart, nil, "multipart/form-data; boundary=----corsimFormBoundary7MA4YWxkTrZu0gW"},
		{BodyBytes, nil, "-"},
		{BodyStream, nil, "-"},
		{BodyText, []string{"Content-Type", "text/plain"}, "text/plain"},
	} {
		res := fetch(t, NewBrowser(Spec), Request{Origin: pageOrigin, URL: x, Method: "POST", Body: tc.body, Headers: hl(tc.headers...)}, srv)
		last := res.Exchanges[len(res.Exchanges)-1].Request
		got := "-"
		if v, ok := last.Header.Get("Content-Type"); ok {
			got = v
		}
		if got != tc.want || !last.Body {
			t.Errorf("body %q: Content-Type %q, body sent %v; want %q and a body", tc.body, got, last.Body, tc.want)
		}
	}
}

// TestTraceNamesTheSafelistRule: the step that decides a preflight names, for each header that
// is not CORS-safelisted, the rule it fails.
func TestTraceNamesTheSafelistRule(t *testing.T) {
	hints := Spec
	hints.Safelist.Extra = []ExtraSafelistedHeader{{Name: "dpr", Value: DecimalValue()}}
	budget := make([]string, 0, 20)
	for i := range 9 {
		budget = append(budget, "Content-Language", strings.Repeat(string(rune('a'+i)), 120))
	}
	for _, tc := range []struct {
		name    string
		profile Profile
		headers []string
		want    string
	}{
		{"a name that is not safelisted", Spec, []string{"X-Requested-With", "XMLHttpRequest"},
			"these headers are not CORS-safelisted: x-requested-with)"},
		{"a JSON Content-Type", Spec, []string{"Content-Type", "application/json"},
			"content-type (the Content-Type's MIME type application/json is not application/x-www-form-urlencoded, multipart/form-data or text/plain)"},
		{"a value over 128 bytes", Spec, []string{"Accept", strings.Repeat("a", 129)},
			"accept (the Accept value is 129 bytes long; a safelisted value has at most 128)"},
		{"a client hint the profile safelists, with a bad value", hints, []string{"DPR", "two"},
			`dpr (the DPR value "two" is not a decimal number)`},
		{"the 1024-byte budget", Spec, budget, "content-language (the values of the safelisted headers add up to more than 1024 bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := fetch(t, NewBrowser(tc.profile), Request{Origin: pageOrigin, URL: x, Headers: hl(tc.headers...)}, nil)
			for _, s := range res.Trace {
				if s.Anchor == specMainFetch && strings.Contains(s.Text, tc.want) {
					return
				}
			}
			t.Errorf("no main fetch step says %q:\n%v", tc.want, res.Trace)
		})
	}
}

// TestMethodCaseFix: the fix for a method listed in another case offers the listed spelling
// only when the page could send it; fetch() upper-cases put, so a listed "put" cannot match.
func TestMethodCaseFix(t *testing.T) {
	for _, tc := range []struct {
		method, listed, fix string
	}{
		{"PUT", "put", "Add PUT, spelled exactly as the page sends it, to Access-Control-Allow-Methods."},
		{"patch", "PATCH", "Add patch, spelled exactly as the page sends it, to Access-Control-Allow-Methods (or have the page send PATCH)."},
	} {
		srv := mustServer(t, route("OPTIONS", x, 204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", tc.listed))
		res := fetch(t, NewBrowser(Spec), Request{Origin: pageOrigin, URL: x, Method: tc.method}, srv)
		if res.Reason != MethodNotAllowed || res.Fix != tc.fix {
			t.Errorf("%s against %s: %s, fix %q; want method-not-allowed, %q", tc.method, tc.listed, res.Reason, res.Fix, tc.fix)
		}
	}
}

// TestTraceWordsFollowTheProfile: the words about clearing and early caching say what the
// profile did, not what the standard would have done.
func TestTraceWordsFollowTheProfile(t *testing.T) {
	clearsAll := Spec
	clearsAll.CacheClearing = ClearOnAnyFailure
	early := Spec
	early.CacheBeforeMethodAndHeaderChecks = true
	for _, tc := range []struct {
		name    string
		profile Profile
		req     Request
		routes  []Route
		want    string
	}{
		{"a simple request's failure clears the cache", clearsAll, Request{URL: x}, []Route{route("GET", x, 200)},
			"This browser clears the URL's preflight cache entries after any CORS failure, a simple request's included"},
		{"the preflight branch's failure clears the cache", Spec, Request{URL: x, Method: "PUT"}, []Route{route("OPTIONS", x, 204)},
			"The fetch failed in the preflight branch"},
		{"a result cached before the method check", early, Request{URL: x, Method: "PUT"},
			[]Route{route("OPTIONS", x, 204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "DELETE")},
			"The preflight response passed the CORS and status checks, and this browser caches its result before checking the method and headers."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := tc.req
			req.Origin = pageOrigin
			res := fetch(t, NewBrowser(tc.profile), req, mustServer(t, tc.routes...))
			for _, s := range res.Trace {
				if strings.HasPrefix(s.Text, tc.want) {
					return
				}
			}
			t.Errorf("no step starts %q:\n%v", tc.want, res.Trace)
		})
	}
}
