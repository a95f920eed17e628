package browsers

import (
	"time"

	"github.com/corsim/corsim/cache"
	"github.com/corsim/corsim/engine"
)

// The browser profiles. Every value that differs from Spec has an Evidence entry: the
// differential corpus cases of conformance/browser that show it in the browser version named,
// and the browser source read where there was one. Values the harness cannot observe (a cap of
// hours, a capacity) come from source and say so.

// harness is the Observed text of values the harness cannot show in a test run.
const harness = "not observable in the harness: "

// Chromium is Chromium as shipped by Debian, observed headless.
var Chromium = engine.Profile{
	Name:    "chromium",
	Version: "Chromium 156.0.8078.79",
	Cache: cache.Params{
		Granularity:                 cache.WholeResult,
		WildcardMatchesCredentialed: false,
		WildcardCoversAuthorization: false,
	},
	MaxAge: cache.MaxAgePolicy{
		Syntax:   cache.MaxAgeSignedInteger,
		Default:  5 * time.Second,
		Cap:      2 * time.Hour,
		Invalid:  cache.UseDefault,
		Negative: cache.DoNotCache,
	},
	PreflightCacheBypass:        []engine.CacheMode{engine.CacheNoStore},
	PreflightCacheSkipLookup:    []engine.CacheMode{engine.CacheReload, engine.CacheNoCache},
	CacheClearing:               engine.ClearNever,
	CacheEraseOnMiss:            true,
	WildcardCoversAuthorization: true,
	Safelist: engine.SafelistRules{
		CombineRepeated: true,
		Extra: []engine.ExtraSafelistedHeader{
			{Name: "device-memory", Value: engine.DecimalValue()},
			{Name: "dpr", Value: engine.DecimalValue()},
			{Name: "downlink", Value: engine.DecimalValue()},
			{Name: "ect", Value: engine.OneOf("slow-2g", "2g", "3g", "4g")},
			{Name: "rtt", Value: engine.IntegerValue()},
			{Name: "save-data", Value: engine.OneOf("on")},
			{Name: "viewport-width", Value: engine.IntegerValue()},
			{Name: "width", Value: engine.IntegerValue()},
		},
	},
	FetchMetadata: true,
	Console:       chromiumConsole,
	Evidence: []engine.Evidence{
		{Field: "Cache.Granularity", Observed: "key-replace-or-merge, key-replace-or-merge-headers: a second preflight's answer replaces the first", Source: "services/network/cors/preflight_cache.cc (AppendEntry replaces the PreflightResult)"},
		{Field: "Cache.WildcardMatchesCredentialed", Observed: "acam-star-put-cred: a cached * does not spare a credentialed DELETE its preflight", Source: "services/network/cors/preflight_result.cc (* only when the result was made without credentials)"},
		{Field: "MaxAge.Cap", Observed: harness + "a run would have to last two hours", Source: "services/network/cors/preflight_result.cc (kMaxTimeout = 2 hours)"},
		{Field: "MaxAge.Negative", Observed: "maxage-minus1, cache-timeline-3000ms (/m-minus1): Max-Age -1 is not reused", Source: "services/network/cors/preflight_result.cc (negative values give an expired entry)"},
		{Field: "MaxAge.Syntax", Observed: "maxage-plus2, cache-timeline-3000ms (/m-plus2): +2 lives 2 s, not the 5 s default", Source: "base::StringToInt64 accepts a sign"},
		{Field: "PreflightCacheBypass", Observed: "cache-mode-no-store, cache-mode-cold-no-store: no-store neither uses nor fills the cache", Source: "services/network/cors/preflight_controller.cc (LOAD_DISABLE_CACHE)"},
		{Field: "PreflightCacheSkipLookup", Observed: "cache-mode-reload, cache-mode-no-cache: a warm entry is not used", Source: "services/network/cors/preflight_controller.cc (LOAD_BYPASS_CACHE, LOAD_VALIDATE_CACHE)"},
		{Field: "CacheClearing", Observed: "key-cleared-after-failure: a failed actual request leaves the cached preflight in place"},
		{Field: "CacheEraseOnMiss", Observed: "key-method-not-in-entry, key-header-not-in-entry: a DELETE the cached PUT entry does not cover erases it, so PUT is preflighted again", Source: "services/network/cors/preflight_cache.cc (CheckIfRequestCanSkipPreflight erases an insufficient entry)"},
		{Field: "WildcardCoversAuthorization", Observed: "acah-auth-star: Access-Control-Allow-Headers: * lets Authorization through (but the cache does not: key-wildcard-headers)", Source: "services/network/public/cpp/features.cc (kCorsNonWildcardRequestHeadersSupport disabled)"},
		{Field: "Safelist.CombineRepeated", Observed: "safelist-accept-dup-over: Accept set twice is judged by its combined value"},
		{Field: "Safelist.Extra", Observed: "safelist-hint-*: client hints need no preflight; safelist-hint-dpr-bad, safelist-hint-ect-bad: bad values do; safelist-total-1024, safelist-total-1026: they count towards the 1024-byte budget", Source: "services/network/public/cpp/cors/cors.cc (IsCorsSafelistedHeader)"},
		{Field: "Console", Observed: "every failing call of the corpus: Chromium logs console messages with --enable-logging=stderr", Source: "third_party/blink/renderer/platform/loader/cors/cors_error_string.cc"},
	},
}

