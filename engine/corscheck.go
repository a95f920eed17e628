package engine

import (
	"strings"

	"github.com/corsim/corsim/fetchspec"
	"github.com/corsim/corsim/origin"
	"github.com/corsim/corsim/weburl"
)

// corsCheck runs the CORS check on a response (what: "response" or "preflight response") for
// a request carrying the byte-serialized origin, and records the verdict. A profile may judge a
// redirect response of a same-origin credentials request as credentialed.
// https://fetch.spec.whatwg.org/#concept-cors-check
func (r *run) corsCheck(resp response, what, serializedOrigin string) bool {
	cred := r.credentials == CredentialsInclude ||
		(r.b.profile.SameOriginCredentialsFollowRedirects && r.credentials == CredentialsSameOrigin &&
			isRedirectStatus(resp.status) && origin.SameOrigin(r.urlList[0].origin, r.origin))
	f := fetchspec.CORSCheck(resp.header, serializedOrigin, cred)
	if f == fetchspec.CORSCheckOK {
		acao, _ := resp.header.Get("Access-Control-Allow-Origin")
		if acao != "*" && !variesByOrigin(resp.header) {
			r.warn(WarnVaryOriginMissing)
		}
		if acao == "null" && cred {
			r.warn(WarnNullOriginCredentials)
		}
		if r.tracing {
			r.note(specCORSCheck, textCORSCheckPassed(what, acao, serializedOrigin, cred))
		}
		return true
	}
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
	r.fail(Reason(f), specCORSCheck, resp.exchange, r.wordsCORSCheckFailure(f, resp.header, what, serializedOrigin, cred))
	return false
}

// variesByOrigin reports whether the response's Vary lists Origin (or is *), so caches keep
// one answer per origin.
func variesByOrigin(h fetchspec.HeaderList) bool {
	for _, v := range h.Values("Vary") {
		for item := range strings.SplitSeq(v, ",") {
			item = strings.Trim(item, " \t")
			if item == "*" || fetchspec.ByteCaseInsensitiveMatch(item, "Origin") {
				return true
			}
		}
	}
	return false
}
