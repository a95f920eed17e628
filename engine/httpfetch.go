package engine

import (
	"slices"
	"strings"

	"github.com/corsim/corsim/fetchspec"
	"github.com/corsim/corsim/origin"
)

// httpFetch sends the request, preceded by a CORS-preflight fetch when makeCORSPreflight is
// set and the cache does not already allow it, applies the CORS check, and handles redirects.
// https://fetch.spec.whatwg.org/#concept-http-fetch
func (r *run) httpFetch(makeCORSPreflight bool) response {
	// Step 4.1: preflight when the cache has no match for the method or for an unsafe header.
	if makeCORSPreflight && r.preflightNeeded() {
		if pr := r.corsPreflightFetch(r.newPreflightRequest()); pr.networkError {
			return pr
		}
	}
	// Step 4.3: HTTP-network-or-cache fetch.
	resp := r.httpNetworkOrCacheFetch()
	if resp.networkError {
		return resp
	}
	// Step 4.4: a cors-tainted response, redirects included, must pass the CORS check.
	if r.tainting == taintCORS && !r.corsCheck(resp, "response", r.serializedRequestOrigin) {
		return networkError
	}
	// Step 6: a redirect status, by the request's redirect mode.
	if isRedirectStatus(resp.status) {
		switch r.redirect {
		case RedirectError:
			return r.fail(RedirectModeError, specHTTPFetch, resp.exchange, wordsRedirectModeError(resp.status))
		case RedirectManual:
			if r.tracing {
				r.note(specFilteredOpaqueRedir, textManualRedirect(resp.status))
			}
			return response{opaqueRedirect: true, status: resp.status, header: resp.header, exchange: resp.exchange}
		default:
			return r.httpRedirectFetch(resp)
		}
	}
	// Step 7.
	return resp
}

// httpNetworkOrCacheFetch sends the request itself with the headers the browser adds. The
// model's HTTP cache is always empty, so every request goes to the network.
// https://fetch.spec.whatwg.org/#concept-http-network-or-cache-fetch
func (r *run) httpNetworkOrCacheFetch() response {
	// Step 11.1: only-if-cached may use the HTTP cache and nothing else.
	if r.cacheMode == CacheOnlyIfCached && !r.b.profile.OnlyIfCachedUsesNetwork {
		return r.fail(NotInHTTPCache, specHTTPNetworkOrCache, -1, wordsNotInHTTPCache(r.cur().noFrag))
	}
	// Step 8.2: httpRequest, with the script's headers.
	sreq := ServerRequest{Method: r.method, URL: r.requestTarget()}
	sreq.Header = append(r.headerList(len(r.header)+4), r.header...)
	// Steps 8.12-8.13: Origin and the Fetch metadata headers.
	if v, ok := r.requestOriginHeader(); ok {
		sreq.Header = append(sreq.Header, fetchspec.Header{Name: "Origin", Value: v})
	}
	r.appendFetchMetadata(&sreq.Header, r.mode)
	// Step 8.3: includeCredentials: "include", or "same-origin" while the response is basic.
	sreq.Credentials = r.credentials == CredentialsInclude || (r.credentials == CredentialsSameOrigin && r.tainting == taintBasic)
	sreq.Body = r.body != BodyNone
	// Step 11.2: HTTP-network fetch.
	return r.httpNetworkFetch(ExchangeRequest, sreq)
}

// requestTarget is the current URL as sent: without fragment, and without userinfo, which a
// browser moves into Authorization instead.
func (r *run) requestTarget() string {
	cur := r.cur()
	if !cur.url.IncludesCredentials() {
		return cur.noFrag
	}
	target := *cur.url
	target.Username, target.Password = "", ""
	return target.StringWithoutFragment()
}

// httpNetworkFetch sends one request, the preflight or the request itself, to the server and
// records the exchange. An error from the server is a network error; so is an answer whose
// status is not an HTTP status.
// https://fetch.spec.whatwg.org/#concept-http-network-fetch
func (r *run) httpNetworkFetch(kind ExchangeKind, sreq ServerRequest) response {
	resp, err := r.srv.Serve(r.ctx, sreq)
	idx := len(r.res.Exchanges)
	if r.tracing {
		r.noteExchange(specHTTPNetworkOrCache, r.textSend(kind, &sreq), idx)
	}
	ex := Exchange{Kind: kind, Request: sreq, Response: resp}
	if err != nil {
		ex.Error = err.Error()
		ex.Response = ServerResponse{}
		r.res.Exchanges = append(r.res.Exchanges, ex)
		return r.fail(ServerUnreachable, specHTTPNetworkOrCache, idx, wordsServerUnreachable(sreq.Method, sreq.URL, err))
	}
	r.res.Exchanges = append(r.res.Exchanges, ex)
	if resp.Status < 100 || resp.Status > 999 {
		return r.fail(ServerUnreachable, specHTTPNetworkOrCache, idx, wordsNotAStatus(sreq.Method, sreq.URL, resp.Status))
	}
	if r.tracing {
		r.noteExchange(specHTTPNetworkOrCache, textAnswer(resp.Status, resp.Header), idx)
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

// requestOriginHeader decides whether the request carries Origin and with which value.
// https://fetch.spec.whatwg.org/#append-a-request-origin-header
func (r *run) requestOriginHeader() (string, bool) {
	// Step 1: the byte-serialized request origin.
	serialized := r.serializedRequestOrigin
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
	if !r.b.profile.FetchMetadata || !r.cur().trustworthy {
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
