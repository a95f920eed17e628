package engine

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/corsim/corsim/cache"
	"github.com/corsim/corsim/fetchspec"
	"github.com/corsim/corsim/origin"
	"github.com/corsim/corsim/weburl"
)

// tainting is a request's response tainting
// (https://fetch.spec.whatwg.org/#concept-request-response-tainting).
type tainting uint8

const (
	taintBasic tainting = iota
	taintCORS
	taintOpaque
)

// response is an internal response, or a network error.
type response struct {
	networkError   bool
	opaqueRedirect bool
	status         int
	header         fetchspec.HeaderList
	exchange       int // index in Result.Exchanges, -1 when no exchange produced it
}

var networkError = response{networkError: true, exchange: -1}

// run is the state of one fetch: the request as it evolves through redirects, and the result
// being written.
type run struct {
	b       *Browser
	srv     Server
	ctx     context.Context
	res     *Result
	tracing bool

	origin           origin.Origin
	originSite       origin.Site
	originSerialized string // the origin's serialization before any redirect-taint
	partitionKey     string
	urlList          []*hopURL
	method           string
	header           fetchspec.HeaderList
	mode             Mode
	credentials      Credentials
	redirect         Redirect
	cacheMode        CacheMode
	useCORSPreflight bool
	preflightBranch  bool              // an earlier hop took main fetch's preflight branch
	untrusted        bool              // the page's origin is marked untrusted
	firstSpelling    map[string]string // lowercase name -> first spelling, for long header lists
	page             *weburl.URL       // the page's URL, or its origin's root; nil for an opaque origin
	body             Body
	tainting         tainting
	redirectCount    int

	// unsafeNames and serialized cache, for the current hop, the CORS-unsafe request-header
	// names of the header list and the byte-serialized request origin; hop recomputes them
	// whenever a redirect changes the URL list or the header list.
	unsafeNames []string
	serialized  string

	mem *fetchMemory
}

// noServer answers nothing: a fetch without a server is a fetch to an unreachable host.
type noServer struct{}

func (noServer) Serve(context.Context, ServerRequest) (ServerResponse, error) {
	return ServerResponse{}, errNoServer
}

var errNoServer = errors.New("no server was given to the simulation")

// hop recomputes what depends on the URL list and the header list, once per hop instead of at
// every use.
func (r *run) hop() {
	r.unsafeNames = r.b.profile.corsUnsafeRequestHeaderNames(r.header)
	r.serialized = r.computeSerializedOrigin()
}

// Fetch runs fetch() for req against srv and reports everything the browser did and decided.
// It never panics and never returns a Go error: a request the browser refuses is an Outcome of
// TypeError, a failure on the network or in the CORS protocol is NetworkError.
// https://fetch.spec.whatwg.org/#concept-fetch
func (b *Browser) Fetch(ctx context.Context, req Request, srv Server) Result {
	// One allocation holds what a typical fetch needs: the result, two exchanges, two cache
	// events and room for the header lists; slices outgrow it only for unusual fetches.
	mem := new(fetchMemory)
	res := &mem.result
	r := run{b: b, srv: srv, ctx: ctx, res: res, tracing: b.tracing, mem: mem}
	if r.tracing {
		res.Trace = make(Trace, 0, 16)
	}
	res.Exchanges = mem.exchanges[:0]
	res.Cache = mem.cacheEvents[:0]
	r.urlList = mem.urls[:0]
	r.header = r.headerList(len(req.Headers) + 2)
	if r.srv == nil {
		r.srv = noServer{}
	}
	if r.ctx == nil {
		r.ctx = context.Background()
	}
	if !r.newRequest(req) {
		res.Outcome = TypeError
		res.Blocked = Blocked{}
		res.Response = Response{Type: TypeNetworkError}
		return *res
	}
	// fetch step 12: a request without Accept gets Accept: */*; step 13: the browser may add
	// Accept-Language. Both are in the header list the CORS-unsafe names are computed from.
	if !r.header.Contains("Accept") {
		r.header.Append("Accept", "*/*")
	}
	if al := b.profile.AcceptLanguage; al != "" && !r.header.Contains("Accept-Language") {
		r.header.Append("Accept-Language", al)
	}
	r.hop()
	resp := r.mainFetch()
	r.finish(resp)
	return *res
}

// fetchMemory is the memory of one typical fetch, allocated at once.
type fetchMemory struct {
	result      Result
	exchanges   [2]Exchange
	cacheEvents [2]CacheEvent
	warnings    [2]Warning
	headers     [16]fetchspec.Header
	used        int // headers handed out by headerList
	urls        [1]*hopURL
	names       [4]string // the readable header names of a typical response
}

// headerList returns an empty header list with room for n entries, from the fetch's memory
// while it lasts. Lists handed out never overlap, so appending within n never clobbers another.
func (r *run) headerList(n int) fetchspec.HeaderList {
	m := r.mem
	if m.used+n <= len(m.headers) {
		l := m.headers[m.used : m.used : m.used+n]
		m.used += n
		return l
	}
	return make(fetchspec.HeaderList, 0, n)
}

// mainFetch chooses how to fetch the current URL: as same-origin (basic), no-cors (opaque) or
// CORS, with or without a preflight. Redirects re-enter it (the spec's recursive flag); only
// the outermost call's response is filtered, by finish.
// https://fetch.spec.whatwg.org/#concept-main-fetch
func (r *run) mainFetch() response {
	cur := r.currentURL()
	curOrigin := r.cur().origin
	// Step 12: the first matching branch.
	switch {
	case (origin.SameOrigin(curOrigin, r.origin) && r.tainting == taintBasic) || cur.Scheme == "data":
		// The URL is same origin with the page and nothing tainted the request: no CORS at all.
		r.tainting = taintBasic
		if r.tracing {
			r.note(specMainFetch, fmt.Sprintf("%s is same origin with the page (%s): fetched without CORS; the response is basic.", r.cur().noFrag, r.originSerialized))
		}
		return r.schemeFetch()
	case r.mode == ModeSameOrigin:
		return r.fail(SameOriginModeCrossOrigin, specMainFetch, -1,
			fmt.Sprintf("mode \"same-origin\" refuses %s, which is not same origin with the page (%s).", r.cur().noFrag, r.originSerialized),
			"Use mode: \"cors\" (and have the server send CORS headers), or fetch a URL of the page's own origin.")
	case r.mode == ModeNoCORS:
		if r.redirect != RedirectFollow {
			return r.fail(NoCORSRedirectMode, specMainFetch, -1,
				fmt.Sprintf("mode \"no-cors\" requires redirect \"follow\", not %q.", r.redirect),
				"Use redirect: \"follow\", or mode: \"cors\".")
		}
		r.tainting = taintOpaque
		if r.tracing {
			r.note(specMainFetch, fmt.Sprintf("%s is cross-origin and the mode is \"no-cors\": no preflight and no CORS check; the script will get an opaque response.", r.cur().noFrag))
		}
		return r.schemeFetch()
	case cur.Scheme != "http" && cur.Scheme != "https":
		return r.fail(NotHTTPScheme, specMainFetch, -1,
			fmt.Sprintf("%s is cross-origin and its scheme %q is not http or https: CORS cannot apply.", cur.String(), cur.Scheme),
			"Serve the resource over http(s), or from the page's own origin.")
	case r.useCORSPreflight || !fetchspec.IsCORSSafelistedMethod(r.method) || len(r.unsafeNames) > 0:
		r.tainting = taintCORS
		r.preflightBranch = true
		if r.tracing {
			r.note(specMainFetch, fmt.Sprintf("%s is cross-origin and the request is not simple (%s): it needs a CORS preflight unless the preflight cache already allows it.", r.cur().noFrag, r.whyNotSimple()))
		}
		resp := r.httpFetch(true)
		if resp.networkError && r.b.profile.CacheClearing != ClearNever {
			r.clearCacheEntries()
		}
		return resp
	default:
		r.tainting = taintCORS
		if r.tracing {
			r.note(specMainFetch, fmt.Sprintf("%s is cross-origin and the request is simple (method %s, only CORS-safelisted headers): no preflight; the response must pass the CORS check.", r.cur().noFrag, r.method))
		}
		resp := r.httpFetch(false)
		if resp.networkError && r.b.profile.CacheClearing == ClearOnAnyFailure && r.res.Reason != ServerUnreachable {
			r.clearCacheEntries()
		}
		return resp
	}
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
		why = append(why, fmt.Sprintf("these headers are not CORS-safelisted: %s", strings.Join(r.unsafeNames, ", ")))
	}
	return strings.Join(why, "; ")
}

