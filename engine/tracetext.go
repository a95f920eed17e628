package engine

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/corsim/corsim/cache"
	"github.com/corsim/corsim/fetchspec"
	"github.com/corsim/corsim/origin"
)

// The words of the trace: every sentence a step or a failure says, in one place, so the
// algorithms read like the spec and the wording can be reviewed as a whole. Names starting
// with text are the line of a passing step; names starting with words give a failure's text
// and fix.

// The Request constructor and fetch()'s own checks.

func wordsMissingOrigin(what string) words {
	return words{fmt.Sprintf("The %s is missing.", what), "Give the page's origin, such as https://app.example, or null."}
}

func wordsInvalidOrigin(what, s string, err error) words {
	return words{fmt.Sprintf("The %s %q is not a URL: %v.", what, s, err), "Give the page's origin, such as https://app.example, or null."}
}

func wordsInvalidURL(url string, err error) words {
	return words{fmt.Sprintf("fetch() cannot parse the URL %q: %v.", url, err),
		"Give fetch() an absolute http(s) URL, or a path relative to the page."}
}

func wordsURLCredentials(url string) words {
	return words{fmt.Sprintf("The URL %q includes a username or password; fetch() refuses such URLs.", url),
		"Remove the userinfo from the URL; send credentials with credentials: \"include\" or an Authorization header."}
}

func wordsBadOption(name, value, allowed string) words {
	return words{fmt.Sprintf("%s: %q is not a value fetch() accepts.", name, value), fmt.Sprintf("Use one of %s.", allowed)}
}

var wordsOnlyIfCachedMode = words{"cache: \"only-if-cached\" is only allowed with mode: \"same-origin\".",
	"Drop only-if-cached, or use mode: \"same-origin\" for a same-origin URL."}

func wordsInvalidMethod(m string) words {
	return words{fmt.Sprintf("%q is not a valid HTTP method.", m), "Use a method made of token characters, such as PUT."}
}

func wordsForbiddenMethod(m string) words {
	return words{fmt.Sprintf("%s is a forbidden method: no script may send it.", m),
		"Use another method; browsers never send CONNECT, TRACE or TRACK from a page."}
}

func textMethodNormalized(from, to string) string {
	return fmt.Sprintf("The method %q is normalized to %q.", from, to)
}

func wordsNoCORSMethod(m string) words {
	return words{fmt.Sprintf("mode \"no-cors\" allows only GET, HEAD and POST, not %s.", m),
		"Use mode: \"cors\" and have the server answer the preflight."}
}

func wordsInvalidHeaderName(name string) words {
	return words{fmt.Sprintf("%q is not a valid header name.", name), "Use a header name made of token characters."}
}

func wordsInvalidHeaderValue(name, value string) words {
	return words{fmt.Sprintf("The value %q of header %s is not a valid header value.", value, name),
		"Remove NUL, CR and LF from the header value."}
}

func textForbiddenHeader(name string) string {
	return fmt.Sprintf("%s is a forbidden request-header: the browser silently leaves it out.", name)
}

func textNoCORSHeaderDropped(name, value string) string {
	return fmt.Sprintf("In mode \"no-cors\" only Accept, Accept-Language, Content-Language and Content-Type with safelisted values can be set: %s: %s is silently left out.", name, value)
}

func wordsBodyWithGetOrHead(m string) words {
	return words{fmt.Sprintf("A %s request cannot have a body.", m), "Put the data in the URL, or use POST."}
}

var wordsStreamBodyNoCORS = words{"A request with a streaming body must use mode \"cors\" or \"same-origin\".", "Use mode: \"cors\"."}

const textStreamPreflight = "A streaming body sets the use-CORS-preflight flag: a cross-origin request is always preflighted."

func textBodyContentType(contentType string) string {
	return fmt.Sprintf("The body sets Content-Type: %s.", contentType)
}

// Main fetch and scheme fetch.

func textSameOrigin(url, page string) string {
	return fmt.Sprintf("%s is same origin with the page (%s): fetched without CORS; the response is basic.", url, page)
}

func wordsSameOriginMode(url, page string) words {
	return words{fmt.Sprintf("mode \"same-origin\" refuses %s, which is not same origin with the page (%s).", url, page),
		"Use mode: \"cors\" (and have the server send CORS headers), or fetch a URL of the page's own origin."}
}

