package weburl

import (
	"net/netip"
	"strings"
	"testing"
)

// seedURLs are the URL vectors plus a few hand-picked troublemakers.
func seedURLs(f *testing.F) {
	for _, v := range urlVectors {
		f.Add(v.input)
	}
	for _, s := range []string{"web+demo:/.//not-a-host/", "non-special:opaque \t?hi", "file://C|/..", "blob:https://a/b"} {
		f.Add(s)
	}
}

// FuzzParse checks that whatever Parse accepts serializes to ASCII without controls, and that
// the serialization re-parses to the same record (so String is canonical).
func FuzzParse(f *testing.F) {
	seedURLs(f)
	f.Fuzz(func(t *testing.T, input string) {
		u, err := Parse(input)
		if err != nil {
			if _, ok := err.(*ParseError); !ok {
				t.Fatalf("Parse(%q) error %T is not *ParseError", input, err)
			}
			return
		}
		checkCanonical(t, input, u)
	})
}

// FuzzParseRef does the same with a base URL, which exercises the relative states.
func FuzzParseRef(f *testing.F) {
	for _, v := range urlVectors {
		if v.base != "" {
			f.Add(v.input, v.base)
		}
	}
	f.Add("..", "file:///C:/")
	f.Add("#x", "about:blank")
	f.Fuzz(func(t *testing.T, input, rawBase string) {
		base, err := Parse(rawBase)
		if err != nil {
			return
		}
		u, err := ParseRef(input, base)
		if err != nil {
			return
		}
		checkCanonical(t, input, u)
		// The base must not change.
		if again, _ := Parse(rawBase); again.String() != base.String() {
			t.Fatalf("ParseRef changed the base %q to %q", again, base)
		}
	})
}

// FuzzParseHost checks that a parsed host's serialization parses back to the same host.
func FuzzParseHost(f *testing.F) {
	for _, v := range hostVectors {
		f.Add(v.input, v.isOpaque)
	}
	f.Fuzz(func(t *testing.T, input string, isOpaque bool) {
		h, err := ParseHost(input, isOpaque)
		if err != nil {
			return
		}
		s := h.String()
		if h.Kind == HostNull || (s == "") != (h.Kind == HostEmpty) {
			t.Fatalf("ParseHost(%q, %v) = %+v serializing to %q", input, isOpaque, h, s)
		}
		again, err := ParseHost(s, isOpaque)
		if err != nil || again != h {
			t.Fatalf("ParseHost(%q, %v) = %q, which re-parses to %+v, %v", input, isOpaque, s, again, err)
		}
	})
}

// FuzzParseIPv4 checks that an accepted address re-parses from its dotted-decimal form.
func FuzzParseIPv4(f *testing.F) {
	for _, s := range []string{"127.0.0.1", "0x7f.1", "0177.0.0.1", "2130706433", "1.256", "09", "0x", "1.2.3.4.5", "4294967296"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, input string) {
		a, err := ParseIPv4(input)
		if err != nil {
			return
		}
		s := Host{Kind: HostIPv4, IPv4: a}.String()
		b, err := ParseIPv4(s)
		if err != nil || a != b {
			t.Fatalf("ParseIPv4(%q) = %q, which re-parses to %v, %v", input, s, b, err)
		}
		if addr, err := netip.ParseAddr(s); err != nil || addr.As4() != [4]byte{byte(a >> 24), byte(a >> 16), byte(a >> 8), byte(a)} {
			t.Fatalf("serialization %q disagrees with net/netip: %v %v", s, addr, err)
		}
	})
}

// FuzzParseIPv6 checks the round trip and, where net/netip also accepts the text (without a
// zone), that both read the same address.
func FuzzParseIPv6(f *testing.F) {
	for _, s := range []string{"::", "::1", "0:0::1", "::FFFF:127.0.0.1", "2001:db8:0:0:1:0:0:1", "1:0:1:1:1:1:1:1", "fe80::1%eth0", "::1.2.3.", "1::2::3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, input string) {
		a, err := ParseIPv6(input)
		if err != nil {
			return
		}
		s := Host{Kind: HostIPv6, IPv6: a}.String()
		b, err := ParseIPv6(s[1 : len(s)-1])
		if err != nil || a != b {
			t.Fatalf("ParseIPv6(%q) = %q, which re-parses to %v, %v", input, s, b, err)
		}
		if addr, err := netip.ParseAddr(input); err == nil && addr.Is6() && addr.Zone() == "" {
			raw := addr.As16()
			for i := range a {
				if a[i] != uint16(raw[2*i])<<8|uint16(raw[2*i+1]) {
					t.Fatalf("ParseIPv6(%q) = %v, net/netip reads %v", input, a, addr)
				}
			}
		}
	})
}

// FuzzDomainToASCII checks that a result is a usable domain and a fixed point.
func FuzzDomainToASCII(f *testing.F) {
	for _, s := range []string{"EXAMPLE.com", "faß.example", "ＥＸＡＭＰＬＥ.com", "xn--8i7caa", "a\u00adb", "\u200d.example", "ab--c", "x..ß"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, domain string, beStrict bool) {
		r, err := DomainToASCII(domain, beStrict)
		if err != nil {
			return
		}
		if r == "" || !isASCII(r) || strings.ToLower(r) != r && !beStrict {
			t.Fatalf("DomainToASCII(%q, %v) = %q", domain, beStrict, r)
		}
		if !beStrict {
			for i := 0; i < len(r); i++ {
				if isForbiddenDomainCodePoint(r[i]) {
					t.Fatalf("DomainToASCII(%q) = %q contains forbidden %q", domain, r, r[i])
				}
			}
		}
		again, err := DomainToASCII(r, beStrict)
		if err != nil || again != r {
			t.Fatalf("DomainToASCII(%q, %v) = %q, then %q, %v", domain, beStrict, r, again, err)
		}
	})
}
