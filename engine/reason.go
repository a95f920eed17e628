package engine

// Reason is a stable code for why a fetch failed. Codes never change meaning once published, so
// tests, scenario files and tools outside Go can match on them.
type Reason string

// Reasons a script's request is refused before anything is sent (fetch() rejects with a
// TypeError, as the Request constructor would throw).
const (
	InvalidURL           Reason = "invalid-url"
	URLCredentials       Reason = "url-credentials"
	InvalidOrigin        Reason = "invalid-origin"
	InvalidMethod        Reason = "invalid-method"
	ForbiddenMethod      Reason = "forbidden-method"
	InvalidHeader        Reason = "invalid-header"
	NoCORSMethod         Reason = "no-cors-method"
	BodyWithGetOrHead    Reason = "body-with-get-or-head"
	StreamBodyNoCORS     Reason = "stream-body-no-cors"
	OnlyIfCachedMode     Reason = "only-if-cached-mode"
	InvalidRequestOption Reason = "invalid-request-option"
)

// Reasons a fetch ends in a network error (fetch() rejects with a TypeError after sending, or
// without sending, depending on the step).
const (
	SameOriginModeCrossOrigin     Reason = "same-origin-mode-cross-origin"
	NoCORSRedirectMode            Reason = "no-cors-redirect-mode"
	NotHTTPScheme                 Reason = "not-http-scheme"
	UnsupportedScheme             Reason = "unsupported-scheme"
	MissingAllowOrigin            Reason = "missing-allow-origin"
	AllowOriginMismatch           Reason = "allow-origin-mismatch"
	MultipleAllowOrigin           Reason = "multiple-allow-origin"
	WildcardOriginWithCredentials Reason = "wildcard-origin-with-credentials"
	AllowCredentialsNotTrue       Reason = "allow-credentials-not-true"
	PreflightBadStatus            Reason = "preflight-bad-status"
	PreflightRedirect             Reason = "preflight-redirect"
	InvalidAllowMethods           Reason = "invalid-allow-methods"
	InvalidAllowHeaders           Reason = "invalid-allow-headers"
	MethodNotAllowed              Reason = "method-not-allowed"
	MethodWildcardWithCredentials Reason = "method-wildcard-with-credentials"
	HeaderNotAllowed              Reason = "header-not-allowed"
	HeaderWildcardWithCredentials Reason = "header-wildcard-with-credentials"
	AuthorizationNotAllowed       Reason = "authorization-not-allowed"
	RedirectModeError             Reason = "redirect-mode-error"
	RedirectCredentialsInURL      Reason = "redirect-credentials-in-url"
	TooManyRedirects              Reason = "too-many-redirects"
	RedirectNotHTTP               Reason = "redirect-not-http"
	InvalidRedirectLocation       Reason = "invalid-redirect-location"
	RedirectStreamBody            Reason = "redirect-stream-body"
	ServerUnreachable             Reason = "server-unreachable"
	NotInHTTPCache                Reason = "not-in-http-cache"
	InvalidDataURL                Reason = "invalid-data-url"
)

// ReasonInfo documents one reason code: what it means and, in general terms, how to fix it.
// The trace's own Fix is more specific (it names the origin, method or header at fault).
type ReasonInfo struct {
	Reason  Reason
	Outcome Outcome
	Summary string
	Fix     string
}

