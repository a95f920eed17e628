package engine

import (
	"slices"
	"strings"

	"github.com/corsim/corsim/fetchspec"
)

// preflightRequest is the request CORS-preflight fetch makes in its step 1: OPTIONS to the
// request's current URL, carrying the request's origin, with the values of its
// Access-Control-Request-* headers. A browser difference in how the preflight is made is a
// field of this value, set when it is built.
// https://fetch.spec.whatwg.org/#cors-preflight-fetch-0
type preflightRequest struct {
	// url is the request target: the current URL without fragment or userinfo.
	url string
	// method is the request's method, sent as Access-Control-Request-Method.
	method string
	// unsafeNames are the request's CORS-unsafe request-header names, sent joined with ","
	// as Access-Control-Request-Headers when there are any.
	unsafeNames []string
	// origin is the byte-serialized origin the preflight carries in Origin; the CORS check of
	// its response compares against it and its result is cached under it.
	origin string
}

// newPreflightRequest is steps 1-5 of CORS-preflight fetch.
// https://fetch.spec.whatwg.org/#cors-preflight-fetch-0
func (r *run) newPreflightRequest() *preflightRequest {
	// Step 1: the preflight has the request's URL list, so the same current URL and
	// redirect-taint, and the request's origin. A browser may use the page's origin even
	// after a redirect tainted the request's (PreflightUsesPageOrigin).
	pf := &preflightRequest{url: r.requestTarget(), method: r.method, unsafeNames: r.unsafeNames, origin: r.serializedRequestOrigin}
	if r.b.profile.PreflightUsesPageOrigin {
		pf.origin = r.originSerialization
	}
	return pf
}

// serverRequest is the preflight as it reaches the server: steps 2-5 of CORS-preflight fetch,
// then what HTTP-network-or-cache fetch adds (Origin, Fetch metadata); a preflight never
// carries credentials.
func (pf *preflightRequest) serverRequest(r *run) ServerRequest {
	// Steps 2-3: Accept and Access-Control-Request-Method.
	h := r.headerList(7)
	h = append(h,
		fetchspec.Header{Name: "Accept", Value: "*/*"},
		fetchspec.Header{Name: "Access-Control-Request-Method", Value: pf.method})
	// Steps 4-5: Access-Control-Request-Headers, joined with "," and no space.
	if len(pf.unsafeNames) > 0 {
		h = append(h, fetchspec.Header{Name: "Access-Control-Request-Headers", Value: strings.Join(pf.unsafeNames, ",")})
	}
	// A preflight is cors-tainted, so it always carries Origin
	// (https://fetch.spec.whatwg.org/#append-a-request-origin-header).
	h = append(h, fetchspec.Header{Name: "Origin", Value: pf.origin})
	r.appendFetchMetadata(&h, ModeCORS)
	return ServerRequest{Method: "OPTIONS", URL: pf.url, Header: h}
}