func wordsNoCORSRedirectMode(redirect Redirect) words {
	return words{fmt.Sprintf("mode \"no-cors\" requires redirect \"follow\", not %q.", redirect), "Use redirect: \"follow\", or mode: \"cors\"."}
}

func textNoCORS(url string) string {
	return fmt.Sprintf("%s is cross-origin and the mode is \"no-cors\": no preflight and no CORS check; the script will get an opaque response.", url)
}

func wordsNotHTTPScheme(url, scheme string) words {
	return words{fmt.Sprintf("%s is cross-origin and its scheme %q is not http or https: CORS cannot apply.", url, scheme),
		"Serve the resource over http(s), or from the page's own origin."}
}

func textNotSimple(url, why string) string {
	return fmt.Sprintf("%s is cross-origin and the request is not simple (%s): it needs a CORS preflight unless the preflight cache already allows it.", url, why)
}

func textSimple(url, method string) string {
	return fmt.Sprintf("%s is cross-origin and the request is simple (method %s, only CORS-safelisted headers): no preflight; the response must pass the CORS check.", url, method)
}

// whyNotSimple says in words what makes the request need a preflight.
func (r *run) whyNotSimple() string {
	var why []string
	if r.useCORSPreflight {
		why = append(why, "the use-CORS-preflight flag is set")
	}
	if !fetchspec.IsCORSSafelistedMethod(r.method) {
		why = append(why, fmt.Sprintf("%s is not a CORS-safelisted method", r.method))
	}
	if len(r.unsafeNames) > 0 {
		// Name the rule each header fails, except for names that are simply not safelisted.
		named := make([]string, 0, len(r.unsafeNames))
		for _, n := range r.unsafeNames {
			if rule := r.b.profile.whyUnsafe(r.header, n); rule != "" {
				n += " (" + rule + ")"
			}
			named = append(named, n)
		}
		why = append(why, fmt.Sprintf("these headers are not CORS-safelisted: %s", strings.Join(named, ", ")))
	}
	return strings.Join(why, "; ")
}

func wordsInvalidDataURL(url string, err error) words {
	if errors.Is(err, fetchspec.ErrDataURLBase64) {
		return words{fmt.Sprintf("The data: URL %s says base64 but its body is not valid base64: the data: URL processor fails.", url),
			"Fix the base64 in the data: URL."}
	}
	return words{fmt.Sprintf("The data: URL %s has no comma between its MIME type and its body: the data: URL processor fails.", url),
		"Write the data: URL as data:[MIME type],body."}
}

const textDataURL = "A data: URL is answered by the browser itself with status 200; nothing is sent."

func wordsUnsupportedScheme(scheme, url string) words {
	return words{fmt.Sprintf("The simulation cannot load %s URLs (%s).", scheme, url), "Use an http(s) or data: URL."}
}

// Filtered responses.

func textOpaque(status int) string {
	return fmt.Sprintf("The response (status %d) reaches the script as an opaque response: status 0, no headers, no body.", status)
}

func textBasic(status int) string {
	return fmt.Sprintf("The script gets a basic response with status %d and every header except Set-Cookie.", status)
}

func textCORSResponse(status int, readable, unreadable []string, exposeErr error) string {
	what := "no headers"
	if len(readable) > 0 {
		what = "the headers " + strings.Join(readable, ", ")
	}
	text := fmt.Sprintf("The script gets a cors response with status %d; it can read %s.", status, what)
	if exposeErr != nil {
		text += fmt.Sprintf(" Access-Control-Expose-Headers cannot be parsed (%v), so it exposes nothing.", exposeErr)
	} else if len(unreadable) > 0 {
		text += fmt.Sprintf(" It cannot read %s: a cors response exposes only the CORS-safelisted response headers and those Access-Control-Expose-Headers lists.", strings.Join(unreadable, ", "))
	}
	return text
}

// HTTP fetch and HTTP-network-or-cache fetch.

func wordsRedirectModeError(status int) words {
	return words{fmt.Sprintf("The response is a %d redirect and the request said redirect: \"error\".", status),
		"Point the page at the final URL, or let fetch() follow redirects."}
}

