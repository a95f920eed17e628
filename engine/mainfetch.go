package engine

import (
	"slices"
	"strconv"
	"strings"

	"github.com/corsim/corsim/fetchspec"
	"github.com/corsim/corsim/origin"
)

// mainFetch chooses how to fetch the current URL: as same-origin (basic), no-cors (opaque) or
// CORS, with or without a preflight. Redirects re-enter it (the spec's recursive flag); only
// the outermost call's response is filtered, by finish.
// https://fetch.spec.whatwg.org/#concept-main-fetch
func (r *run) mainFetch() response {
	cur := r.cur()
	// Step 12: the first matching statement decides.
	switch {
	case (origin.SameOrigin(cur.origin, r.origin) && r.tainting == taintBasic) || cur.url.Scheme == "data":
		// The URL is same origin with the page and nothing tainted the request, or a data:
		// URL: no CORS at all.
		r.tainting = taintBasic
		if r.tracing {
			r.note(specMainFetch, textSameOrigin(cur.noFrag, r.originSerialization))
		}
		return r.schemeFetch()
	case r.mode == ModeSameOrigin:
		return r.fail(SameOriginModeCrossOrigin, specMainFetch, -1, wordsSameOriginMode(cur.noFrag, r.originSerialization))
	case r.mode == ModeNoCORS:
		if r.redirect != RedirectFollow {
			return r.fail(NoCORSRedirectMode, specMainFetch, -1, wordsNoCORSRedirectMode(r.redirect))
		}
		r.tainting = taintOpaque
		if r.tracing {
			r.note(specMainFetch, textNoCORS(cur.noFrag))
		}
		return r.schemeFetch()
	case cur.url.Scheme != "http" && cur.url.Scheme != "https":
		return r.fail(NotHTTPScheme, specMainFetch, -1, wordsNotHTTPScheme(cur.url.String(), cur.url.Scheme))
	case r.useCORSPreflight || !fetchspec.IsCORSSafelistedMethod(r.method) || len(r.unsafeNames) > 0:
		// The use-CORS-preflight flag, a method that is not safelisted, or unsafe headers:
		// HTTP fetch with makeCORSPreflight; a network error clears the cache entries.
		r.tainting = taintCORS
		r.preflightBranch = true
		if r.tracing {
			r.note(specMainFetch, textNotSimple(cur.noFrag, r.whyNotSimple()))
		}
		resp := r.httpFetch(true)
		if resp.networkError && r.b.profile.CacheClearing != ClearNever {
			r.clearCacheEntries()
		}
		return resp
	default:
		r.tainting = taintCORS
		if r.tracing {
			r.note(specMainFetch, textSimple(cur.noFrag, r.method))
		}
		resp := r.httpFetch(false)
		if resp.networkError && r.b.profile.CacheClearing == ClearOnAnyFailure && r.res.Reason != ServerUnreachable {
			r.clearCacheEntries()
		}
		return resp
	}
}

// schemeFetch fetches by scheme: http(s) goes to the network, data: is answered locally, and
// the rest (blob:, file:, about:) is outside what the simulation can load.
// https://fetch.spec.whatwg.org/#concept-scheme-fetch
func (r *run) schemeFetch() response {
	cur := r.cur()
	switch cur.url.Scheme {
	case "http", "https":
		return r.httpFetch(false)
	case "data":
		// The data: URL processor; a failure is a network error.
		data, err := fetchspec.ProcessDataURL(cur.noFrag)
		if err != nil {
			return r.fail(InvalidDataURL, specDataURLProcessor, -1, wordsInvalidDataURL(cur.url.String(), err))
		}
		if r.tracing {
			r.note(specSchemeFetch, textDataURL)
		}
		h := fetchspec.HeaderList{{Name: "Content-Type", Value: data.MIMEType.String()}}
		if r.b.profile.DataURLContentLength {
			h = append(h, fetchspec.Header{Name: "Content-Length", Value: strconv.Itoa(len(data.Body))})
		}
		return response{status: 200, header: h, exchange: -1}
	default:
		return r.fail(UnsupportedScheme, specSchemeFetch, -1, wordsUnsupportedScheme(cur.url.Scheme, cur.url.String()))
	}
}

// finish turns the internal response into the filtered response the script sees.
// https://fetch.spec.whatwg.org/#concept-main-fetch (step 14)
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
		// An opaque filtered response: status 0, no headers, no URL.
		res.Response = Response{Type: TypeOpaque}
		if r.tracing {
			r.note(specFilteredOpaque, textOpaque(resp.status))
		}
	case r.tainting == taintBasic:
		// A basic filtered response: every header but Set-Cookie.
		res.Response.Type, res.Response.Status = TypeBasic, resp.status
		names := fetchspec.BasicFilteredHeaderNamesInto(r.mem.names[:], resp.header)
		res.Response.HeaderNames = names
		res.Response.Header = r.filterHeaders(resp.header, names)
		if r.tracing {
			r.note(specFilteredBasic, textBasic(resp.status))
		}
	default:
		// A CORS filtered response: the safelisted names and those the CORS-exposed header-name
		// list adds (step 14.1).
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
			r.note(specFilteredCORS, textCORSResponse(resp.status, names, unreadableHeaderNames(resp.header, names), err))
		}
	}
}

// unreadableHeaderNames lists, in lowercase and once each, the names of the response's headers
// that the script cannot read, except Set-Cookie and the CORS protocol's own headers, which no
// script is meant to read.
func unreadableHeaderNames(h fetchspec.HeaderList, readable []string) []string {
	var out []string
	for _, e := range h {
		lower := strings.ToLower(e.Name)
		if !fetchspec.IsForbiddenResponseHeaderName(lower) && !strings.HasPrefix(lower, "access-control-") &&
			!slices.Contains(readable, lower) && !slices.Contains(out, lower) {
			out = append(out, lower)
		}
	}
	return out
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
