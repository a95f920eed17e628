package origin

import (
	"errors"
	"testing"

	"github.com/corsim/corsim/weburl"
	"github.com/google/go-cmp/cmp"
)

// view is what a test compares about an origin.
type view struct {
	Opaque     bool
	Scheme     string
	Host       string
	HostKind   weburl.HostKind
	Port       int
	Serialized string
}

func viewOf(o Origin) view {
	return view{o.IsOpaque(), o.Scheme(), o.Host().String(), o.Host().Kind, o.Port(), o.Serialize()}
}

func mustParse(t testing.TB, s string) Origin {
	t.Helper()
	o, err := Parse(s)
	if err != nil {
		t.Fatalf("Parse(%q): %v", s, err)
	}
	return o
}

func TestFromURL(t *testing.T) {
	opaque := view{Opaque: true, Port: -1, Serialized: "null"}
	tuple := func(scheme, host string, kind weburl.HostKind, port int, ser string) view {
		return view{false, scheme, host, kind, port, ser}
	}
	tests := []struct {
		url  string
		want view
	}{
		// fetch-spec.md 1.6.6 and its origin consequences.
		{"http://EXAMPLE.com:80/", tuple("http", "example.com", weburl.HostDomain, -1, "http://example.com")},
		{"http://example.com/", tuple("http", "example.com", weburl.HostDomain, -1, "http://example.com")},
		{"https://example.com:443", tuple("https", "example.com", weburl.HostDomain, -1, "https://example.com")},
		{"http://example.com:443", tuple("http", "example.com", weburl.HostDomain, 443, "http://example.com:443")},
		{"http://0x7f.1/", tuple("http", "127.0.0.1", weburl.HostIPv4, -1, "http://127.0.0.1")},
		{"http://[::1]:8080/", tuple("http", "[::1]", weburl.HostIPv6, 8080, "http://[::1]:8080")},
		{"https://faß.example/", tuple("https", "xn--fa-hia.example", weburl.HostDomain, -1, "https://xn--fa-hia.example")},
		{"https://example.com./", tuple("https", "example.com.", weburl.HostDomain, -1, "https://example.com.")},
		{"https://user:pw@a.example/p?q#f", tuple("https", "a.example", weburl.HostDomain, -1, "https://a.example")},
		{"ws://h/", tuple("ws", "h", weburl.HostDomain, -1, "ws://h")},
		{"wss://h:443/", tuple("wss", "h", weburl.HostDomain, -1, "wss://h")},
		{"ftp://h:21/", tuple("ftp", "h", weburl.HostDomain, -1, "ftp://h")},
		// blob: takes the origin of an http, https or file URL inside it.
		{"blob:https://a.example/uuid", tuple("https", "a.example", weburl.HostDomain, -1, "https://a.example")},
		{"blob:http://a.example:8080/uuid", tuple("http", "a.example", weburl.HostDomain, 8080, "http://a.example:8080")},
		{"blob:https://whatwg.org/d0360e2f-caee-469f-9a2f-87d5b0456f6f", tuple("https", "whatwg.org", weburl.HostDomain, -1, "https://whatwg.org")},
		{"blob:ftp://x/y", opaque},
		{"blob:ws://x/y", opaque},
		{"blob:null/x", opaque},
		{"blob:file:///x", opaque},
		{"blob:blob:https://a.example/x", opaque},
		{"blob:", opaque},
		// Everything else is a new opaque origin.
		{"file:///etc/passwd", opaque},
		{"data:,x", opaque},
		{"about:blank", opaque},
		{"javascript:alert(1)", opaque},
		{"sc://host:80/", opaque},
		{"mailto:a@b", opaque},
	}
	for _, tt := range tests {
		u, err := weburl.Parse(tt.url)
		if err != nil {
			t.Fatalf("weburl.Parse(%q): %v", tt.url, err)
		}
		if diff := cmp.Diff(tt.want, viewOf(FromURL(u))); diff != "" {
			t.Errorf("FromURL(%q) (-want +got):\n%s", tt.url, diff)
		}
	}
}

