package engine

import (
	"github.com/corsim/corsim/fetchspec"
	"github.com/corsim/corsim/origin"
	"github.com/corsim/corsim/weburl"
)

// httpRedirectFetch follows a redirect: it validates the Location, rewrites the method where
// the status says so, and runs main fetch again for the new URL.
// https://fetch.spec.whatwg.org/#http-redirect-fetch
func (r *run) httpRedirectFetch(resp response) response {
	cur := r.currentURL()
	// Step 3: the location URL. Step 4: none means the redirect is the response.
	locs := resp.header.Values("Location")
	if len(locs) == 0 {
		if r.tracing {
			r.note(specHTTPRedirectFetch, textNoLocation(resp.status))
		}
		return resp
	}
	// Step 5: a location URL that is a failure (several values, or not a URL) fails.
	if len(locs) > 1 {
		return r.fail(InvalidRedirectLocation, specHTTPRedirectFetch, resp.exchange, wordsSeveralLocations(resp.status, len(locs)))
	}
	r.res.Blocked.Location = locs[0]
	locHop, err := r.parseLocation(locs[0], cur)
	if err != nil {
		return r.fail(InvalidRedirectLocation, specHTTPRedirectFetch, resp.exchange, wordsInvalidLocation(locs[0], resp.status, err))
	}
	loc := locHop.url
	r.res.Blocked.Location = loc.StringWithoutFragment()
	// Step 6: only http(s) targets.
	if loc.Scheme != "http" && loc.Scheme != "https" {
		return r.fail(RedirectNotHTTP, specHTTPRedirectFetch, resp.exchange, wordsRedirectNotHTTP(loc.String()))
	}
	// Steps 7-8: at most 20 redirects.
	if r.redirectCount == 20 {
		return r.fail(TooManyRedirects, specHTTPRedirectFetch, resp.exchange, wordsTooManyRedirects)
	}
	r.redirectCount++
	// Steps 9-10: no userinfo in a CORS redirect target.
	if loc.IncludesCredentials() && ((r.mode == ModeCORS && !origin.SameOrigin(r.origin, locHop.origin)) || r.tainting == taintCORS) {
		return r.fail(RedirectCredentialsInURL, specHTTPRedirectFetch, resp.exchange, wordsRedirectCredentials(loc.String()))
	}
	// Step 11: a stream body cannot be replayed, except for a 303 which drops it.
	if resp.status != 303 && r.body == BodyStream {
		return r.fail(RedirectStreamBody, specHTTPRedirectFetch, resp.exchange, wordsRedirectStreamBody(resp.status))
	}
	// Step 12: 301/302 turn POST into GET; 303 turns everything but GET and HEAD into GET.
	if ((resp.status == 301 || resp.status == 302) && r.method == "POST") || (resp.status == 303 && r.method != "GET" && r.method != "HEAD") {
		if r.tracing {
			r.note(specHTTPRedirectFetch, textMethodRewritten(resp.status, r.method))
		}
		r.method, r.body = "GET", BodyNone
		for i := 0; i < len(r.header); i++ {
			if fetchspec.IsRequestBodyHeaderName(r.header[i].Name) {
				r.header.Delete(r.header[i].Name)
				i--
			}
		}
	}
	// Step 13: Authorization does not follow a cross-origin redirect.
	if !origin.SameOrigin(r.cur().origin, locHop.origin) && r.header.Contains("Authorization") {
		r.header.Delete("Authorization")
		if r.tracing {
			r.note(specHTTPRedirectFetch, textAuthorizationRemoved)
		}
	}
	// Step 18: append the location URL; this is what can redirect-taint the origin.
	before := r.serializedRequestOrigin
	r.urlList = append(r.urlList, locHop)
	r.hop()
	if r.tracing {
		r.note(specHTTPRedirectFetch, r.textFollowing(resp.status, before, locHop))
	}
	// A browser that keeps preflighting a redirected request sets the flag for later hops.
	if r.b.profile.RedirectKeepsPreflight && r.preflightBranch {
		r.useCORSPreflight = true
	}
	// Step 22: main fetch again, recursively.
	r.res.Blocked.Location = ""
	return r.mainFetch()
}

// isRedirectStatus reports whether s is a redirect status.
// https://fetch.spec.whatwg.org/#redirect-status
func isRedirectStatus(s int) bool {
	return s == 301 || s == 302 || s == 303 || s == 307 || s == 308
}

// parseLocation parses a Location value against the current URL; without its own fragment the
// location URL inherits the current URL's.
// https://fetch.spec.whatwg.org/#concept-response-location-url
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

// byteSerializeRequestOrigin is the request origin as the Origin header carries it: "null"
// once redirects tainted it.
// https://fetch.spec.whatwg.org/#byte-serializing-a-request-origin
func (r *run) byteSerializeRequestOrigin() string {
	if len(r.urlList) > 1 && r.redirectTaint() != "same-origin" {
		return "null"
	}
	return r.originSerialization
}
