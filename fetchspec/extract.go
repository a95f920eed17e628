package fetchspec

import (
	"fmt"
	"math"
	"strings"
)

// ExtractError says why a CORS response header could not be used: which header, the header
// line's value, the item of it at fault (empty when the fault is the whole header), and why.
// Negative is set when Access-Control-Max-Age is a negative integer such as "-1": the spec
// treats that like any other unparsable value, but Chromium refuses to cache, so the caller
// has to be able to tell it apart.
// https://fetch.spec.whatwg.org/#extract-header-list-values
type ExtractError struct {
	Header, Value, Item, Reason string
	Negative                    bool
}

// Error describes the failure, quoting the header's value and the item at fault (shortened
// if very long).
func (e *ExtractError) Error() string {
	if e.Item != "" {
		return e.Header + ": " + quoteShort(e.Item) + " in value " + quoteShort(e.Value) + " " + e.Reason
	}
	return e.Header + ": value " + quoteShort(e.Value) + " " + e.Reason
}

// ExtractHeaderListValues parses every header line named name in l as a comma-separated list
// (RFC 9110 #rule) and concatenates the items. It returns (nil, nil) when name is absent, and a
// non-nil, possibly empty, slice when it is present and parses. Items keep their case.
//
// The spec says only "parse per the header's ABNF" (whatwg/fetch issue 814). This reads it as
// Chromium and the web-platform tests do: each line is split on ",", each item trimmed of
// spaces and tabs, empty items skipped, and every remaining item must be a token, otherwise
// the whole header is a failure (an *ExtractError). That is the ABNF of
// Access-Control-Allow-Methods (#method), Access-Control-Allow-Headers and
// Access-Control-Expose-Headers (#field-name); any other name is read as #token. Use
// ExtractMaxAge for Access-Control-Max-Age, which allows one line only.
// https://fetch.spec.whatwg.org/#extract-header-list-values
func ExtractHeaderListValues(l HeaderList, name string) ([]string, error) {
	// 1. If the list does not contain name, return null.
	if !l.Contains(name) {
		return nil, nil
	}
	// 2-4. Parse each matching line; any item that is not a token fails the whole header.
	//      The first pass only validates and counts, so a failure allocates nothing and a
	//      value full of empty items does not reserve room for items it does not have.
	n := 0
	for _, h := range l {
		if !ByteCaseInsensitiveMatch(h.Name, name) {
			continue
		}
		if bad := eachListItem(h.Value, func(item string) bool {
			n++
			return isToken(item)
		}); bad != "" {
			return nil, &ExtractError{Header: name, Value: h.Value, Item: bad, Reason: listItemReason(name)}
		}
	}
	values := make([]string, 0, n)
	for _, h := range l {
		if ByteCaseInsensitiveMatch(h.Name, name) {
			eachListItem(h.Value, func(item string) bool {
				values = append(values, item)
				return true
			})
		}
	}
	// 5. Return the concatenated values.
	return values, nil
}

// eachListItem calls f with each item of the RFC 9110 #rule list v: v split on ",", each piece
// trimmed of spaces and tabs, empty pieces skipped (RFC 9110 section 5.6.1: recipients ignore
// empty list elements). It stops at the first item f rejects and returns it.
func eachListItem(v string, f func(item string) bool) (rejected string) {
	for start := 0; start <= len(v); {
		end := strings.IndexByte(v[start:], ',')
		if end < 0 {
			end = len(v)
		} else {
			end += start
		}
		item := trimTabOrSpace(v[start:end])
		start = end + 1
		if item != "" && !f(item) {
			return item
		}
	}
	return ""
}

// listItemReason says which grammar an item of the named header failed.
func listItemReason(name string) string {
	switch {
	case ByteCaseInsensitiveMatch(name, "Access-Control-Allow-Methods"):
		return "is not a method (a token)"
	case ByteCaseInsensitiveMatch(name, "Access-Control-Allow-Headers"), ByteCaseInsensitiveMatch(name, "Access-Control-Expose-Headers"):
		return "is not a header name (a token)"
	}
	return "is not a token"
}

// MaxAge is the parsed Access-Control-Max-Age: a number of seconds, or Present false when the
// response has no such header. Seconds saturates at math.MaxInt64 for longer digit strings;
// every browser caps the lifetime far below that anyway.
// https://fetch.spec.whatwg.org/#http-access-control-max-age
type MaxAge struct {
	Seconds int64
	Present bool
}

// maxAgeHeader is the name ExtractMaxAge reads.
const maxAgeHeader = "Access-Control-Max-Age"

// ExtractMaxAge extracts Access-Control-Max-Age, whose ABNF is delta-seconds (1*DIGIT) and
// which allows one header line only. Absent gives Present false and no error. Two lines, an
// empty value, a sign, a fraction or a unit ("-1", "+5", "1.5", "5s") give an *ExtractError,
// which the preflight turns into the default lifetime; "-" followed by digits also sets
// ExtractError.Negative. Spaces and tabs around the value are ignored, as HTTP parsing would.
// https://fetch.spec.whatwg.org/#extract-header-list-values
func ExtractMaxAge(l HeaderList) (MaxAge, error) {
	// 1. Absent: null.
	var value string
	lines := 0
	for _, h := range l {
		if ByteCaseInsensitiveMatch(h.Name, maxAgeHeader) {
			if lines == 0 {
				value = h.Value
			}
			lines++
		}
	}
	if lines == 0 {
		return MaxAge{}, nil
	}
	// 2. The ABNF allows a single header only; more than one line is a failure.
	if lines > 1 {
		v, _ := l.Get(maxAgeHeader)
		return MaxAge{}, &ExtractError{Header: maxAgeHeader, Value: v,
			Reason: fmt.Sprintf("is %d header lines; only one is allowed", lines)}
	}
	// 3. Parse delta-seconds = 1*DIGIT.
	s := trimTabOrSpace(value)
	if s == "" {
		return MaxAge{}, &ExtractError{Header: maxAgeHeader, Value: value, Reason: "is empty; it must be a number of seconds"}
	}
	// A negative integer fails like any other non-digit, but says so.
	if s[0] == '-' && allDigits(s[1:]) {
		return MaxAge{}, &ExtractError{Header: maxAgeHeader, Value: value, Negative: true,
			Reason: "is negative; it must be a whole number of seconds (1*DIGIT)"}
	}
	if !allDigits(s) {
		return MaxAge{}, &ExtractError{Header: maxAgeHeader, Value: value, Reason: "is not a whole number of seconds (1*DIGIT)"}
	}
	// 4. The number, saturating rather than overflowing.
	var n int64
	for i := 0; i < len(s); i++ {
		d := int64(s[i] - '0')
		if n > (math.MaxInt64-d)/10 {
			return MaxAge{Seconds: math.MaxInt64, Present: true}, nil
		}
		n = n*10 + d
	}
	return MaxAge{Seconds: n, Present: true}, nil
}

// allDigits reports whether s is one or more ASCII digits.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isASCIIDigit(s[i]) {
			return false
		}
	}
	return true
}
