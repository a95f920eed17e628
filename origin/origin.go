package origin

import (
	"strings"
	"sync/atomic"

	"github.com/corsim/corsim/weburl"
)

// opaqueID is the identity of one opaque origin. It has a size so that distinct allocations
// have distinct addresses (pointers to zero-size values may compare equal); n numbers the
// origins for debugging.
type opaqueID struct{ n uint64 }

var opaqueCount atomic.Uint64

// Origin is an origin: opaque, or a tuple (scheme, host, port). The tuple's domain component
// is left out: only document.domain sets it, and Fetch never looks at it.
// https://html.spec.whatwg.org/multipage/browsers.html#concept-origin
//
// Origin is comparable with ==. Two opaque origins are == only if they are the same one, which
// is exactly the standard's identity rule, because an opaque origin is a pointer to a private
// token. The zero Origin is "no origin" (neither opaque nor a tuple).
type Origin struct {
	opaque *opaqueID
	scheme string
	host   weburl.Host
	port   int
}

// NewOpaque creates a new opaque origin, equal to itself and to nothing else.
// https://html.spec.whatwg.org/multipage/browsers.html#concept-origin-opaque
func NewOpaque() Origin {
	return Origin{opaque: &opaqueID{n: opaqueCount.Add(1)}, port: -1}
}

// FromURL is the origin of a URL. Only the schemes whose URLs name a network endpoint get a
// tuple origin; a blob: URL takes the origin of the http(s) URL inside it; file: and all other
// schemes get a new opaque origin on every call. A nil URL has the zero Origin.
// https://url.spec.whatwg.org/#concept-url-origin
func FromURL(u *weburl.URL) Origin {
	if u == nil {
		return Origin{}
	}
	switch u.Scheme {
	case "blob":
		// 1. corsim has no blob URL store, so there is never a blob URL entry.
		// 2-3. Parse the path; failure means a new opaque origin.
		pathURL, err := weburl.Parse(u.PathString())
		if err != nil {
			return NewOpaque()
		}
		// 4. Only http, https and file inner URLs pass their origin on.
		switch pathURL.Scheme {
		case "http", "https", "file":
			return FromURL(pathURL)
		}
		// 5. Anything else (blob:ftp:, blob:null/…, blob:ws:) is opaque.
		return NewOpaque()
	case "ftp", "http", "https", "ws", "wss":
		return Origin{scheme: u.Scheme, host: u.Host, port: u.Port}
	case "file":
		// Left to implementations; "when in doubt, return a new opaque origin".
		return NewOpaque()
	}
	// Everything else, so such a URL is not same origin even with itself.
	return NewOpaque()
}

// Parse parses rawURL with the URL parser and returns its origin. The error, a
// *weburl.ParseError, names rawURL.
func Parse(rawURL string) (Origin, error) {
	u, err := weburl.Parse(rawURL)
	if err != nil {
		return Origin{}, err
	}
	return FromURL(u), nil
}

// IsZero reports whether o is the zero Origin, which stands for "no origin".
func (o Origin) IsZero() bool { return o.opaque == nil && o.scheme == "" }

// IsOpaque reports whether o is an opaque origin.
// https://html.spec.whatwg.org/multipage/browsers.html#concept-origin-opaque
func (o Origin) IsOpaque() bool { return o.opaque != nil }

// Scheme is the scheme of a tuple origin, "" otherwise.
func (o Origin) Scheme() string { return o.scheme }

// Host is the host of a tuple origin; for other origins its Kind is weburl.HostNull.
func (o Origin) Host() weburl.Host { return o.host }

// Port is the port of a tuple origin, -1 when it is null (the scheme's default) and for
// opaque and zero origins.
func (o Origin) Port() int {
	if o.scheme == "" {
		return -1
	}
	return o.port
}

// Serialize is the ASCII serialization of an origin, the form the Origin header and
// Access-Control-Allow-Origin use: "null" for an opaque origin, otherwise scheme "://" host,
// then ":" port only for a non-default port. No trailing slash. The zero Origin gives "".
// https://html.spec.whatwg.org/multipage/browsers.html#ascii-serialisation-of-an-origin
func (o Origin) Serialize() string {
	// 1. Opaque origins serialize as "null".
	if o.opaque != nil {
		return "null"
	}
	if o.scheme == "" {
		return ""
	}
	// 2-6. Scheme, "://", serialized host, and ":" port when the port is non-null.
	var b strings.Builder
	b.Grow(len(o.scheme) + 3 + len(o.host.Name) + 48)
	b.WriteString(o.scheme)
	b.WriteString("://")
	weburl.WriteHostPort(&b, o.host, o.port)
	return b.String()
}

// String is the same as [Origin.Serialize].
func (o Origin) String() string { return o.Serialize() }

// SameOrigin reports whether a and b are the same opaque origin, or tuple origins with equal
// scheme, host and port. This is the comparison behind every CORS decision. Zero Origins are
// same origin with nothing.
// https://html.spec.whatwg.org/multipage/browsers.html#same-origin
func SameOrigin(a, b Origin) bool {
	// 1. The same opaque origin.
	if a.opaque != nil || b.opaque != nil {
		return a.opaque == b.opaque
	}
	// 2. Tuple origins with identical scheme, host and port.
	if a.scheme == "" || b.scheme == "" {
		return false
	}
	return a.scheme == b.scheme && a.host == b.host && a.port == b.port
}
