package fetchspec

import "strings"

// Header is one entry of a header list: a name and a value, both byte sequences. The name keeps
// the case it was given, because header lists are case-preserving even though every lookup is
// byte-case-insensitive.
// https://fetch.spec.whatwg.org/#concept-header
type Header struct{ Name, Value string }

// HeaderList is an ordered multimap of headers. Entries with the same name stay separate, in
// order, because several CORS decisions depend on how many lines a header arrived in.
// https://fetch.spec.whatwg.org/#concept-header-list
type HeaderList []Header

// Contains reports whether some entry's name byte-case-insensitively matches name.
// https://fetch.spec.whatwg.org/#header-list-contains
func (l HeaderList) Contains(name string) bool {
	for _, h := range l {
		if ByteCaseInsensitiveMatch(h.Name, name) {
			return true
		}
	}
	return false
}

// Get returns the values of every entry named name, in list order, joined with ", ", and ok
// false when there is none (the spec's null). A single matching entry's value is returned as is,
// without allocating, which is the common case for Access-Control-Allow-Origin.
// https://fetch.spec.whatwg.org/#concept-header-list-get
func (l HeaderList) Get(name string) (value string, ok bool) {
	// 1. If the list does not contain name, return null.
	// 2. Return the matching values, in order, separated by 0x2C 0x20.
	first := -1
	n := 0
	size := 0
	for i, h := range l {
		if ByteCaseInsensitiveMatch(h.Name, name) {
			if first < 0 {
				first = i
			}
			n++
			size += len(h.Value)
		}
	}
	switch n {
	case 0:
		return "", false
	case 1:
		return l[first].Value, true
	}
	var b strings.Builder
	b.Grow(size + 2*(n-1))
	written := 0
	for _, h := range l[first:] {
		if ByteCaseInsensitiveMatch(h.Name, name) {
			if written > 0 {
				b.WriteString(", ")
			}
			b.WriteString(h.Value)
			written++
		}
	}
	return b.String(), true
}

// GetDecodeSplit gets name's combined value and splits it on the commas that are not inside a
// double-quoted string, trimming tabs and spaces from each piece. Empty pieces are kept ("a,,b"
// gives "a", "", "b") and quoted strings keep their quotes and escapes. ok is false when name is
// absent (the spec's null).
// https://fetch.spec.whatwg.org/#concept-header-list-get-decode-split
func (l HeaderList) GetDecodeSplit(name string) (values []string, ok bool) {
	// 1. Let value be the result of getting name from the list.
	value, ok := l.Get(name)
	// 2. If value is null, return null.
	if !ok {
		return nil, false
	}
	// 3. Return the result of getting, decoding, and splitting value.
	for pos := 0; ; {
		item, next, more := nextSplitItem(value, pos)
		values = append(values, item)
		if !more {
			return values, true
		}
		pos = next
	}
}

// nextSplitItem runs one round of the loop of "get, decode, and split" a value, starting at
// pos: it returns the next item, the position after the comma that ended it, and whether
// another item follows. Isomorphic decoding is the identity on a Go string's bytes, and the
// spec's temporaryValue is always one contiguous stretch of the input (quoted strings are
// collected raw), so the item is a substring and nothing is allocated.
// https://fetch.spec.whatwg.org/#header-value-get-decode-and-split
func nextSplitItem(s string, pos int) (item string, next int, more bool) {
	start := pos
	for {
		// Collect code points that are not U+0022 (") or U+002C (,).
		for pos < len(s) && s[pos] != '"' && s[pos] != ',' {
			pos++
		}
		// A quote starts an HTTP quoted string, collected whole (commas inside do not split);
		// if input remains after it, keep collecting.
		if pos < len(s) && s[pos] == '"' {
			pos = skipHTTPQuotedString(s, pos)
			if pos < len(s) {
				continue
			}
		}
		break
	}
	// Trim tabs and spaces; the item ends here.
	item = trimTabOrSpace(s[start:pos])
	// Past the end: this was the last item. Otherwise we are at a comma; step over it.
	if pos >= len(s) {
		return item, pos, false
	}
	return item, pos + 1, true
}

// skipHTTPQuotedString runs "collect an HTTP quoted string" without the extract-value flag from
// s[pos] == '"' and returns the position just after it: after the closing quote, or the end of
// input if the string is unterminated.
// https://fetch.spec.whatwg.org/#collect-an-http-quoted-string
func skipHTTPQuotedString(s string, pos int) int {
	// Step over the opening quote.
	pos++
	for {
		// Collect code points that are not " or \.
		for pos < len(s) && s[pos] != '"' && s[pos] != '\\' {
			pos++
		}
		// Past the end: the string is unterminated.
		if pos >= len(s) {
			return pos
		}
		c := s[pos]
		pos++
		if c == '\\' {
			// A backslash escapes the next code point, if any.
			if pos >= len(s) {
				return pos
			}
			pos++
			continue
		}
		// The closing quote.
		return pos
	}
}

// Values returns the value of each entry named name, in list order, one element per header
// line. The spec's "get" joins them; callers that must tell one line from several (the CORS
// check, Access-Control-Max-Age) need them apart.
func (l HeaderList) Values(name string) []string {
	var out []string
	for _, h := range l {
		if ByteCaseInsensitiveMatch(h.Name, name) {
			out = append(out, h.Value)
		}
	}
	return out
}

// Append adds (name, value) at the end. If an entry with the same name exists, the new entry
// takes that entry's spelling of the name, so a list never holds two casings of one name.
// https://fetch.spec.whatwg.org/#concept-header-list-append
func (l *HeaderList) Append(name, value string) {
	// 1. If the list contains name, set name to the first such header's name.
	for _, h := range *l {
		if ByteCaseInsensitiveMatch(h.Name, name) {
			name = h.Name
			break
		}
	}
	// 2. Append (name, value).
	*l = append(*l, Header{Name: name, Value: value})
}

// Set gives name the single value value: the first entry named name gets value and the other
// entries named name go; with no such entry, (name, value) is appended.
// https://fetch.spec.whatwg.org/#concept-header-list-set
func (l *HeaderList) Set(name, value string) {
	// 1. If the list contains name, set the first such header's value to value and remove
	//    the others.
	out := (*l)[:0]
	found := false
	for _, h := range *l {
		if ByteCaseInsensitiveMatch(h.Name, name) {
			if found {
				continue
			}
			found = true
			h.Value = value
		}
		out = append(out, h)
	}
	clear((*l)[len(out):])
	*l = out
	// 2. Otherwise, append (name, value).
	if !found {
		*l = append(*l, Header{Name: name, Value: value})
	}
}

// Delete removes every entry whose name byte-case-insensitively matches name.
// https://fetch.spec.whatwg.org/#concept-header-list-delete
func (l *HeaderList) Delete(name string) {
	out := (*l)[:0]
	for _, h := range *l {
		if !ByteCaseInsensitiveMatch(h.Name, name) {
			out = append(out, h)
		}
	}
	clear((*l)[len(out):])
	*l = out
}

// Clone returns a copy that shares no backing array with l, since the spec clones header lists
// (for a preflight, for a redirect) and then changes the copy. A nil list stays nil.
// https://fetch.spec.whatwg.org/#concept-request-clone
func (l HeaderList) Clone() HeaderList {
	if l == nil {
		return nil
	}
	return append(HeaderList(make([]Header, 0, len(l))), l...)
}
