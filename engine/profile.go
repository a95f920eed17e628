package engine

import (
	"slices"
	"strings"
	"time"

	"github.com/corsim/corsim/cache"
)

// Profile is the set of parameters in which browsers differ from each other and from the
// Fetch Standard. The algorithms read these fields; they never ask which browser they model.
// Each field's doc says what the Fetch Standard itself does, which is the value in Spec; the
// browser profiles (Chromium, Firefox, WebKit) carry the evidence for each of their values.
type Profile struct {
	// Name identifies the profile in output ("spec", "chromium", …).
	Name string
	// Version is the browser version whose behaviour the profile records ("" for Spec).
	Version string
	// Cache holds the preflight cache's structure: granularity, credentials keying, wildcard
	// matching, capacity.
	Cache cache.Params
	// MaxAge is how Access-Control-Max-Age is read and turned into a cache lifetime: syntax,
	// default, imposed cap, and what invalid or negative values mean.
	MaxAge cache.MaxAgePolicy
	// PreflightCacheBypass lists the request cache modes for which the preflight cache is
	// neither read nor written. The standard has none.
	PreflightCacheBypass []CacheMode
	// PreflightCacheSkipLookup lists the cache modes for which the preflight cache is not read
	// but a successful preflight is still written. The standard has none.
	PreflightCacheSkipLookup []CacheMode
	// CacheClearing says when a failed fetch clears the preflight cache entries of its URL. The
	// standard clears them when a request that went through the preflight branch fails.
	CacheClearing CacheClearing
	// PreflightCheckOrder is the order in which a preflight response's redirect, CORS check
	// and status are checked: it decides which failure is reported when several apply.
	PreflightCheckOrder PreflightCheckOrder
	// HeaderCheckInRequestOrder checks the request's unsafe headers against
	// Access-Control-Allow-Headers in the order the script set them, so the first one set is
	// the one blamed. The standard walks the sorted lowercase names (false).
	HeaderCheckInRequestOrder bool
	// OnlyIfCachedUsesNetwork treats cache: "only-if-cached" like "default": the request goes
	// to the network when the HTTP cache has nothing. The standard fails it (false).
	OnlyIfCachedUsesNetwork bool
	// SameOriginCredentialsFollowRedirects keeps treating a request with credentials mode
	// "same-origin" that started at the page's origin as credentialed when a cross-origin
	// redirect response is checked, so that response needs Access-Control-Allow-Credentials:
	// true (the final response is checked without). The standard judges the credentials mode
	// per hop (false).
	SameOriginCredentialsFollowRedirects bool
	// CacheEraseOnMiss erases a URL's cached preflight result when a request finds it does not
	// cover it, before the new preflight. The standard leaves it to expire (false).
	CacheEraseOnMiss bool
	// RedirectKeepsPreflight preflights every hop of a request that needed a preflight, even
	// once a redirect made it simple (a 303 that turned PUT into GET). The standard decides
	// again at each hop (false).
	RedirectKeepsPreflight bool
	// PreflightUsesPageOrigin sends a redirected request's preflight with the page's origin,
	// even when a redirect tainted the request's origin to "null" (the request itself still
	// carries "null"). The standard uses the tainted origin (false).
	PreflightUsesPageOrigin bool
	// CacheBeforeMethodAndHeaderChecks writes the preflight's result to the cache as soon as
	// the preflight passed the status and CORS checks, before the method and header checks, so
	// a preflight that refuses this request still spares later ones theirs. The standard
	// writes only after every check passed (false).
	CacheBeforeMethodAndHeaderChecks bool
	// WildcardCoversAuthorization lets Access-Control-Allow-Headers: * allow Authorization in
	// a non-credentialed preflight. The standard requires Authorization to be listed by name
	// (false; https://fetch.spec.whatwg.org/#cors-non-wildcard-request-header-name).
	WildcardCoversAuthorization bool
	// Safelist holds the rules that decide which request headers need no preflight.
	Safelist SafelistRules
	// ExtraSafelistedResponseHeaders are response header names (lowercase) a cors response
	// exposes besides the CORS-safelisted response-header names. The standard has none.
	ExtraSafelistedResponseHeaders []string
	// DataURLContentLength makes a data: URL's response carry Content-Length, the length of the
	// decoded body. The standard gives it Content-Type only.
	DataURLContentLength bool
	// AcceptLanguage is the Accept-Language value the browser adds to every request
	// (https://fetch.spec.whatwg.org/#concept-fetch step "should append"); it counts towards the
	// 1024-byte budget of safelisted headers. Empty: none is added.
	AcceptLanguage string
	// FetchMetadata says whether Sec-Fetch-Dest, -Mode and -Site are sent to potentially
	// trustworthy URLs (https://w3c.github.io/webappsec-fetch-metadata/). The standard says yes.
	FetchMetadata bool
	// Console is how the browser reports blocked fetches; the standard prints nothing.
	Console Console
	// Evidence records, for every field whose value differs from Spec, why: what the
	// differential harness observed (the corpus case), and the browser source read, if any.
	Evidence []Evidence
}

