package origin

import (
	"strings"

	"github.com/corsim/corsim/weburl"
)

// IsPotentiallyTrustworthy decides whether an origin is potentially trustworthy: https and wss
// origins, loopback addresses, localhost names and file origins. It decides whether Fetch
// metadata headers are sent, and what counts as a secure context.
// https://w3c.github.io/webappsec-secure-contexts/#is-origin-trustworthy
func IsPotentiallyTrustworthy(o Origin) bool {
	// 1. An opaque origin is not trustworthy.
	if o.IsOpaque() || o.IsZero() {
		return false
	}
	// 3. https and wss are.
	switch o.scheme {
	case "https", "wss":
		return true
	case "file":
		// 6. So is file.
		return true
	}
	// 4. A host in 127.0.0.0/8 or ::1/128 is.
	h := o.host
	switch h.Kind {
	case weburl.HostIPv4:
		return h.IPv4>>24 == 127
	case weburl.HostIPv6:
		return h.IPv6 == [8]uint16{7: 1}
	case weburl.HostDomain:
		// 5. So are localhost and names under .localhost ("let localhost be localhost"), with
		// or without the final dot.
		name := strings.TrimSuffix(h.Name, ".")
		return name == "localhost" || strings.HasSuffix(name, ".localhost")
	}
	// 7-9. No scheme or origin of this model is configured as trustworthy beyond these.
	return false
}

// IsPotentiallyTrustworthyURL decides whether a URL is potentially trustworthy: about:blank,
// about:srcdoc and data: URLs are, and every other URL is when its origin is.
// https://w3c.github.io/webappsec-secure-contexts/#is-url-trustworthy
func IsPotentiallyTrustworthyURL(u *weburl.URL) bool {
	// 1. about:blank and about:srcdoc.
	if u.Scheme == "about" && (u.OpaquePath == "blank" || u.OpaquePath == "srcdoc") {
		return true
	}
	// 2. data: URLs.
	if u.Scheme == "data" {
		return true
	}
	// 3. Otherwise the URL's origin decides.
	return IsPotentiallyTrustworthy(FromURL(u))
}