func TestFromURLNilAndZero(t *testing.T) {
	var zero Origin
	got := []any{FromURL(nil).IsZero(), zero.IsZero(), zero.IsOpaque(), zero.Port(), zero.Serialize(),
		NewOpaque().IsZero(), mustParse(t, "https://a").IsZero(), SameOrigin(zero, zero), SameSite(zero, zero),
		SchemelesslySameSite(zero, zero), ObtainSite(zero).Serialize()}
	want := []any{true, true, false, -1, "", false, false, false, false, false, ""}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestOpaqueIdentity(t *testing.T) {
	a, b := NewOpaque(), NewOpaque()
	c := a
	got := []bool{a == b, SameOrigin(a, b), a == c, SameOrigin(a, c), SameSite(a, b), SameSite(a, c),
		SchemelesslySameSite(a, b), SchemelesslySameSite(a, c)}
	want := []bool{false, false, true, true, false, true, false, true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	// The same data:/about:/javascript: URL taken twice gives two different origins.
	for _, s := range []string{"data:,x", "about:blank", "javascript:1", "web+x:y", "file:///x"} {
		u, _ := weburl.Parse(s)
		if o1, o2 := FromURL(u), FromURL(u); SameOrigin(o1, o2) || o1 == o2 || !SameOrigin(o1, o1) {
			t.Errorf("%q: origins taken twice are same origin, or one is not same origin with itself", s)
		}
	}
}

func TestParseErrorNamesInput(t *testing.T) {
	_, err := Parse("not a url")
	var pe *weburl.ParseError
	if !errors.As(err, &pe) || pe.Input != "not a url" {
		t.Fatalf("Parse error = %v, want a *weburl.ParseError naming the input", err)
	}
}

func TestSameOrigin(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"http://EXAMPLE.com:80/", "http://example.com/", true},
		{"https://example.com:443", "https://example.com", true},
		{"http://example.com:443", "https://example.com", false},
		{"http://0x7f.1/", "http://127.0.0.1/", true},
		{"http://2130706433/", "http://127.0.0.1/x", true},
		{"http://[0:0::1]/", "http://[::1]/", true},
		{"ws://h", "http://h", false},
		{"https://a.example", "https://a.example:8443", false},
		{"https://a.example", "https://b.example", false},
		{"https://example.com", "https://example.com.", false},
		{"https://u:p@a.example/x?y#z", "https://a.example/", true},
		{"blob:https://a.example/uuid", "https://a.example/", true},
		{"https://faß.example", "https://xn--fa-hia.example", true},
		{"https://faß.example", "https://fass.example", false},
	}
	for _, tt := range tests {
		a, b := mustParse(t, tt.a), mustParse(t, tt.b)
		got := []bool{SameOrigin(a, b), SameOrigin(b, a), a == b}
		if diff := cmp.Diff([]bool{tt.want, tt.want, tt.want}, got); diff != "" {
			t.Errorf("SameOrigin(%q, %q) (-want +got):\n%s", tt.a, tt.b, diff)
		}
	}
}

func TestSameSite(t *testing.T) {
	tests := []struct {
		a, b                 string
		sameSite, schemeless bool
	}{
		{"https://a.example.com", "https://b.example.com", true, true},
		{"https://a.example.com", "https://example.com:8443", true, true},
		{"http://example.com", "https://example.com", false, true},
		{"ws://example.com", "http://example.com", false, true},
		{"https://a.github.io", "https://b.github.io", false, false},
		{"https://x.a.github.io", "https://y.a.github.io", true, true},
		{"https://example.com", "https://example.com.", false, false},
		{"https://a.example.com.", "https://b.example.com.", true, true},
		{"https://127.0.0.1", "https://127.0.0.1:8443", true, true},
		{"https://127.0.0.1", "https://127.0.0.2", false, false},
		{"http://[::1]", "http://[::1]:81", true, true},
		{"https://localhost", "https://localhost:3000", true, true},
		{"https://a.localhost", "https://b.localhost", false, false}, // localhost is a public suffix by the default rule
		{"https://com", "https://com", true, true},
		{"https://com", "https://a.com", false, false},
		{"https://a.co.uk", "https://b.co.uk", false, false},
		{"https://x.a.co.uk", "https://y.a.co.uk", true, true},
		{"https://example.xn--kgbechtv", "https://sub.example.إختبار", true, true},
	}
	for _, tt := range tests {
		a, b := mustParse(t, tt.a), mustParse(t, tt.b)
		got := []bool{SameSite(a, b), SameSite(b, a), SchemelesslySameSite(a, b), SchemelesslySameSite(b, a)}
		want := []bool{tt.sameSite, tt.sameSite, tt.schemeless, tt.schemeless}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%q vs %q: [SameSite x2, Schemelessly x2] (-want +got):\n%s", tt.a, tt.b, diff)
		}
	}
}

