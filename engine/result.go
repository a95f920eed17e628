package engine

import (
	"time"

	"github.com/corsim/corsim/cache"
	"github.com/corsim/corsim/fetchspec"
)

// Outcome is how fetch() ends.
type Outcome string

// The outcomes.
const (
	// OK: fetch() resolves with a response the script can use (for an opaque response, only
	// its existence).
	OK Outcome = "ok"
	// NetworkError: fetch() rejects with a TypeError after the browser tried the network
	// (https://fetch.spec.whatwg.org/#concept-network-error). Requests may have reached the server.
	NetworkError Outcome = "network-error"
	// TypeError: fetch() rejects before anything is sent, because the request itself is invalid.
	TypeError Outcome = "type-error"
)

// ResponseType is the type of the response a script gets
// (https://fetch.spec.whatwg.org/#concept-response-type).
type ResponseType string

// The response types a fetch can produce.
const (
	TypeBasic          ResponseType = "basic"
	TypeCORS           ResponseType = "cors"
	TypeOpaque         ResponseType = "opaque"
	TypeOpaqueRedirect ResponseType = "opaqueredirect"
	TypeNetworkError   ResponseType = "error"
)

// Response is what the script can see of the response: the filtered response
// (https://fetch.spec.whatwg.org/#concept-filtered-response).
type Response struct {
	Type   ResponseType
	Status int // 0 for opaque, opaque-redirect and error responses
	// URL is the final URL ("" for opaque responses, whose URL list is empty).
	URL        string
	Redirected bool
	// Header holds the headers script can read, in the server's order.
	Header fetchspec.HeaderList
	// HeaderNames is the sorted, lowercase set of names script can read (what
	// [...response.headers.keys()] lists).
	HeaderNames []string
}

// ExchangeKind says why a request was sent.
type ExchangeKind string

// The kinds of exchanges.
const (
	ExchangePreflight ExchangeKind = "preflight"
	ExchangeRequest   ExchangeKind = "request"
)

// Exchange is one HTTP request the server received and what it answered. The header lists are
// shared with the Server's data: treat them as read-only.
type Exchange struct {
	Kind     ExchangeKind
	Request  ServerRequest
	Response ServerResponse
	// Error is the server's failure, when it could not answer ("" otherwise).
	Error string
}

// CacheEventKind names what happened in the preflight cache.
type CacheEventKind string

// The cache events.
const (
	CacheHit    CacheEventKind = "hit"    // the request needed no preflight thanks to cached entries
	CacheMiss   CacheEventKind = "miss"   // some method or header had no live entry: a preflight is sent
	CacheBypass CacheEventKind = "bypass" // the profile skips the cache for this cache mode
	CacheStore  CacheEventKind = "store"  // a successful preflight created or refreshed entries
	CacheClear  CacheEventKind = "clear"  // a failure cleared the entries for the URL
)

// CacheEvent records one use of the preflight cache.
type CacheEvent struct {
	Kind        CacheEventKind
	Key         cache.Key
	Credentials bool
	Method      string
	// HeaderNames are the header names involved: looked up (hit), missing (miss), or stored.
	HeaderNames []string
	// Methods are the methods stored (store only).
	Methods []string
	// MaxAge is the lifetime of stored entries (store only).
	MaxAge time.Duration
	// Created, Refreshed and Removed count entries (store and clear).
	Created, Refreshed, Removed int
}

// Step is one decision in the trace: which spec algorithm step decided it, what it decided in
// plain words, and on failure the reason code and the fix a server owner (or page author)
// should make.
type Step struct {
	// Anchor is the URL of the spec algorithm or definition that decides this step.
	Anchor string
	// Text states the decision in one line a learner can follow.
	Text string
	// Failed marks the step that ended the fetch.
	Failed bool
	Reason Reason
	Fix    string
	// Exchange is the index in Result.Exchanges of the exchange this step is about, or -1.
	Exchange int
}

// Trace is the ordered list of steps of one fetch.
type Trace []Step

// Result is everything a fetch did and decided.
type Result struct {
	Outcome Outcome
	// Reason is the failure's code ("" when Outcome is OK).
	Reason Reason
	// Fix is what to change so that the fetch succeeds ("" when Outcome is OK).
	Fix string
	// Response is what the script sees (Type "error" on failure).
	Response Response
	// Exchanges lists every HTTP request the server received, in order, with its answer.
	Exchanges []Exchange
	// Cache lists the preflight cache's hits, misses, stores and clears, in order.
	Cache []CacheEvent
	// Trace is nil when the Browser was made with WithoutTrace.
	Trace Trace
	// Dropped lists the script's headers the browser silently left out of the request
	// (forbidden request-headers, and in no-cors mode headers that are not no-CORS-safelisted).
	Dropped []fetchspec.Header
	// Blocked holds the facts of a network error that browsers put in their console messages
	// (zero when Outcome is not NetworkError).
	Blocked Blocked
	// Warnings lists what the fetch was allowed only thanks to a browser's leniency, and what
	// some browsers warn about in the console even though the fetch succeeds.
	Warnings []Warning
}

// Warning is a stable code for something a fetch got away with.
type Warning string

