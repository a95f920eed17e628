package weburl

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// HostKind says which of the URL Standard's kinds of host a [Host] is.
// https://url.spec.whatwg.org/#concept-host
type HostKind int

const (
	// HostNull is a URL without a host ("mailto:x", "data:,x"). It is the zero value.
	HostNull HostKind = iota
	// HostDomain is a domain: non-empty, ASCII, lowercase, possibly punycode, possibly with a
	// trailing dot. https://url.spec.whatwg.org/#concept-domain
	HostDomain
	// HostIPv4 is an IPv4 address. https://url.spec.whatwg.org/#concept-ipv4
	HostIPv4
	// HostIPv6 is an IPv6 address. https://url.spec.whatwg.org/#concept-ipv6
	HostIPv6
	// HostOpaque is the host of a non-special URL, kept as written apart from
	// percent-encoding. https://url.spec.whatwg.org/#opaque-host
	HostOpaque
	// HostEmpty is the empty host of "file:///x" or "foo:///x".
	// https://url.spec.whatwg.org/#empty-host
	HostEmpty
)

var hostKindNames = [...]string{"null", "domain", "IPv4", "IPv6", "opaque", "empty"}

// String names the kind, for messages and test failures.
func (k HostKind) String() string {
	if k >= 0 && int(k) < len(hostKindNames) {
		return hostKindNames[k]
	}
	return "HostKind(" + strconv.Itoa(int(k)) + ")"
}

// Host is a URL's host (https://url.spec.whatwg.org/#concept-host), or no host at all when
// Kind is HostNull. Which other field is meaningful depends on Kind.
//
// Host is comparable with ==, and == is the standard's "host equals"
// (https://url.spec.whatwg.org/#concept-host-equals), provided the value came from the host
// parser (or sets only the field its Kind uses).
type Host struct {
	Kind HostKind
	// Name is the domain (HostDomain) or the opaque host (HostOpaque).
	Name string
	// IPv4 is the address (HostIPv4), most significant byte first: 127.0.0.1 is 0x7f000001.
	IPv4 uint32
	// IPv6 holds the eight 16-bit pieces of the address (HostIPv6).
	IPv6 [8]uint16
}

// String is the host serializer: dotted decimal for IPv4, bracketed and compressed hex for
// IPv6, the name itself otherwise, and "" for a null or empty host.
// https://url.spec.whatwg.org/#concept-host-serializer
func (h Host) String() string {
	switch h.Kind {
	case HostDomain, HostOpaque:
		return h.Name
	case HostIPv4, HostIPv6:
		var buf [41]byte
		return string(h.appendTo(buf[:0]))
	}
	return ""
}

// appendTo appends the serialized host to dst, so that URL and origin serializers do not need
// an intermediate string.
func (h Host) appendTo(dst []byte) []byte {
	switch h.Kind {
	case HostDomain, HostOpaque:
		return append(dst, h.Name...)
	case HostIPv4:
		return appendIPv4(dst, h.IPv4)
	case HostIPv6:
		dst = append(dst, '[')
		dst = appendIPv6(dst, h.IPv6)
		return append(dst, ']')
	}
	return dst
}

// AppendTo appends the serialized host (see [Host.String]) to dst; it lets callers build
// serializations without allocating.
func (h Host) AppendTo(dst []byte) []byte { return h.appendTo(dst) }

// ParseHost is the host parser. isOpaque is true for the hosts of non-special URLs, which are
// only percent-encoded, never lowercased or IDNA-processed.
// https://url.spec.whatwg.org/#concept-host-parser
func ParseHost(input string, isOpaque bool) (Host, error) {
	// 1. A leading "[" means an IPv6 address, which must be closed by "]".
	if strings.HasPrefix(input, "[") {
		if !strings.HasSuffix(input, "]") || len(input) < 2 {
			return Host{}, failf(input, "IPv6 address is missing its closing ']'")
		}
		a, err := ParseIPv6(input[1 : len(input)-1])
		if err != nil {
			return Host{}, &ParseError{Input: input, Reason: reasonOf(err)}
		}
		return Host{Kind: HostIPv6, IPv6: a}, nil
	}
	// 2. Non-special URLs get the opaque-host parser.
	if isOpaque {
		return parseOpaqueHost(input)
	}
	// 3. The URL parser never hands an empty host to the domain branch; callers of this
	// function might.
	if input == "" {
		return Host{}, failf(input, "empty host")
	}
	// 4-5. Percent-decode, then UTF-8 decode. Invalid UTF-8 would become U+FFFD, which the
	// domain parser always rejects, so reject it here with a clearer reason.
	domain := PercentDecode(input)
	if !utf8.ValidString(domain) {
		return Host{}, failf(input, "percent-decodes to bytes that are not UTF-8")
	}
	// 6-7. Domain to ASCII, not strict.
	ascii, err := DomainToASCII(domain, false)
	if err != nil {
		reason := reasonOf(err)
		if domain != input {
			reason = "percent-decoded to " + strconv.Quote(domain) + ", which " + reason
		}
		return Host{}, &ParseError{Input: input, Reason: reason}
	}
	// 8. A domain whose last label is a number is an IPv4 address or nothing.
	if endsInANumber(ascii) {
		v, err := ParseIPv4(ascii)
		if err != nil {
			reason := reasonOf(err)
			return Host{}, failf(input, "ends in a number, so it must be an IPv4 address, but %s", reason)
		}
		return Host{Kind: HostIPv4, IPv4: v}, nil
	}
	// 9. Otherwise it is a domain.
	return Host{Kind: HostDomain, Name: ascii}, nil
}

