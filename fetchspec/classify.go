package fetchspec

import (
	"fmt"
	"slices"
)

// IsHeaderName reports whether name is a header name: a non-empty RFC 9110 token.
// https://fetch.spec.whatwg.org/#header-name
func IsHeaderName(name string) bool { return isToken(name) }

// IsHeaderValue reports whether v can be a header value: no leading or trailing tab or space,
// and no NUL, CR or LF anywhere (those would end or split the header line). The empty value is
// a header value.
// https://fetch.spec.whatwg.org/#header-value
func IsHeaderValue(v string) bool {
	if v != "" && (isHTTPTabOrSpace(v[0]) || isHTTPTabOrSpace(v[len(v)-1])) {
		return false
	}
	for i := 0; i < len(v); i++ {
		if b := v[i]; b == 0 || b == '\r' || b == '\n' {
			return false
		}
	}
	return true
}

// NormalizeHeaderValue strips leading and trailing HTTP whitespace (tab, space, CR, LF) from v,
// as the Headers API does before validating a value. It returns a substring of v.
// https://fetch.spec.whatwg.org/#concept-header-value-normalize
func NormalizeHeaderValue(v string) string {
	i, j := 0, len(v)
	for i < j && isHTTPWhitespace(v[i]) {
		i++
	}
	for j > i && isHTTPWhitespace(v[j-1]) {
		j--
	}
	return v[i:j]
}

// IsCORSUnsafeRequestHeaderByte reports whether b may not appear in the value of a safelisted
// Accept or Content-Type: control bytes other than tab, DEL, and the RFC 9110 delimiters other
// than "," "/" ";" "=". Bytes 0x80 and above are not unsafe.
// https://fetch.spec.whatwg.org/#cors-unsafe-request-header-byte
func IsCORSUnsafeRequestHeaderByte(b byte) bool {
	switch b {
	case '"', '(', ')', ':', '<', '>', '?', '@', '[', '\\', ']', '{', '}', 0x7F:
		return true
	}
	return b < 0x20 && b != '\t'
}

// containsCORSUnsafeRequestHeaderByte reports whether any byte of v is CORS-unsafe.
func containsCORSUnsafeRequestHeaderByte(v string) bool {
	for i := 0; i < len(v); i++ {
		if IsCORSUnsafeRequestHeaderByte(v[i]) {
			return true
		}
	}
	return false
}

// isLanguageValueByte reports whether b may appear in a safelisted Accept-Language or
// Content-Language value: 0-9, A-Z, a-z, space, "*", ",", "-", ".", ";", "=".
func isLanguageValueByte(b byte) bool {
	switch {
	case '0' <= b && b <= '9', 'A' <= b && b <= 'Z', 'a' <= b && b <= 'z':
		return true
	}
	switch b {
	case ' ', '*', ',', '-', '.', ';', '=':
		return true
	}
	return false
}

// maxSafelistedValueLength is the longest value a CORS-safelisted request-header may have.
const maxSafelistedValueLength = 128

// IsCORSSafelistedRequestHeader reports whether the single header (name, value) may be sent
// cross-origin without a preflight. The test is per entry, never on a combined value, and
// value-sensitive: Content-Type must parse as one of the three MIME types an HTML form can
// send, and Range must be one range with a start, because a server cannot be assumed to treat
// anything else as harmless. It does not allocate except to parse a Content-Type.
// https://fetch.spec.whatwg.org/#cors-safelisted-request-header
func IsCORSSafelistedRequestHeader(name, value string) bool {
	return CORSSafelistedRequestHeaderProblem(name, value) == Safelisted
}

// SafelistProblem says which rule of the CORS-safelisted request-header test a header failed,
// so an explanation can name it. Safelisted is the zero value.
type SafelistProblem uint8

// The rules a header can fail.
const (
	Safelisted         SafelistProblem = iota
	NotASafelistedName                 // the name is not Accept, Accept-Language, Content-Language, Content-Type or Range
	ValueTooLong                       // the value is longer than 128 bytes
	UnsafeByte                         // Accept or Content-Type holds a CORS-unsafe request-header byte
	NotALanguageValue                  // Accept-Language or Content-Language holds a byte outside 0-9 A-Z a-z space * , - . ; =
	UnparsableMIMEType                 // Content-Type does not parse as a MIME type
	NotAFormMIMEType                   // Content-Type's essence is not one a form can send
	NotASimpleRange                    // Range is not one "bytes=start-[end]" range
)

