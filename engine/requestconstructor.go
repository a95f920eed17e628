package engine

import (
	"strings"

	"github.com/corsim/corsim/fetchspec"
)

// newRequest does what `new Request(input, init)` and the start of fetch() do with the page's
// request: it resolves the URL against the page, validates every option, and fills the header
// list through a Headers object with the right guard, so forbidden headers vanish as they do in
// a browser. It returns false after recording a TypeError in the result.
// https://fetch.spec.whatwg.org/#dom-request
func (r *run) newRequest(req Request) bool {
	// The page's origin (the request's origin once "client" is resolved), and the top-level
	// origin whose site keys the preflight cache.
	page, ok := r.pageOrigin(req.Origin, "page origin")
	if !ok {
		return false
	}
	r.origin, r.originSite, r.originSerialization = page.origin, page.site, page.serialization
	r.page = page.base
	top := page
	if req.TopLevelOrigin != "" {
		if top, ok = r.pageOrigin(req.TopLevelOrigin, "top-level origin"); !ok {
			return false
		}
	}
	r.partitionKey = top.partitionKey

	// Steps 5.1-5.3: parse the URL against the page's URL; failure or userinfo throws.
	h, err := r.b.memo.url(req.URL, page.base, page.serialization)
	if err != nil {
		return r.typeError(InvalidURL, specRequestConstructor, wordsInvalidURL(req.URL, err))
	}
	if h.url.IncludesCredentials() {
		return r.typeError(URLCredentials, specRequestConstructor, wordsURLCredentials(req.URL))
	}
	r.urlList = append(r.urlList[:0], h)

	// Steps 16-24: mode, credentials, cache mode and redirect mode must be values fetch() knows.
	if !r.options(req) {
		return false
	}

	// Step 25: the method must be a token and not forbidden; then it is normalized.
	m := req.Method
	if m == "" {
		m = "GET"
	}
	if !fetchspec.IsMethod(m) {
		return r.typeError(InvalidMethod, specRequestConstructor, wordsInvalidMethod(m))
	}
	if fetchspec.IsForbiddenMethod(m) {
		return r.typeError(ForbiddenMethod, specForbiddenMethod, wordsForbiddenMethod(m))
	}
	r.method = fetchspec.NormalizeMethod(m)
	if r.tracing && r.method != m {
		r.note(specRequestConstructor, textMethodNormalized(m, r.method))
	}

	// Step 32: a no-cors request may only use a CORS-safelisted method.
	if r.mode == ModeNoCORS && !fetchspec.IsCORSSafelistedMethod(r.method) {
		return r.typeError(NoCORSMethod, specRequestConstructor, wordsNoCORSMethod(r.method))
	}

	// Step 33: fill the headers through a Headers object guarded "request" (forbidden
	// request-headers are ignored) or "request-no-cors" (anything not no-CORS-safelisted is
	// ignored, and Range is removed).
	for _, h := range req.Headers {
		if !r.appendHeader(h) {
			return false
		}
	}

	// Steps 35-42: the body. GET and HEAD cannot have one; a stream needs cors or same-origin
	// and sets the use-CORS-preflight flag; other kinds add their Content-Type.
	return r.setBody(req)
}

func (r *run) pageOrigin(s, what string) (*pageInfo, bool) {
	if s == "" {
		r.typeError(InvalidOrigin, specFetch, wordsMissingOrigin(what))
		return nil, false
	}
	p, err := r.b.memo.pageOrigin(s)
	if err != nil {
		r.typeError(InvalidOrigin, specFetch, wordsInvalidOrigin(what, s, err))
		return nil, false
	}
	return p, true
}

func (r *run) options(req Request) bool {
	r.mode = req.Mode
	r.untrusted = req.UntrustedOrigin
	if len(req.Headers) > 16 && req.Mode != ModeNoCORS {
		r.firstSpelling = make(map[string]string, len(req.Headers))
	}
	switch r.mode {
	case "":
		r.mode = ModeCORS
	case ModeCORS, ModeNoCORS, ModeSameOrigin:
	default:
		return r.badOption("mode", string(req.Mode), "\"cors\", \"no-cors\" or \"same-origin\"")
	}
	r.credentials = req.Credentials
	switch r.credentials {
	case "":
		r.credentials = CredentialsSameOrigin
	case CredentialsOmit, CredentialsSameOrigin, CredentialsInclude:
	default:
		return r.badOption("credentials", string(req.Credentials), "\"omit\", \"same-origin\" or \"include\"")
	}
	r.redirect = req.Redirect
	switch r.redirect {
	case "":
		r.redirect = RedirectFollow
	case RedirectFollow, RedirectError, RedirectManual:
	default:
		return r.badOption("redirect", string(req.Redirect), "\"follow\", \"error\" or \"manual\"")
	}
	r.cacheMode = req.Cache
	switch r.cacheMode {
	case "":
		r.cacheMode = CacheDefault
	case CacheDefault, CacheNoStore, CacheReload, CacheNoCache, CacheForceCache, CacheOnlyIfCached:
	default:
		return r.badOption("cache", string(req.Cache), "\"default\", \"no-store\", \"reload\", \"no-cache\", \"force-cache\" or \"only-if-cached\"")
	}
	switch req.Body {
	case BodyNone, BodyText, BodyBytes, BodyForm, BodyMultipart, BodyStream:
	default:
		return r.badOption("body", string(req.Body), "\"\", \"text\", \"bytes\", \"form\", \"multipart\" or \"stream\"")
	}
	// Step 21: only-if-cached is refused unless the mode is same-origin.
	if r.cacheMode == CacheOnlyIfCached && r.mode != ModeSameOrigin {
		return r.typeError(OnlyIfCachedMode, specRequestConstructor, wordsOnlyIfCachedMode)
	}
	r.useCORSPreflight = req.UseCORSPreflight
	return true
}