// The warnings. They never change a verdict; they flag what a server owner should fix anyway.
const (
	// WarnAuthorizationWildcard: Access-Control-Allow-Headers: * let Authorization through, which
	// the standard forbids and browsers announce they will stop allowing.
	WarnAuthorizationWildcard Warning = "authorization-covered-by-wildcard"
	// WarnVaryOriginMissing: the response allows the request's own origin by echoing it in
	// Access-Control-Allow-Origin but does not say Vary: Origin, so a shared cache may serve
	// this answer to a page of another origin (which the browser then blocks), or another
	// origin's answer to this one.
	WarnVaryOriginMissing Warning = "vary-origin-missing"
	// WarnUntrustedOriginCredentials: the page's origin is one the scenario marks untrusted,
	// and the server still let it read a credentialed response: any site can read the user's
	// data.
	WarnUntrustedOriginCredentials Warning = "untrusted-origin-credentials"
	// WarnMaxAgeAboveCap: Access-Control-Max-Age asks for longer than this browser keeps a
	// preflight; the excess is ignored.
	WarnMaxAgeAboveCap Warning = "max-age-above-cap"
	// WarnPreflightNot2xx: the preflight was answered with a status outside 200-299 and failed
	// for another reason first, so fixing that reason alone is not enough; often a router or
	// authentication layer answering OPTIONS. (When the status is the failure reported, the
	// reason preflight-bad-status already says so.)
	WarnPreflightNot2xx Warning = "preflight-not-2xx"
	// WarnNullOriginCredentials: the response allowed the origin "null" with credentials. Every
	// sandboxed iframe, data: URL and file: page has that origin, so any site can read the
	// user's credentialed data through one.
	WarnNullOriginCredentials Warning = "null-origin-credentials"
	// WarnAllowMethodsUppercased: the page sends a lowercase method that fetch() does not
	// normalise (such as "patch"), and Access-Control-Allow-Methods lists it upper-cased only,
	// which does not match: methods are compared byte for byte.
	WarnAllowMethodsUppercased Warning = "allow-methods-uppercased"
)

// Warnings documents every warning code, in a stable order.
var Warnings = []WarningInfo{
	{WarnAuthorizationWildcard, "Access-Control-Allow-Headers: * let Authorization through; the standard requires it by name and browsers will stop allowing it.", "List Authorization in Access-Control-Allow-Headers."},
	{WarnVaryOriginMissing, "Access-Control-Allow-Origin echoes the origin without Vary: Origin.", "Add Vary: Origin to every response whose CORS headers depend on the Origin header."},
	{WarnUntrustedOriginCredentials, "An origin marked untrusted could read a credentialed response.", "Check the Origin against an allow-list before echoing it with Access-Control-Allow-Credentials: true."},
	{WarnMaxAgeAboveCap, "Access-Control-Max-Age asks for longer than this browser keeps a preflight; it keeps it for its cap instead (the trace gives both).", "Nothing breaks: the browser preflights again once its cap has passed. Lowering Max-Age to the smallest cap would only add preflights in browsers whose cap is longer."},
	{WarnPreflightNot2xx, "The preflight was answered with a status outside 200-299, and also failed for the reason reported.", "Answer OPTIONS with 204 before routing or authentication can reject it, as well as fixing the reason reported."},
	{WarnAllowMethodsUppercased, "Access-Control-Allow-Methods lists a lowercase request method upper-cased only.", "List the method exactly as the page sends it, or have the page send it upper-cased."},
	{WarnNullOriginCredentials, "Access-Control-Allow-Origin: null with credentials lets any sandboxed iframe, data: URL or file: page read the user's credentialed data.", "Never allow the origin null with credentials; list the real origins that may read the response."},
}

// WarningInfo documents one warning code.
type WarningInfo struct {
	Warning Warning
	// Meaning says what the warning means, in one sentence.
	Meaning string
	// Fix says, in general terms, what to change.
	Fix string
}

// Blocked is what a browser knows when it blocks a fetch, and prints: which URL failed, from
// which origin, whether the preflight failed, and the offending value. Each browser's console
// message is built from these facts (Profile.ConsoleMessages).
type Blocked struct {
	// URL is the request's current URL when it failed (after redirects), without fragment.
	URL string
	// InitialURL is the URL fetch() was called with, without fragment.
	InitialURL string
	// Origin is the serialized request origin at the failure: "null" once a redirect tainted it.
	Origin string
	// PageOrigin is the page's serialized origin, whatever redirects did.
	PageOrigin string
	// Document is the page's URL when the request gave one as its Origin, else the root of
	// the page's origin ("" for an opaque origin).
	Document string
	// Preflight marks a failure while fetching or checking the preflight.
	Preflight bool
	// Status is the status of the response that failed a check (0 when there was none).
	Status int
	// Value is the offending header value, when the failure is about one: the
	// Access-Control-Allow-Origin, -Allow-Credentials, -Allow-Methods or -Allow-Headers value
	// (as the browser combines repeated headers), or the redirect's Location.
	Value string
	// Lines is how many header lines carried the offending header (browsers that count lines
	// word two lines differently from one line with two values).
	Lines int
	// Method is the request's method, for method-not-allowed.
	Method string
	// Header is the header name not allowed, in lowercase.
	Header string
	// HeaderAsSent is the same name as the script spelled it.
	HeaderAsSent string
	// Token is the first item of Value that is not a valid token, for a list that does not parse.
	Token string
	// RedirectResponse marks a failure of a redirect response's own check (the preflight's
	// too); Location is then its resolved Location.
	RedirectResponse bool
	// FollowingRedirect marks a RedirectResponse failure while following redirects (redirect
	// mode "follow").
	FollowingRedirect bool
	// Mode is the request's mode.
	Mode Mode
	// Location is the redirect target, for failures about following a redirect.
	Location string
}

// Preflighted reports whether a preflight request reached the server (one sent to a server
// that could not be reached does not count).
func (r Result) Preflighted() bool {
	for _, e := range r.Exchanges {
		if e.Kind == ExchangePreflight && e.Error == "" {
			return true
		}
	}
	return false
}

// Failure returns the step that ended the fetch, if it failed.
func (r Result) Failure() (Step, bool) {
	for i := len(r.Trace) - 1; i >= 0; i-- {
		if r.Trace[i].Failed {
			return r.Trace[i], true
		}
	}
	return Step{}, false
}
