package weburl

import (
	"strconv"
	"strings"
)

// URL is a parsed URL record. Its fields hold what the basic URL parser leaves: the scheme
// lowercased, userinfo, path, query and fragment percent-encoded, the host canonical, and the
// port null when it is the scheme's default, so that two spellings of the same URL give equal
// records.
// https://url.spec.whatwg.org/#concept-url
type URL struct {
	// Scheme is ASCII lowercase, without the ':'.
	Scheme string
	// Username and Password are percent-encoded as the parser leaves them; empty when absent.
	Username string
	Password string
	// Host is the URL's host; Kind is HostNull when the URL has none ("mailto:x").
	Host Host
	// Port is -1 when null: absent, or equal to the scheme's default port.
	Port int
	// Path holds the path segments of a URL without an opaque path: "https://a/b/c" has
	// « "b", "c" » and "https://a/" has « "" ».
	Path []string
	// OpaquePath is the path of a URL with an opaque path ("mailto:x", "data:,x"), in which
	// case HasOpaquePath is true and Path is unused.
	OpaquePath    string
	HasOpaquePath bool
	// Query is the query without its '?'; HasQuery distinguishes "?" (empty) from none.
	Query    string
	HasQuery bool
	// Fragment is the fragment without its '#'; HasFragment distinguishes "#" from none.
	Fragment    string
	HasFragment bool
}

// Parse runs the basic URL parser on input without a base URL, so input must be absolute.
// https://url.spec.whatwg.org/#concept-basic-url-parser
func Parse(input string) (*URL, error) {
	return parse(input, nil)
}

// ParseRef runs the basic URL parser on input with base as the base URL, which is how a
// relative reference such as a Location header value or a fetch() argument is resolved. A nil
// base makes it the same as [Parse].
// https://url.spec.whatwg.org/#concept-basic-url-parser
func ParseRef(input string, base *URL) (*URL, error) {
	return parse(input, base)
}

// SpecialSchemeDefaultPort reports whether scheme is a special scheme and its default port,
// which is -1 for "file" (no default port) and for every non-special scheme.
// https://url.spec.whatwg.org/#default-port
func SpecialSchemeDefaultPort(scheme string) (port int, special bool) {
	switch scheme {
	case "http", "ws":
		return 80, true
	case "https", "wss":
		return 443, true
	case "ftp":
		return 21, true
	case "file":
		return -1, true
	}
	return -1, false
}

func isSpecialScheme(scheme string) bool {
	_, special := SpecialSchemeDefaultPort(scheme)
	return special
}

// IsSpecial reports whether u's scheme is one of the special schemes, whose URLs always have a
// host (except file), never have an opaque path, and treat '\' as '/'.
// https://url.spec.whatwg.org/#is-special
func (u *URL) IsSpecial() bool { return isSpecialScheme(u.Scheme) }

// IncludesCredentials reports whether u has a username or a password. Fetch refuses such
// URLs in several places (fetch(), CORS redirects), so callers need the exact definition.
// https://url.spec.whatwg.org/#include-credentials
func (u *URL) IncludesCredentials() bool { return u.Username != "" || u.Password != "" }

// HostPort is the serialized host followed by ":port" when the port is non-null, the part of
// a URL that, with the scheme, makes up a tuple origin's serialization.
func (u *URL) HostPort() string {
	if u.Port < 0 && (u.Host.Kind == HostDomain || u.Host.Kind == HostOpaque) {
		return u.Host.Name
	}
	var out strings.Builder
	out.Grow(len(u.Host.Name) + 48)
	writeHostPort(&out, u.Host, u.Port)
	return out.String()
}

// WriteHostPort writes a host and port as an origin or URL serialization has them: the
// serialized host, then ':' and the port unless port is -1. It lets callers that serialize
// origins do so with a single allocation.
func WriteHostPort(out *strings.Builder, h Host, port int) { writeHostPort(out, h, port) }

// String is the URL serializer, the href a browser shows for u.
// https://url.spec.whatwg.org/#concept-url-serializer
func (u *URL) String() string { return u.serialize(false) }

// StringWithoutFragment is the URL serializer with exclude fragment set, which is how Fetch
// keys caches and compares URLs.
// https://url.spec.whatwg.org/#concept-url-serializer
func (u *URL) StringWithoutFragment() string { return u.serialize(true) }

func (u *URL) serialize(excludeFragment bool) string {
	n := len(u.Scheme) + 3 + len(u.Username) + len(u.Password) + 2 + len(u.Host.Name) + 48 +
		len(u.OpaquePath) + len(u.Query) + 1
	for _, s := range u.Path {
		n += len(s) + 1
	}
	if !excludeFragment {
		n += len(u.Fragment) + 1
	}
	var out strings.Builder
	out.Grow(n)
	// 1. The scheme and ':'.
	out.WriteString(u.Scheme)
	out.WriteByte(':')
	// 2. With a host: "//", userinfo if any, the host, and the port if non-null.
	if u.Host.Kind != HostNull {
		out.WriteString("//")
		if u.IncludesCredentials() {
			out.WriteString(u.Username)
			if u.Password != "" {
				out.WriteByte(':')
				out.WriteString(u.Password)
			}
			out.WriteByte('@')
		}
		writeHostPort(&out, u.Host, u.Port)
	}
	// 3. Without a host, a path starting with an empty segment would read back as a host
	// ("web+demo://not-a-host/"), so it is prefixed with "/.".
	if u.Host.Kind == HostNull && !u.HasOpaquePath && len(u.Path) > 1 && u.Path[0] == "" {
		out.WriteString("/.")
	}
	// 4. The path.
	if u.HasOpaquePath {
		out.WriteString(u.OpaquePath)
	} else {
		for _, s := range u.Path {
			out.WriteByte('/')
			out.WriteString(s)
		}
	}
	// 5. The query.
	if u.HasQuery {
		out.WriteByte('?')
		out.WriteString(u.Query)
	}
	// 6. The fragment, unless excluded.
	if !excludeFragment && u.HasFragment {
		out.WriteByte('#')
		out.WriteString(u.Fragment)
	}
	return out.String()
}

// writeHostPort writes the serialized host and, when port is not -1, ':' and the port.
func writeHostPort(out *strings.Builder, h Host, port int) {
	if h.Kind == HostDomain || h.Kind == HostOpaque {
		out.WriteString(h.Name)
	} else {
		var buf [48]byte
		out.Write(h.appendTo(buf[:0]))
	}
	if port >= 0 {
		var buf [8]byte
		out.WriteByte(':')
		out.Write(strconv.AppendInt(buf[:0], int64(port), 10))
	}
}

// appendPath is the URL path serializer.
// https://url.spec.whatwg.org/#url-path-serializer
func (u *URL) appendPath(out []byte) []byte {
	if u.HasOpaquePath {
		return append(out, u.OpaquePath...)
	}
	for _, s := range u.Path {
		out = append(out, '/')
		out = append(out, s...)
	}
	return out
}

// PathString is the URL path serializer: the opaque path, or each segment preceded by '/'.
// The origin of a blob: URL is computed from it.
// https://url.spec.whatwg.org/#url-path-serializer
func (u *URL) PathString() string {
	return string(u.appendPath(nil))
}
