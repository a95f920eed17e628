package engine

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRedirects covers every rule of HTTP-redirect fetch and the redirect modes.
// https://fetch.spec.whatwg.org/#http-redirect-fetch
func TestRedirects(t *testing.T) {
	cdn := "https://cdn.example/final"
	y := apiURL + "/y"
	tainted := func(method, url string) sent {
		return sent{Method: method, URL: url, Origin: "null", ACRM: "-", ACRH: "-"}
	}
	acao := func(v string) []string { return []string{"Access-Control-Allow-Origin", v} }
	redirect := func(method, from string, status int, to string, extra ...string) Route {
		return route(method, from, status, append([]string{"Location", to, "Access-Control-Allow-Origin", pageOrigin}, extra...)...)
	}
	runFetchCases(t, []fetchCase{
		{"cross-origin hop makes Origin null; the final server allows the page origin",
			Request{URL: x}, []Route{redirect("GET", x, 302, cdn), route("GET", cdn, 200, acao(pageOrigin)...)},
			networkErr(AllowOriginMismatch, simpleGet(x, false), tainted("GET", cdn))},
		{"cross-origin hop; the final server allows *",
			Request{URL: x}, []Route{redirect("GET", x, 302, cdn), route("GET", cdn, 200, acao("*")...)},
			corsOK(200, nil, simpleGet(x, false), tainted("GET", cdn))},
		{"cross-origin hop; the final server allows null",
			Request{URL: x}, []Route{redirect("GET", x, 302, cdn), route("GET", cdn, 200, acao("null")...)},
			corsOK(200, nil, simpleGet(x, false), tainted("GET", cdn))},
		{"same-origin hop keeps the origin",
			Request{URL: x}, []Route{redirect("GET", x, 301, y), route("GET", y, 200, acao(pageOrigin)...)},
			corsOK(200, nil, simpleGet(x, false), simpleGet(y, false))},
		{"hop from the page's origin to the API is not tainted",
			Request{URL: pageOrigin + "/r"}, []Route{route("GET", pageOrigin+"/r", 302, "Location", x), route("GET", x, 200, acao(pageOrigin)...)},
			corsOK(200, nil, sent{Method: "GET", URL: pageOrigin + "/r", Origin: "-", ACRM: "-", ACRH: "-", Credentials: true}, simpleGet(x, false))},
		{"hop back to the page's origin is tainted and stays cors",
			Request{URL: x}, []Route{redirect("GET", x, 302, pageOrigin+"/back"), route("GET", pageOrigin+"/back", 200, acao("null")...)},
			corsOK(200, nil, simpleGet(x, false), tainted("GET", pageOrigin+"/back"))},
		{"the redirect itself must pass the CORS check",
			Request{URL: x}, []Route{route("GET", x, 302, "Location", cdn)},
			networkErr(MissingAllowOrigin, simpleGet(x, false))},
		{"301 turns POST into GET",
			Request{URL: x, Method: "POST", Body: BodyText}, []Route{redirect("POST", x, 301, y), route("GET", y, 200, acao(pageOrigin)...)},
			corsOK(200, nil, actual("POST", x), actual("GET", y))},
		{"302 turns POST into GET",
			Request{URL: x, Method: "POST", Body: BodyText}, []Route{redirect("POST", x, 302, y), route("GET", y, 200, acao(pageOrigin)...)},
			corsOK(200, nil, actual("POST", x), actual("GET", y))},
		{"302 keeps PUT and makes a fresh preflight for the new URL",
			Request{URL: x, Method: "PUT"}, []Route{
				route("OPTIONS", x, 204, "Access-Control-Allow-Origin", pageOrigin, "Access-Control-Allow-Methods", "PUT"), redirect("PUT", x, 302, y),
				route("OPTIONS", y, 204, "Access-Control-Allow-Origin", pageOrigin, "Access-Control-Allow-Methods", "PUT"), route("PUT", y, 200, acao(pageOrigin)...)},
			corsOK(200, nil, preflight(x, "PUT", "-"), actual("PUT", x), preflight(y, "PUT", "-"), actual("PUT", y))},
		{"303 turns PUT into GET and the next hop is simple",
			Request{URL: x, Method: "PUT", Body: BodyText}, []Route{
				route("OPTIONS", x, 204, "Access-Control-Allow-Origin", pageOrigin, "Access-Control-Allow-Methods", "PUT"), redirect("PUT", x, 303, y), route("GET", y, 200, acao(pageOrigin)...)},
			corsOK(200, nil, preflight(x, "PUT", "-"), actual("PUT", x), actual("GET", y))},
		{"303 keeps HEAD",
			Request{URL: x, Method: "HEAD"}, []Route{redirect("HEAD", x, 303, y), route("HEAD", y, 200, acao(pageOrigin)...)},
			corsOK(200, nil, actual("HEAD", x), actual("HEAD", y))},
		{"307 keeps POST and its body",
			Request{URL: x, Method: "POST", Body: BodyText}, []Route{redirect("POST", x, 307, y), route("POST", y, 200, acao(pageOrigin)...)},
			corsOK(200, nil, actual("POST", x), actual("POST", y))},
		{"308 keeps POST and its body",
			Request{URL: x, Method: "POST", Body: BodyText}, []Route{redirect("POST", x, 308, y), route("POST", y, 200, acao(pageOrigin)...)},
			corsOK(200, nil, actual("POST", x), actual("POST", y))},
		{"a 303 drops Content-Type: the JSON POST's next hop is simple",
			Request{URL: x, Method: "POST", Headers: hl("Content-Type", "application/json"), Body: BodyText}, []Route{
				route("OPTIONS", x, 204, "Access-Control-Allow-Origin", pageOrigin, "Access-Control-Allow-Headers", "content-type"), redirect("POST", x, 303, y), route("GET", y, 200, acao(pageOrigin)...)},
			corsOK(200, nil, preflight(x, "POST", "content-type"), actual("POST", x), actual("GET", y))},
		{"a 307 keeps Content-Type: the next hop is preflighted again",
			Request{URL: x, Method: "POST", Headers: hl("Content-Type", "application/json"), Body: BodyText}, []Route{
				route("OPTIONS", x, 204, "Access-Control-Allow-Origin", pageOrigin, "Access-Control-Allow-Headers", "content-type"), redirect("POST", x, 307, y),
				route("OPTIONS", y, 204, "Access-Control-Allow-Origin", pageOrigin, "Access-Control-Allow-Headers", "content-type"), route("POST", y, 200, acao(pageOrigin)...)},
			corsOK(200, nil, preflight(x, "POST", "content-type"), actual("POST", x), preflight(y, "POST", "content-type"), actual("POST", y))},
		{"Authorization is removed on a cross-origin hop",
			Request{URL: x, Headers: hl("Authorization", "Bearer t")}, []Route{
				route("OPTIONS", x, 204, "Access-Control-Allow-Origin", pageOrigin, "Access-Control-Allow-Headers", "Authorization"), redirect("GET", x, 302, cdn), route("GET", cdn, 200, acao("*")...)},
			corsOK(200, nil, preflight(x, "GET", "authorization"), actual("GET", x), tainted("GET", cdn))},
		{"Authorization is kept on a same-origin hop",
			Request{URL: x, Headers: hl("Authorization", "Bearer t")}, []Route{
				route("OPTIONS", x, 204, "Access-Control-Allow-Origin", pageOrigin, "Access-Control-Allow-Headers", "Authorization"), redirect("GET", x, 302, y),
				route("OPTIONS", y, 204, "Access-Control-Allow-Origin", pageOrigin, "Access-Control-Allow-Headers", "Authorization"), route("GET", y, 200, acao(pageOrigin)...)},
			corsOK(200, nil, preflight(x, "GET", "authorization"), actual("GET", x), preflight(y, "GET", "authorization"), actual("GET", y))},
		{"credentials in the Location URL",
			Request{URL: x}, []Route{redirect("GET", x, 302, "https://user:pw@cdn.example/final")},
			networkErr(RedirectCredentialsInURL, simpleGet(x, false))},
		{"credentials in a Location of the page's own origin after a cors hop",
			Request{URL: x}, []Route{redirect("GET", x, 302, "https://user:pw@app.example/y")},
			networkErr(RedirectCredentialsInURL, simpleGet(x, false))},
		{"same-origin request redirected to the page's own origin with credentials",
			Request{URL: pageOrigin + "/r"}, []Route{route("GET", pageOrigin+"/r", 302, "Location", "https://u:p@app.example/z"), route("GET", pageOrigin+"/z", 200)},
			verdict{Outcome: OK, Type: TypeBasic, Status: 200, Sent: []sent{
				{Method: "GET", URL: pageOrigin + "/r", Origin: "-", ACRM: "-", ACRH: "-", Credentials: true},
				{Method: "GET", URL: pageOrigin + "/z", Origin: "-", ACRM: "-", ACRH: "-", Credentials: true}}}},
		{"redirect to a non-HTTP scheme",
			Request{URL: x}, []Route{redirect("GET", x, 302, "ftp://files.example/a")},
			networkErr(RedirectNotHTTP, simpleGet(x, false))},
		{"two Location headers",
			Request{URL: x}, []Route{redirect("GET", x, 302, y, "Location", cdn)},
			networkErr(InvalidRedirectLocation, simpleGet(x, false))},
		{"unparsable Location",
			Request{URL: x}, []Route{redirect("GET", x, 302, "https://[bad")},
			networkErr(InvalidRedirectLocation, simpleGet(x, false))},
		{"relative Location",
			Request{URL: x}, []Route{redirect("GET", x, 302, "/y"), route("GET", y, 200, acao(pageOrigin)...)},
			corsOK(200, nil, simpleGet(x, false), simpleGet(y, false))},
		{"a redirect status without Location is the response",
			Request{URL: x}, []Route{route("GET", x, 302, acao(pageOrigin)...)},
			corsOK(302, nil, simpleGet(x, false))},
		{"redirect mode error",
			Request{URL: x, Redirect: RedirectError}, []Route{redirect("GET", x, 302, y)},
			networkErr(RedirectModeError, simpleGet(x, false))},
		{"redirect mode manual gives an opaque-redirect response",
			Request{URL: x, Redirect: RedirectManual}, []Route{redirect("GET", x, 302, y)},
			verdict{Outcome: OK, Type: TypeOpaqueRedirect, Sent: []sent{simpleGet(x, false)}}},
		{"redirect mode manual still checks CORS on the redirect",
			Request{URL: x, Redirect: RedirectManual}, []Route{route("GET", x, 302, "Location", y)},
			networkErr(MissingAllowOrigin, simpleGet(x, false))},
		{"a stream body cannot follow a 307",
			Request{URL: x, Method: "POST", Body: BodyStream}, []Route{
				route("OPTIONS", x, 204, "Access-Control-Allow-Origin", pageOrigin), redirect("POST", x, 307, y)},
			networkErr(RedirectStreamBody, preflight(x, "POST", "-"), actual("POST", x))},
		{"a stream body follows a 303 as GET, and the use-CORS-preflight flag stays set",
			Request{URL: x, Method: "POST", Body: BodyStream}, []Route{
				route("OPTIONS", x, 204, "Access-Control-Allow-Origin", pageOrigin), redirect("POST", x, 303, y),
				route("OPTIONS", y, 204, "Access-Control-Allow-Origin", pageOrigin), route("GET", y, 200, acao(pageOrigin)...)},
			corsOK(200, nil, preflight(x, "POST", "-"), actual("POST", x), preflight(y, "GET", "-"), actual("GET", y))},
		{"no-cors follows a cross-origin redirect to an opaque response",
			Request{URL: x, Mode: ModeNoCORS}, []Route{route("GET", x, 302, "Location", cdn), route("GET", cdn, 200)},
			verdict{Outcome: OK, Type: TypeOpaque, Sent: []sent{{Method: "GET", URL: x, Origin: "-", ACRM: "-", ACRH: "-"}, {Method: "GET", URL: cdn, Origin: "-", ACRM: "-", ACRH: "-"}}}},
		{"no-cors redirected back to the page's origin stays opaque",
			Request{URL: x, Mode: ModeNoCORS}, []Route{route("GET", x, 302, "Location", pageOrigin+"/img"), route("GET", pageOrigin+"/img", 200)},
			verdict{Outcome: OK, Type: TypeOpaque, Sent: []sent{{Method: "GET", URL: x, Origin: "-", ACRM: "-", ACRH: "-"}, {Method: "GET", URL: pageOrigin + "/img", Origin: "-", ACRM: "-", ACRH: "-"}}}},
	})
}

// TestRedirectLimit checks that 20 redirects are followed and the 21st fails.
func TestRedirectLimit(t *testing.T) {
	chain := func(n int) []Route {
		var rs []Route
		for i := 0; i < n; i++ {
			rs = append(rs, route("GET", fmt.Sprintf("%s/r%d", apiURL, i), 302, "Location", fmt.Sprintf("%s/r%d", apiURL, i+1), "Access-Control-Allow-Origin", pageOrigin))
		}
		return append(rs, route("GET", fmt.Sprintf("%s/r%d", apiURL, n), 200, "Access-Control-Allow-Origin", pageOrigin))
	}
	for _, tc := range []struct {
		redirects int
		want      Outcome
		reason    Reason
		sent      int
	}{
		{20, OK, "", 21},
		{21, NetworkError, TooManyRedirects, 21},
	} {
		t.Run(fmt.Sprint(tc.redirects), func(t *testing.T) {
			res := fetch(t, NewBrowser(Spec), Request{Origin: pageOrigin, URL: apiURL + "/r0"}, mustServer(t, chain(tc.redirects)...))
			got := []any{res.Outcome, res.Reason, len(res.Exchanges)}
			if diff := cmp.Diff([]any{tc.want, tc.reason, tc.sent}, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