// Reasons lists every reason code the engine can report, in a stable order, so documentation
// and tools can enumerate them.
var Reasons = []ReasonInfo{
	{InvalidURL, TypeError, "The URL cannot be parsed.", "Fix the URL in the page's code."},
	{URLCredentials, TypeError, "The URL includes a username or password, which fetch() refuses.", "Send credentials in a header (after a preflight) or with credentials: \"include\" instead of in the URL."},
	{InvalidOrigin, TypeError, "The page origin given to the simulation is not an origin.", "Give the page origin as scheme://host[:port], or null for an opaque origin."},
	{InvalidMethod, TypeError, "The method is not an HTTP token.", "Use a valid method name."},
	{ForbiddenMethod, TypeError, "CONNECT, TRACE and TRACK cannot be used from script.", "Use another method; browsers never let a page send these."},
	{InvalidHeader, TypeError, "A header name or value is not valid HTTP.", "Fix the header in the page's code."},
	{NoCORSMethod, TypeError, "mode: \"no-cors\" allows only GET, HEAD and POST.", "Use mode: \"cors\" and let the server answer the preflight."},
	{BodyWithGetOrHead, TypeError, "A GET or HEAD request cannot have a body.", "Send the data in the URL, or use POST."},
	{StreamBodyNoCORS, TypeError, "A streaming body needs mode \"cors\" or \"same-origin\".", "Use mode: \"cors\"."},
	{OnlyIfCachedMode, TypeError, "cache: \"only-if-cached\" needs mode \"same-origin\".", "Use another cache mode for cross-origin requests."},
	{InvalidRequestOption, TypeError, "A request option has a value fetch() does not accept.", "Use one of the values the option allows."},
	{SameOriginModeCrossOrigin, NetworkError, "mode: \"same-origin\" refuses a cross-origin URL.", "Use mode: \"cors\" for cross-origin requests."},
	{NoCORSRedirectMode, NetworkError, "mode: \"no-cors\" requires redirect: \"follow\".", "Use redirect: \"follow\" or mode: \"cors\"."},
	{NotHTTPScheme, NetworkError, "A cross-origin CORS request must use http or https.", "Serve the resource over http(s) or from the page's own origin."},
	{UnsupportedScheme, NetworkError, "The URL's scheme is not one the simulation can fetch.", "Use an http(s) or data: URL."},
	{MissingAllowOrigin, NetworkError, "The response has no Access-Control-Allow-Origin header.", "Answer with Access-Control-Allow-Origin set to the requesting origin (or * for public data without credentials)."},
	{AllowOriginMismatch, NetworkError, "Access-Control-Allow-Origin does not equal the request's origin byte for byte.", "Echo the exact Origin value: same scheme, host case and port, no trailing slash, no path."},
	{MultipleAllowOrigin, NetworkError, "Access-Control-Allow-Origin holds more than one value.", "Send exactly one origin: look the request's Origin up in your allow-list and echo it, adding Vary: Origin."},
	{WildcardOriginWithCredentials, NetworkError, "Access-Control-Allow-Origin: * is not allowed when the request includes credentials.", "Echo the request's origin instead of * and add Vary: Origin."},
	{AllowCredentialsNotTrue, NetworkError, "A credentialed request needs Access-Control-Allow-Credentials: true.", "Add Access-Control-Allow-Credentials: true (exactly, lowercase)."},
	{PreflightBadStatus, NetworkError, "The preflight response's status is not in the range 200-299.", "Answer OPTIONS with 204 or 200 before any authentication or routing that rejects it."},
	{PreflightRedirect, NetworkError, "The preflight was answered with a redirect, which browsers never follow.", "Answer OPTIONS at the requested URL itself; point the page at the final URL."},
	{InvalidAllowMethods, NetworkError, "Access-Control-Allow-Methods cannot be parsed as a list of methods.", "Send a comma-separated list of method tokens, such as GET, POST, PUT."},
	{InvalidAllowHeaders, NetworkError, "Access-Control-Allow-Headers cannot be parsed as a list of header names.", "Send a comma-separated list of header names."},
	{MethodNotAllowed, NetworkError, "The preflight response does not allow the request's method.", "Add the method, with the exact case the page uses, to Access-Control-Allow-Methods."},
	{MethodWildcardWithCredentials, NetworkError, "Access-Control-Allow-Methods: * does not cover credentialed requests.", "List the methods by name."},
	{HeaderNotAllowed, NetworkError, "The preflight response does not allow a header the request sends.", "Add the header name to Access-Control-Allow-Headers."},
	{HeaderWildcardWithCredentials, NetworkError, "Access-Control-Allow-Headers: * does not cover credentialed requests.", "List the header names by name."},
	{AuthorizationNotAllowed, NetworkError, "Authorization must be listed by name in Access-Control-Allow-Headers; * does not cover it.", "Add Authorization to Access-Control-Allow-Headers."},
	{RedirectModeError, NetworkError, "The response is a redirect and the request said redirect: \"error\".", "Point the page at the final URL, or allow redirects."},
	{RedirectCredentialsInURL, NetworkError, "A CORS request was redirected to a URL with a username or password.", "Redirect to a URL without userinfo."},
	{TooManyRedirects, NetworkError, "More than 20 redirects.", "Break the redirect loop."},
	{RedirectNotHTTP, NetworkError, "A redirect points at a URL whose scheme is not http or https.", "Redirect to an http(s) URL."},
	{InvalidRedirectLocation, NetworkError, "The redirect's Location header is missing a single valid URL.", "Send exactly one Location header with a valid URL."},
	{RedirectStreamBody, NetworkError, "A request with a streaming body cannot follow a redirect other than 303.", "Point the page at the final URL."},
	{ServerUnreachable, NetworkError, "The server could not be reached or did not answer.", "Check that the server is running and reachable."},
	{NotInHTTPCache, NetworkError, "cache: \"only-if-cached\" found nothing in the HTTP cache (the simulation starts every session with an empty one).", "Use another cache mode, or fetch the resource first without it."},
	{InvalidDataURL, NetworkError, "The data: URL cannot be decoded (its base64 is not valid).", "Fix the data: URL's base64."},
}

// Info returns the documentation of a reason code; ok is false for an unknown code.
func (r Reason) Info() (ReasonInfo, bool) {
	for _, info := range Reasons {
		if info.Reason == r {
			return info, true
		}
	}
	return ReasonInfo{}, false
}