func textManualRedirect(status int) string {
	return fmt.Sprintf("The response is a %d redirect and the request said redirect: \"manual\": the script gets an opaque-redirect response (status 0, no headers).", status)
}

func wordsNotInHTTPCache(url string) words {
	return words{fmt.Sprintf("cache: \"only-if-cached\" may only use the HTTP cache, which holds no response for %s: fetch() fails without sending anything.", url),
		"Use another cache mode, or make sure an earlier fetch stored the response."}
}

func wordsServerUnreachable(method, url string, err error) words {
	return words{fmt.Sprintf("The server did not answer %s %s: %v.", method, url, err), "Make sure the server is running and reachable at that URL."}
}

func wordsNotAStatus(method, url string, status int) words {
	return words{fmt.Sprintf("The server answered %s %s with status %d, which is not an HTTP status.", method, url, status),
		"Answer with a three-digit HTTP status."}
}

// textSend describes the request the browser sends: the preflight, with its
// Access-Control-Request-* values, or the request itself.
func (r *run) textSend(kind ExchangeKind, sreq *ServerRequest) string {
	var b strings.Builder
	if kind == ExchangePreflight {
		fmt.Fprintf(&b, "The browser sends the preflight OPTIONS %s with Access-Control-Request-Method: %s", sreq.URL, r.method)
		if len(r.unsafeNames) > 0 {
			fmt.Fprintf(&b, ", Access-Control-Request-Headers: %s", strings.Join(r.unsafeNames, ","))
		}
		b.WriteString(", Origin: " + r.failingOrigin() + ", and no credentials.")
		return b.String()
	}
	fmt.Fprintf(&b, "The browser sends %s %s", sreq.Method, sreq.URL)
	if v, ok := sreq.Header.Get("Origin"); ok {
		fmt.Fprintf(&b, " with Origin: %s", v)
	} else {
		b.WriteString(" without an Origin header")
	}
	if sreq.Credentials {
		b.WriteString(", with credentials (cookies).")
	} else {
		b.WriteString(", without credentials.")
	}
	return b.String()
}

// textAnswer says what the server answered, with the CORS response headers a learner should
// look at.
func textAnswer(status int, h fetchspec.HeaderList) string {
	var parts []string
	for _, e := range h {
		if len(e.Name) > 15 && fetchspec.ByteCaseInsensitiveMatch(e.Name[:15], "access-control-") || fetchspec.ByteCaseInsensitiveMatch(e.Name, "Location") || fetchspec.ByteCaseInsensitiveMatch(e.Name, "Vary") {
			parts = append(parts, e.Name+": "+e.Value)
		}
	}
	if len(parts) == 0 {
		return fmt.Sprintf("The server answers %d with no CORS headers.", status)
	}
	return fmt.Sprintf("The server answers %d with %s.", status, strings.Join(parts, "; "))
}

// The preflight cache.

func textCacheBypass(mode CacheMode) string {
	return fmt.Sprintf("cache: %q makes this browser skip the preflight cache: a preflight is sent.", mode)
}

func textCacheHit(method string, unsafeNames []string) string {
	and := ""
	if len(unsafeNames) > 0 {
		and = " and " + strings.Join(unsafeNames, ", ")
	}
	return fmt.Sprintf("The preflight cache holds live entries for %s%s at this URL: no preflight is sent.", method, and)
}

const textCacheErasedOnMiss = "This browser erases a cached preflight result that does not cover the request."

// textCacheMiss names what has no live entry: the method (when it needs one) and the headers.
func textCacheMiss(method string, headers []string) string {
	var missing []string
	if method != "" {
		missing = append(missing, "method "+method)
	}
	for _, n := range headers {
		missing = append(missing, "header "+n)
	}
	return fmt.Sprintf("The preflight cache has no live entry for %s: a preflight is sent.", strings.Join(missing, ", "))
}

// preflightPassed opens the sentence about caching a preflight's result: a profile that caches
// early has not checked the method and headers yet.
func preflightPassed(early bool) string {
	if early {
		return "The preflight response passed the CORS and status checks, and this browser caches its result before checking the method and headers"
	}
	return "The preflight succeeded"
}

func textNotCached(why string, early bool) string {
	return preflightPassed(early) + "; its result is not cached: " + sentence(why)
}