func TestObtainSite(t *testing.T) {
	tests := []struct {
		origin, site string
	}{
		{"https://www.example.com:8443", "https://example.com"},
		{"http://sub.www.example.co.uk", "http://example.co.uk"},
		{"https://example.com.", "https://example.com."},
		{"https://whatwg.github.io", "https://whatwg.github.io"},
		{"https://github.io", "https://github.io"},
		{"https://127.0.0.1:8080", "https://127.0.0.1"},
		{"https://[::1]", "https://[::1]"},
		{"https://localhost:3000", "https://localhost"},
		{"https://sub.example.إختبار", "https://example.xn--kgbechtv"},
		{"data:,x", "null"},
	}
	for _, tt := range tests {
		s := ObtainSite(mustParse(t, tt.origin))
		if diff := cmp.Diff(tt.site, s.Serialize()); diff != "" {
			t.Errorf("ObtainSite(%q) (-want +got):\n%s", tt.origin, diff)
		}
	}
	o := NewOpaque()
	s := ObtainSite(o)
	got := []any{s.IsOpaque(), s.Scheme(), s.Host().Kind, s.SameSite(ObtainSite(o)), s.SameSite(ObtainSite(NewOpaque())),
		ObtainSite(mustParse(t, "https://a.example.com")) == ObtainSite(mustParse(t, "https://b.example.com:1"))}
	want := []any{true, "", weburl.HostNull, true, false, true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("opaque site (-want +got):\n%s", diff)
	}
}

func TestRegistrableDomain(t *testing.T) {
	host := func(s string, opaque bool) weburl.Host {
		h, err := weburl.ParseHost(s, opaque)
		if err != nil {
			t.Fatalf("ParseHost(%q): %v", s, err)
		}
		return h
	}
	tests := []struct {
		host weburl.Host
		want string
	}{
		// The URL Standard's example table.
		{host("com", false), ""},
		{host("example.com", false), "example.com"},
		{host("www.example.com", false), "example.com"},
		{host("sub.www.example.com", false), "example.com"},
		{host("EXAMPLE.COM", false), "example.com"},
		{host("example.com.", false), "example.com."},
		{host("github.io", false), ""},
		{host("whatwg.github.io", false), "whatwg.github.io"},
		{host("إختبار", false), ""},
		{host("example.إختبار", false), "example.xn--kgbechtv"},
		{host("sub.example.إختبار", false), "example.xn--kgbechtv"},
		{host("[2001:0db8:85a3:0000:0000:8a2e:0370:7334]", false), ""},
		// Others: IPs, single labels, odd dots, non-domains.
		{host("127.0.0.1", false), ""},
		{host("localhost", false), ""},
		{host("com.", false), ""},
		{host(".", false), ""},
		{host("a..example.com", false), "example.com"},
		{host("..com", false), ""},
		{host("example.com..", false), ""},
		{host("www.example.co.uk", false), "example.co.uk"},
		{host("example.com", true), ""},
		{weburl.Host{Kind: weburl.HostEmpty}, ""},
		{weburl.Host{}, ""},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, RegistrableDomain(tt.host)); diff != "" {
			t.Errorf("RegistrableDomain(%+v) (-want +got):\n%s", tt.host, diff)
		}
	}
}

