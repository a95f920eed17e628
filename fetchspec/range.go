package fetchspec

import "math"

// Range is a parsed single byte range "bytes=start-end". Either end may be missing (HasStart,
// HasEnd false), but not both; when both are present Start <= End.
// https://fetch.spec.whatwg.org/#simple-range-header-value
type Range struct {
	Start, End       int64
	HasStart, HasEnd bool
}

// ParseSingleRangeHeaderValue parses a Range value that names exactly one range. The "bytes"
// prefix is case-sensitive. allowWhitespace lets tabs and spaces surround "=" and "-"; the
// CORS safelist passes false, blob: range requests pass true. A number too large for an int64
// is a failure (the spec has no limit, but no real resource is that large), and the error says
// so. Errors are *ParseError values naming the step that failed.
// https://fetch.spec.whatwg.org/#simple-range-header-value
func ParseSingleRangeHeaderValue(v string, allowWhitespace bool) (Range, error) {
	r, reason := parseSingleRangeHeaderValue(v, allowWhitespace)
	if reason != "" {
		return Range{}, &ParseError{What: "range", Input: v, Reason: reason}
	}
	return r, nil
}

// parseSingleRangeHeaderValue is ParseSingleRangeHeaderValue with a constant reason instead of
// an error, so that Range safelisting does not allocate when it fails.
func parseSingleRangeHeaderValue(data string, allowWhitespace bool) (r Range, reason string) {
	// 1. data is the isomorphic decoding of value: a Go string's bytes already are.
	// 2. data must start with "bytes".
	if len(data) < len("bytes") || data[:len("bytes")] != "bytes" {
		return Range{}, `it does not start with "bytes"`
	}
	// 3. position starts after "bytes".
	pos := len("bytes")
	skip := func() {
		if allowWhitespace {
			for pos < len(data) && isHTTPTabOrSpace(data[pos]) {
				pos++
			}
		}
	}
	// 4. Whitespace, if allowed.
	skip()
	// 5-6. "=".
	if pos >= len(data) || data[pos] != '=' {
		return Range{}, `there is no "=" after "bytes"`
	}
	pos++
	// 7. Whitespace, if allowed.
	skip()
	// 8-9. rangeStart: ASCII digits, null when there are none.
	r.Start, r.HasStart, pos, reason = collectRangeNumber(data, pos)
	if reason != "" {
		return Range{}, reason
	}
	// 10. Whitespace, if allowed.
	skip()
	// 11-12. "-".
	if pos >= len(data) || data[pos] != '-' {
		return Range{}, `there is no "-" after the start`
	}
	pos++
	// 13. Whitespace, if allowed.
	skip()
	// 14-15. rangeEnd: ASCII digits, null when there are none.
	r.End, r.HasEnd, pos, reason = collectRangeNumber(data, pos)
	if reason != "" {
		return Range{}, reason
	}
	// 16. Nothing may follow (this is what rejects "0-1,3-4").
	if pos < len(data) {
		return Range{}, "there is more after the range (only a single range is allowed)"
	}
	// 17. Start and end cannot both be missing.
	if !r.HasStart && !r.HasEnd {
		return Range{}, "both the start and the end are missing"
	}
	// 18. start may not exceed end.
	if r.HasStart && r.HasEnd && r.Start > r.End {
		return Range{}, "the start is greater than the end"
	}
	// 19. Return (rangeStart, rangeEnd).
	return r, ""
}

// collectRangeNumber collects ASCII digits from pos and interprets them as a base-ten integer;
// ok is false when there are no digits.
func collectRangeNumber(data string, pos int) (n int64, ok bool, next int, reason string) {
	start := pos
	for pos < len(data) && isASCIIDigit(data[pos]) {
		d := int64(data[pos] - '0')
		if n > (math.MaxInt64-d)/10 {
			return 0, false, pos, "a number is too large for a 64-bit integer"
		}
		n = n*10 + d
		pos++
	}
	return n, pos > start, pos, ""
}