func textCached(why string, early bool, methods, headers []string, url string, created, refreshed int) string {
	return fmt.Sprintf("%s. %s The cache now allows %s for %s (created %d, refreshed %d entries).",
		preflightPassed(early), sentence(why), describeMethodsAndHeaders(methods, headers), url, created, refreshed)
}

// textCacheCleared says why a failure cleared the URL's entries: the standard clears them when
// the preflight branch fails; some browsers clear them after any CORS failure.
func textCacheCleared(key cache.Key, removed int, preflightBranch bool) string {
	why := "The fetch failed in the preflight branch"
	if !preflightBranch {
		why = "This browser clears the URL's preflight cache entries after any CORS failure, a simple request's included"
	}
	return fmt.Sprintf("%s: the preflight cache entries for %s from %s are cleared (%d removed).", why, key.URL, key.Origin, removed)
}

// CORS-preflight fetch.

func textPreflightOK(status int) string {
	return fmt.Sprintf("The preflight response has the ok status %d.", status)
}

func wordsPreflightRedirect(status int, h fetchspec.HeaderList, url string) words {
	to := ""
	if loc, ok := h.Get("Location"); ok {
		to = " to " + loc
	}
	return words{fmt.Sprintf("The preflight was answered with a %d redirect%s; a preflight is never redirected, so the request fails.", status, to),
		fmt.Sprintf("Answer OPTIONS %s itself with 204 and the CORS headers, or make the page request the final URL directly.", url)}
}

func wordsPreflightBadStatus(status int, url string) words {
	return words{fmt.Sprintf("The preflight response has status %d; it needs an ok status (200-299).", status),
		fmt.Sprintf("Answer OPTIONS %s with 204 (or 200) before authentication, routing or method checks reject it.", url)}
}

func wordsUnparsableList(name string, err error) words {
	fix := "Send Access-Control-Allow-Headers as a comma-separated list of header names."
	if name == "Access-Control-Allow-Methods" {
		fix = "Send Access-Control-Allow-Methods as a comma-separated list of method names, such as GET, POST, PUT."
	}
	return words{fmt.Sprintf("%s cannot be parsed: %v.", name, err), fix}
}

func (r *run) textMethodAllowed(methods []string) string {
	switch {
	case slices.Contains(methods, r.method):
		return fmt.Sprintf("Access-Control-Allow-Methods (%s) lists %s.", describeList(methods), r.method)
	case fetchspec.IsCORSSafelistedMethod(r.method):
		return fmt.Sprintf("%s is a CORS-safelisted method: it needs no Access-Control-Allow-Methods entry.", r.method)
	default:
		return fmt.Sprintf("Access-Control-Allow-Methods: * allows %s because the request is not credentialed.", r.method)
	}
}

func wordsMethodWildcardWithCredentials(methods []string, method string) words {
	return words{fmt.Sprintf("The request is credentialed, so * in Access-Control-Allow-Methods (%s) is a literal method name and does not allow %s.", describeList(methods), method),
		fmt.Sprintf("List %s by name in Access-Control-Allow-Methods.", method)}
}

// wordsMethodCase is the failure of a method listed in another case. The page can be asked to
// send the listed spelling only when fetch() would not normalize it back: fetch() upper-cases
// delete, get, head, options, post and put, so a listed "put" can never match.
func wordsMethodCase(methods []string, listed, method string) words {
	fix := fmt.Sprintf("Add %s, spelled exactly as the page sends it, to Access-Control-Allow-Methods", method)
	if fetchspec.NormalizeMethod(listed) == listed {
		fix += fmt.Sprintf(" (or have the page send %s)", listed)
	}
	return words{fmt.Sprintf("Access-Control-Allow-Methods (%s) lists %s but the request's method is %s: methods are compared case-sensitively.", describeList(methods), listed, method),
		fix + "."}
}

func wordsMethodNotAllowed(methods []string, method, url string) words {
	return words{fmt.Sprintf("Access-Control-Allow-Methods (%s) does not allow %s.", describeList(methods), method),
		fmt.Sprintf("Add %s to Access-Control-Allow-Methods in the answer to OPTIONS %s.", method, url)}
}

func wordsAuthorizationNotAllowed(name string, headerNames []string) words {
	return words{fmt.Sprintf("The request sends %s, which must be listed by name in Access-Control-Allow-Headers (%s); a * wildcard never covers it.", name, describeList(headerNames)),
		"Add Authorization to Access-Control-Allow-Headers."}
}

