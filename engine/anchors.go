package engine

// Spec anchors the trace cites. Each names the algorithm or definition that decides a step.
const (
	specFetch               = "https://fetch.spec.whatwg.org/#concept-fetch"
	specDataURLProcessor    = "https://fetch.spec.whatwg.org/#data-url-processor"
	specRequestConstructor  = "https://fetch.spec.whatwg.org/#dom-request"
	specHeadersAppend       = "https://fetch.spec.whatwg.org/#concept-headers-append"
	specForbiddenMethod     = "https://fetch.spec.whatwg.org/#forbidden-method"
	specForbiddenHeader     = "https://fetch.spec.whatwg.org/#forbidden-request-header"
	specNoCORSSafelisted    = "https://fetch.spec.whatwg.org/#no-cors-safelisted-request-header"
	specBodyExtract         = "https://fetch.spec.whatwg.org/#concept-bodyinit-extract"
	specMainFetch           = "https://fetch.spec.whatwg.org/#concept-main-fetch"
	specSchemeFetch         = "https://fetch.spec.whatwg.org/#concept-scheme-fetch"
	specHTTPFetch           = "https://fetch.spec.whatwg.org/#concept-http-fetch"
	specHTTPNetworkOrCache  = "https://fetch.spec.whatwg.org/#concept-http-network-or-cache-fetch"
	specCORSPreflightFetch  = "https://fetch.spec.whatwg.org/#cors-preflight-fetch-0"
	specCORSCheck           = "https://fetch.spec.whatwg.org/#concept-cors-check"
	specOKStatus            = "https://fetch.spec.whatwg.org/#ok-status"
	specExtractHeaderList   = "https://fetch.spec.whatwg.org/#extract-header-list-values"
	specCacheMatchMethod    = "https://fetch.spec.whatwg.org/#concept-cache-match-method"
	specCacheCreate         = "https://fetch.spec.whatwg.org/#concept-cache-create-entry"
	specCacheClear          = "https://fetch.spec.whatwg.org/#concept-cache-clear"
	specHTTPRedirectFetch   = "https://fetch.spec.whatwg.org/#http-redirect-fetch"
	specFilteredBasic       = "https://fetch.spec.whatwg.org/#concept-filtered-response-basic"
	specFilteredCORS        = "https://fetch.spec.whatwg.org/#concept-filtered-response-cors"
	specFilteredOpaque      = "https://fetch.spec.whatwg.org/#concept-filtered-response-opaque"
	specFilteredOpaqueRedir = "https://fetch.spec.whatwg.org/#concept-filtered-response-opaque-redirect"
)