// schemeFetch fetches by scheme: http(s) goes to the network, data: is answered locally, and
// the rest (blob:, file:, about:) is outside what the simulation can load.
// https://fetch.spec.whatwg.org/#concept-scheme-fetch
func (r *run) schemeFetch() response {
	cur := r.currentURL()
	switch cur.Scheme {
	case "http", "https":
		return r.httpFetch(false)
	case "data":
		if !dataURLBodyDecodes(cur.OpaquePath) {
			return r.fail(InvalidDataURL, specDataURLProcessor, -1,
				fmt.Sprintf("The data: URL %s says base64 but its body is not valid base64: the data: URL processor fails.", cur.String()),
				"Fix the base64 in the data: URL.")
		}
		ct := "text/plain;charset=US-ASCII"
		if mt, _, ok := strings.Cut(cur.OpaquePath, ","); ok {
			mt = strings.TrimSuffix(strings.TrimSpace(mt), ";base64")
			if mt != "" {
				ct = mt
			}
		}
		if r.tracing {
			r.note(specSchemeFetch, "A data: URL is answered by the browser itself with status 200; nothing is sent.")
		}
		h := fetchspec.HeaderList{{Name: "Content-Type", Value: ct}}
		if r.b.profile.DataURLContentLength {
			h = append(h, fetchspec.Header{Name: "Content-Length", Value: strconv.Itoa(dataURLBodyLength(cur.OpaquePath))})
		}
		return response{status: 200, header: h, exchange: -1}
	default:
		return r.fail(UnsupportedScheme, specSchemeFetch, -1,
			fmt.Sprintf("The simulation cannot load %s URLs (%s).", cur.Scheme, cur.String()),
			"Use an http(s) or data: URL.")
	}
}

// httpFetch sends the request, preceded by a CORS-preflight fetch when makeCORSPreflight is
// set and the cache does not already allow it, applies the CORS check, and handles redirects.
// https://fetch.spec.whatwg.org/#concept-http-fetch
func (r *run) httpFetch(makeCORSPreflight bool) response {
	// Step 4.1: preflight when the cache has no match for the method or for an unsafe header.
	if makeCORSPreflight && r.preflightNeeded() {
		if pr := r.corsPreflightFetch(); pr.networkError {
			return pr
		}
	}
	// Step 4.3: HTTP-network-or-cache fetch.
	resp := r.httpNetworkOrCacheFetch(ExchangeRequest)
	if resp.networkError {
		return resp
	}
	// Step 4.4: a cors-tainted response, redirects included, must pass the CORS check.
	if r.tainting == taintCORS && !r.corsCheck(resp, "response") {
		return networkError
	}
	// Step 6: redirects.
	if isRedirectStatus(resp.status) {
		switch r.redirect {
		case RedirectError:
			return r.fail(RedirectModeError, specHTTPFetch, resp.exchange,
				fmt.Sprintf("The response is a %d redirect and the request said redirect: \"error\".", resp.status),
				"Point the page at the final URL, or let fetch() follow redirects.")
		case RedirectManual:
			if r.tracing {
				r.note(specFilteredOpaqueRedir, fmt.Sprintf("The response is a %d redirect and the request said redirect: \"manual\": the script gets an opaque-redirect response (status 0, no headers).", resp.status))
			}
			return response{opaqueRedirect: true, status: resp.status, header: resp.header, exchange: resp.exchange}
		default:
			return r.httpRedirectFetch(resp)
		}
	}
	return resp
}

// preflightNeeded consults the CORS-preflight cache.
// https://fetch.spec.whatwg.org/#concept-http-fetch (step 4.1)
func (r *run) preflightNeeded() bool {
	key := r.cacheKey()
	cred := r.credentials == CredentialsInclude
	if r.b.profile.bypassesPreflightCache(r.cacheMode) || slices.Contains(r.b.profile.PreflightCacheSkipLookup, r.cacheMode) {
		r.res.Cache = append(r.res.Cache, CacheEvent{Kind: CacheBypass, Key: key, Credentials: cred, Method: r.method, HeaderNames: r.unsafeNames})
		if r.tracing {
			r.note(specHTTPFetch, fmt.Sprintf("cache: %q makes this browser skip the preflight cache: a preflight is sent.", r.cacheMode))
		}
		return true
	}
	methodMatch, unmatched := r.b.cache.Lookup(key, cred, r.method, r.unsafeNames)
	methodNeeded := !methodMatch && (!fetchspec.IsCORSSafelistedMethod(r.method) || r.useCORSPreflight)
	if !methodNeeded && len(unmatched) == 0 {
		r.res.Cache = append(r.res.Cache, CacheEvent{Kind: CacheHit, Key: key, Credentials: cred, Method: r.method, HeaderNames: r.unsafeNames})
		if r.tracing {
			r.note(specCacheMatchMethod, fmt.Sprintf("The preflight cache holds live entries for %s%s at this URL: no preflight is sent.", r.method, listSuffix(" and ", r.unsafeNames)))
		}
		return false
	}
	if r.b.profile.CacheEraseOnMiss && r.b.cache.Clear(key) > 0 && r.tracing {
		r.note(specCacheMatchMethod, "This browser erases a cached preflight result that does not cover the request.")
	}
	ev := CacheEvent{Kind: CacheMiss, Key: key, Credentials: cred, HeaderNames: unmatched}
	if methodNeeded {
		ev.Method = r.method
	}
	r.res.Cache = append(r.res.Cache, ev)
	if r.tracing {
		var missing []string
		if methodNeeded {
			missing = append(missing, "method "+r.method)
		}
		for _, n := range unmatched {
			missing = append(missing, "header "+n)
		}
		r.note(specCacheMatchMethod, fmt.Sprintf("The preflight cache has no live entry for %s: a preflight is sent.", strings.Join(missing, ", ")))
	}
	return true
}

func listSuffix(sep string, names []string) string {
	if len(names) == 0 {
		return ""
	}
	return sep + strings.Join(names, ", ")
}

