package cache

import (
	"fmt"
	"math"
	"strconv"
	"time"
)

// SpecDefaultMaxAge is the lifetime the Fetch Standard gives a preflight result whose
// Access-Control-Max-Age is missing or unusable (step 7.9 of
// https://fetch.spec.whatwg.org/#cors-preflight-fetch-0).
const SpecDefaultMaxAge = 5 * time.Second

// MaxAgeState says what the caller found when it parsed Access-Control-Max-Age, because the
// spec's "extract header list values" yields null, failure or a number, and browsers give
// negative numbers a meaning of their own.
// https://fetch.spec.whatwg.org/#http-access-control-max-age
type MaxAgeState int

// The outcomes of parsing Access-Control-Max-Age.
const (
	MaxAgeAbsent   MaxAgeState = iota // no Access-Control-Max-Age header (null)
	MaxAgeValid                       // one non-negative integer number of seconds
	MaxAgeInvalid                     // present but unparsable, or repeated (failure)
	MaxAgeNegative                    // a negative integer, which the spec counts as invalid
)

// String names the state for traces.
func (s MaxAgeState) String() string {
	switch s {
	case MaxAgeAbsent:
		return "absent"
	case MaxAgeValid:
		return "valid"
	case MaxAgeInvalid:
		return "invalid"
	case MaxAgeNegative:
		return "negative"
	}
	return "MaxAgeState(" + strconv.Itoa(int(s)) + ")"
}

// InvalidMaxAge is what a browser does with an Access-Control-Max-Age it cannot use. The spec
// falls back to the default (step 7.9); Chromium refuses to cache a negative value.
type InvalidMaxAge int

// The two readings of an unusable Access-Control-Max-Age.
const (
	UseDefault InvalidMaxAge = iota // the spec: behave as if the header were absent
	DoNotCache                      // do not write this preflight's result to the cache at all
)

// String names the choice for traces.
func (v InvalidMaxAge) String() string {
	switch v {
	case UseDefault:
		return "use the default"
	case DoNotCache:
		return "do not cache"
	}
	return "InvalidMaxAge(" + strconv.Itoa(int(v)) + ")"
}

// MaxAgePolicy holds the parts of Access-Control-Max-Age handling that the spec leaves to the
// browser, so a browser profile is data rather than code.
// https://fetch.spec.whatwg.org/#http-access-control-max-age
type MaxAgePolicy struct {
	Default  time.Duration // lifetime when the header is absent (spec: 5 s); negative counts as 0
	Cap      time.Duration // the "imposed limit" of step 7.10; 0 or negative = no limit
	Invalid  InvalidMaxAge // what an unparsable or repeated value means
	Negative InvalidMaxAge // what a negative integer means
}

// SpecMaxAgePolicy is the spec's reading: default 5 s, invalid and negative values fall back to
// the default. The spec lets every browser impose a cap; cap is that limit (0 = none).
func SpecMaxAgePolicy(cap time.Duration) MaxAgePolicy {
	return MaxAgePolicy{Default: SpecDefaultMaxAge, Cap: cap}
}

// maxSeconds is the largest whole number of seconds a time.Duration can hold.
const maxSeconds = int64(math.MaxInt64 / int64(time.Second))

// Lifetime turns the parsed Access-Control-Max-Age into how long the preflight's entries live,
// following steps 7.8-7.10 of https://fetch.spec.whatwg.org/#cors-preflight-fetch-0 with this
// policy's choices. Numbers too large for a time.Duration saturate instead of overflowing.
//
// store says whether the caller should run the store steps (7.12-7.15, [Cache.Store]) at all.
// It is false only when the policy says an unusable value means "do not cache", in which case
// the browser acts as if it had no preflight cache for this response (step 7.11) and earlier
// entries keep their lifetimes. A lifetime of 0 with store true is the spec's Max-Age 0: the
// store steps still run, so entries this preflight names end now and nothing new is kept.
//
// why says in plain words what was decided and why, for the trace.
func (p MaxAgePolicy) Lifetime(state MaxAgeState, seconds int64) (d time.Duration, store bool, why string) {
	def := max(p.Default, 0)
	var reason string

	// Steps 7.8-7.9: a missing or unusable value becomes the default, unless the policy says
	// such a value means "do not cache".
	switch {
	case state == MaxAgeAbsent:
		reason = "no Access-Control-Max-Age; the default of " + secondsText(def) + " applies"
		d = def
	case state == MaxAgeValid && seconds >= 0:
		reason = "Max-Age " + strconv.FormatInt(seconds, 10)
		d = secondsToDuration(seconds)
	case state == MaxAgeNegative || state == MaxAgeValid:
		// A "valid" negative number can only be a caller's slip; it is still a negative number.
		head := "Max-Age " + strconv.FormatInt(seconds, 10) + " is negative"
		if p.Negative == DoNotCache {
			return 0, false, head + "; this browser then does not cache the preflight"
		}
		reason = head + ", which counts as invalid; the default of " + secondsText(def) + " applies"
		d = def
	default:
		head := "Access-Control-Max-Age is not a single whole number of seconds"
		if state != MaxAgeInvalid {
			head = fmt.Sprintf("Max-Age state %q is unknown and counts as invalid", state.String())
		}
		if p.Invalid == DoNotCache {
			return 0, false, head + "; this browser then does not cache the preflight"
		}
		reason = head + "; the default of " + secondsText(def) + " applies"
		d = def
	}

	// Step 7.10: the browser's imposed limit wins over anything longer.
	if p.Cap > 0 && d > p.Cap {
		d = p.Cap
		if state == MaxAgeValid && seconds >= 0 {
			reason += " is above the cap of " + secondsText(p.Cap)
		} else {
			reason += ", which is above the cap of " + secondsText(p.Cap)
		}
	}

	if d == 0 {
		return 0, true, reason + "; nothing new is cached and entries this preflight names end now"
	}
	return d, true, reason + "; cached for " + secondsText(d)
}

// secondsToDuration converts whole seconds to a Duration, saturating at the largest Duration.
func secondsToDuration(s int64) time.Duration {
	if s > maxSeconds {
		return time.Duration(math.MaxInt64)
	}
	return time.Duration(s) * time.Second
}

// secondsText writes a lifetime the way Max-Age is written: in seconds.
func secondsText(d time.Duration) string {
	if d == time.Duration(math.MaxInt64) {
		return "the longest time this model can hold (about 292 years)"
	}
	return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + " s"
}
