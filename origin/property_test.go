package origin

import (
	"fmt"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// genOriginURL draws URLs whose origins are interesting: tuple schemes with every host kind
// and port form, plus the schemes that give opaque origins.
func genOriginURL() *rapid.Generator[string] {
	return rapid.Custom(func(t *rapid.T) string {
		scheme := rapid.SampledFrom([]string{"http", "https", "ws", "wss", "ftp", "HTTP", "blob:https", "file", "data", "about", "sc"}).Draw(t, "scheme")
		host := rapid.OneOf(
			rapid.SampledFrom([]string{
				"a.example", "A.EXAMPLE", "example.com.", "faß.example", "0x7f.1", "127.0.0.1", "[::1]",
				"[0:0::FFFF:1.2.3.4]", "localhost", "a.github.io", "b.co.uk", "xn--8i7caa", "ex%41mple.com",
			}),
			rapid.StringMatching(`[a-z0-9]{1,6}(\.[a-z0-9]{1,6}){0,3}`),
		).Draw(t, "host")
		port := rapid.SampledFrom([]string{"", ":80", ":443", ":21", ":8080", ":0", ":080", ":65535"}).Draw(t, "port")
		userinfo := rapid.SampledFrom([]string{"", "u@", "u:p@"}).Draw(t, "userinfo")
		path := rapid.SampledFrom([]string{"", "/", "/p", "/p?q#f"}).Draw(t, "path")
		return fmt.Sprintf("%s://%s%s%s%s", scheme, userinfo, host, port, path)
	})
}

func TestPropertySerializeReparses(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		raw := genOriginURL().Draw(t, "url")
		o, err := Parse(raw)
		if err != nil {
			return
		}
		s := o.Serialize()
		back, err := ParseHeader(s)
		if err != nil {
			t.Fatalf("Parse(%q).Serialize() = %q, which ParseHeader rejects: %v", raw, s, err)
		}
		if o.IsOpaque() {
			if !back.IsOpaque() || SameOrigin(o, back) {
				t.Fatalf("opaque %q re-parsed to %v (same origin %v)", raw, back, SameOrigin(o, back))
			}
			return
		}
		if !SameOrigin(o, back) || o != back || back.Serialize() != s {
			t.Fatalf("Parse(%q) = %q re-parses to %q, not same origin", raw, s, back.Serialize())
		}
		if strings.HasSuffix(s, "/") || strings.Contains(s, "@") {
			t.Fatalf("serialization %q has a trailing slash or userinfo", s)
		}
	})
}

func TestPropertySameOriginEquivalence(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var os []Origin
		for i := 0; i < 3; i++ {
			o, err := Parse(genOriginURL().Draw(t, fmt.Sprint("url", i)))
			if err != nil {
				return
			}
			os = append(os, o)
		}
		a, b, c := os[0], os[1], os[2]
		// Reflexive for tuple origins, and for an opaque origin compared with itself.
		if !SameOrigin(a, a) {
			t.Fatalf("%v is not same origin with itself", a)
		}
		// Symmetric.
		if SameOrigin(a, b) != SameOrigin(b, a) {
			t.Fatalf("SameOrigin not symmetric for %v, %v", a, b)
		}
		// Transitive.
		if SameOrigin(a, b) && SameOrigin(b, c) && !SameOrigin(a, c) {
			t.Fatalf("SameOrigin not transitive for %v, %v, %v", a, b, c)
		}
		// Same origin means same serialization (for tuples), and == agrees.
		if !a.IsOpaque() && !b.IsOpaque() && SameOrigin(a, b) != (a.Serialize() == b.Serialize()) {
			t.Fatalf("SameOrigin(%v, %v) disagrees with serialization equality", a, b)
		}
		if SameOrigin(a, b) != (a == b) {
			t.Fatalf("SameOrigin(%v, %v) disagrees with ==", a, b)
		}
		// Same origin implies same site implies schemelessly same site.
		if SameOrigin(a, b) && !SameSite(a, b) {
			t.Fatalf("%v and %v are same origin but not same site", a, b)
		}
		if SameSite(a, b) && !SchemelesslySameSite(a, b) {
			t.Fatalf("%v and %v are same site but not schemelessly same site", a, b)
		}
		if SameSite(a, b) != SameSite(b, a) || SchemelesslySameSite(a, b) != SchemelesslySameSite(b, a) {
			t.Fatalf("site relations not symmetric for %v, %v", a, b)
		}
	})
}

func TestPropertyOpaqueOnlySameAsItself(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		o := NewOpaque()
		other, err := Parse(genOriginURL().Draw(t, "url"))
		if err != nil {
			return
		}
		if SameOrigin(o, other) || SameOrigin(other, o) || SameSite(o, other) || SchemelesslySameSite(o, other) {
			t.Fatalf("opaque origin related to %v", other)
		}
		if !SameOrigin(o, o) || !SameSite(o, o) || !SchemelesslySameSite(o, o) {
			t.Fatalf("opaque origin not related to itself")
		}
		if o.Serialize() != "null" || ObtainSite(o).Serialize() != "null" {
			t.Fatalf("opaque origin serializes as %q / site %q", o.Serialize(), ObtainSite(o).Serialize())
		}
	})
}

func TestPropertyPortDoesNotAffectSite(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		raw := genOriginURL().Draw(t, "url")
		o, err := Parse(raw)
		if err != nil || o.IsOpaque() {
			return
		}
		port := rapid.IntRange(1, 65535).Draw(t, "port")
		other, err := Parse(fmt.Sprintf("%s://%s:%d/", o.Scheme(), o.Host(), port))
		if err != nil {
			t.Fatalf("re-parse with port: %v", err)
		}
		if !SameSite(o, other) || ObtainSite(o) != ObtainSite(other) {
			t.Fatalf("%v and %v differ only in port but are not same site", o, other)
		}
		// The site's host is the registrable domain, which is a suffix of the host.
		if !strings.HasSuffix(o.Host().String(), ObtainSite(o).Host().String()) {
			t.Fatalf("site host %q is not a suffix of %q", ObtainSite(o).Host(), o.Host())
		}
	})
}
