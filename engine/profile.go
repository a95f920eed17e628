package engine

import (
	"time"

	"github.com/corsim/corsim/cache"
	"github.com/corsim/corsim/fetchspec"
)

// Profile is the set of parameters in which browsers differ from each other and from the
// Fetch Standard. The algorithms read these fields; they never ask which browser they model.
// Each field's doc says what the Fetch Standard itself does, which is the value in Spec.
type Profile struct {
	// Name identifies the profile in output ("spec", "chromium", …).
	Name string
	// Cache holds the preflight cache's structure: granularity, credentials keying, wildcard
	// matching for credentialed requests, capacity.
	Cache cache.Params
	// MaxAge turns Access-Control-Max-Age into a cache lifetime: default, imposed cap, and what
	// invalid or negative values mean.
	MaxAge cache.MaxAgePolicy
	// PreflightCacheBypass lists the request cache modes for which the preflight cache is
	// neither read nor written. The standard has none.
	PreflightCacheBypass []CacheMode
	// AcceptLanguage is the Accept-Language value the browser adds to every request
	// (https://fetch.spec.whatwg.org/#concept-fetch step "should append"); it counts towards the
	// 1024-byte budget of safelisted headers. Empty: none is added.
	AcceptLanguage string
	// FetchMetadata says whether Sec-Fetch-Dest, -Mode and -Site are sent to potentially
	// trustworthy URLs (https://w3c.github.io/webappsec-fetch-metadata/). The standard says yes.
	FetchMetadata bool
	// Console is how the browser reports blocked fetches; the standard prints nothing.
	Console Console
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

// Profiles lists every profile the engine models, in a stable order; tools that simulate "all
// browsers" use it.
var Profiles = []Profile{Spec, Chromium, Firefox, WebKit}

// LookupProfile returns the profile with the given name (case-insensitive).
func LookupProfile(name string) (Profile, bool) {
	for _, p := range Profiles {
		if fetchspec.ByteCaseInsensitiveMatch(p.Name, name) {
			return p, true
		}
	}
	return Profile{}, false
}

// Chromium is Chromium as observed by the differential harness (conformance/browser).
var Chromium = withName(Spec, "chromium")

// Firefox is Firefox as observed by the differential harness (conformance/browser).
var Firefox = withName(Spec, "firefox")

// WebKit is WebKitGTK as observed by the differential harness (conformance/browser).
var WebKit = withName(Spec, "webkit")

func withName(p Profile, name string) Profile { p.Name = name; return p }