// forbiddenHost and forbiddenDomain are the forbidden host and domain code points as lookup
// tables, since every host's every byte is checked against one of them.
var forbiddenHost, forbiddenDomain = buildForbidden()

func buildForbidden() (host, domain [256]bool) {
	// https://url.spec.whatwg.org/#forbidden-host-code-point
	for _, c := range []byte{0, '\t', '\n', '\r', ' ', '#', '/', ':', '<', '>', '?', '@', '[', '\\', ']', '^', '|'} {
		host[c] = true
	}
	// https://url.spec.whatwg.org/#forbidden-domain-code-point adds C0 controls, '%' and DEL.
	domain = host
	for c := 0; c <= 0x1F; c++ {
		domain[c] = true
	}
	domain['%'], domain[0x7F] = true, true
	return host, domain
}

// isForbiddenHostCodePoint: https://url.spec.whatwg.org/#forbidden-host-code-point
func isForbiddenHostCodePoint(c byte) bool { return forbiddenHost[c] }

// isForbiddenDomainCodePoint: https://url.spec.whatwg.org/#forbidden-domain-code-point
func isForbiddenDomainCodePoint(c byte) bool { return forbiddenDomain[c] }

// parseOpaqueHost is the opaque-host parser.
// https://url.spec.whatwg.org/#concept-opaque-host-parser
func parseOpaqueHost(input string) (Host, error) {
	// 1. Forbidden host code points fail (other problems are only validation errors).
	for i := 0; i < len(input); i++ {
		if isForbiddenHostCodePoint(input[i]) {
			return Host{}, failf(input, "opaque host contains the forbidden code point %q", input[i])
		}
	}
	// 4. UTF-8 percent-encode with the C0 control percent-encode set. The empty string is the
	// empty host.
	if input == "" {
		return Host{Kind: HostEmpty}, nil
	}
	var out []byte
	for i, c := range input {
		if c < 0x7F && c >= 0x20 {
			if out != nil {
				out = append(out, byte(c))
			}
			continue
		}
		if out == nil {
			out = append(make([]byte, 0, len(input)+8), input[:i]...)
		}
		out = appendPercentEncoded(out, c, c0ControlSet)
	}
	if out == nil {
		return Host{Kind: HostOpaque, Name: input}, nil
	}
	return Host{Kind: HostOpaque, Name: string(out)}, nil
}

// endsInANumber is the ends-in-a-number checker: a domain whose last label (ignoring one
// trailing dot) is all digits, or "0x" plus hex digits, can only be an IPv4 address.
// https://url.spec.whatwg.org/#ends-in-a-number-checker
func endsInANumber(input string) bool {
	// 2-4. The last label, after dropping one empty trailing label.
	s := strings.TrimSuffix(input, ".")
	last := s[strings.LastIndexByte(s, '.')+1:]
	// 5. All ASCII digits.
	if last == "" {
		return false
	}
	allDigits := true
	for i := 0; i < len(last); i++ {
		if last[i] < '0' || last[i] > '9' {
			allDigits = false
			break
		}
	}
	if allDigits {
		return true
	}
	// 6. Parses as an IPv4 number, which for a non-digit string means 0x followed by hex.
	_, _, ok := parseIPv4Number(last)
	return ok
}

