package weburl

import "fmt"

// ParseError reports why the URL parser, the host parser or one of its sub-parsers returned
// failure. The URL Standard signals failure without saying why; corsim exists to explain
// decisions, so every failure carries the offending input and a reason in plain words.
type ParseError struct {
	// Input is the string that failed to parse: a whole URL for [Parse] and [ParseRef], a
	// host for [ParseHost] and [DomainToASCII], an address for [ParseIPv4] and [ParseIPv6].
	Input string
	// Reason says what is wrong, for example `host "exa mple.com": contains the forbidden
	// code point ' '`.
	Reason string
}

// Error formats the failure as `weburl: "input": reason`.
func (e *ParseError) Error() string {
	return fmt.Sprintf("weburl: %q: %s", e.Input, e.Reason)
}

func failf(input, format string, args ...any) *ParseError {
	return &ParseError{Input: input, Reason: fmt.Sprintf(format, args...)}
}

// reasonOf extracts the reason of a sub-parser's error, so that the caller can restate it for
// its own, larger input.
func reasonOf(err error) string {
	if pe, ok := err.(*ParseError); ok {
		return pe.Reason
	}
	return err.Error()
}