// Describe says in words why the header (name, value) is not CORS-safelisted, for
// explanations: the rule its value fails; "" when it is safelisted, and when its name is simply
// not one of the safelisted ones (which needs no more words than the name itself).
func (p SafelistProblem) Describe(name, value string) string {
	switch p {
	case NotASafelistedName:
		return ""
	case ValueTooLong:
		return fmt.Sprintf("the %s value is %d bytes long; a safelisted value has at most %d", name, len(value), maxSafelistedValueLength)
	case UnsafeByte:
		return fmt.Sprintf("the %s value %q holds a byte a safelisted value may not have (a control byte or one of \"():<>?@[\\]{})", name, value)
	case NotALanguageValue:
		return fmt.Sprintf("the %s value %q holds a byte outside 0-9, A-Z, a-z, space and *,-.;=", name, value)
	case UnparsableMIMEType:
		return fmt.Sprintf("the Content-Type %q is not a MIME type", value)
	case NotAFormMIMEType:
		typ, sub, _, _ := parseMIMETypeEssence(value)
		return fmt.Sprintf("the Content-Type's MIME type %s/%s is not application/x-www-form-urlencoded, multipart/form-data or text/plain", byteLowercase(typ), byteLowercase(sub))
	case NotASimpleRange:
		return fmt.Sprintf("the Range %q is not a single range with a start (bytes=N- or bytes=N-M)", value)
	}
	return ""
}

// CORSSafelistedRequestHeaderProblem runs the CORS-safelisted request-header test on (name,
// value) and returns the rule it failed, or Safelisted.
// https://fetch.spec.whatwg.org/#cors-safelisted-request-header
func CORSSafelistedRequestHeaderProblem(name, value string) SafelistProblem {
	// 1. A value longer than 128 bytes is not safelisted.
	if len(value) > maxSafelistedValueLength {
		if !isSafelistedName(name) {
			return NotASafelistedName
		}
		return ValueTooLong
	}
	// 2. Switch on the byte-lowercased name.
	switch {
	case ByteCaseInsensitiveMatch(name, "accept"):
		// Accept: no CORS-unsafe request-header byte.
		if containsCORSUnsafeRequestHeaderByte(value) {
			return UnsafeByte
		}
	case ByteCaseInsensitiveMatch(name, "accept-language"), ByteCaseInsensitiveMatch(name, "content-language"):
		// Accept-Language, Content-Language: only 0-9 A-Z a-z space * , - . ; =
		for i := 0; i < len(value); i++ {
			if !isLanguageValueByte(value[i]) {
				return NotALanguageValue
			}
		}
	case ByteCaseInsensitiveMatch(name, "content-type"):
		// Content-Type: no unsafe byte, parses as a MIME type (the strict parser, not
		// "extract a MIME type"), and its essence is one a form can send.
		if containsCORSUnsafeRequestHeaderByte(value) {
			return UnsafeByte
		}
		typ, sub, _, reason := parseMIMETypeEssence(value)
		if reason != "" {
			return UnparsableMIMEType
		}
		if !isFormEssence(typ, sub) {
			return NotAFormMIMEType
		}
	case ByteCaseInsensitiveMatch(name, "range"):
		// Range: one range, parsed without whitespace, with a start ("bytes=-500" is not
		// safelisted because browsers never sent such ranges on their own).
		r, reason := parseSingleRangeHeaderValue(value, false)
		if reason != "" || !r.HasStart {
			return NotASimpleRange
		}
	default:
		// Any other name is not safelisted.
		return NotASafelistedName
	}
	// 3. Return true.
	return Safelisted
}

// isSafelistedName reports whether name is one the CORS-safelisted request-header test can
// accept at all.
func isSafelistedName(name string) bool {
	return equalFoldAny(name, []string{"accept", "accept-language", "content-language", "content-type", "range"})
}

// isFormEssence reports whether type/subtype, compared byte-case-insensitively because the
// MIME parser lowercases them, is application/x-www-form-urlencoded, multipart/form-data or
// text/plain.
func isFormEssence(typ, sub string) bool {
	switch {
	case ByteCaseInsensitiveMatch(typ, "application"):
		return ByteCaseInsensitiveMatch(sub, "x-www-form-urlencoded")
	case ByteCaseInsensitiveMatch(typ, "multipart"):
		return ByteCaseInsensitiveMatch(sub, "form-data")
	case ByteCaseInsensitiveMatch(typ, "text"):
		return ByteCaseInsensitiveMatch(sub, "plain")
	}
	return false
}