// ParseIPv4 is the IPv4 parser. It accepts what browsers accept: one to four parts, each
// decimal, octal (leading 0) or hex (leading 0x), where the last part fills the remaining bytes.
// https://url.spec.whatwg.org/#concept-ipv4-parser
func ParseIPv4(input string) (uint32, error) {
	// 1-2. Split on dots; drop one empty last part (a trailing dot).
	s := input
	if strings.HasSuffix(s, ".") && len(s) > 1 {
		s = s[:len(s)-1]
	}
	var numbers [4]uint64
	n := 0
	for part := range strings.SplitSeq(s, ".") {
		// 4. More than four parts fail.
		if n == 4 {
			return 0, failf(input, "has more than four parts")
		}
		// 6. Each part must be an IPv4 number.
		v, _, ok := parseIPv4Number(part)
		if !ok {
			if part == "" {
				return 0, failf(input, "has an empty part")
			}
			return 0, failf(input, "part %q is not a decimal, octal (0…) or hex (0x…) number", part)
		}
		numbers[n] = v
		n++
	}
	// 8. All but the last part must fit in a byte.
	for i := 0; i < n-1; i++ {
		if numbers[i] == overflowed {
			return 0, failf(input, "part %d is far more than 255", i+1)
		}
		if numbers[i] > 255 {
			return 0, failf(input, "part %d is %d, more than 255", i+1, numbers[i])
		}
	}
	// 9. The last part must fit in the bytes that are left.
	limit := uint64(1) << (8 * (5 - n))
	if numbers[n-1] >= limit {
		if numbers[n-1] == overflowed {
			return 0, failf(input, "last part is too large (must be below %d)", limit)
		}
		return 0, failf(input, "last part is %d, too large (must be below %d)", numbers[n-1], limit)
	}
	// 10-14. Combine.
	ipv4 := numbers[n-1]
	for i := 0; i < n-1; i++ {
		ipv4 += numbers[i] << (8 * (3 - i))
	}
	return uint32(ipv4), nil
}

// overflowed stands for an IPv4 number above 2^32, which is too large wherever it appears.
const overflowed = 1 << 40

// parseIPv4Number is the IPv4 number parser. It returns the value, whether the part was written
// in a non-decimal form (a validation error only), and false on failure. Values above 2^32 are
// clamped to overflowed so that long digit strings cannot wrap around.
// https://url.spec.whatwg.org/#ipv4-number-parser
func parseIPv4Number(input string) (value uint64, nonDecimal bool, ok bool) {
	// 1. The empty string is not a number.
	if input == "" {
		return 0, false, false
	}
	// 3-5. Radix from the prefix: 0x or 0X is hex, a leading 0 (with more after it) is octal.
	radix := uint64(10)
	switch {
	case len(input) >= 2 && input[0] == '0' && (input[1] == 'x' || input[1] == 'X'):
		input, radix, nonDecimal = input[2:], 16, true
	case len(input) >= 2 && input[0] == '0':
		input, radix, nonDecimal = input[1:], 8, true
	}
	// 6. Nothing after the prefix means 0.
	if input == "" {
		return 0, nonDecimal, true
	}
	// 7-8. Every character must be a digit of the radix.
	for i := 0; i < len(input); i++ {
		c := input[i]
		var d uint64
		switch {
		case '0' <= c && c <= '9':
			d = uint64(c - '0')
		case radix == 16 && 'a' <= c && c <= 'f':
			d = uint64(c-'a') + 10
		case radix == 16 && 'A' <= c && c <= 'F':
			d = uint64(c-'A') + 10
		default:
			return 0, false, false
		}
		if d >= radix {
			return 0, false, false
		}
		if value != overflowed {
			value = value*radix + d
			if value > 1<<32 {
				value = overflowed
			}
		}
	}
	return value, nonDecimal, true
}

// appendIPv4 is the IPv4 serializer: four decimal bytes joined by dots.
// https://url.spec.whatwg.org/#concept-ipv4-serializer
func appendIPv4(dst []byte, a uint32) []byte {
	for i := 3; i >= 0; i-- {
		dst = strconv.AppendUint(dst, uint64(a>>(8*i)&0xFF), 10)
		if i != 0 {
			dst = append(dst, '.')
		}
	}
	return dst
}