func (r *run) badOption(name, value, allowed string) bool {
	return r.typeError(InvalidRequestOption, specRequestConstructor, wordsBadOption(name, value, allowed))
}

// appendHeader is Headers append (https://fetch.spec.whatwg.org/#concept-headers-append) under
// the request's guard.
func (r *run) appendHeader(h fetchspec.Header) bool {
	// Step 1: normalize the value. Step 2: validate; invalid names or values throw.
	value := fetchspec.NormalizeHeaderValue(h.Value)
	if !fetchspec.IsHeaderName(h.Name) {
		return r.typeError(InvalidHeader, specHeadersAppend, wordsInvalidHeaderName(h.Name))
	}
	if !fetchspec.IsHeaderValue(value) {
		return r.typeError(InvalidHeader, specHeadersAppend, wordsInvalidHeaderValue(h.Name, h.Value))
	}
	// Guard "request": a forbidden request-header is ignored without an error.
	if fetchspec.IsForbiddenRequestHeader(h.Name, value) {
		r.res.Dropped = append(r.res.Dropped, fetchspec.Header{Name: h.Name, Value: value})
		if r.tracing {
			r.note(specForbiddenHeader, textForbiddenHeader(h.Name))
		}
		return true
	}
	if r.mode == ModeNoCORS {
		// Step 3 (guard "request-no-cors"): the combined value must stay no-CORS-safelisted.
		combined := value
		if prev, ok := r.header.Get(h.Name); ok {
			combined = prev + ", " + value
		}
		if !fetchspec.IsNoCORSSafelistedRequestHeader(h.Name, combined) {
			r.res.Dropped = append(r.res.Dropped, fetchspec.Header{Name: h.Name, Value: value})
			if r.tracing {
				r.note(specNoCORSSafelisted, textNoCORSHeaderDropped(h.Name, value))
			}
			return true
		}
	}
	if r.firstSpelling != nil {
		// Append's step 1 through an index: a request with thousands of headers stays linear.
		lower := strings.ToLower(h.Name)
		name, ok := r.firstSpelling[lower]
		if !ok {
			name = h.Name
			r.firstSpelling[lower] = name
		}
		r.header = append(r.header, fetchspec.Header{Name: name, Value: value})
	} else {
		r.header.Append(h.Name, value)
	}
	if r.mode == ModeNoCORS {
		// Step 5: remove privileged no-CORS request-headers (Range).
		for i := 0; i < len(r.header); i++ {
			if fetchspec.IsPrivilegedNoCORSRequestHeaderName(r.header[i].Name) {
				r.header.Delete(r.header[i].Name)
				i--
			}
		}
	}
	return true
}

// setBody applies the body-related steps of the Request constructor.
func (r *run) setBody(req Request) bool {
	if req.Body == BodyNone {
		return true
	}
	if r.method == "GET" || r.method == "HEAD" {
		return r.typeError(BodyWithGetOrHead, specRequestConstructor, wordsBodyWithGetOrHead(r.method))
	}
	if req.Body == BodyStream {
		if r.mode != ModeCORS && r.mode != ModeSameOrigin {
			return r.typeError(StreamBodyNoCORS, specRequestConstructor, wordsStreamBodyNoCORS)
		}
		r.useCORSPreflight = true
		if r.tracing {
			r.note(specRequestConstructor, textStreamPreflight)
		}
	}
	r.body = req.Body
	var contentType string
	switch req.Body {
	case BodyText:
		contentType = "text/plain;charset=UTF-8"
	case BodyForm:
		contentType = "application/x-www-form-urlencoded;charset=UTF-8"
	case BodyMultipart:
		contentType = "multipart/form-data; boundary=----corsimFormBoundary7MA4YWxkTrZu0gW"
	}
	if contentType != "" && !r.header.Contains("Content-Type") {
		if !r.appendHeader(fetchspec.Header{Name: "Content-Type", Value: contentType}) {
			return false
		}
		if r.tracing {
			r.note(specBodyExtract, textBodyContentType(contentType))
		}
	}
	return true
}
