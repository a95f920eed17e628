package engine

import (
	"slices"

	"github.com/corsim/corsim/cache"
	"github.com/corsim/corsim/fetchspec"
)

// cacheKey is the preflight cache key of the current hop for a request carrying the
// byte-serialized origin: the network partition key, that origin and the current URL.
// https://fetch.spec.whatwg.org/#concept-cache
func (r *run) cacheKey(serializedOrigin string) cache.Key {
	return cache.Key{NetworkPartitionKey: r.partitionKey, Origin: serializedOrigin, URL: r.cur().noFrag}
}

// preflightNeeded consults the CORS-preflight cache: a preflight is needed unless there is a
// method cache entry match for the method (or it is safelisted and no flag forces it) and a
// header-name cache entry match for every unsafe header name. A profile may skip the cache for
// some cache modes.
// https://fetch.spec.whatwg.org/#concept-http-fetch (step 4.1)
func (r *run) preflightNeeded() bool {
	key := r.cacheKey(r.serializedRequestOrigin)
	cred := r.credentials == CredentialsInclude
	if r.b.profile.bypassesPreflightCache(r.cacheMode) || slices.Contains(r.b.profile.PreflightCacheSkipLookup, r.cacheMode) {
		r.res.Cache = append(r.res.Cache, CacheEvent{Kind: CacheBypass, Key: key, Credentials: cred, Method: r.method, HeaderNames: r.unsafeNames})
		if r.tracing {
			r.note(specHTTPFetch, textCacheBypass(r.cacheMode))
		}
		return true
	}
	methodMatch, unmatched := r.b.cache.Lookup(key, cred, r.method, r.unsafeNames)
	methodNeeded := !methodMatch && (!fetchspec.IsCORSSafelistedMethod(r.method) || r.useCORSPreflight)
	if !methodNeeded && len(unmatched) == 0 {
		r.res.Cache = append(r.res.Cache, CacheEvent{Kind: CacheHit, Key: key, Credentials: cred, Method: r.method, HeaderNames: r.unsafeNames})
		if r.tracing {
			r.note(specCacheMatchMethod, textCacheHit(r.method, r.unsafeNames))
		}
		return false
	}
	if r.b.profile.CacheEraseOnMiss && r.b.cache.Clear(key) > 0 && r.tracing {
		r.note(specCacheMatchMethod, textCacheErasedOnMiss)
	}
	ev := CacheEvent{Kind: CacheMiss, Key: key, Credentials: cred, HeaderNames: unmatched}
	if methodNeeded {
		ev.Method = r.method
	}
	r.res.Cache = append(r.res.Cache, ev)
	if r.tracing {
		r.note(specCacheMatchMethod, textCacheMiss(ev.Method, unmatched))
	}
	return true
}

// storePreflightResult turns Access-Control-Max-Age into a lifetime and writes the cache under
// the preflight's origin. early says the profile stores before the method and header checks,
// which have not run yet.
// https://fetch.spec.whatwg.org/#cors-preflight-fetch-0 (steps 7.8-7.15)
func (r *run) storePreflightResult(resp response, pf *preflightRequest, methods, headerNames []string, early bool) {
	// Steps 7.8-7.10: the profile's Max-Age policy reads the header and gives the lifetime.
	policy := &r.b.profile.MaxAge
	maxAge := policy.Parse(resp.header.Values("Access-Control-Max-Age"))
	lifetime, store, why := policy.Lifetime(maxAge)
	if policy.AboveCap(maxAge) {
		r.warn(WarnMaxAgeAboveCap)
	}
	// Step 7.11: a browser that does not cache this result returns.
	if !store || r.b.profile.bypassesPreflightCache(r.cacheMode) {
		if r.tracing {
			r.note(specCORSPreflightFetch, textNotCached(why, early))
		}
		return
	}
	// Steps 7.12-7.15: refresh the matching entries and create the others.
	key, cred := r.cacheKey(pf.origin), r.credentials == CredentialsInclude
	st := r.b.cache.Store(key, cred, methods, headerNames, lifetime)
	r.res.Cache = append(r.res.Cache, CacheEvent{
		Kind: CacheStore, Key: key, Credentials: cred, Methods: methods, HeaderNames: headerNames,
		MaxAge: lifetime, Created: st.Created, Refreshed: st.Refreshed,
	})
	if r.tracing {
		r.note(specCacheCreate, textCached(why, early, methods, headerNames, r.cur().noFrag, st.Created, st.Refreshed))
	}
}

// clearCacheEntries runs when the preflight branch of main fetch ends in a network error (a
// profile may clear on other failures too, or never).
// https://fetch.spec.whatwg.org/#concept-cache-clear
func (r *run) clearCacheEntries() {
	key := r.cacheKey(r.serializedRequestOrigin)
	n := r.b.cache.Clear(key)
	// A failure inside a redirect's recursive main fetch clears the same key again on the way
	// out; the second clear changes nothing and is not worth a line of trace.
	if last := len(r.res.Cache) - 1; n == 0 && last >= 0 && r.res.Cache[last].Kind == CacheClear && r.res.Cache[last].Key == key {
		return
	}
	r.res.Cache = append(r.res.Cache, CacheEvent{Kind: CacheClear, Key: key, Removed: n})
	if r.tracing {
		r.note(specCacheClear, textCacheCleared(key, n, r.preflightBranch))
	}
}