// ParseIPv6 is the IPv6 parser, for the text between the brackets: eight hex pieces, one "::"
// standing for a run of zero pieces, and optionally a dotted-decimal IPv4 address as the last
// 32 bits. Zone identifiers ("%eth0") are not part of the URL Standard and fail.
// https://url.spec.whatwg.org/#concept-ipv6-parser
func ParseIPv6(input string) ([8]uint16, error) {
	var address [8]uint16
	pieceIndex := 0
	compress := -1
	p := 0
	at := func(i int) int { return codePointAt(input, i) }
	// 5. A leading ':' must be the start of "::".
	if at(p) == ':' {
		if at(p+1) != ':' {
			return address, failf(input, "starts with a single ':'")
		}
		p += 2
		pieceIndex++
		compress = pieceIndex
	}
	// 6. Read pieces.
pieces:
	for at(p) != -1 {
		if pieceIndex == 8 {
			return address, failf(input, "has more than eight pieces")
		}
		if at(p) == ':' {
			if compress != -1 {
				return address, failf(input, "has more than one '::'")
			}
			p++
			pieceIndex++
			compress = pieceIndex
			continue
		}
		value, length := 0, 0
		for length < 4 && p < len(input) && isHex(input[p]) {
			value = value<<4 | int(unhex(input[p]))
			p++
			length++
		}
		switch at(p) {
		case '.':
			// An embedded IPv4 address fills the last two pieces.
			if length == 0 {
				return address, failf(input, "has a '.' that does not follow a number")
			}
			p -= length
			if pieceIndex > 6 {
				return address, failf(input, "has an embedded IPv4 address that does not fit")
			}
			var err error
			if pieceIndex, err = parseEmbeddedIPv4(input, p, &address, pieceIndex); err != nil {
				return address, err
			}
			break pieces
		case ':':
			p++
			if at(p) == -1 {
				return address, failf(input, "ends with a single ':'")
			}
		case -1:
		default:
			if input[p] == '%' {
				return address, failf(input, "has a zone identifier, which URLs do not support")
			}
			return address, failf(input, "contains the invalid code point %q", rune(at(p)))
		}
		address[pieceIndex] = uint16(value)
		pieceIndex++
	}
	// 7. Move the pieces after "::" to the end.
	if compress != -1 {
		swaps := pieceIndex - compress
		pieceIndex = 7
		for pieceIndex != 0 && swaps > 0 {
			j := compress + swaps - 1
			address[pieceIndex], address[j] = address[j], address[pieceIndex]
			pieceIndex--
			swaps--
		}
	} else if pieceIndex != 8 {
		// 8. Without "::" there must be exactly eight pieces.
		return address, failf(input, "has fewer than eight pieces and no '::'")
	}
	return address, nil
}

// parseEmbeddedIPv4 reads the dotted-decimal IPv4 address that ends an IPv6 address, from
// input[p:], into the two pieces starting at pieceIndex, and returns the next piece index
// (step 6.5 of the IPv6 parser).
// https://url.spec.whatwg.org/#concept-ipv6-parser
func parseEmbeddedIPv4(input string, p int, address *[8]uint16, pieceIndex int) (int, error) {
	at := func(i int) int { return codePointAt(input, i) }
	numbersSeen := 0
	for at(p) != -1 {
		ipv4Piece := -1
		if numbersSeen > 0 {
			if at(p) == '.' && numbersSeen < 4 {
				p++
			} else {
				return pieceIndex, failf(input, "has an invalid embedded IPv4 address")
			}
		}
		if c := at(p); c < '0' || c > '9' {
			return pieceIndex, failf(input, "has an embedded IPv4 address with a part that is not a decimal number")
		}
		for c := at(p); '0' <= c && c <= '9'; c = at(p) {
			number := c - '0'
			switch ipv4Piece {
			case -1:
				ipv4Piece = number
			case 0:
				return pieceIndex, failf(input, "has an embedded IPv4 address with a leading zero")
			default:
				ipv4Piece = ipv4Piece*10 + number
			}
			if ipv4Piece > 255 {
				return pieceIndex, failf(input, "has an embedded IPv4 part above 255")
			}
			p++
		}
		address[pieceIndex] = address[pieceIndex]<<8 | uint16(ipv4Piece)
		numbersSeen++
		if numbersSeen == 2 || numbersSeen == 4 {
			pieceIndex++
		}
	}
	if numbersSeen != 4 {
		return pieceIndex, failf(input, "has an embedded IPv4 address with fewer than four parts")
	}
	return pieceIndex, nil
}

// codePointAt is the code point at i of an ASCII input, or -1 past its end (EOF).
func codePointAt(input string, i int) int {
	if i < len(input) {
		return int(input[i])
	}
	return -1
}