const textAuthorizationWildcard = "Access-Control-Allow-Headers: * lets Authorization through in this browser; the standard requires it to be listed by name, and browsers announce they will stop allowing it."

func textHeadersAllowed(headerNames, unsafeNames []string) string {
	return fmt.Sprintf("Access-Control-Allow-Headers (%s) allows %s.", describeList(headerNames), strings.Join(unsafeNames, ", "))
}

func wordsHeaderWildcardWithCredentials(headerNames []string, name string) words {
	return words{fmt.Sprintf("The request is credentialed, so * in Access-Control-Allow-Headers (%s) is a literal header name and does not allow %s.", describeList(headerNames), name),
		fmt.Sprintf("List %s by name in Access-Control-Allow-Headers.", name)}
}

func wordsHeaderNotAllowed(name string, headerNames []string, url string) words {
	return words{fmt.Sprintf("The request sends %s, which Access-Control-Allow-Headers (%s) does not allow.", name, describeList(headerNames)),
		fmt.Sprintf("Add %s to Access-Control-Allow-Headers in the answer to OPTIONS %s.", name, url)}
}

// The CORS check.

func textCORSCheckPassed(what, acao, serializedOrigin string, cred bool) string {
	text := fmt.Sprintf("The %s passes the CORS check: Access-Control-Allow-Origin %q allows %s", what, acao, serializedOrigin)
	if cred {
		return text + " and Access-Control-Allow-Credentials is true."
	}
	return text + "."
}

// wordsCORSCheckFailure says what is wrong with the response and what to change.
func (r *run) wordsCORSCheckFailure(f fetchspec.CORSCheckFailure, h fetchspec.HeaderList, what, serialized string, cred bool) words {
	acao, _ := h.Get("Access-Control-Allow-Origin")
	target := fmt.Sprintf("the %s to %s", what, r.cur().noFrag)
	var tainted string
	if serialized == "null" && !r.origin.IsOpaque() {
		tainted = " (the request's origin became null because a redirect crossed origins)"
	}
	switch f {
	case fetchspec.MissingAllowOrigin:
		text := fmt.Sprintf("The %s has no Access-Control-Allow-Origin header, so the page (origin %s%s) may not read it.", what, serialized, tainted)
		fix := fmt.Sprintf("Add Access-Control-Allow-Origin: %s to %s", serialized, target)
		if cred {
			fix += ", with Access-Control-Allow-Credentials: true"
		} else if serialized == "null" {
			fix = fmt.Sprintf("Add Access-Control-Allow-Origin: * to %s (a cross-origin redirect made the origin null), or point the page at the final URL", target)
		}
		return words{text, fix + "."}
	case fetchspec.MultipleAllowOrigin:
		return words{fmt.Sprintf("Access-Control-Allow-Origin on the %s holds several values (%q); it must be exactly one origin.", what, acao),
			fmt.Sprintf("Send a single Access-Control-Allow-Origin: %s: check the request's Origin against your allow-list and echo it, with Vary: Origin.", serialized)}
	case fetchspec.AllowOriginMismatch:
		text := fmt.Sprintf("Access-Control-Allow-Origin on the %s is %q but the request's origin is %s%s.", what, acao, serialized, tainted)
		if err := originValueProblem(acao); err != nil {
			text += fmt.Sprintf(" The value is not a serialized origin: %v.", err)
		} else if strings.EqualFold(acao, serialized) {
			text += " They differ only in case; the comparison is byte for byte."
		}
		fix := fmt.Sprintf("Send Access-Control-Allow-Origin: %s exactly (scheme, host and port as the Origin header spells them, no trailing slash).", serialized)
		if serialized == "null" && !r.origin.IsOpaque() {
			fix = fmt.Sprintf("After a cross-origin redirect the origin is null: answer Access-Control-Allow-Origin: * (without credentials) from %s, or point the page at the final URL.", r.cur().noFrag)
		}
		return words{text, fix}
	case fetchspec.WildcardOriginWithCredentials:
		return words{fmt.Sprintf("The %s allows any origin with Access-Control-Allow-Origin: *, which does not cover a request with credentials.", what),
			fmt.Sprintf("Echo Access-Control-Allow-Origin: %s instead of *, with Access-Control-Allow-Credentials: true and Vary: Origin (or have the page send credentials: \"omit\").", serialized)}
	case fetchspec.AllowCredentialsNotTrue:
		text := fmt.Sprintf("The request includes credentials, and the %s has no Access-Control-Allow-Credentials header.", what)
		if acac, ok := h.Get("Access-Control-Allow-Credentials"); ok {
			text = fmt.Sprintf("The request includes credentials, and Access-Control-Allow-Credentials on the %s is %q; it must be exactly true.", what, acac)
		}
		return words{text, fmt.Sprintf("Add Access-Control-Allow-Credentials: true to %s.", target)}
	}
	return words{fmt.Sprintf("The %s fails the CORS check (%s).", what, f), "Send Access-Control-Allow-Origin with the request's exact origin."}
}

