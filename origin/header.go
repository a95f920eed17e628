package origin

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/corsim/corsim/weburl"
)

// HeaderError says why a header value is not a serialized origin. Reason is phrased to follow
// the quoted value: `"https://a.example/" has a trailing slash after the host`.
type HeaderError struct {
	Value  string // the header value as received
	Reason string // what is wrong with it, in words a server owner can act on
}

// Error formats the value, quoted, followed by the reason.
func (e *HeaderError) Error() string {
	return fmt.Sprintf("%q %s", e.Value, e.Reason)
}

// ParseHeader parses the value of an Origin request header, or of Access-Control-Allow-Origin
// when it names an origin. "null" gives a new opaque origin (the value cannot say which one).
// Anything else must be exactly the serialization of a tuple origin, scheme "://" host
// [":" port], because the CORS check compares the header byte for byte with the request's
// serialized origin: a value that merely parses to the same origin still fails that check.
// The error explains the difference: a trailing slash, a path, userinfo, a default port
// spelled out, upper case, several values, and so on.
// https://fetch.spec.whatwg.org/#origin-header,
// https://fetch.spec.whatwg.org/#http-access-control-allow-origin
func ParseHeader(value string) (Origin, error) {
	// "null" is the serialization of every opaque origin.
	if value == "null" {
		return NewOpaque(), nil
	}
	// A tuple origin's exact serialization is accepted.
	if u, err := weburl.Parse(value); err == nil {
		if o := FromURL(u); !o.IsOpaque() && o.Serialize() == value {
			return o, nil
		}
	}
	return Origin{}, &HeaderError{Value: value, Reason: diagnoseHeader(value)}
}

// diagnoseHeader says why value, which ParseHeader rejected, is not a serialized origin.
func diagnoseHeader(value string) string {
	// Shapes that are not one origin at all.
	switch {
	case value == "":
		return "is empty; it must be an origin such as https://app.example, or null"
	case value == "*":
		return "is the wildcard *, which allows any origin but is not an origin itself"
	case strings.EqualFold(value, "null"):
		return "is not lowercase; the opaque origin is written null"
	}
	for i := 0; i < len(value); i++ {
		if c := value[i]; c < 0x20 && c != '\t' || c == 0x7F {
			return fmt.Sprintf("contains the control character %q", c)
		}
	}
	if strings.TrimSpace(value) != value {
		return "has leading or trailing whitespace"
	}
	if sep, ok := listSeparator(value); ok {
		return fmt.Sprintf("holds several values separated by %s; only one origin is allowed", sep)
	}
	if i := strings.IndexAny(value, " \t"); i >= 0 {
		return fmt.Sprintf("contains whitespace (%q)", value[i])
	}
	// It must parse as a URL with a tuple origin.
	u, err := weburl.Parse(value)
	if err != nil {
		if pe, ok := err.(*weburl.ParseError); ok {
			return fmt.Sprintf("is not a URL (%s)", pe.Reason)
		}
		return fmt.Sprintf("is not a URL (%v)", err)
	}
	o := FromURL(u)
	if o.IsOpaque() {
		return fmt.Sprintf("has the scheme %q, whose URLs have opaque origins (serialized as null)", u.Scheme)
	}
	// And it must be that origin's serialization exactly.
	return explainDifference(value, u, o.Serialize())
}

// explainDifference names the first way in which value, which parses as URL u, differs from
// the serialization canonical of u's origin.
func explainDifference(value string, u *weburl.URL, canonical string) string {
	// The scheme must be lowercase and followed by exactly "//".
	colon := strings.IndexByte(value, ':')
	if colon < 0 {
		return fmt.Sprintf("is not in canonical form: write %q", canonical)
	}
	rawScheme, rest := value[:colon], value[colon+1:]
	if rawScheme != u.Scheme {
		return fmt.Sprintf("has a scheme that is not lowercase (%q): write %q", rawScheme, canonical)
	}
	if !strings.HasPrefix(rest, "//") || strings.HasPrefix(rest, "\\") {
		return fmt.Sprintf(`lacks "//" after "%s:": write %q`, rawScheme, canonical)
	}
	rest = rest[2:]
	if strings.HasPrefix(rest, "/") || strings.HasPrefix(rest, "\\") {
		return fmt.Sprintf(`has more than two slashes after "%s:": write %q`, rawScheme, canonical)
	}
	// Split the authority from what follows it.
	end := strings.IndexAny(rest, "/\\?#")
	authority, tail := rest, ""
	if end >= 0 {
		authority, tail = rest[:end], rest[end:]
	}
	if at := strings.LastIndexByte(authority, '@'); at >= 0 {
		return fmt.Sprintf("has userinfo (%q), which an origin never has: write %q", authority[:at+1], canonical)
	}
	if tail != "" {
		pathEnd := strings.IndexAny(tail, "?#")
		path := tail
		if pathEnd >= 0 {
			path = tail[:pathEnd]
		}
		switch {
		case path != "" && path != "/" && path != "\\":
			return fmt.Sprintf("has a path (%q) after the host: write %q", path, canonical)
		case strings.HasPrefix(tail[len(path):], "?"):
			return fmt.Sprintf("has a query (%q) after the host: write %q", tail[len(path):], canonical)
		case strings.HasPrefix(tail[len(path):], "#"):
			return fmt.Sprintf("has a fragment (%q) after the host: write %q", tail[len(path):], canonical)
		default:
			return fmt.Sprintf("has a trailing slash after the host: write %q", canonical)
		}
	}
	// The port: none when it is the default, and no leading zeros.
	rawHost, rawPort, hasPort := splitHostPort(authority)
	if hasPort {
		switch {
		case rawPort == "":
			return fmt.Sprintf("has an empty port after ':': write %q", canonical)
		case u.Port < 0:
			return fmt.Sprintf("spells out the default port %s of %s: write %q", rawPort, u.Scheme, canonical)
		case rawPort != strconv.Itoa(u.Port):
			return fmt.Sprintf("has a port with leading zeros (%q): write %q", rawPort, canonical)
		}
	}
	// The host must be in its canonical form.
	if host := u.Host.String(); rawHost != host {
		if strings.EqualFold(rawHost, host) {
			return fmt.Sprintf("has a host that is not lowercase (%q): write %q", rawHost, canonical)
		}
		return fmt.Sprintf("has the host %q, whose canonical form is %q: write %q", rawHost, host, canonical)
	}
	return fmt.Sprintf("is not in canonical form: write %q", canonical)
}

// splitHostPort splits an authority at the ':' that starts the port, ignoring colons inside
// an IPv6 address's brackets.
func splitHostPort(authority string) (host, port string, hasPort bool) {
	i := strings.LastIndexByte(authority, ':')
	if i < 0 || strings.LastIndexByte(authority, ']') > i {
		return authority, "", false
	}
	return authority[:i], authority[i+1:], true
}

// listSeparator reports whether value looks like a list of origins (what a server sends when
// it joins its allow-list into one header) and what separates them.
func listSeparator(value string) (string, bool) {
	fields := strings.FieldsFunc(value, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
	if len(fields) < 2 {
		return "", false
	}
	for _, f := range fields {
		if f != "null" && f != "*" && !strings.Contains(f, "://") {
			return "", false
		}
	}
	if strings.Contains(value, ",") {
		return "','", true
	}
	return "whitespace", true
}
