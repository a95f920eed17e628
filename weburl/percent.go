package weburl

import "unicode/utf8"

// percentEncodeSet is one of the URL Standard's percent-encode sets, as a bit in encodeTable.
// https://url.spec.whatwg.org/#percent-encoded-bytes
type percentEncodeSet uint8

const (
	// https://url.spec.whatwg.org/#c0-control-percent-encode-set
	c0ControlSet percentEncodeSet = 1 << iota
	// https://url.spec.whatwg.org/#fragment-percent-encode-set
	fragmentSet
	// https://url.spec.whatwg.org/#query-percent-encode-set
	querySet
	// https://url.spec.whatwg.org/#special-query-percent-encode-set
	specialQuerySet
	// https://url.spec.whatwg.org/#path-percent-encode-set
	pathSet
	// https://url.spec.whatwg.org/#userinfo-percent-encode-set
	userinfoSet
)

// encodeTable[b] holds the sets that contain the ASCII code point b. Every set also contains
// all code points above U+007E, which inSet handles without the table.
var encodeTable = buildEncodeTable()

func buildEncodeTable() [128]percentEncodeSet {
	var t [128]percentEncodeSet
	add := func(s percentEncodeSet, cps string) {
		for i := 0; i < len(cps); i++ {
			t[cps[i]] |= s
		}
	}
	// The C0 control percent-encode set: C0 controls and everything above U+007E (here: DEL).
	for b := 0; b < 0x20; b++ {
		t[b] |= c0ControlSet
	}
	t[0x7F] |= c0ControlSet
	// The fragment set adds space, ", <, > and `.
	for b := range t {
		if t[b]&c0ControlSet != 0 {
			t[b] |= fragmentSet | querySet
		}
	}
	add(fragmentSet, " \"<>`")
	// The query set adds space, ", #, < and > to the C0 control set (not `).
	add(querySet, " \"#<>")
	// The special-query set adds ' to the query set.
	for b := range t {
		if t[b]&querySet != 0 {
			t[b] |= specialQuerySet | pathSet
		}
	}
	add(specialQuerySet, "'")
	// The path set adds ?, ^, `, { and } to the query set.
	add(pathSet, "?^`{}")
	// The userinfo set adds /, :, ;, =, @, [ to ], and | to the path set.
	for b := range t {
		if t[b]&pathSet != 0 {
			t[b] |= userinfoSet
		}
	}
	add(userinfoSet, "/:;=@[\\]|")
	return t
}

// contains reports whether the code point c is in set s.
func (s percentEncodeSet) contains(c rune) bool {
	return c >= 0x7F || encodeTable[c]&s != 0
}

const upperHex = "0123456789ABCDEF"

// appendPercentEncoded UTF-8 percent-encodes the code point c using set s.
// https://url.spec.whatwg.org/#utf-8-percent-encode
//
// c comes from decoding the input; invalid UTF-8 decodes to U+FFFD, as a browser turning bytes
// into a scalar value string would, so it is encoded as U+FFFD too.
func appendPercentEncoded(dst []byte, c rune, s percentEncodeSet) []byte {
	if c < 0 {
		return dst
	}
	if !s.contains(c) {
		return append(dst, byte(c))
	}
	var enc [utf8.UTFMax]byte
	n := utf8.EncodeRune(enc[:], c)
	for _, b := range enc[:n] {
		dst = append(dst, '%', upperHex[b>>4], upperHex[b&0xF])
	}
	return dst
}

// isHex reports whether b is an ASCII hex digit.
func isHex(b byte) bool {
	return '0' <= b && b <= '9' || 'a' <= b && b <= 'f' || 'A' <= b && b <= 'F'
}

func unhex(b byte) byte {
	switch {
	case b <= '9':
		return b - '0'
	case b <= 'F':
		return b - 'A' + 10
	default:
		return b - 'a' + 10
	}
}

// PercentDecode percent-decodes s; a '%' not followed by two hex digits stays as it is.
// https://url.spec.whatwg.org/#string-percent-decode
func PercentDecode(s string) string {
	i := 0
	for i < len(s) && s[i] != '%' {
		i++
	}
	if i == len(s) {
		return s
	}
	out := make([]byte, 0, len(s))
	out = append(out, s[:i]...)
	for ; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			out = append(out, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		out = append(out, s[i])
	}
	return string(out)
}