// compressedPieceIndex finds the first longest run of two or more zero pieces, the one the
// serializer writes as "::"; -1 when there is none.
// https://url.spec.whatwg.org/#find-the-ipv6-address-compressed-piece-index
func compressedPieceIndex(a [8]uint16) int {
	longestIndex, longestSize := -1, 1
	foundIndex, foundSize := -1, 0
	for i, piece := range a {
		if piece != 0 {
			if foundSize > longestSize {
				longestIndex, longestSize = foundIndex, foundSize
			}
			foundIndex, foundSize = -1, 0
			continue
		}
		if foundIndex == -1 {
			foundIndex = i
		}
		foundSize++
	}
	if foundSize > longestSize {
		return foundIndex
	}
	return longestIndex
}

// appendIPv6 is the IPv6 serializer (without brackets), RFC 5952 style.
// https://url.spec.whatwg.org/#concept-ipv6-serializer
func appendIPv6(dst []byte, a [8]uint16) []byte {
	compress := compressedPieceIndex(a)
	ignore0 := false
	for i, piece := range a {
		if ignore0 && piece == 0 {
			continue
		}
		ignore0 = false
		if compress == i {
			if i == 0 {
				dst = append(dst, "::"...)
			} else {
				dst = append(dst, ':')
			}
			ignore0 = true
			continue
		}
		dst = strconv.AppendUint(dst, uint64(piece), 16)
		if i != 7 {
			dst = append(dst, ':')
		}
	}
	return dst
}

// The two UTS #46 profiles of the domain parser: lenient for the host parser, strict for
// validity checks. Later options override earlier ones, so MapForLookup comes first.
var (
	lenientIDNA = idna.New(idna.MapForLookup(), idna.BidiRule(), idna.Transitional(false),
		idna.CheckHyphens(false), idna.CheckJoiners(true), idna.StrictDomainName(false),
		idna.VerifyDNSLength(false))
	strictIDNA = idna.New(idna.MapForLookup(), idna.BidiRule(), idna.Transitional(false),
		idna.CheckHyphens(true), idna.CheckJoiners(true), idna.StrictDomainName(true),
		idna.VerifyDNSLength(true))
)

// DomainToASCII is the domain parser (formerly "domain to ASCII"): UTS #46 ToASCII,
// non-transitional, so "faß.example" becomes "xn--fa-hia.example" rather than "fass.example".
// With beStrict false, as the host parser calls it, a pure-ASCII domain is only lowercased,
// even when ToASCII would reject it (an invalid punycode label such as "xn--8i7caa" is kept),
// because browsers accept such hosts. The result must be non-empty and free of forbidden
// domain code points.
//
// UTS #46 comes from golang.org/x/net/idna, which differs from browsers (ICU) in one known
// corner: it applies the Bidi rule to every label of a domain that has a right-to-left label,
// so "1.\u064a" fails here where WPT's toascii.json expects "1.xn--mhb".
// https://url.spec.whatwg.org/#concept-domain-to-ascii
func DomainToASCII(domain string, beStrict bool) (string, error) {
	// The algorithm takes a scalar value string; bytes that are not UTF-8 would decode to
	// U+FFFD, which ToASCII always rejects (x/net/idna does not in every mode, so check here).
	if !utf8.ValidString(domain) {
		return "", failf(domain, "is not valid UTF-8")
	}
	// 1-3. Strict mode returns strict ToASCII (CheckHyphens, STD3 rules, DNS length).
	if beStrict {
		r, err := strictIDNA.ToASCII(domain)
		if err != nil {
			return "", failf(domain, "is not a valid domain: %v", err)
		}
		return r, nil
	}
	var result string
	if isASCII(domain) {
		// 5. ASCII input is just lowercased.
		result = asciiLower(domain)
	} else {
		// 6. Otherwise lenient ToASCII decides.
		r, err := lenientIDNA.ToASCII(domain)
		if err != nil {
			return "", failf(domain, "fails IDNA processing: %v", err)
		}
		result = r
	}
	// 7. The empty string is not a domain.
	if result == "" {
		return "", failf(domain, "is an empty domain")
	}
	// 8. Forbidden domain code points fail.
	for i := 0; i < len(result); i++ {
		if c := result[i]; isForbiddenDomainCodePoint(c) {
			if !isASCII(domain) {
				return "", failf(domain, "becomes %q, which contains the forbidden code point %q", result, c)
			}
			return "", failf(domain, "contains the forbidden code point %q", c)
		}
	}
	return result, nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// asciiLower lowercases A-Z only, without allocating when there is nothing to change.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