// corsPreflightFetch sends the OPTIONS request and validates its answer; on success it writes
// the preflight cache.
// https://fetch.spec.whatwg.org/#cors-preflight-fetch-0
func (r *run) corsPreflightFetch() response {
	// A browser that preflights with the page's origin after a redirect tainted the request's
	// origin checks the preflight against it too, and keys the cache by it.
	if r.b.profile.PreflightUsesPageOrigin && r.serialized != r.originSerialized {
		tainted := r.serialized
		r.serialized = r.originSerialized
		defer func() { r.serialized = tainted }()
	}
	// Steps 1-5: OPTIONS with Accept, Access-Control-Request-Method and, when there are unsafe
	// names, Access-Control-Request-Headers joined with "," (no space).
	resp := r.httpNetworkOrCacheFetch(ExchangePreflight)
	if resp.networkError {
		return resp
	}
	cred := r.credentials == CredentialsInclude
	// Step 7: the preflight response must pass the CORS check and have an ok status. Browsers
	// run the checks in different orders, which decides which failure they report.
	if !r.checkPreflightResponse(resp) {
		return networkError
	}
	if r.tracing {
		r.note(specOKStatus, fmt.Sprintf("The preflight response has the ok status %d.", resp.status))
	}
	// Steps 7.1-7.3: parse Access-Control-Allow-Methods and -Allow-Headers; failure fails.
	methods, err := fetchspec.ExtractHeaderListValues(resp.header, "Access-Control-Allow-Methods")
	if err != nil {
		r.res.Blocked.Value, _ = resp.header.Get("Access-Control-Allow-Methods")
		r.res.Blocked.Token = firstBadToken(r.res.Blocked.Value)
		return r.fail(InvalidAllowMethods, specExtractHeaderList, resp.exchange,
			fmt.Sprintf("Access-Control-Allow-Methods cannot be parsed: %v.", err),
			"Send Access-Control-Allow-Methods as a comma-separated list of method names, such as GET, POST, PUT.")
	}
	headerNames, err := fetchspec.ExtractHeaderListValues(resp.header, "Access-Control-Allow-Headers")
	if err != nil {
		r.res.Blocked.Value, _ = resp.header.Get("Access-Control-Allow-Headers")
		r.res.Blocked.Token = firstBadToken(r.res.Blocked.Value)
		return r.fail(InvalidAllowHeaders, specExtractHeaderList, resp.exchange,
			fmt.Sprintf("Access-Control-Allow-Headers cannot be parsed: %v.", err),
			"Send Access-Control-Allow-Headers as a comma-separated list of header names.")
	}
	// Step 7.4: a flag-triggered preflight without methods still records the method.
	if methods == nil && r.useCORSPreflight {
		methods = []string{r.method}
	}
	// Some browsers write the cache here, before the method and header checks.
	early := r.b.profile.CacheBeforeMethodAndHeaderChecks
	if early {
		r.storePreflightResult(resp, methods, headerNames)
	}
	// Step 7.5: the method check.
	if !contains(methods, r.method) && !fetchspec.IsCORSSafelistedMethod(r.method) && (cred || !contains(methods, "*")) {
		return r.methodNotAllowed(resp, methods, cred)
	}
	if r.tracing {
		r.note(specCORSPreflightFetch, r.methodAllowedText(methods))
	}
	// Step 7.6: Authorization must be listed by name, whatever the credentials mode. (A profile
	// may let a * cover it for non-credentialed requests, as shipping browsers do; the cache
	// then matches it the same way.)
	wildcardCoversAuthorization := r.b.profile.WildcardCoversAuthorization && !cred && contains(headerNames, "*")
	for _, h := range r.header {
		if fetchspec.IsCORSNonWildcardRequestHeaderName(h.Name) && !containsFold(headerNames, h.Name) && !wildcardCoversAuthorization {
			r.res.Blocked.Header, r.res.Blocked.HeaderAsSent = strings.ToLower(h.Name), h.Name
			r.res.Blocked.Value, _ = resp.header.Get("Access-Control-Allow-Headers")
			return r.fail(AuthorizationNotAllowed, specCORSPreflightFetch, resp.exchange,
				fmt.Sprintf("The request sends %s, which must be listed by name in Access-Control-Allow-Headers (%s); a * wildcard never covers it.", h.Name, describeList(headerNames)),
				"Add Authorization to Access-Control-Allow-Headers.")
		}
	}
	if wildcardCoversAuthorization && !containsFold(headerNames, "Authorization") && r.header.Contains("Authorization") {
		r.warn(WarnAuthorizationWildcard)
		if r.tracing {
			r.note(specCORSPreflightFetch, "Access-Control-Allow-Headers: * lets Authorization through in this browser; the standard requires it to be listed by name, and browsers announce they will stop allowing it.")
		}
	}
	// Step 7.7: every unsafe header name must be allowed. Browsers that check the request's
	// headers in the order the script set them blame the first one that fails.
	names := r.unsafeNames
	if r.b.profile.HeaderCheckInRequestOrder {
		isUnsafe, taken := foldSet(r.unsafeNames), map[string]bool{}
		names = make([]string, 0, len(r.header))
		for _, h := range r.header {
			if lower := strings.ToLower(h.Name); isUnsafe(h.Name) && !taken[lower] {
				taken[lower] = true
				names = append(names, lower)
			}
		}
	}
	allowed, wildcard := foldSet(headerNames), contains(headerNames, "*")
	for _, n := range names {
		if !allowed(n) && (cred || !wildcard) {
			return r.headerNotAllowed(resp, n, headerNames, cred)
		}
	}
	if r.tracing && len(r.unsafeNames) > 0 {
		r.note(specCORSPreflightFetch, fmt.Sprintf("Access-Control-Allow-Headers (%s) allows %s.", describeList(headerNames), strings.Join(r.unsafeNames, ", ")))
	}
	// Steps 7.8-7.15: Max-Age and the cache writes.
	if !early {
		r.storePreflightResult(resp, methods, headerNames)
	}
	return resp
}

// checkPreflightResponse runs step 7's two checks, and reports a redirect as such (browsers
// never follow a preflight's redirect), in the profile's order.
// https://fetch.spec.whatwg.org/#cors-preflight-fetch-0 (step 7)
func (r *run) checkPreflightResponse(resp response) bool {
	if resp.status < 200 || resp.status > 299 {
		r.warn(WarnPreflightNot2xx)
	}
	redirect := func() bool {
		if !isRedirectStatus(resp.status) {
			return true
		}
		r.res.Blocked.Location, _ = resp.header.Get("Location")
		r.fail(PreflightRedirect, specCORSPreflightFetch, resp.exchange,
			fmt.Sprintf("The preflight was answered with a %d redirect%s; a preflight is never redirected, so the request fails.", resp.status, locationSuffix(resp.header)),
			fmt.Sprintf("Answer OPTIONS %s itself with 204 and the CORS headers, or make the page request the final URL directly.", r.cur().noFrag))
		return false
	}
	cors := func() bool { return r.corsCheck(resp, "preflight response") }
	status := func() bool {
		if resp.status >= 200 && resp.status <= 299 {
			return true
		}
		r.fail(PreflightBadStatus, specOKStatus, resp.exchange,
			fmt.Sprintf("The preflight response has status %d; it needs an ok status (200-299).", resp.status),
			fmt.Sprintf("Answer OPTIONS %s with 204 (or 200) before authentication, routing or method checks reject it.", r.cur().noFrag))
		return false
	}
	switch r.b.profile.PreflightCheckOrder {
	case PreflightCORSFirst:
		return cors() && redirect() && status()
	case PreflightStatusFirst:
		return status() && cors()
	}
	return redirect() && cors() && status()
}

