package fetchspec

import (
	"errors"
	"strings"

	"github.com/corsim/corsim/weburl"
)

// DataURL is what the data: URL processor makes of a data: URL: the MIME type its response
// carries in Content-Type, and its body.
// https://fetch.spec.whatwg.org/#data-url-struct
type DataURL struct {
	MIMEType MIMEType
	Body     []byte
}

// The data: URL processor's two failures.
var (
	ErrDataURLNoComma = errors.New("the data: URL has no comma between its MIME type and its body")
	ErrDataURLBase64  = errors.New("the data: URL says base64 but its body is not valid base64")
)

// ProcessDataURL runs the data: URL processor on a data: URL serialized without its fragment
// (what scheme fetch passes it). A failure is a network error for the fetch.
// https://fetch.spec.whatwg.org/#data-url-processor
func ProcessDataURL(serialized string) (DataURL, error) {
	// 1-3. The input is the URL serialized without fragment, minus the leading "data:".
	input, ok := strings.CutPrefix(serialized, "data:")
	if !ok {
		return DataURL{}, errors.New("not a data: URL")
	}
	// 4-6. The MIME type is everything up to the first ",", stripped of ASCII whitespace.
	mimeType, encodedBody, found := strings.Cut(input, ",")
	mimeType = strings.Trim(mimeType, "\t\n\f\r ")
	// 7. No comma: failure.
	if !found {
		return DataURL{}, ErrDataURLNoComma
	}
	// 8-10. The body is the rest, percent-decoded.
	body := weburl.PercentDecode(encodedBody)
	// 11. A MIME type ending in ";base64" (spaces allowed before "base64") marks a base64
	// body: drop the marker and forgiving-base64-decode the body.
	if rest, ok := cutBase64Marker(mimeType); ok {
		mimeType = rest
		decoded, ok := forgivingBase64Decode(body)
		if !ok {
			return DataURL{}, ErrDataURLBase64
		}
		return DataURL{MIMEType: dataURLMIMEType(mimeType), Body: decoded}, nil
	}
	return DataURL{MIMEType: dataURLMIMEType(mimeType), Body: []byte(body)}, nil
}

// cutBase64Marker removes ";", any spaces and an ASCII case-insensitive "base64" from the end
// of mimeType (step 11 of the data: URL processor).
func cutBase64Marker(mimeType string) (string, bool) {
	if len(mimeType) < 6 || !strings.EqualFold(mimeType[len(mimeType)-6:], "base64") {
		return mimeType, false
	}
	rest := strings.TrimRight(mimeType[:len(mimeType)-6], " ")
	return strings.CutSuffix(rest, ";")
}

// dataURLMIMEType is steps 12-14 of the data: URL processor: a type starting with ";" gets
// "text/plain" in front, and one that does not parse is text/plain;charset=US-ASCII.
func dataURLMIMEType(s string) MIMEType {
	if strings.HasPrefix(s, ";") {
		s = "text/plain" + s
	}
	if m, err := ParseMIMEType(s); err == nil {
		return m
	}
	return MIMEType{Type: "text", Subtype: "plain", Parameters: []MIMEParameter{{Name: "charset", Value: "US-ASCII"}}}
}

// forgivingBase64Decode decodes base64 the way the web platform does: ASCII whitespace is
// ignored, padding is optional, and leftover bits are dropped.
// https://infra.spec.whatwg.org/#forgiving-base64-decode
func forgivingBase64Decode(s string) ([]byte, bool) {
	// 1. Remove ASCII whitespace.
	data := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\t', '\n', '\f', '\r', ' ':
		default:
			data = append(data, c)
		}
	}
	// 2. A length that is a multiple of 4 may end in one or two "=", which are removed.
	if len(data)%4 == 0 {
		for range 2 {
			if n := len(data); n > 0 && data[n-1] == '=' {
				data = data[:n-1]
			}
		}
	}
	// 3. A remainder of 1 is a failure.
	if len(data)%4 == 1 {
		return nil, false
	}
	// 4-8. Every code point must be in the alphabet; each contributes six bits, and whole
	// bytes are output as they fill.
	out := make([]byte, 0, len(data)*3/4)
	var buffer uint32
	bits := 0
	for _, c := range data {
		v, ok := base64Value(c)
		if !ok {
			return nil, false
		}
		buffer = buffer<<6 | uint32(v)
		if bits += 6; bits >= 8 {
			bits -= 8
			out = append(out, byte(buffer>>bits))
		}
	}
	return out, true
}

// base64Value is the value of a code point in the base64 alphabet
// (https://datatracker.ietf.org/doc/html/rfc4648#section-4).
func base64Value(c byte) (byte, bool) {
	switch {
	case 'A' <= c && c <= 'Z':
		return c - 'A', true
	case 'a' <= c && c <= 'z':
		return c - 'a' + 26, true
	case '0' <= c && c <= '9':
		return c - '0' + 52, true
	case c == '+':
		return 62, true
	case c == '/':
		return 63, true
	}
	return 0, false
}