func TestParseHeader(t *testing.T) {
	tests := []struct {
		value  string
		want   string // serialization of the result; "" when it must fail
		reason string
	}{
		{"https://a.example", "https://a.example", ""},
		{"http://a.example:8080", "http://a.example:8080", ""},
		{"http://a.example:443", "http://a.example:443", ""},
		{"http://[::1]:8080", "http://[::1]:8080", ""},
		{"http://127.0.0.1", "http://127.0.0.1", ""},
		{"https://xn--fa-hia.example", "https://xn--fa-hia.example", ""},
		{"https://example.com.", "https://example.com.", ""},
		{"wss://a.example", "wss://a.example", ""},
		{"null", "null", ""},
		{"https://a.example/", "", `has a trailing slash after the host: write "https://a.example"`},
		{"HTTPS://a.example", "", `has a scheme that is not lowercase ("HTTPS"): write "https://a.example"`},
		{"https://A.example", "", `has a host that is not lowercase ("A.example"): write "https://a.example"`},
		{"https://a.example:443", "", `spells out the default port 443 of https: write "https://a.example"`},
		{"http://a.example:80", "", `spells out the default port 80 of http: write "http://a.example"`},
		{"http://a.example:080", "", `spells out the default port 080 of http: write "http://a.example"`},
		{"http://a.example:08080", "", `has a port with leading zeros ("08080"): write "http://a.example:8080"`},
		{"http://a.example:", "", `has an empty port after ':': write "http://a.example"`},
		{"https://a.example/path", "", `has a path ("/path") after the host: write "https://a.example"`},
		{"https://a.example/?q", "", `has a query ("?q") after the host: write "https://a.example"`},
		{"https://a.example#f", "", `has a fragment ("#f") after the host: write "https://a.example"`},
		{"https://a.example\\", "", `has a trailing slash after the host: write "https://a.example"`},
		{"https://user@a.example", "", `has userinfo ("user@"), which an origin never has: write "https://a.example"`},
		{"https://u:p@a.example", "", `has userinfo ("u:p@"), which an origin never has: write "https://a.example"`},
		{"https:a.example", "", `lacks "//" after "https:": write "https://a.example"`},
		{"https:/a.example", "", `lacks "//" after "https:": write "https://a.example"`},
		{"https:\\\\a.example", "", `lacks "//" after "https:": write "https://a.example"`},
		{"https:///a.example", "", `has more than two slashes after "https:": write "https://a.example"`},
		{"http://0x7f.1", "", `has the host "0x7f.1", whose canonical form is "127.0.0.1": write "http://127.0.0.1"`},
		{"http://[0:0::1]", "", `has the host "[0:0::1]", whose canonical form is "[::1]": write "http://[::1]"`},
		{"https://faß.example", "", `has the host "faß.example", whose canonical form is "xn--fa-hia.example": write "https://xn--fa-hia.example"`},
		{"", "", "is empty; it must be an origin such as https://app.example, or null"},
		{"*", "", "is the wildcard *, which allows any origin but is not an origin itself"},
		{"https://a https://b", "", "holds several values separated by whitespace; only one origin is allowed"},
		{"https://a, https://b", "", "holds several values separated by ','; only one origin is allowed"},
		{" https://a.example", "", "has leading or trailing whitespace"},
		{"https://a.example ", "", "has leading or trailing whitespace"},
		{"https://a.ex\tample", "", `contains whitespace ('\t')`},
		{"https://a.ex\x00ample", "", `contains the control character '\x00'`},
		{"https://a.ex ample", "", `contains whitespace (' ')`},
		{"https://a.example,", "https://a.example,", ""}, // ',' is allowed in a domain
		{"http://,*", "http://,*", ""}, // found by fuzzing: not a list
		{"https://a b.example", "", `contains whitespace (' ')`},
		{"https://a^b.example", "", `is not a URL (host "a^b.example": contains the forbidden code point '^')`},
		{"https://a.example:99999", "", "is not a URL (port 99999 is above 65535)"},
		{"Null", "", "is not lowercase; the opaque origin is written null"},
		{"a.example", "", "is not a URL (has no scheme, and there is no base URL to resolve it against)"},
		{"https://", "", "is not a URL (has an empty host, which a https: URL cannot have)"},
		{"file:///x", "", `has the scheme "file", whose URLs have opaque origins (serialized as null)`},
		{"data:,x", "", `has the scheme "data", whose URLs have opaque origins (serialized as null)`},
		{"sc://a.example", "", `has the scheme "sc", whose URLs have opaque origins (serialized as null)`},
	}
	for _, tt := range tests {
		o, err := ParseHeader(tt.value)
		if tt.want != "" {
			if err != nil {
				t.Errorf("ParseHeader(%q): %v", tt.value, err)
				continue
			}
			if diff := cmp.Diff(tt.want, o.Serialize()); diff != "" {
				t.Errorf("ParseHeader(%q) (-want +got):\n%s", tt.value, diff)
			}
			continue
		}
		var he *HeaderError
		if !errors.As(err, &he) {
			t.Errorf("ParseHeader(%q) = %v, %v; want a *HeaderError", tt.value, o, err)
			continue
		}
		if diff := cmp.Diff(HeaderError{Value: tt.value, Reason: tt.reason}, *he); diff != "" {
			t.Errorf("ParseHeader(%q) (-want +got):\n%s", tt.value, diff)
		}
		if !o.IsZero() {
			t.Errorf("ParseHeader(%q) failed but returned %v", tt.value, o)
		}
	}
}

func TestParseHeaderNullIsFresh(t *testing.T) {
	a, _ := ParseHeader("null")
	b, _ := ParseHeader("null")
	if !a.IsOpaque() || SameOrigin(a, b) {
		t.Errorf("ParseHeader(\"null\") twice: %v %v, want two distinct opaque origins", a, b)
	}
}

func TestHeaderErrorMessage(t *testing.T) {
	_, err := ParseHeader("https://a.example/")
	want := `"https://a.example/" has a trailing slash after the host: write "https://a.example"`
	if diff := cmp.Diff(want, err.Error()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestStringIsSerialize(t *testing.T) {
	for _, o := range []Origin{{}, NewOpaque(), mustParse(t, "http://a:1/")} {
		if o.String() != o.Serialize() {
			t.Errorf("String %q != Serialize %q", o.String(), o.Serialize())
		}
	}
}