// corsPreflightFetch sends the preflight and validates its answer; on success it writes the
// preflight cache.
// https://fetch.spec.whatwg.org/#cors-preflight-fetch-0
func (r *run) corsPreflightFetch(pf *preflightRequest) response {
	r.preflight = pf
	defer func() { r.preflight = nil }()
	// Step 6: HTTP-network-or-cache fetch of the preflight; it never follows redirects.
	resp := r.httpNetworkFetch(ExchangePreflight, pf.serverRequest(r))
	if resp.networkError {
		return resp
	}
	cred := r.credentials == CredentialsInclude
	// Step 7: the preflight response must pass the CORS check and have an ok status. Browsers
	// run the checks in different orders, which decides which failure they report.
	if !r.checkPreflightResponse(resp, pf) {
		return networkError
	}
	if r.tracing {
		r.note(specOKStatus, textPreflightOK(resp.status))
	}
	// Steps 7.1-7.3: parse Access-Control-Allow-Methods and -Allow-Headers; failure fails.
	methods, err := fetchspec.ExtractHeaderListValues(resp.header, "Access-Control-Allow-Methods")
	if err != nil {
		return r.unparsableList(resp, "Access-Control-Allow-Methods", InvalidAllowMethods, err)
	}
	headerNames, err := fetchspec.ExtractHeaderListValues(resp.header, "Access-Control-Allow-Headers")
	if err != nil {
		return r.unparsableList(resp, "Access-Control-Allow-Headers", InvalidAllowHeaders, err)
	}
	// Step 7.4: a flag-triggered preflight without methods still records the method.
	if methods == nil && r.useCORSPreflight {
		methods = []string{r.method}
	}
	// Some browsers write the cache here, before the method and header checks.
	early := r.b.profile.CacheBeforeMethodAndHeaderChecks
	if early {
		r.storePreflightResult(resp, pf, methods, headerNames, true)
	}
	// Step 7.5: the method check.
	if !slices.Contains(methods, r.method) && !fetchspec.IsCORSSafelistedMethod(r.method) && (cred || !slices.Contains(methods, "*")) {
		return r.methodNotAllowed(resp, methods, cred)
	}
	if r.tracing {
		r.note(specCORSPreflightFetch, r.textMethodAllowed(methods))
	}
	// Step 7.6: Authorization must be listed by name.
	if failed := r.checkAuthorization(resp, headerNames, cred); failed {
		return networkError
	}
	// Step 7.7: every unsafe header name must be allowed.
	if failed := r.checkUnsafeHeaders(resp, headerNames, cred); failed {
		return networkError
	}
	// Steps 7.8-7.15: Max-Age and the cache writes.
	if !early {
		r.storePreflightResult(resp, pf, methods, headerNames, false)
	}
	// Step 7.16.
	return resp
}

// checkPreflightResponse runs step 7's two checks, and reports a redirect as such (browsers
// never follow a preflight's redirect), in the profile's order.
// https://fetch.spec.whatwg.org/#cors-preflight-fetch-0 (step 7)
func (r *run) checkPreflightResponse(resp response, pf *preflightRequest) bool {
	redirect := func() bool {
		if !isRedirectStatus(resp.status) {
			return true
		}
		r.res.Blocked.Location, _ = resp.header.Get("Location")
		r.fail(PreflightRedirect, specCORSPreflightFetch, resp.exchange, wordsPreflightRedirect(resp.status, resp.header, r.cur().noFrag))
		return false
	}
	cors := func() bool { return r.corsCheck(resp, "preflight response", pf.origin) }
	status := func() bool {
		if resp.status >= 200 && resp.status <= 299 {
			return true
		}
		r.fail(PreflightBadStatus, specOKStatus, resp.exchange, wordsPreflightBadStatus(resp.status, r.cur().noFrag))
		return false
	}
	var ok bool
	switch r.b.profile.PreflightCheckOrder {
	case PreflightCORSFirst:
		ok = cors() && redirect() && status()
	case PreflightStatusFirst:
		ok = status() && cors()
	default:
		ok = redirect() && cors() && status()
	}
	// A status outside 200-299 that is not the failure reported still has to be fixed.
	if !ok && (resp.status < 200 || resp.status > 299) && r.res.Reason != PreflightBadStatus && r.res.Reason != PreflightRedirect {
		r.warn(WarnPreflightNot2xx)
	}
	return ok
}

// unparsableList fails the preflight because Access-Control-Allow-Methods or -Allow-Headers
// does not parse (step 7.3).
func (r *run) unparsableList(resp response, name string, reason Reason, err error) response {
	r.res.Blocked.Value, _ = resp.header.Get(name)
	r.res.Blocked.Token = firstBadToken(r.res.Blocked.Value)
	return r.fail(reason, specExtractHeaderList, resp.exchange, wordsUnparsableList(name, err))
}

// methodNotAllowed fails the method check (step 7.5), saying whether a credentialed * or a
// difference in case is to blame.
func (r *run) methodNotAllowed(resp response, methods []string, cred bool) response {
	r.res.Blocked.Method = r.method
	r.res.Blocked.Value, _ = resp.header.Get("Access-Control-Allow-Methods")
	if cred && slices.Contains(methods, "*") {
		return r.fail(MethodWildcardWithCredentials, specCORSPreflightFetch, resp.exchange, wordsMethodWildcardWithCredentials(methods, r.method))
	}
	for _, m := range methods {
		if fetchspec.ByteCaseInsensitiveMatch(m, r.method) {
			if m == strings.ToUpper(r.method) {
				r.warn(WarnAllowMethodsUppercased)
			}
			return r.fail(MethodNotAllowed, specCORSPreflightFetch, resp.exchange, wordsMethodCase(methods, m, r.method))
		}
	}
	return r.fail(MethodNotAllowed, specCORSPreflightFetch, resp.exchange, wordsMethodNotAllowed(methods, r.method, r.cur().noFrag))
}

