package cache

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// SpecDefaultMaxAge is the lifetime the Fetch Standard gives a preflight result whose
// Access-Control-Max-Age is missing or unusable (step 7.9 of
// https://fetch.spec.whatwg.org/#cors-preflight-fetch-0).
const SpecDefaultMaxAge = 5 * time.Second

// MaxAgeState says what a parse of Access-Control-Max-Age found, because the
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

// MaxAgeSyntax is how a browser reads the value of Access-Control-Max-Age before its policy
// turns the number into a lifetime.
type MaxAgeSyntax uint8

// The syntaxes browsers use.
const (
	// MaxAgeSpec: extract header list values with the header's ABNF, delta-seconds: one header
	// line of ASCII digits (https://fetch.spec.whatwg.org/#http-access-control-max-age). A
	// leading "-" followed by digits is told apart as negative, because policies may give
	// negative values a meaning of their own.
	MaxAgeSpec MaxAgeSyntax = iota
	// MaxAgeSignedInteger: the combined value read as an integer with an optional + or - sign,
	// so "+2" means 2 seconds and "-1" is negative (Chromium's base::StringToInt64, WebKit's
	// parseInteger).
	MaxAgeSignedInteger
	// MaxAgeDigits: the combined value must be ASCII digits only; an empty value counts as
	// absent and anything else, "-1" included, is invalid (Firefox).
	MaxAgeDigits
)

// String names the syntax for documentation.
func (s MaxAgeSyntax) String() string {
	switch s {
	case MaxAgeSpec:
		return "spec"
	case MaxAgeSignedInteger:
		return "signed integer"
	case MaxAgeDigits:
		return "digits"
	}
	return "MaxAgeSyntax(" + strconv.Itoa(int(s)) + ")"
}

// MaxAge is one reading of Access-Control-Max-Age: what the parse found and, for a valid or
// negative value, the number of seconds (saturated to the int64 range).
type MaxAge struct {
	State   MaxAgeState
	Seconds int64
}

// MaxAgePolicy is everything about Access-Control-Max-Age in which browsers differ: how the
// value is read, the default, the imposed cap, and what invalid or negative values mean. It is
// the one home of the header's handling: [MaxAgePolicy.Parse] reads it, [MaxAgePolicy.Lifetime]
// turns the reading into how long the preflight's entries live.
// https://fetch.spec.whatwg.org/#http-access-control-max-age
type MaxAgePolicy struct {
	Syntax   MaxAgeSyntax  // how the value is read (spec: one line of digits)
	Default  time.Duration // lifetime when the header is absent (spec: 5 s); negative counts as 0
	Cap      time.Duration // the "imposed limit" of step 7.10; 0 or negative = no limit
	Invalid  InvalidMaxAge // what an unparsable or repeated value means
	Negative InvalidMaxAge // what a negative integer means
}

// Parse reads Access-Control-Max-Age from the values of its header lines, in order (none when
// the response has no such header), with the policy's syntax. Values are field values as an
// HTTP parser delivers them; the spec syntax still ignores surrounding spaces and tabs.
// https://fetch.spec.whatwg.org/#cors-preflight-fetch-0 (step 7.8: extract header list values)
func (p MaxAgePolicy) Parse(lines []string) MaxAge {
	if len(lines) == 0 {
		return MaxAge{State: MaxAgeAbsent}
	}
	switch p.Syntax {
	case MaxAgeSignedInteger:
		return parseSignedInteger(combine(lines))
	case MaxAgeDigits:
		return parseDigits(combine(lines))
	}
	return parseDeltaSeconds(lines)
}

// parseDeltaSeconds is extract header list values for Access-Control-Max-Age, whose ABNF
// (delta-seconds = 1*DIGIT) allows a single header line.
// https://fetch.spec.whatwg.org/#extract-header-list-values
func parseDeltaSeconds(lines []string) MaxAge {
	// The ABNF allows one line only: more is a failure.
	if len(lines) > 1 {
		return MaxAge{State: MaxAgeInvalid}
	}
	s := strings.Trim(lines[0], " \t")
	switch {
	case s == "":
		return MaxAge{State: MaxAgeInvalid}
	case s[0] == '-' && allDigits(s[1:]):
		// A failure for the spec, told apart because a policy may read it as "do not cache".
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			n = math.MinInt64 // too negative for int64: still negative
		}
		return MaxAge{State: MaxAgeNegative, Seconds: n}
	case !allDigits(s):
		return MaxAge{State: MaxAgeInvalid}
	}
	return MaxAge{State: MaxAgeValid, Seconds: saturatingDigits(s)}
}

// parseSignedInteger reads the value as an integer with an optional sign; values beyond 64
// bits saturate, keeping their sign. Anything else, whatever digits it starts with, is invalid.
func parseSignedInteger(v string) MaxAge {
	digits := v
	if digits != "" && (digits[0] == '+' || digits[0] == '-') {
		digits = digits[1:]
	}
	if !allDigits(digits) {
		return MaxAge{State: MaxAgeInvalid}
	}
	// Only a range error is possible now, and ParseInt then clamps n, keeping the sign.
	n, _ := strconv.ParseInt(v, 10, 64)
	if n < 0 {
		return MaxAge{State: MaxAgeNegative, Seconds: n}
	}
	return MaxAge{State: MaxAgeValid, Seconds: n}
}

// parseDigits reads the value as ASCII digits only; an empty value counts as absent.
func parseDigits(v string) MaxAge {
	switch {
	case v == "":
		return MaxAge{State: MaxAgeAbsent}
	case !allDigits(v):
		return MaxAge{State: MaxAgeInvalid}
	}
	return MaxAge{State: MaxAgeValid, Seconds: saturatingDigits(v)}
}

// combine joins a header's values as a header list's combine does, with ", ".
// https://fetch.spec.whatwg.org/#concept-header-list-combine
func combine(lines []string) string {
	if len(lines) == 1 {
		return lines[0]
	}
	return strings.Join(lines, ", ")
}

// allDigits reports whether s is one or more ASCII digits.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// saturatingDigits is the value of a string of ASCII digits, math.MaxInt64 when it is larger.
func saturatingDigits(s string) int64 {
	var n int64
	for i := 0; i < len(s); i++ {
		d := int64(s[i] - '0')
		if n > (math.MaxInt64-d)/10 {
			return math.MaxInt64
		}
		n = n*10 + d
	}
	return n
}

// AboveCap reports whether a valid Max-Age asks for longer than the policy's cap: the browser
// silently keeps the preflight for the cap instead.
func (p MaxAgePolicy) AboveCap(m MaxAge) bool {
	return p.Cap > 0 && m.State == MaxAgeValid && m.Seconds > int64(p.Cap/time.Second)
}

// SpecMaxAgePolicy is the spec's reading: one line of digits, default 5 s, invalid and negative
// values fall back to the default. The spec lets every browser impose a cap; cap is that limit
// (0 = none).
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
func (p MaxAgePolicy) Lifetime(m MaxAge) (d time.Duration, store bool, why string) {
	state, seconds := m.State, m.Seconds
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
