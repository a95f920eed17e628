package fetchspec

// isTchar reports whether b may appear in an RFC 9110 token, which is what Fetch's "method",
// "header name" and MIME Sniffing's "HTTP token code point" all are.
// https://mimesniff.spec.whatwg.org/#http-token-code-point
var isTchar = func() (t [256]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
		t[c-'a'+'A'] = true
	}
	for _, c := range "!#$%&'*+-.^_`|~" {
		t[c] = true
	}
	return t
}()

// isToken reports whether s is a non-empty RFC 9110 token.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isTchar[s[i]] {
			return false
		}
	}
	return true
}

// isHTTPTabOrSpace is https://fetch.spec.whatwg.org/#http-tab-or-space.
func isHTTPTabOrSpace(b byte) bool { return b == '\t' || b == ' ' }

// isHTTPWhitespace is https://fetch.spec.whatwg.org/#http-whitespace (tab, space, CR, LF).
func isHTTPWhitespace(b byte) bool { return b == '\t' || b == ' ' || b == '\r' || b == '\n' }

// isASCIIDigit is https://infra.spec.whatwg.org/#ascii-digit.
func isASCIIDigit(b byte) bool { return '0' <= b && b <= '9' }

// trimTabOrSpace removes HTTP tab or space bytes from both ends of s without copying.
func trimTabOrSpace(s string) string {
	i, j := 0, len(s)
	for i < j && isHTTPTabOrSpace(s[i]) {
		i++
	}
	for j > i && isHTTPTabOrSpace(s[j-1]) {
		j--
	}
	return s[i:j]
}

// lowerByte is https://infra.spec.whatwg.org/#byte-lowercase for one byte: only A-Z change.
func lowerByte(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + ('a' - 'A')
	}
	return b
}

// byteLowercase is https://infra.spec.whatwg.org/#byte-lowercase. It returns s itself, without
// allocating, when s has no byte in A-Z.
func byteLowercase(s string) string {
	i := 0
	for i < len(s) && !('A' <= s[i] && s[i] <= 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	if l, ok := commonLowercase(s); ok {
		return l
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		b[i] = lowerByte(b[i])
	}
	return string(b)
}

// commonLowercase returns the lowercase form of the header names responses and requests carry
// most, in their usual spelling, without allocating: filtering a response lowercases each name
// it keeps, on every fetch.
func commonLowercase(s string) (string, bool) {
	switch s {
	case "Accept":
		return "accept", true
	case "Accept-Language":
		return "accept-language", true
	case "Authorization":
		return "authorization", true
	case "Cache-Control":
		return "cache-control", true
	case "Content-Language":
		return "content-language", true
	case "Content-Length":
		return "content-length", true
	case "Content-Type":
		return "content-type", true
	case "Date":
		return "date", true
	case "ETag":
		return "etag", true
	case "Expires":
		return "expires", true
	case "Last-Modified":
		return "last-modified", true
	case "Location":
		return "location", true
	case "Pragma":
		return "pragma", true
	case "Server":
		return "server", true
	case "Vary":
		return "vary", true
	case "X-Request-Id":
		return "x-request-id", true
	case "X-Requested-With":
		return "x-requested-with", true
	}
	return "", false
}

// ByteCaseInsensitiveMatch reports whether a and b are equal after mapping A-Z to a-z and
// nothing else, the comparison the Fetch Standard uses for header names. strings.EqualFold is
// not it: it folds Unicode too (the Kelvin sign U+212A matches "k").
// https://infra.spec.whatwg.org/#byte-case-insensitive
func ByteCaseInsensitiveMatch(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if lowerByte(a[i]) != lowerByte(b[i]) {
			return false
		}
	}
	return true
}

// hasPrefixFold reports whether s starts with prefix, byte-case-insensitively.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && ByteCaseInsensitiveMatch(s[:len(prefix)], prefix)
}

// equalFoldAny reports whether s byte-case-insensitively matches one of names.
func equalFoldAny(s string, names []string) bool {
	for _, n := range names {
		if ByteCaseInsensitiveMatch(s, n) {
			return true
		}
	}
	return false
}
