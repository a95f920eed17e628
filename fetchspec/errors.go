package fetchspec

import "strconv"

// ParseError reports input that one of this package's parsers rejects: what was being parsed,
// the input, and why (the step of the spec's algorithm that failed). It is built without
// formatting, so a rejected value costs one small allocation however long it is.
type ParseError struct {
	What   string // the grammar, such as "MIME type" or "range"
	Input  string // the rejected input, whole
	Reason string // the failed step, in words
}

// Error quotes the input (shortened if very long) and gives the reason.
func (e *ParseError) Error() string {
	return "fetchspec: " + e.What + " " + quoteShort(e.Input) + ": " + e.Reason
}

// maxQuoted is how many bytes of an offending input an error message quotes.
const maxQuoted = 200

// quoteShort is %q of s, except that an input longer than maxQuoted bytes is cut, with its
// length noted, so that an error about a megabyte header stays readable.
func quoteShort(s string) string {
	if len(s) <= maxQuoted {
		return strconv.Quote(s)
	}
	return strconv.Quote(s[:maxQuoted]) + "... (" + strconv.Itoa(len(s)) + " bytes)"
}
