package fetchspec

import (
	"strings"
)

// ExtractError says why a CORS response header could not be used: which header, the header
// line's value, the item of it at fault (empty when the fault is the whole header), and why.
// https://fetch.spec.whatwg.org/#extract-header-list-values
type ExtractError struct {
	Header, Value, Item, Reason string
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
// Access-Control-Expose-Headers (#field-name); any other name is read as #token.
// Access-Control-Max-Age, which allows one line only, is read by cache.MaxAgePolicy.Parse.
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
