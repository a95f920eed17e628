package origin

import (
	"strings"

	"github.com/corsim/corsim/weburl"
	"golang.org/x/net/publicsuffix"
)

// Site is a site: an opaque origin, or a scheme-and-host whose host is the registrable domain
// when there is one. Sites decide "same site" (cookies, Sec-Fetch-Site, redirect-taint) and key
// the network partition.
// https://html.spec.whatwg.org/multipage/browsers.html#site
//
// Site is comparable with ==, and for sites obtained with [ObtainSite], == is the standard's
// "same site" for sites (see [Site.SameSite]), except that two zero Sites are ==.
type Site struct {
	opaque *opaqueID
	scheme string
	host   weburl.Host
}

// ObtainSite returns the site of an origin: the origin itself when opaque, otherwise its scheme
// with its host's registrable domain, or with the host itself when it has none (IP addresses,
// public suffixes, single labels such as localhost). The zero Origin has the zero Site.
// https://html.spec.whatwg.org/multipage/browsers.html#obtain-a-site
func ObtainSite(o Origin) Site {
	// 1. An opaque origin is its own site.
	if o.opaque != nil {
		return Site{opaque: o.opaque}
	}
	if o.scheme == "" {
		return Site{}
	}
	// 2-3. The registrable domain if there is one, else the host.
	if rd := RegistrableDomain(o.host); rd != "" {
		return Site{scheme: o.scheme, host: weburl.Host{Kind: weburl.HostDomain, Name: rd}}
	}
	return Site{scheme: o.scheme, host: o.host}
}

// IsOpaque reports whether the site is an opaque origin.
func (s Site) IsOpaque() bool { return s.opaque != nil }

// Scheme is the scheme of a scheme-and-host site, "" otherwise.
func (s Site) Scheme() string { return s.scheme }

// Host is the host of a scheme-and-host site (the registrable domain when there is one).
func (s Site) Host() weburl.Host { return s.host }

// Serialize is the serialization of a site: "null" for an opaque origin, otherwise the scheme,
// "://" and the serialized host. corsim uses it as the network partition key. The zero Site
// gives "".
// https://html.spec.whatwg.org/multipage/browsers.html#serialization-of-a-site
func (s Site) Serialize() string {
	if s.opaque != nil {
		return "null"
	}
	if s.scheme == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(len(s.scheme) + 3 + len(s.host.Name) + 41)
	b.WriteString(s.scheme)
	b.WriteString("://")
	weburl.WriteHostPort(&b, s.host, -1)
	return b.String()
}

// SameSite reports whether sites s and t are the same site: the same opaque origin, or the
// same scheme and host. Zero Sites are same site with nothing.
// https://html.spec.whatwg.org/multipage/browsers.html#concept-site-same-site
func (s Site) SameSite(t Site) bool {
	// 1. The same opaque origin.
	if s.opaque != nil || t.opaque != nil {
		return s.opaque == t.opaque
	}
	// 2-4. Schemes and hosts must both be equal.
	if s.scheme == "" || t.scheme == "" {
		return false
	}
	return s.scheme == t.scheme && s.host == t.host
}

// SameSite reports whether origins a and b are same site: their sites are. The scheme counts
// (http://a.example and https://a.example are not same site) but the port does not, and
// subdomains of one registrable domain are same site.
// https://html.spec.whatwg.org/multipage/browsers.html#same-site
//
// Origins with different schemes, or with equal hosts, are decided without consulting the
// public suffix list; otherwise each lookup costs an allocation inside
// golang.org/x/net/publicsuffix (it first tries the domain as an IP address).
func SameSite(a, b Origin) bool {
	if a.scheme != "" && b.scheme != "" {
		if a.scheme != b.scheme {
			return false
		}
		if a.host == b.host {
			return true
		}
	}
	// 1-3. Obtain both sites and compare them.
	return ObtainSite(a).SameSite(ObtainSite(b))
}

// SchemelesslySameSite is same site without the scheme, as Cross-Origin-Resource-Policy
// "same-site" uses it: the same opaque origin, equal hosts without a registrable domain, or
// equal registrable domains.
// https://html.spec.whatwg.org/multipage/browsers.html#schemelessly-same-site
func SchemelesslySameSite(a, b Origin) bool {
	// 1. Both opaque: only the same one.
	if a.opaque != nil || b.opaque != nil {
		return a.opaque == b.opaque
	}
	if a.scheme == "" || b.scheme == "" {
		return false
	}
	// 2. Both tuples: equal hosts with no registrable domain, or equal registrable domains.
	// Equal hosts satisfy one or the other, so they need no lookup.
	if a.host == b.host {
		return true
	}
	rdA := RegistrableDomain(a.host)
	if rdA == "" {
		return a.host == b.host
	}
	return rdA == RegistrableDomain(b.host)
}

// RegistrableDomain is a host's registrable domain: its public suffix plus the label before it
// ("www.example.co.uk" → "example.co.uk"). It is "" when there is none: for IP addresses,
// opaque and empty hosts, and domains that are themselves a public suffix ("com",
// "github.io", and single labels such as "localhost", which the list's default rule makes
// public suffixes). A trailing dot is kept: "example.com." gives "example.com.".
// https://url.spec.whatwg.org/#host-registrable-domain
func RegistrableDomain(h weburl.Host) string {
	// Only domains have public suffixes.
	if h.Kind != weburl.HostDomain {
		return ""
	}
	// The list has no trailing dots: look up without one and add it back, by slicing the
	// original, so that no allocation is needed.
	host := h.Name
	d := strings.TrimSuffix(host, ".")
	if d == "" || strings.HasSuffix(d, ".") {
		return "" // "." or "a..": the last label is empty, so nothing can be registered
	}
	ps, _ := publicsuffix.PublicSuffix(d)
	// The public suffix equal to the host means no registrable domain.
	if len(ps) >= len(d) {
		return ""
	}
	i := len(d) - len(ps) - 1 // the '.' before the public suffix
	if i <= 0 || d[i] != '.' {
		return ""
	}
	start := strings.LastIndexByte(d[:i], '.') + 1
	if start == i {
		return "" // the label before the suffix is empty ("a..com"), which is no domain
	}
	return host[start:]
}