func locationSuffix(h fetchspec.HeaderList) string {
	if loc, ok := h.Get("Location"); ok {
		return " to " + loc
	}
	return ""
}

func (r *run) methodAllowedText(methods []string) string {
	switch {
	case contains(methods, r.method):
		return fmt.Sprintf("Access-Control-Allow-Methods (%s) lists %s.", describeList(methods), r.method)
	case fetchspec.IsCORSSafelistedMethod(r.method):
		return fmt.Sprintf("%s is a CORS-safelisted method: it needs no Access-Control-Allow-Methods entry.", r.method)
	default:
		return fmt.Sprintf("Access-Control-Allow-Methods: * allows %s because the request is not credentialed.", r.method)
	}
}

func (r *run) methodNotAllowed(resp response, methods []string, cred bool) response {
	r.res.Blocked.Method = r.method
	r.res.Blocked.Value, _ = resp.header.Get("Access-Control-Allow-Methods")
	if cred && contains(methods, "*") {
		return r.fail(MethodWildcardWithCredentials, specCORSPreflightFetch, resp.exchange,
			fmt.Sprintf("The request is credentialed, so * in Access-Control-Allow-Methods (%s) is a literal method name and does not allow %s.", describeList(methods), r.method),
			fmt.Sprintf("List %s by name in Access-Control-Allow-Methods.", r.method))
	}
	for _, m := range methods {
		if fetchspec.ByteCaseInsensitiveMatch(m, r.method) {
			if m == strings.ToUpper(r.method) {
				r.warn(WarnAllowMethodsUppercased)
			}
			return r.fail(MethodNotAllowed, specCORSPreflightFetch, resp.exchange,
				fmt.Sprintf("Access-Control-Allow-Methods (%s) lists %s but the request's method is %s: methods are compared case-sensitively.", describeList(methods), m, r.method),
				fmt.Sprintf("Add %s, spelled exactly as the page sends it, to Access-Control-Allow-Methods (or have the page send %s).", r.method, m))
		}
	}
	return r.fail(MethodNotAllowed, specCORSPreflightFetch, resp.exchange,
		fmt.Sprintf("Access-Control-Allow-Methods (%s) does not allow %s.", describeList(methods), r.method),
		fmt.Sprintf("Add %s to Access-Control-Allow-Methods in the answer to OPTIONS %s.", r.method, r.cur().noFrag))
}

func (r *run) headerNotAllowed(resp response, name string, headerNames []string, cred bool) response {
	r.res.Blocked.Header, r.res.Blocked.HeaderAsSent = name, name
	for _, h := range r.header {
		if fetchspec.ByteCaseInsensitiveMatch(h.Name, name) {
			r.res.Blocked.HeaderAsSent = h.Name
			break
		}
	}
	r.res.Blocked.Value, _ = resp.header.Get("Access-Control-Allow-Headers")
	if cred && contains(headerNames, "*") {
		return r.fail(HeaderWildcardWithCredentials, specCORSPreflightFetch, resp.exchange,
			fmt.Sprintf("The request is credentialed, so * in Access-Control-Allow-Headers (%s) is a literal header name and does not allow %s.", describeList(headerNames), name),
			fmt.Sprintf("List %s by name in Access-Control-Allow-Headers.", name))
	}
	return r.fail(HeaderNotAllowed, specCORSPreflightFetch, resp.exchange,
		fmt.Sprintf("The request sends %s, which Access-Control-Allow-Headers (%s) does not allow.", name, describeList(headerNames)),
		fmt.Sprintf("Add %s to Access-Control-Allow-Headers in the answer to OPTIONS %s.", name, r.cur().noFrag))
}

// storePreflightResult turns Access-Control-Max-Age into a lifetime and writes the cache.
// https://fetch.spec.whatwg.org/#cors-preflight-fetch-0 (steps 7.8-7.15)
func (r *run) storePreflightResult(resp response, methods, headerNames []string) {
	policy := &r.b.profile.MaxAge
	maxAge := policy.Parse(resp.header.Values("Access-Control-Max-Age"))
	lifetime, store, why := policy.Lifetime(maxAge)
	if policy.AboveCap(maxAge) {
		r.warn(WarnMaxAgeAboveCap)
	}
	key := r.cacheKey()
	cred := r.credentials == CredentialsInclude
	if !store || r.b.profile.bypassesPreflightCache(r.cacheMode) {
		if r.tracing {
			r.note(specCORSPreflightFetch, "The preflight succeeded; its result is not cached: "+sentence(why))
		}
		return
	}
	st := r.b.cache.Store(key, cred, methods, headerNames, lifetime)
	r.res.Cache = append(r.res.Cache, CacheEvent{
		Kind: CacheStore, Key: key, Credentials: cred, Methods: methods, HeaderNames: headerNames,
		MaxAge: lifetime, Created: st.Created, Refreshed: st.Refreshed,
	})
	if r.tracing {
		r.note(specCacheCreate, fmt.Sprintf("The preflight succeeded. %s The cache now allows %s for %s (created %d, refreshed %d entries).",
			sentence(why), describeMethodsAndHeaders(methods, headerNames), r.cur().noFrag, st.Created, st.Refreshed))
	}
}

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

// clearCacheEntries runs when the preflight branch of main fetch ends in a network error.
// https://fetch.spec.whatwg.org/#concept-cache-clear
func (r *run) clearCacheEntries() {
	key := r.cacheKey()
	n := r.b.cache.Clear(key)
	// A failure inside a redirect's recursive main fetch clears the same key again on the way
	// out; the second clear changes nothing and is not worth a line of trace.
	if last := len(r.res.Cache) - 1; n == 0 && last >= 0 && r.res.Cache[last].Kind == CacheClear && r.res.Cache[last].Key == key {
		return
	}
	r.res.Cache = append(r.res.Cache, CacheEvent{Kind: CacheClear, Key: key, Removed: n})
	if r.tracing {
		r.note(specCacheClear, fmt.Sprintf("The fetch failed in the preflight branch: the preflight cache entries for %s from %s are cleared (%d removed).", key.URL, key.Origin, n))
	}
}