// HTTP-redirect fetch.

func textNoLocation(status int) string {
	return fmt.Sprintf("The %d response has no Location header: it is the final response.", status)
}

func wordsSeveralLocations(status, n int) words {
	return words{fmt.Sprintf("The %d response has %d Location headers; it must have one.", status, n), "Send exactly one Location header."}
}

func wordsInvalidLocation(value string, status int, err error) words {
	return words{fmt.Sprintf("The Location %q of the %d response is not a URL: %v.", value, status, err),
		"Send a valid absolute or relative URL in Location."}
}

func wordsRedirectNotHTTP(url string) words {
	return words{fmt.Sprintf("The redirect points at %s, whose scheme is not http or https.", url), "Redirect to an http(s) URL."}
}

var wordsTooManyRedirects = words{"This is the 21st redirect; browsers follow at most 20.", "Break the redirect loop, or point the page at the final URL."}

func wordsRedirectCredentials(url string) words {
	return words{fmt.Sprintf("The redirect points at %s, which includes a username or password; a CORS request cannot follow it.", url),
		"Redirect to the URL without userinfo."}
}

func wordsRedirectStreamBody(status int) words {
	return words{fmt.Sprintf("The request has a streaming body, which cannot be sent again after a %d redirect.", status),
		"Point the page at the final URL, or answer 303."}
}

func textMethodRewritten(status int, method string) string {
	return fmt.Sprintf("A %d redirect turns %s into GET without a body; Content-Type and the other request-body headers are removed.", status, method)
}

const textAuthorizationRemoved = "The redirect crosses origins: the Authorization header is removed."

// textFollowing says where the redirect goes, and why the origin became null if it did.
func (r *run) textFollowing(status int, before string, to *hopURL) string {
	why := ""
	if r.serializedRequestOrigin == "null" && before != "null" {
		why = fmt.Sprintf(", because this hop leaves %s, which is not the page's origin, for another origin (redirect-taint)", r.urlList[len(r.urlList)-2].origin.Serialize())
	}
	return fmt.Sprintf("Redirect %d of at most 20 (%d): following to %s with method %s; the request's origin now serializes as %s%s.",
		r.redirectCount, status, to.noFrag, r.method, r.serializedRequestOrigin, why)
}

// Helpers of the words.

// sentence capitalizes s and ends it with a full stop.
func sentence(s string) string {
	if s == "" {
		return s
	}
	if 'a' <= s[0] && s[0] <= 'z' {
		s = string(s[0]-'a'+'A') + s[1:]
	}
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// originValueProblem says why an Access-Control-Allow-Origin value is not a serialized origin,
// or nil when it is one (or is "null").
func originValueProblem(acao string) error {
	if acao == "null" {
		return nil
	}
	_, err := origin.ParseHeader(acao)
	return err
}

func describeList(items []string) string {
	if items == nil {
		return "absent"
	}
	if len(items) == 0 {
		return "empty"
	}
	return strings.Join(items, ", ")
}

func describeMethodsAndHeaders(methods, headers []string) string {
	var parts []string
	if len(methods) > 0 {
		parts = append(parts, "methods "+strings.Join(methods, ", "))
	}
	if len(headers) > 0 {
		parts = append(parts, "headers "+strings.Join(headers, ", "))
	}
	if len(parts) == 0 {
		return "no method or header beyond the safelisted ones"
	}
	return strings.Join(parts, " and ")
}