// Evidence is the record behind one profile value.
type Evidence struct {
	// Field is the profile field, as a Go selector below Profile ("MaxAge.Cap").
	Field string
	// Observed names the differential corpus cases (conformance/browser) that show the value,
	// or says why the harness cannot observe it.
	Observed string
	// Source names the browser source file where the behaviour was read, if any.
	Source string
}

// CacheClearing says when a failure clears the preflight cache entries of the URL.
type CacheClearing uint8

// The clearing policies.
const (
	// ClearOnPreflightBranchFailure: the standard (https://fetch.spec.whatwg.org/#concept-cache-clear
	// from main fetch): a request that needed a preflight and failed clears the entries.
	ClearOnPreflightBranchFailure CacheClearing = iota
	// ClearNever: failures leave the entries alone; they expire with their Max-Age.
	ClearNever
	// ClearOnAnyFailure: any CORS failure of a request to the URL, simple requests included,
	// clears the entries.
	ClearOnAnyFailure
)

// PreflightCheckOrder orders the checks of a preflight response.
type PreflightCheckOrder uint8

// The orders.
const (
	// PreflightRedirectFirst: a redirect is reported as such, then the CORS check, then the
	// status (the standard checks CORS and status together; a redirect is not an ok status).
	PreflightRedirectFirst PreflightCheckOrder = iota
	// PreflightCORSFirst: the CORS check, then the redirect, then the status.
	PreflightCORSFirst
	// PreflightStatusFirst: the status (a redirect is a bad status), then the CORS check.
	PreflightStatusFirst
)

// SafelistRules decide which request headers are CORS-safelisted.
type SafelistRules struct {
	// NoBudget judges each header on its own, without the 1024-byte budget the standard gives
	// the values of all safelisted headers together.
	NoBudget bool
	// CombineRepeated judges a header set several times by its combined value ("a, b"), as the
	// request will carry it, instead of entry by entry as the standard does.
	CombineRepeated bool
	// RangeUnitCaseInsensitive accepts "Bytes=0-" as a safelisted Range; the standard
	// requires the lowercase unit.
	RangeUnitCaseInsensitive bool
	// Extra are header names the browser treats as safelisted besides the standard's, each
	// with the value it accepts.
	Extra []ExtraSafelistedHeader
}

// ExtraSafelistedHeader is a request header a browser safelists beyond the standard.
type ExtraSafelistedHeader struct {
	// Name in lowercase.
	Name string
	// Value is the shape of the values it accepts.
	Value ValueShape
}

// ValueShape is the shape of value an extra safelisted header accepts: a number, or one of a
// few exact values. Make one with IntegerValue, DecimalValue or OneOf.
type ValueShape struct {
	Kind ValueKind
	// Values are the exact values accepted, for OneOfValues.
	Values []string
}

// ValueKind says which shape a ValueShape is.
type ValueKind uint8

// The kinds of value shape.
const (
	// IntegerValues: one or more ASCII digits.
	IntegerValues ValueKind = iota + 1
	// DecimalValues: ASCII digits with at most one ".", and at least one digit.
	DecimalValues
	// OneOfValues: exactly one of Values, compared byte for byte.
	OneOfValues
)

// IntegerValue accepts one or more ASCII digits (Viewport-Width: 1280).
func IntegerValue() ValueShape { return ValueShape{Kind: IntegerValues} }

// DecimalValue accepts ASCII digits with at most one "." (DPR: 2.5).
func DecimalValue() ValueShape { return ValueShape{Kind: DecimalValues} }

// OneOf accepts exactly one of values (ECT: 4g).
func OneOf(values ...string) ValueShape { return ValueShape{Kind: OneOfValues, Values: values} }

// describe names the shape in words, for explanations.
func (s ValueShape) describe() string {
	switch s.Kind {
	case IntegerValues:
		return "a whole number"
	case DecimalValues:
		return "a decimal number"
	case OneOfValues:
		return "one of " + strings.Join(s.Values, ", ")
	}
	return "a value this browser accepts"
}

// Accepts reports whether v has the shape.
func (s ValueShape) Accepts(v string) bool {
	switch s.Kind {
	case IntegerValues:
		return v != "" && strings.Trim(v, "0123456789") == ""
	case DecimalValues:
		return v != "" && v != "." && strings.Count(v, ".") <= 1 && strings.Trim(v, "0123456789.") == ""
	case OneOfValues:
		return slices.Contains(s.Values, v)
	}
	return false
}

// Spec is the WHATWG Fetch Standard as written: per-entry cache granularity, credentials not in
// the key, `*` entries matching as the text says, Max-Age defaulting to 5 seconds with no imposed
// cap and invalid values meaning the default, no cache-mode bypass, no Accept-Language.
var Spec = Profile{
	Name: "spec",
	Cache: cache.Params{
		Granularity:                 cache.PerEntry,
		CredentialsInKey:            false,
		WildcardMatchesCredentialed: true,
	},
	MaxAge: cache.MaxAgePolicy{
		Default:  5 * time.Second,
		Cap:      0,
		Invalid:  cache.UseDefault,
		Negative: cache.UseDefault,
	},
	FetchMetadata: true,
}

func (p *Profile) bypassesPreflightCache(m CacheMode) bool {
	for _, b := range p.PreflightCacheBypass {
		if b == m {
			return true
		}
	}
	return false
}