// httpNetworkOrCacheFetch sends one request to the server: the preflight (OPTIONS) or the
// request itself, with the headers the browser adds.
// https://fetch.spec.whatwg.org/#concept-http-network-or-cache-fetch
func (r *run) httpNetworkOrCacheFetch(kind ExchangeKind) response {
	// only-if-cached may use the HTTP cache and nothing else; the simulation's is always empty.
	if kind == ExchangeRequest && r.cacheMode == CacheOnlyIfCached && !r.b.profile.OnlyIfCachedUsesNetwork {
		return r.fail(NotInHTTPCache, specHTTPNetworkOrCache, -1,
			fmt.Sprintf("cache: \"only-if-cached\" may only use the HTTP cache, which holds no response for %s: fetch() fails without sending anything.", r.cur().noFrag),
			"Use another cache mode, or make sure an earlier fetch stored the response.")
	}
	// The request target never carries userinfo: a browser moves it into Authorization.
	sreq := ServerRequest{URL: r.cur().noFrag}
	if cur := r.currentURL(); cur.IncludesCredentials() {
		target := *cur
		target.Username, target.Password = "", ""
		sreq.URL = target.StringWithoutFragment()
	}
	serialized := r.serializedOrigin()
	if kind == ExchangePreflight {
		sreq.Method = "OPTIONS"
		sreq.Header = r.headerList(7)
		sreq.Header = append(sreq.Header,
			fetchspec.Header{Name: "Accept", Value: "*/*"},
			fetchspec.Header{Name: "Access-Control-Request-Method", Value: r.method})
		if len(r.unsafeNames) > 0 {
			sreq.Header = append(sreq.Header, fetchspec.Header{Name: "Access-Control-Request-Headers", Value: strings.Join(r.unsafeNames, ",")})
		}
		// A preflight is cors-tainted, so it always carries Origin, and never credentials.
		sreq.Header = append(sreq.Header, fetchspec.Header{Name: "Origin", Value: serialized})
		r.appendFetchMetadata(&sreq.Header, ModeCORS)
	} else {
		sreq.Method = r.method
		sreq.Header = append(r.headerList(len(r.header)+4), r.header...)
		if v, ok := r.requestOriginHeader(serialized); ok {
			sreq.Header = append(sreq.Header, fetchspec.Header{Name: "Origin", Value: v})
		}
		r.appendFetchMetadata(&sreq.Header, r.mode)
		// includeCredentials: "include", or "same-origin" while the response is basic.
		sreq.Credentials = r.credentials == CredentialsInclude || (r.credentials == CredentialsSameOrigin && r.tainting == taintBasic)
		sreq.Body = r.body != BodyNone
	}
	resp, err := r.srv.Serve(r.ctx, sreq)
	idx := len(r.res.Exchanges)
	if r.tracing {
		r.noteExchange(specHTTPNetworkOrCache, r.describeSend(kind, &sreq), idx)
	}
	ex := Exchange{Kind: kind, Request: sreq, Response: resp}
	if err != nil {
		ex.Error = err.Error()
		ex.Response = ServerResponse{}
		r.res.Exchanges = append(r.res.Exchanges, ex)
		return r.fail(ServerUnreachable, specHTTPNetworkOrCache, idx,
			fmt.Sprintf("The server did not answer %s %s: %v.", sreq.Method, sreq.URL, err),
			"Make sure the server is running and reachable at that URL.")
	}
	r.res.Exchanges = append(r.res.Exchanges, ex)
	if resp.Status < 100 || resp.Status > 999 {
		return r.fail(ServerUnreachable, specHTTPNetworkOrCache, idx,
			fmt.Sprintf("The server answered %s %s with status %d, which is not an HTTP status.", sreq.Method, sreq.URL, resp.Status),
			"Answer with a three-digit HTTP status.")
	}
	if r.tracing {
		r.noteExchange(specHTTPNetworkOrCache, fmt.Sprintf("The server answers %d%s.", resp.Status, describeCORSHeaders(resp.Header)), idx)
	}
	return response{status: resp.Status, header: receivedHeaderList(resp.Header), exchange: idx}
}

// receivedHeaderList is the header list as an HTTP parser delivers it: a field value never
// has leading or trailing whitespace (RFC 9112 section 5), so a server that writes
// "Access-Control-Allow-Origin:  *  " sends "*". The list is copied only when a value changes.
func receivedHeaderList(h fetchspec.HeaderList) fetchspec.HeaderList {
	var out fetchspec.HeaderList
	for i, e := range h {
		v := strings.Trim(e.Value, " \t")
		if len(v) == len(e.Value) {
			continue
		}
		if out == nil {
			out = slices.Clone(h)
		}
		out[i].Value = v
	}
	if out == nil {
		return h
	}
	return out
}