// checkAuthorization is step 7.6: a CORS non-wildcard request-header name (Authorization)
// must be listed by name, whatever the credentials mode. A profile may let a * cover it for
// non-credentialed requests, as shipping browsers do; the cache then matches it the same way.
// It reports whether the check failed.
func (r *run) checkAuthorization(resp response, headerNames []string, cred bool) (failed bool) {
	wildcardCovers := r.b.profile.WildcardCoversAuthorization && !cred && slices.Contains(headerNames, "*")
	for _, h := range r.header {
		if fetchspec.IsCORSNonWildcardRequestHeaderName(h.Name) && !containsFold(headerNames, h.Name) && !wildcardCovers {
			r.res.Blocked.Header, r.res.Blocked.HeaderAsSent = strings.ToLower(h.Name), h.Name
			r.res.Blocked.Value, _ = resp.header.Get("Access-Control-Allow-Headers")
			r.fail(AuthorizationNotAllowed, specCORSPreflightFetch, resp.exchange, wordsAuthorizationNotAllowed(h.Name, headerNames))
			return true
		}
	}
	if wildcardCovers && !containsFold(headerNames, "Authorization") && r.header.Contains("Authorization") {
		r.warn(WarnAuthorizationWildcard)
		if r.tracing {
			r.note(specCORSPreflightFetch, textAuthorizationWildcard)
		}
	}
	return false
}

// checkUnsafeHeaders is step 7.7: every CORS-unsafe request-header name must be allowed by
// name, or by * when the request is not credentialed. Browsers that check the request's
// headers in the order the script set them blame the first one that fails. It reports whether
// the check failed.
func (r *run) checkUnsafeHeaders(resp response, headerNames []string, cred bool) (failed bool) {
	names := r.unsafeNames
	if r.b.profile.HeaderCheckInRequestOrder {
		names = r.unsafeNamesInRequestOrder()
	}
	allowed, wildcard := foldSet(headerNames), slices.Contains(headerNames, "*")
	for _, n := range names {
		if !allowed(n) && (cred || !wildcard) {
			r.headerNotAllowed(resp, n, headerNames, cred)
			return true
		}
	}
	if r.tracing && len(r.unsafeNames) > 0 {
		r.note(specCORSPreflightFetch, textHeadersAllowed(headerNames, r.unsafeNames))
	}
	return false
}

// unsafeNamesInRequestOrder lists the CORS-unsafe names in lowercase, in the order the script
// first set them.
func (r *run) unsafeNamesInRequestOrder() []string {
	isUnsafe, taken := foldSet(r.unsafeNames), map[string]bool{}
	names := make([]string, 0, len(r.header))
	for _, h := range r.header {
		if lower := strings.ToLower(h.Name); isUnsafe(h.Name) && !taken[lower] {
			taken[lower] = true
			names = append(names, lower)
		}
	}
	return names
}

// headerNotAllowed fails the header check for name (step 7.7).
func (r *run) headerNotAllowed(resp response, name string, headerNames []string, cred bool) response {
	r.res.Blocked.Header, r.res.Blocked.HeaderAsSent = name, name
	for _, h := range r.header {
		if fetchspec.ByteCaseInsensitiveMatch(h.Name, name) {
			r.res.Blocked.HeaderAsSent = h.Name
			break
		}
	}
	r.res.Blocked.Value, _ = resp.header.Get("Access-Control-Allow-Headers")
	if cred && slices.Contains(headerNames, "*") {
		return r.fail(HeaderWildcardWithCredentials, specCORSPreflightFetch, resp.exchange, wordsHeaderWildcardWithCredentials(headerNames, name))
	}
	return r.fail(HeaderNotAllowed, specCORSPreflightFetch, resp.exchange, wordsHeaderNotAllowed(name, headerNames, r.cur().noFrag))
}