// Firefox is Firefox ESR as shipped by Debian, observed headless.
var Firefox = engine.Profile{
	Name:    "firefox",
	Version: "Firefox 153.7.0esr",
	Cache: cache.Params{
		Granularity:                 cache.PerEntry,
		CredentialsInKey:            true,
		WildcardMatchesCredentialed: false,
		LiteralWildcard:             true,
		Capacity:                    100,
	},
	MaxAge: cache.MaxAgePolicy{
		Syntax:   cache.MaxAgeDigits,
		Default:  5 * time.Second,
		Cap:      24 * time.Hour,
		Invalid:  cache.DoNotCache,
		Negative: cache.DoNotCache,
	},
	PreflightCheckOrder:         engine.PreflightCORSFirst,
	PreflightCacheSkipLookup:    []engine.CacheMode{engine.CacheNoStore, engine.CacheReload},
	RedirectKeepsPreflight:      true,
	PreflightUsesPageOrigin:     true,
	CacheClearing:               engine.ClearOnAnyFailure,
	WildcardCoversAuthorization: true,
	Safelist:                    engine.SafelistRules{NoBudget: true},
	DataURLContentLength:        true,
	FetchMetadata:               true,
	Console:                     firefoxConsole,
	Evidence: []engine.Evidence{
		{Field: "Cache.CredentialsInKey", Observed: "key-cred-then-omit, key-cred-then-default: a credentialed preflight does not serve a request without credentials", Source: "caps/BasePrincipal.cpp (GetPrefLightCacheKey: cred / nocred)"},
		{Field: "Cache.WildcardMatchesCredentialed", Observed: "moot with LiteralWildcard: acam-star-put-cred shows a credentialed DELETE preflighted despite a cached *"},
		{Field: "Cache.LiteralWildcard", Observed: "acam-star, key-wildcard-methods, acah-star, key-wildcard-headers: * answers are never reused from the cache", Source: "netwerk/protocol/http/nsCORSListenerProxy.cpp (CheckRequest compares tokens literally)"},
		{Field: "Cache.Capacity", Observed: harness + "the corpus never holds 100 URLs' entries at once", Source: "netwerk/protocol/http/nsCORSListenerProxy.cpp (PREFLIGHT_CACHE_SIZE 100, least recently used first)"},
		{Field: "MaxAge.Cap", Observed: harness + "a run would have to last a day", Source: "netwerk/protocol/http/nsCORSListenerProxy.cpp (at most 86400 s)"},
		{Field: "MaxAge.Invalid", Observed: "maxage-abc, maxage-plus2, maxage-2p5, maxage-list-1-2: a value that is not plain digits is not cached at all", Source: "netwerk/protocol/http/nsCORSListenerProxy.cpp (digits only, else no caching)"},
		{Field: "MaxAge.Negative", Observed: "maxage-minus1: -1 is not cached"},
		{Field: "PreflightCheckOrder", Observed: "preflight-no-acao-302: a redirected preflight without Access-Control-Allow-Origin is reported as a missing header", Source: "netwerk/protocol/http/nsCORSListenerProxy.cpp (the preflight channel has its own CORS listener)"},
		{Field: "MaxAge.Syntax", Observed: "maxage-empty, cache-timeline-3000ms (/m-empty): an empty value lives the default 5 s; maxage-plus2, maxage-minus1: signs make the value invalid", Source: "netwerk/protocol/http/nsCORSListenerProxy.cpp (digits only)"},
		{Field: "PreflightCacheSkipLookup", Observed: "cache-mode-no-store, cache-mode-reload: a warm entry is not used; cache-mode-cold-no-store, cache-mode-cold-reload: their preflight is still cached; cache-mode-no-cache: a warm entry is used"},
		{Field: "RedirectKeepsPreflight", Observed: "redirect-303, redirect-303-put: after a 303 turned PUT into GET, the GET is preflighted too"},
		{Field: "PreflightUsesPageOrigin", Observed: "redirect-301..redirect-308 (call 8), redirect-tainted-preflight: after a cross-origin hop the preflight carries the page's origin while the request carries null"},
		{Field: "CacheClearing", Observed: "key-cleared-after-simple-failure: even a simple request's CORS failure clears the URL's entries", Source: "netwerk/protocol/http/nsCORSListenerProxy.cpp (RemoveEntries on a failed check)"},
		{Field: "WildcardCoversAuthorization", Observed: "acah-auth-star: Access-Control-Allow-Headers: * lets Authorization through", Source: "pref network.cors_preflight.authorization_covered_by_wildcard (default true)"},
		{Field: "Safelist.NoBudget", Observed: harness + "without extra safelisted names no request can exceed 1024 bytes of safelisted values (5 x 128)", Source: "dom/fetch/InternalHeaders.cpp (GetUnsafeHeaders checks headers one by one)"},
		{Field: "DataURLContentLength", Observed: "data-url, data-url-post: a data: response exposes Content-Length"},
		{Field: "Console", Observed: "every failing call of the corpus, read through an autoconfig console listener (conformance/browser/driver_firefox.go)", Source: "dom/locales/en-US/chrome/security/security.properties"},
	},
}