func (r *run) describeSend(kind ExchangeKind, sreq *ServerRequest) string {
	var b strings.Builder
	if kind == ExchangePreflight {
		fmt.Fprintf(&b, "The browser sends the preflight OPTIONS %s with Access-Control-Request-Method: %s", sreq.URL, r.method)
		if len(r.unsafeNames) > 0 {
			fmt.Fprintf(&b, ", Access-Control-Request-Headers: %s", strings.Join(r.unsafeNames, ","))
		}
		b.WriteString(", Origin: " + r.serializedOrigin() + ", and no credentials.")
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

// describeCORSHeaders lists the CORS response headers a learner should look at.
func describeCORSHeaders(h fetchspec.HeaderList) string {
	var parts []string
	for _, e := range h {
		if len(e.Name) > 15 && fetchspec.ByteCaseInsensitiveMatch(e.Name[:15], "access-control-") || fetchspec.ByteCaseInsensitiveMatch(e.Name, "Location") || fetchspec.ByteCaseInsensitiveMatch(e.Name, "Vary") {
			parts = append(parts, e.Name+": "+e.Value)
		}
	}
	if len(parts) == 0 {
		return " with no CORS headers"
	}
	return " with " + strings.Join(parts, "; ")
}

// requestOriginHeader decides whether the request carries Origin and with which value.
// https://fetch.spec.whatwg.org/#append-a-request-origin-header
func (r *run) requestOriginHeader(serialized string) (string, bool) {
	// Step 2: every cors-tainted request carries Origin.
	if r.tainting == taintCORS {
		return serialized, true
	}
	// Step 3: otherwise only requests whose method is neither GET nor HEAD.
	if r.method == "GET" || r.method == "HEAD" {
		return "", false
	}
	// Step 3.1: outside mode cors, the referrer policy (default strict-origin-when-cross-origin)
	// hides an https origin from a non-https URL.
	if r.mode != ModeCORS && !r.origin.IsOpaque() && r.origin.Scheme() == "https" && r.currentURL().Scheme != "https" {
		return "null", true
	}
	return serialized, true
}

// appendFetchMetadata adds Sec-Fetch-Dest, -Mode and -Site for potentially trustworthy URLs.
// https://w3c.github.io/webappsec-fetch-metadata/#abstract-opdef-append-the-fetch-metadata-headers-for-a-request
func (r *run) appendFetchMetadata(h *fetchspec.HeaderList, mode Mode) {
	if !r.b.profile.FetchMetadata || !r.cur().trustwrth {
		return
	}
	site := "same-origin"
	for _, u := range r.urlList {
		if origin.SameOrigin(u.origin, r.origin) {
			continue
		}
		if !u.site.SameSite(r.originSite) {
			site = "cross-site"
			break
		}
		site = "same-site"
	}
	*h = append(*h,
		fetchspec.Header{Name: "Sec-Fetch-Dest", Value: "empty"},
		fetchspec.Header{Name: "Sec-Fetch-Mode", Value: string(mode)},
		fetchspec.Header{Name: "Sec-Fetch-Site", Value: site})
}

// potentiallyTrustworthy decides whether a URL is potentially trustworthy, for Fetch metadata:
// https and wss, and loopback hosts (127.0.0.0/8, ::1, localhost and *.localhost). file: and
// the origin allow-list of the full algorithm do not arise here.
// https://w3c.github.io/webappsec-secure-contexts/#is-url-trustworthy
func potentiallyTrustworthy(u *weburl.URL) bool {
	if u.Scheme == "https" || u.Scheme == "wss" {
		return true
	}
	h := u.Host
	switch h.Kind {
	case weburl.HostIPv4:
		return h.IPv4>>24 == 127
	case weburl.HostIPv6:
		return h.IPv6 == [8]uint16{7: 1}
	case weburl.HostDomain:
		return h.Name == "localhost" || strings.HasSuffix(h.Name, ".localhost")
	}
	return false
}

// corsCheck runs the CORS check on a response and records the verdict.
// https://fetch.spec.whatwg.org/#concept-cors-check
func (r *run) corsCheck(resp response, what string) bool {
	serialized := r.serializedOrigin()
	cred := r.credentials == CredentialsInclude ||
		(r.b.profile.SameOriginCredentialsFollowRedirects && r.credentials == CredentialsSameOrigin &&
			isRedirectStatus(resp.status) && origin.SameOrigin(r.urlList[0].origin, r.origin))
	f := fetchspec.CORSCheck(resp.header, serialized, cred)
	if f == fetchspec.CORSCheckOK {
		if acao, _ := resp.header.Get("Access-Control-Allow-Origin"); acao != "*" && !variesByOrigin(resp.header) {
			r.warn(WarnVaryOriginMissing)
		}
		if r.tracing {
			acao, _ := resp.header.Get("Access-Control-Allow-Origin")
			text := fmt.Sprintf("The %s passes the CORS check: Access-Control-Allow-Origin %q allows %s", what, acao, serialized)
			if cred {
				text += " and Access-Control-Allow-Credentials is true."
			} else {
				text += "."
			}
			r.note(specCORSCheck, text)
		}
		return true
	}
	text, fix := r.explainCORSCheckFailure(f, resp.header, what, serialized, cred)
	name := "Access-Control-Allow-Origin"
	if f == fetchspec.AllowCredentialsNotTrue {
		name = "Access-Control-Allow-Credentials"
	}
	r.res.Blocked.Value, _ = resp.header.Get(name)
	r.res.Blocked.Lines = len(resp.header.Values(name))
	if isRedirectStatus(resp.status) {
		r.res.Blocked.RedirectResponse = true
		r.res.Blocked.FollowingRedirect = what == "response" && r.redirect == RedirectFollow
		if loc, ok := resp.header.Get("Location"); ok {
			r.res.Blocked.Location = loc
			if u, err := weburl.ParseRef(loc, r.currentURL()); err == nil {
				r.res.Blocked.Location = u.StringWithoutFragment()
			}
		}
	}
	r.fail(Reason(f), specCORSCheck, resp.exchange, text, fix)
	return false
}

// explainCORSCheckFailure says what is wrong with the response and what to change.
func (r *run) explainCORSCheckFailure(f fetchspec.CORSCheckFailure, h fetchspec.HeaderList, what, serialized string, cred bool) (text, fix string) {
	acao, _ := h.Get("Access-Control-Allow-Origin")
	acac, hasACAC := h.Get("Access-Control-Allow-Credentials")
	target := fmt.Sprintf("the %s to %s", what, r.cur().noFrag)
	var tainted string
	if serialized == "null" && !r.origin.IsOpaque() {
		tainted = " (the request's origin became null because a redirect crossed origins)"
	}
	switch f {
	case fetchspec.MissingAllowOrigin:
		text = fmt.Sprintf("The %s has no Access-Control-Allow-Origin header, so the page (origin %s%s) may not read it.", what, serialized, tainted)
		fix = fmt.Sprintf("Add Access-Control-Allow-Origin: %s to %s", serialized, target)
		if cred {
			fix += ", with Access-Control-Allow-Credentials: true"
		} else if serialized == "null" {
			fix = fmt.Sprintf("Add Access-Control-Allow-Origin: * to %s (a cross-origin redirect made the origin null), or point the page at the final URL", target)
		}
		fix += "."
	case fetchspec.MultipleAllowOrigin:
		text = fmt.Sprintf("Access-Control-Allow-Origin on the %s holds several values (%q); it must be exactly one origin.", what, acao)
		fix = fmt.Sprintf("Send a single Access-Control-Allow-Origin: %s: check the request's Origin against your allow-list and echo it, with Vary: Origin.", serialized)
	case fetchspec.AllowOriginMismatch:
		text = fmt.Sprintf("Access-Control-Allow-Origin on the %s is %q but the request's origin is %s%s.", what, acao, serialized, tainted)
		if _, err := origin.ParseHeader(acao); err != nil && acao != "null" {
			text += fmt.Sprintf(" The value is not a serialized origin: %v.", err)
		} else if strings.EqualFold(acao, serialized) {
			text += " They differ only in case; the comparison is byte for byte."
		}
		fix = fmt.Sprintf("Send Access-Control-Allow-Origin: %s exactly (scheme, host and port as the Origin header spells them, no trailing slash).", serialized)
		if serialized == "null" && !r.origin.IsOpaque() {
			fix = fmt.Sprintf("After a cross-origin redirect the origin is null: answer Access-Control-Allow-Origin: * (without credentials) from %s, or point the page at the final URL.", r.cur().noFrag)
		}
	case fetchspec.WildcardOriginWithCredentials:
		text = fmt.Sprintf("The %s allows any origin with Access-Control-Allow-Origin: *, which does not cover a request with credentials.", what)
		fix = fmt.Sprintf("Echo Access-Control-Allow-Origin: %s instead of *, with Access-Control-Allow-Credentials: true and Vary: Origin (or have the page send credentials: \"omit\").", serialized)
	case fetchspec.AllowCredentialsNotTrue:
		if hasACAC {
			text = fmt.Sprintf("The request includes credentials, and Access-Control-Allow-Credentials on the %s is %q; it must be exactly true.", what, acac)
		} else {
			text = fmt.Sprintf("The request includes credentials, and the %s has no Access-Control-Allow-Credentials header.", what)
		}
		fix = fmt.Sprintf("Add Access-Control-Allow-Credentials: true to %s.", target)
	default:
		text = fmt.Sprintf("The %s fails the CORS check (%s).", what, f)
		fix = "Send Access-Control-Allow-Origin with the request's exact origin."
	}
	return text, fix
}

// httpRedirectFetch follows a redirect: it validates the Location, rewrites the method where
// the status says so, and runs main fetch again for the new URL.
// https://fetch.spec.whatwg.org/#http-redirect-fetch
func (r *run) httpRedirectFetch(resp response) response {
	cur := r.currentURL()
	// Step 2: the location URL; steps 3-4: none means the redirect is the response, failure fails.
	locs := resp.header.Values("Location")
	if len(locs) == 0 {
		if r.tracing {
			r.note(specHTTPRedirectFetch, fmt.Sprintf("The %d response has no Location header: it is the final response.", resp.status))
		}
		return resp
	}
	if len(locs) > 1 {
		return r.fail(InvalidRedirectLocation, specHTTPRedirectFetch, resp.exchange,
			fmt.Sprintf("The %d response has %d Location headers; it must have one.", resp.status, len(locs)),
			"Send exactly one Location header.")
	}
	r.res.Blocked.Location = locs[0]
	locHop, err := r.parseLocation(locs[0], cur)
	if err != nil {
		return r.fail(InvalidRedirectLocation, specHTTPRedirectFetch, resp.exchange,
			fmt.Sprintf("The Location %q of the %d response is not a URL: %v.", locs[0], resp.status, err),
			"Send a valid absolute or relative URL in Location.")
	}
	loc := locHop.url
	r.res.Blocked.Location = loc.StringWithoutFragment()
	// Step 5: only http(s) targets.
	if loc.Scheme != "http" && loc.Scheme != "https" {
		return r.fail(RedirectNotHTTP, specHTTPRedirectFetch, resp.exchange,
			fmt.Sprintf("The redirect points at %s, whose scheme is not http or https.", loc.String()),
			"Redirect to an http(s) URL.")
	}
	// Step 6: at most 20 redirects.
	if r.redirectCount == 20 {
		return r.fail(TooManyRedirects, specHTTPRedirectFetch, resp.exchange,
			"This is the 21st redirect; browsers follow at most 20.",
			"Break the redirect loop, or point the page at the final URL.")
	}
	r.redirectCount++
	// Steps 7-8: no userinfo in a CORS redirect target.
	locOrigin := locHop.origin
	if loc.IncludesCredentials() && ((r.mode == ModeCORS && !origin.SameOrigin(r.origin, locOrigin)) || r.tainting == taintCORS) {
		return r.fail(RedirectCredentialsInURL, specHTTPRedirectFetch, resp.exchange,
			fmt.Sprintf("The redirect points at %s, which includes a username or password; a CORS request cannot follow it.", loc.String()),
			"Redirect to the URL without userinfo.")
	}
	// Step 9: a stream body cannot be replayed, except for a 303 which drops it.
	if resp.status != 303 && r.body == BodyStream {
		return r.fail(RedirectStreamBody, specHTTPRedirectFetch, resp.exchange,
			fmt.Sprintf("The request has a streaming body, which cannot be sent again after a %d redirect.", resp.status),
			"Point the page at the final URL, or answer 303.")
	}
	// Step 11: 301/302 turn POST into GET; 303 turns everything but GET and HEAD into GET.
	if ((resp.status == 301 || resp.status == 302) && r.method == "POST") || (resp.status == 303 && r.method != "GET" && r.method != "HEAD") {
		if r.tracing {
			r.note(specHTTPRedirectFetch, fmt.Sprintf("A %d redirect turns %s into GET without a body; Content-Type and the other request-body headers are removed.", resp.status, r.method))
		}
		r.method, r.body = "GET", BodyNone
		for i := 0; i < len(r.header); i++ {
			if fetchspec.IsRequestBodyHeaderName(r.header[i].Name) {
				r.header.Delete(r.header[i].Name)
				i--
			}
		}
	}
	// Step 12: Authorization does not follow a cross-origin redirect.
	if !origin.SameOrigin(r.cur().origin, locOrigin) && r.header.Contains("Authorization") {
		r.header.Delete("Authorization")
		if r.tracing {
			r.note(specHTTPRedirectFetch, "The redirect crosses origins: the Authorization header is removed.")
		}
	}
	// Step 15: append the location URL; this is what can redirect-taint the origin.
	before := r.serializedOrigin()
	r.urlList = append(r.urlList, locHop)
	r.hop()
	if r.tracing {
		why := ""
		if r.serializedOrigin() == "null" && before != "null" {
			why = fmt.Sprintf(", because this hop leaves %s, which is not the page's origin, for another origin (redirect-taint)", r.urlList[len(r.urlList)-2].origin.Serialize())
		}
		r.note(specHTTPRedirectFetch, fmt.Sprintf("Redirect %d of at most 20 (%d): following to %s with method %s; the request's origin now serializes as %s%s.", r.redirectCount, resp.status, locHop.noFrag, r.method, r.serializedOrigin(), why))
	}
	// A browser that keeps preflighting a redirected request sets the flag for later hops.
	if r.b.profile.RedirectKeepsPreflight && r.preflightBranch {
		r.useCORSPreflight = true
	}
	// Step 19: main fetch again, recursively.
	r.res.Blocked.Location = ""
	return r.mainFetch()
}

func isRedirectStatus(s int) bool {
	return s == 301 || s == 302 || s == 303 || s == 307 || s == 308
}

// currentURL is the last URL of the URL list.
// https://fetch.spec.whatwg.org/#concept-request-current-url
func (r *run) currentURL() *weburl.URL { return r.cur().url }

// cur is the current URL with its derived values.
func (r *run) cur() *hopURL { return r.urlList[len(r.urlList)-1] }

// parseLocation parses a Location value against the current URL; without its own fragment the
// location URL inherits the current URL's (https://fetch.spec.whatwg.org/#concept-response-location-url).
func (r *run) parseLocation(value string, cur *weburl.URL) (*hopURL, error) {
	if !cur.HasFragment {
		return r.b.memo.url(value, cur, r.cur().noFrag)
	}
	loc, err := weburl.ParseRef(value, cur)
	if err != nil {
		return nil, err
	}
	if !loc.HasFragment {
		loc.Fragment, loc.HasFragment = cur.Fragment, true
	}
	return newHopURL(loc), nil
}

// redirectTaint computes the request's redirect-taint.
// https://fetch.spec.whatwg.org/#concept-request-tainted-origin
func (r *run) redirectTaint() string {
	// Steps 1-2: walk the URL list; a hop taints when it leaves a URL whose origin is not the
	// request's and goes somewhere else.
	taint := "same-origin"
	last := r.urlList[0]
	for _, u := range r.urlList[1:] {
		if !u.site.SameSite(last.site) && !r.originSite.SameSite(last.site) {
			return "cross-site"
		}
		if !origin.SameOrigin(u.origin, last.origin) && !origin.SameOrigin(r.origin, last.origin) {
			taint = "same-site"
		}
		last = u
	}
	return taint
}

// serializedOrigin is the byte-serialized request origin of the current hop.
func (r *run) serializedOrigin() string { return r.serialized }

// computeSerializedOrigin is the byte-serialized request origin: "null" once redirects tainted it.
// https://fetch.spec.whatwg.org/#serializing-a-request-origin
func (r *run) computeSerializedOrigin() string {
	if len(r.urlList) > 1 && r.redirectTaint() != "same-origin" {
		return "null"
	}
	return r.originSerialized
}

func (r *run) cacheKey() cache.Key {
	return cache.Key{NetworkPartitionKey: r.partitionKey, Origin: r.serializedOrigin(), URL: r.cur().noFrag}
}

// finish turns the internal response into the filtered response the script sees.
// https://fetch.spec.whatwg.org/#concept-main-fetch (steps 14-15)
func (r *run) finish(resp response) {
	res := r.res
	if resp.networkError {
		res.Outcome = NetworkError
		res.Response = Response{Type: TypeNetworkError}
		return
	}
	res.Outcome = OK
	res.Blocked = Blocked{}
	res.Response.URL = r.cur().noFrag
	res.Response.Redirected = len(r.urlList) > 1
	switch {
	case resp.opaqueRedirect:
		res.Response = Response{Type: TypeOpaqueRedirect, URL: res.Response.URL, Redirected: res.Response.Redirected}
	case r.tainting == taintOpaque:
		res.Response = Response{Type: TypeOpaque}
		if r.tracing {
			r.note(specFilteredOpaque, fmt.Sprintf("The response (status %d) reaches the script as an opaque response: status 0, no headers, no body.", resp.status))
		}
	case r.tainting == taintBasic:
		res.Response.Type, res.Response.Status = TypeBasic, resp.status
		names := fetchspec.BasicFilteredHeaderNamesInto(r.mem.names[:], resp.header)
		res.Response.HeaderNames = names
		res.Response.Header = r.filterHeaders(resp.header, names)
		if r.tracing {
			r.note(specFilteredBasic, fmt.Sprintf("The script gets a basic response with status %d and every header except Set-Cookie.", resp.status))
		}
	default:
		res.Response.Type, res.Response.Status = TypeCORS, resp.status
		if r.untrusted && r.credentials == CredentialsInclude {
			r.warn(WarnUntrustedOriginCredentials)
		}
		exposed, err := fetchspec.CORSExposedHeaderNameList(resp.header, r.credentials == CredentialsInclude)
		if extra := r.b.profile.ExtraSafelistedResponseHeaders; len(extra) > 0 {
			exposed = append(slices.Clip(exposed), extra...)
		}
		names := fetchspec.CORSFilteredHeaderNamesInto(r.mem.names[:], resp.header, exposed)
		res.Response.HeaderNames = names
		res.Response.Header = r.filterHeaders(resp.header, names)
		if r.tracing {
			readable := "no headers"
			if len(names) > 0 {
				readable = "the headers " + strings.Join(names, ", ")
			}
			text := fmt.Sprintf("The script gets a cors response with status %d; it can read %s.", resp.status, readable)
			if err != nil {
				text += fmt.Sprintf(" Access-Control-Expose-Headers cannot be parsed (%v), so it exposes nothing.", err)
			}
			r.note(specFilteredCORS, text)
		}
	}
}

// filterHeaders keeps the entries whose lowercase name is in names (a sorted lowercase set):
// nil when none is kept, otherwise a list with no spare capacity, from the fetch's memory when
// it has room.
func (r *run) filterHeaders(h fetchspec.HeaderList, names []string) fetchspec.HeaderList {
	if len(names) == 0 {
		return nil
	}
	n := 0
	for _, e := range h {
		if containsFold(names, e.Name) {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := r.headerList(n)
	for _, e := range h {
		if containsFold(names, e.Name) {
			out = append(out, e)
		}
	}
	return out
}

// note appends a passing step to the trace. Callers check r.tracing first, so the fast path
// formats nothing.
func (r *run) note(anchor, text string) { r.noteExchange(anchor, text, -1) }

// noteExchange appends a passing step about the exchange at index exchange.
func (r *run) noteExchange(anchor, text string, exchange int) {
	r.res.Trace = append(r.res.Trace, Step{Anchor: anchor, Text: text, Exchange: exchange})
}

// fail records the failure that ends the fetch and returns a network error.
func (r *run) fail(reason Reason, anchor string, exchange int, text, fix string) response {
	r.res.Reason, r.res.Fix = reason, fix
	if len(r.urlList) > 0 {
		b := &r.res.Blocked
		b.URL, b.InitialURL = r.cur().noFrag, r.urlList[0].noFrag
		b.Mode = r.mode
		b.Origin, b.PageOrigin = r.serializedOrigin(), r.originSerialized
		if r.page != nil {
			b.Document = r.page.StringWithoutFragment()
		}
		if exchange >= 0 && exchange < len(r.res.Exchanges) {
			e := r.res.Exchanges[exchange]
			b.Preflight = e.Kind == ExchangePreflight
			b.Status = e.Response.Status
		}
	}
	if r.tracing {
		r.res.Trace = append(r.res.Trace, Step{Anchor: anchor, Text: text, Failed: true, Reason: reason, Fix: fix, Exchange: exchange})
	}
	return networkError
}

// typeError records a TypeError thrown while the request is built.
func (r *run) typeError(reason Reason, anchor, text, fix string) bool {
	r.fail(reason, anchor, -1, text, fix)
	return false
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// containsFold compares byte-case-insensitively, as header names are compared.
func containsFold(list []string, s string) bool {
	for _, v := range list {
		if fetchspec.ByteCaseInsensitiveMatch(v, s) {
			return true
		}
	}
	return false
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

// dataURLBodyLength is the length of a data: URL's body: the percent-decoded bytes after the
// first comma, base64-decoded when the type ends in ";base64"
// (https://fetch.spec.whatwg.org/#data-url-processor).
func dataURLBodyLength(path string) int {
	mt, body, _ := strings.Cut(path, ",")
	n := 0
	for i := 0; i < len(body); i++ {
		if body[i] == '%' && i+2 < len(body) && isHex(body[i+1]) && isHex(body[i+2]) {
			i += 2
		}
		n++
	}
	if t := strings.TrimRight(mt, " "); len(t) >= 7 && strings.EqualFold(t[len(t)-7:], ";base64") {
		// Forgiving-base64: whitespace is ignored, 4 characters make 3 bytes, "=" pads.
		chars := 0
		for i := 0; i < len(body); i++ {
			switch c := body[i]; c {
			case ' ', '\t', '\n', '\f', '\r', '=':
			default:
				chars++
			}
		}
		return chars * 3 / 4
	}
	return n
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// firstBadToken returns the first item of a comma-separated list that is not an HTTP token.
func firstBadToken(list string) string {
	for _, item := range strings.Split(list, ",") {
		item = strings.Trim(item, " \t")
		if item != "" && !fetchspec.IsMethod(item) {
			return item
		}
	}
	return ""
}

// dataURLBodyDecodes reports whether a data: URL's body survives the data URL processor: a
// body marked ";base64" must be forgiving-base64.
// https://fetch.spec.whatwg.org/#data-url-processor, https://infra.spec.whatwg.org/#forgiving-base64-decode
func dataURLBodyDecodes(path string) bool {
	mt, body, ok := strings.Cut(path, ",")
	if !ok {
		return false
	}
	t := strings.TrimRight(mt, " ")
	if len(t) < 7 || !strings.EqualFold(t[len(t)-7:], ";base64") {
		return true
	}
	// Percent-decode, drop ASCII whitespace, then check the base64 alphabet and length.
	var b []byte
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c == '%' && i+2 < len(body) && isHex(body[i+1]) && isHex(body[i+2]) {
			h, _ := strconv.ParseUint(body[i+1:i+3], 16, 8)
			c = byte(h)
			i += 2
		}
		switch c {
		case ' ', '\t', '\n', '\f', '\r':
			continue
		}
		b = append(b, c)
	}
	if len(b)%4 == 0 {
		b = []byte(strings.TrimSuffix(strings.TrimSuffix(string(b), "="), "="))
	}
	if len(b)%4 == 1 {
		return false
	}
	for _, c := range b {
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '+' || c == '/') {
			return false
		}
	}
	return true
}

// warn records a warning once per fetch.
func (r *run) warn(w Warning) {
	if slices.Contains(r.res.Warnings, w) {
		return
	}
	if r.res.Warnings == nil {
		r.res.Warnings = r.mem.warnings[:0]
	}
	r.res.Warnings = append(r.res.Warnings, w)
}

// variesByOrigin reports whether the response's Vary lists Origin (or is *), so caches keep
// one answer per origin.
func variesByOrigin(h fetchspec.HeaderList) bool {
	for _, v := range h.Values("Vary") {
		for _, item := range strings.Split(v, ",") {
			item = strings.Trim(item, " \t")
			if item == "*" || fetchspec.ByteCaseInsensitiveMatch(item, "Origin") {
				return true
			}
		}
	}
	return false
}

// foldSet returns a byte-case-insensitive membership test for list: a scan for short lists, a
// map for long ones, so hostile lists of thousands of names stay linear.
func foldSet(list []string) func(string) bool {
	if len(list) <= 16 {
		return func(s string) bool { return containsFold(list, s) }
	}
	set := make(map[string]struct{}, len(list))
	for _, v := range list {
		set[strings.ToLower(v)] = struct{}{}
	}
	return func(s string) bool {
		_, ok := set[strings.ToLower(s)]
		return ok
	}
}