// maxSafelistedValueBudget is the most value bytes a request's safelisted headers may add up
// to before all of them count as unsafe.
const maxSafelistedValueBudget = 1024

// CORSUnsafeRequestHeaderNames returns the names a preflight must ask about, as a sorted
// lowercase set, or nil when there are none. Every entry is judged on its own; safelisted
// entries also share a 1024-byte budget for their values, and once that is spent all of them
// become unsafe, so a page cannot send an unbounded amount of data without a preflight.
// https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names
func CORSUnsafeRequestHeaderNames(l HeaderList) []string {
	// 1. unsafeNames and potentiallyUnsafeNames start empty, safelistValueSize at 0.
	var unsafe []string // allocated on the first unsafe name, so a simple request allocates nothing
	size := 0
	// 2. Each entry (duplicates too): not safelisted -> unsafe; otherwise count its value.
	for _, h := range l {
		if !IsCORSSafelistedRequestHeader(h.Name, h.Value) {
			if unsafe == nil {
				unsafe = make([]string, 0, len(l))
			}
			unsafe = append(unsafe, h.Name)
		} else {
			size += len(h.Value)
		}
	}
	// 3. Over budget: every potentially unsafe name becomes unsafe too, so the names are
	//    those of every entry.
	if size > maxSafelistedValueBudget {
		if unsafe == nil {
			unsafe = make([]string, 0, len(l))
		}
		unsafe = unsafe[:0]
		for _, h := range l {
			unsafe = append(unsafe, h.Name)
		}
	}
	// 4. Return them as a sorted lowercase set.
	return sortedLowercaseSetInPlace(unsafe)
}

// ConvertHeaderNamesToSortedLowercaseSet byte-lowercases each name, drops duplicates and sorts
// the rest by byte value, which is the form Access-Control-Request-Headers is sent in. It
// returns nil for no names. Names already in lowercase are reused, not copied.
// https://fetch.spec.whatwg.org/#convert-header-names-to-a-sorted-lowercase-set
func ConvertHeaderNamesToSortedLowercaseSet(names []string) []string {
	if len(names) == 0 {
		return nil
	}
	return sortedLowercaseSetInPlace(slices.Clone(names))
}

// sortedLowercaseSetInPlace is ConvertHeaderNamesToSortedLowercaseSet reusing names' storage,
// for callers that own the slice.
func sortedLowercaseSetInPlace(names []string) []string {
	if len(names) == 0 {
		return nil
	}
	// 1-2. Byte-lowercase each name into an ordered set.
	for i, n := range names {
		names[i] = byteLowercase(n)
	}
	// 3. Sort the set with "byte less than", and drop the duplicates that sorting makes
	//    neighbours (sorting first gives the same set as de-duplicating first).
	slices.Sort(names)
	w := 1
	for i := 1; i < len(names); i++ {
		if names[i] != names[w-1] {
			names[w] = names[i]
			w++
		}
	}
	clear(names[w:])
	return names[:w:w]
}

// IsCORSNonWildcardRequestHeaderName reports whether name is Authorization, the one request
// header a "*" in Access-Control-Allow-Headers does not cover: credentials must be named.
// https://fetch.spec.whatwg.org/#cors-non-wildcard-request-header-name
func IsCORSNonWildcardRequestHeaderName(name string) bool {
	return ByteCaseInsensitiveMatch(name, "Authorization")
}

// IsPrivilegedNoCORSRequestHeaderName reports whether name is Range, which only privileged
// callers (media elements, downloads) may add to a no-cors request.
// https://fetch.spec.whatwg.org/#privileged-no-cors-request-header-name
func IsPrivilegedNoCORSRequestHeaderName(name string) bool {
	return ByteCaseInsensitiveMatch(name, "Range")
}

// IsNoCORSSafelistedRequestHeaderName reports whether name is Accept, Accept-Language,
// Content-Language or Content-Type, the headers script may set on a no-cors request.
// https://fetch.spec.whatwg.org/#no-cors-safelisted-request-header-name
func IsNoCORSSafelistedRequestHeaderName(name string) bool {
	return equalFoldAny(name, noCORSSafelistedNames)
}