// WebKit is WebKitGTK as shipped by Debian (MiniBrowser), observed under Xvfb.
var WebKit = engine.Profile{
	Name:    "webkit",
	Version: "WebKitGTK 2.50.6",
	Cache: cache.Params{
		Granularity:                 cache.WholeResult,
		WildcardMatchesCredentialed: false,
		WildcardCoversAuthorization: true,
	},
	MaxAge: cache.MaxAgePolicy{
		Syntax:   cache.MaxAgeSignedInteger,
		Default:  5 * time.Second,
		Cap:      600 * time.Second,
		Invalid:  cache.UseDefault,
		Negative: cache.DoNotCache,
	},
	CacheClearing:                        engine.ClearNever,
	CacheEraseOnMiss:                     true,
	RedirectKeepsPreflight:               true,
	PreflightCheckOrder:                  engine.PreflightStatusFirst,
	HeaderCheckInRequestOrder:            true,
	OnlyIfCachedUsesNetwork:              true,
	SameOriginCredentialsFollowRedirects: true,
	CacheBeforeMethodAndHeaderChecks:     true,
	WildcardCoversAuthorization:          true,
	Safelist:                             engine.SafelistRules{NoBudget: true, CombineRepeated: true, RangeUnitCaseInsensitive: true},
	FetchMetadata:                        true,
	Console:                              webkitConsole,
	Evidence: []engine.Evidence{
		{Field: "Cache.Granularity", Observed: "key-replace-or-merge, key-replace-or-merge-headers: a second preflight's answer replaces the first", Source: "Source/WebCore/loader/CrossOriginPreflightResultCache.cpp (appendEntry replaces)"},
		{Field: "Cache.WildcardMatchesCredentialed", Observed: "acam-star-put-cred: a cached * does not spare a credentialed DELETE its preflight"},
		{Field: "Cache.WildcardCoversAuthorization", Observed: "key-wildcard-headers: a cached Access-Control-Allow-Headers: * covers Authorization"},
		{Field: "MaxAge.Cap", Observed: harness + "a run would have to last ten minutes", Source: "Source/WebCore/loader/CrossOriginPreflightResultCache.cpp (maxPreflightCacheTimeout = 600 s)"},
		{Field: "MaxAge.Negative", Observed: "maxage-minus1: -1 is not reused", Source: "Source/WebCore/loader/CrossOriginPreflightResultCache.cpp (a negative value gives an expiry in the past)"},
		{Field: "MaxAge.Syntax", Observed: "maxage-plus2: +2 lives 2 s", Source: "parseInteger accepts a leading +"},
		{Field: "CacheClearing", Observed: "key-cleared-after-failure: a failed actual request leaves the cached preflight in place"},
		{Field: "CacheBeforeMethodAndHeaderChecks", Observed: "key-failed-check-cached, key-method-not-in-entry, key-header-not-in-entry, preflight-no-acam, acam-star-cred: a preflight that refused its request still spares later requests theirs", Source: "Source/WebCore/loader/CrossOriginAccessControl.cpp (validatePreflightResponse caches before the method and header checks)"},
		{Field: "WildcardCoversAuthorization", Observed: "acah-auth-star: Access-Control-Allow-Headers: * lets Authorization through"},
		{Field: "Safelist.NoBudget", Observed: harness + "without extra safelisted names no request can exceed 1024 bytes of safelisted values", Source: "Source/WebCore/loader/CrossOriginAccessControl.cpp (headers checked one by one)"},
		{Field: "Safelist.CombineRepeated", Observed: "safelist-accept-dup-over: Accept set twice is judged by its combined value"},
		{Field: "Safelist.RangeUnitCaseInsensitive", Observed: "safelist-range-unit-case: Range: Bytes=0- needs no preflight"},
		{Field: "PreflightCheckOrder", Observed: "preflight-no-acao-404, preflight-no-acao-500, preflight-*-302: the status is reported before a missing Access-Control-Allow-Origin, and a redirect as a bad status", Source: "Source/WebCore/loader/CrossOriginAccessControl.cpp (validatePreflightResponse)"},
		{Field: "HeaderCheckInRequestOrder", Observed: "safelist-two-customs-sorted, safelist-total-1024: the first header the script set (X-Zed, DPR) is the one blamed"},
		{Field: "OnlyIfCachedUsesNetwork", Observed: "only-if-cached-same-origin: the request is sent and succeeds on a cold cache"},
		{Field: "SameOriginCredentialsFollowRedirects", Observed: "redirect-page-api-page: a same-origin request redirected through another origin needs Access-Control-Allow-Credentials on that origin's redirect; redirect-page-to-api: not on a final response"},
		{Field: "CacheEraseOnMiss", Observed: "key-method-not-in-entry, key-header-not-in-entry (with CacheBeforeMethodAndHeaderChecks)", Source: "Source/WebCore/loader/CrossOriginPreflightResultCache.cpp (canSkipPreflight removes an entry that does not allow the request)"},
		{Field: "RedirectKeepsPreflight", Observed: "redirect-303, redirect-303-put: after a 303 turned PUT into GET, the GET is preflighted too"},
		{Field: "Console", Observed: "every failing call of the corpus: MiniBrowser --enable-write-console-messages-to-stdout", Source: "Source/WebCore/loader/CrossOriginAccessControl.cpp"},
	},
}