var noCORSSafelistedNames = []string{"accept", "accept-language", "content-language", "content-type"}

// IsNoCORSSafelistedRequestHeader reports whether script may set (name, value) on a no-cors
// request: the name is no-CORS-safelisted and the header is CORS-safelisted, so Range, though
// CORS-safelisted, is not.
// https://fetch.spec.whatwg.org/#no-cors-safelisted-request-header
func IsNoCORSSafelistedRequestHeader(name, value string) bool {
	// 1. If name is not a no-CORS-safelisted request-header name, return false.
	if !IsNoCORSSafelistedRequestHeaderName(name) {
		return false
	}
	// 2. Return whether (name, value) is a CORS-safelisted request-header.
	return IsCORSSafelistedRequestHeader(name, value)
}

// forbiddenRequestHeaderNames are the names of step 1 of "forbidden request-header".
var forbiddenRequestHeaderNames = []string{
	"accept-charset", "accept-encoding", "access-control-request-headers",
	"access-control-request-method", "connection", "content-length", "cookie", "cookie2",
	"date", "dnt", "expect", "host", "keep-alive", "origin", "referer", "set-cookie", "te",
	"trailer", "transfer-encoding", "upgrade", "via",
}

// methodOverrideNames are the headers step 2 inspects for a smuggled forbidden method.
var methodOverrideNames = []string{"x-http-method", "x-http-method-override", "x-method-override"}

// IsForbiddenRequestHeader reports whether script may not set (name, value): the browser
// controls these headers (Host, Origin, Cookie, the Sec- and Proxy- families, ...), and the
// method-override headers may not smuggle in a forbidden method. It never allocates.
// https://fetch.spec.whatwg.org/#forbidden-request-header
func IsForbiddenRequestHeader(name, value string) bool {
	// 1. A byte-case-insensitive match for a listed name is forbidden.
	if equalFoldAny(name, forbiddenRequestHeaderNames) {
		return true
	}
	// 1. So is a name starting with "proxy-" or "sec-".
	if hasPrefixFold(name, "proxy-") || hasPrefixFold(name, "sec-") {
		return true
	}
	// 2. X-HTTP-Method, X-HTTP-Method-Override, X-Method-Override: forbidden if getting,
	//    decoding and splitting the value yields a forbidden method.
	if equalFoldAny(name, methodOverrideNames) {
		for pos := 0; ; {
			item, next, more := nextSplitItem(value, pos)
			if IsForbiddenMethod(item) {
				return true
			}
			if !more {
				break
			}
			pos = next
		}
	}
	// 3. Otherwise not forbidden.
	return false
}

// IsForbiddenResponseHeaderName reports whether name is Set-Cookie or Set-Cookie2, which no
// filtered response ever shows to script.
// https://fetch.spec.whatwg.org/#forbidden-response-header-name
func IsForbiddenResponseHeaderName(name string) bool {
	return ByteCaseInsensitiveMatch(name, "Set-Cookie") || ByteCaseInsensitiveMatch(name, "Set-Cookie2")
}

// IsRequestBodyHeaderName reports whether name describes a request body (Content-Encoding,
// Content-Language, Content-Location, Content-Type), so a redirect that drops the body to
// turn the request into a GET drops these headers too.
// https://fetch.spec.whatwg.org/#request-body-header-name
func IsRequestBodyHeaderName(name string) bool {
	return equalFoldAny(name, requestBodyHeaderNames)
}

var requestBodyHeaderNames = []string{"content-encoding", "content-language", "content-location", "content-type"}

// corsSafelistedResponseHeaderNames are the names a CORS response always exposes.
var corsSafelistedResponseHeaderNames = []string{
	"cache-control", "content-language", "content-length", "content-type", "expires",
	"last-modified", "pragma",
}

// IsCORSSafelistedResponseHeaderName reports whether script may read the response header name
// on a CORS response whose CORS-exposed header-name list is exposed: one of the seven always
// exposed names, or an exposed name that is not Set-Cookie or Set-Cookie2 (no server opt-in
// exposes cookies). Names compare byte-case-insensitively.
// https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name
func IsCORSSafelistedResponseHeaderName(name string, exposed []string) bool {
	if equalFoldAny(name, corsSafelistedResponseHeaderNames) {
		return true
	}
	if IsForbiddenResponseHeaderName(name) {
		return false
	}
	return equalFoldAny(name, exposed)
}
