package weburl

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// genHost draws host text of the kinds that matter for origins: domains in any case, the IPv4
// number forms, IPv6 with and without embedded IPv4, percent-escapes, IDNs and junk.
func genHost() *rapid.Generator[string] {
	return rapid.OneOf(
		rapid.SampledFrom([]string{
			"example.com", "EXAMPLE.COM", "a.example", "faß.example", "ＥＸＡＭＰＬＥ.com",
			"example。com", "example.com.", "localhost", "xn--8i7caa", "ex%41mple.com", "%30",
			"0x7f.1", "127.1", "2130706433", "0177.0.0.1", "127.0.0.0x1", "1.256", "0",
			"[::1]", "[0:0::1]", "[::FFFF:127.0.0.1]", "[2001:db8:0:0:1:0:0:1]", "[1:0:1:1:1:1:1:1]",
			"", "a b", "a^b", "09", "foo.09", "1.2.3.4.5", "%", "%zz", "ñ", "a\x01b",
		}),
		rapid.StringMatching(`[a-zA-Z0-9.%-]{1,12}`),
		genIPv4Text(),
	)
}

// genIPv4Text writes a random address in a random mix of the accepted number forms.
func genIPv4Text() *rapid.Generator[string] {
	return rapid.Custom(func(t *rapid.T) string {
		a := rapid.Uint32().Draw(t, "addr")
		text, _ := ipv4Forms(t, a)
		return text
	})
}

// ipv4Forms writes address a with 1-4 parts, each in decimal, octal or hex.
func ipv4Forms(t *rapid.T, a uint32) (string, int) {
	parts := rapid.IntRange(1, 4).Draw(t, "parts")
	var nums []uint64
	rest := uint64(a)
	for i := 0; i < parts-1; i++ {
		shift := uint(8 * (3 - i))
		nums = append(nums, rest>>shift&0xFF)
	}
	nums = append(nums, rest&(1<<(8*(5-parts))-1))
	var out []string
	for i, n := range nums {
		switch rapid.IntRange(0, 3).Draw(t, fmt.Sprint("form", i)) {
		case 0:
			out = append(out, strconv.FormatUint(n, 10))
		case 1:
			out = append(out, "0"+strconv.FormatUint(n, 8))
		case 2:
			out = append(out, "0x"+strconv.FormatUint(n, 16))
		default:
			out = append(out, "0X"+strings.ToUpper(strconv.FormatUint(n, 16)))
		}
	}
	s := strings.Join(out, ".")
	if rapid.Bool().Draw(t, "trailingDot") {
		s += "."
	}
	return s, parts
}

// genURL draws URL-ish strings built from the parts the parser treats specially.
func genURL() *rapid.Generator[string] {
	return rapid.Custom(func(t *rapid.T) string {
		var b strings.Builder
		b.WriteString(rapid.SampledFrom([]string{
			"http:", "HTTPS:", "ws:", "wss:", "ftp:", "file:", "blob:", "data:", "about:",
			"javascript:", "sc:", "web+demo:", "mailto:", "",
		}).Draw(t, "scheme"))
		b.WriteString(rapid.SampledFrom([]string{"//", "/", "", "\\\\", "///", "/\\"}).Draw(t, "slashes"))
		if rapid.Bool().Draw(t, "userinfo") {
			b.WriteString(rapid.StringMatching(`[a-z:@% ^]{0,6}`).Draw(t, "user"))
			b.WriteString("@")
		}
		b.WriteString(genHost().Draw(t, "host"))
		if rapid.Bool().Draw(t, "hasPort") {
			b.WriteString(":" + rapid.SampledFrom([]string{"", "80", "443", "21", "080", "8080", "65535", "65536", "x"}).Draw(t, "port"))
		}
		segs := rapid.SliceOfN(rapid.SampledFrom([]string{
			"a", ".", "..", "%2e", ".%2E", "%2e%2e", "", "b c", "C:", "c|", "ñ", "^{}", "\\", "x\ty", "%",
		}), 0, 5).Draw(t, "path")
		for _, s := range segs {
			b.WriteString("/" + s)
		}
		if rapid.Bool().Draw(t, "hasQuery") {
			b.WriteString("?" + rapid.StringMatching(`[a-z ='"<>#`+"`"+`ñ%]{0,6}`).Draw(t, "query"))
		}
		if rapid.Bool().Draw(t, "hasFragment") {
			b.WriteString("#" + rapid.StringMatching(`[a-z ="<>#`+"`"+`ñ%]{0,6}`).Draw(t, "fragment"))
		}
		return b.String()
	})
}

// checkCanonical asserts what must hold for any URL the parser accepted.
func checkCanonical(t interface {
	Fatalf(string, ...any)
}, input string, u *URL) {
	href := u.String()
	for i := 0; i < len(href); i++ {
		if c := href[i]; c < 0x20 || c >= 0x7F {
			t.Fatalf("Parse(%q).String() = %q contains byte %#x", input, href, c)
		}
	}
	again, err := Parse(href)
	if err != nil {
		t.Fatalf("Parse(%q) = %q, which does not re-parse: %v", input, href, err)
	}
	if diff := cmp.Diff(u, again); diff != "" {
		t.Fatalf("Parse(%q) = %q re-parses to a different record (-first +second):\n%s", input, href, diff)
	}
	want := href
	if u.HasFragment {
		want = strings.TrimSuffix(href, "#"+u.Fragment)
	}
	if noFrag := u.StringWithoutFragment(); noFrag != want {
		t.Fatalf("StringWithoutFragment() = %q, want %q (href %q)", noFrag, want, href)
	}
	if u.Host.Kind != HostNull && !strings.Contains(href, "//"+u.HostPort()) &&
		!strings.Contains(href, "@"+u.HostPort()) {
		t.Fatalf("href %q does not contain HostPort %q", href, u.HostPort())
	}
}

func TestPropertyParseIsIdempotent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		input := genURL().Draw(t, "input")
		u, err := Parse(input)
		if err != nil {
			return
		}
		checkCanonical(t, input, u)
	})
}

func TestPropertyParseRefIsAbsoluteAndIdempotent(t *testing.T) {
	bases := []string{"http://example.org/foo/bar?q#f", "file:///C:/a/b", "sc://h/a/b", "sc:/a/b", "about:blank", "https://u:p@h:8/a/"}
	rapid.Check(t, func(t *rapid.T) {
		base, err := Parse(rapid.SampledFrom(bases).Draw(t, "base"))
		if err != nil {
			t.Fatalf("base: %v", err)
		}
		input := rapid.OneOf(genURL(), rapid.StringMatching(`[./\\?#a-z:%|]{0,10}`)).Draw(t, "input")
		u, err := ParseRef(input, base)
		if err != nil {
			return
		}
		checkCanonical(t, input, u)
	})
}

func TestPropertyDefaultPortIsNull(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		scheme := rapid.SampledFrom([]string{"http", "https", "ws", "wss", "ftp"}).Draw(t, "scheme")
		port, _ := SpecialSchemeDefaultPort(scheme)
		zeros := strings.Repeat("0", rapid.IntRange(0, 3).Draw(t, "zeros"))
		host := rapid.StringMatching(`[a-z]{1,8}(\.[a-z]{1,8}){0,2}`).Draw(t, "host")
		with, err1 := Parse(fmt.Sprintf("%s://%s:%s%d/", scheme, host, zeros, port))
		without, err2 := Parse(fmt.Sprintf("%s://%s/", scheme, host))
		if err1 != nil || err2 != nil {
			t.Fatalf("parse: %v, %v", err1, err2)
		}
		if diff := cmp.Diff(without, with); diff != "" {
			t.Fatalf("default port not dropped (-without +with):\n%s", diff)
		}
	})
}

func TestPropertySchemeAndHostCaseDoNotMatter(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		scheme := rapid.SampledFrom([]string{"http", "https", "ws", "wss", "ftp"}).Draw(t, "scheme")
		host := rapid.StringMatching(`[a-z][a-z0-9-]{0,8}(\.[a-z][a-z0-9-]{0,8}){0,2}`).Draw(t, "host")
		path := rapid.StringMatching(`(/[a-zA-Z0-9]{0,4}){0,3}`).Draw(t, "path")
		lower, err1 := Parse(scheme + "://" + host + path)
		upper, err2 := Parse(strings.ToUpper(scheme) + "://" + strings.ToUpper(host) + path)
		if err1 != nil || err2 != nil {
			t.Fatalf("parse: %v, %v", err1, err2)
		}
		if lower.String() != upper.String() {
			t.Fatalf("%q vs %q", lower.String(), upper.String())
		}
	})
}

func TestPropertyIPv4NumberForms(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		a := rapid.Uint32().Draw(t, "addr")
		text, _ := ipv4Forms(t, a)
		h, err := ParseHost(text, false)
		if err != nil {
			t.Fatalf("ParseHost(%q): %v", text, err)
		}
		want := Host{Kind: HostIPv4, IPv4: a}
		if h != want {
			t.Fatalf("ParseHost(%q) = %+v, want %+v", text, h, want)
		}
		dotted := fmt.Sprintf("%d.%d.%d.%d", a>>24, a>>16&0xFF, a>>8&0xFF, a&0xFF)
		if h.String() != dotted {
			t.Fatalf("serialized %q, want %q", h.String(), dotted)
		}
	})
}

func TestPropertyIPv6RoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var a [8]uint16
		for i := range a {
			// Zero pieces are common so that runs and ties get exercised.
			if rapid.Bool().Draw(t, fmt.Sprint("zero", i)) {
				continue
			}
			a[i] = rapid.Uint16().Draw(t, fmt.Sprint("piece", i))
		}
		s := Host{Kind: HostIPv6, IPv6: a}.String()
		inner := s[1 : len(s)-1]
		got, err := ParseIPv6(inner)
		if err != nil || got != a {
			t.Fatalf("ParseIPv6(%q) = %v, %v; want %v", inner, got, err, a)
		}
		if strings.Count(inner, "::") > 1 || strings.ToLower(inner) != inner {
			t.Fatalf("serialization %q is not canonical", inner)
		}
		// The first longest run of two or more zeros is the one compressed: zero runs left
		// before "::" are shorter than it, runs after it are no longer.
		left, right, compressedRun := inner, "", 0
		if l, r, ok := strings.Cut(inner, "::"); ok {
			left, right = l, r
			compressedRun = 8 - len(strings.FieldsFunc(inner, func(r rune) bool { return r == ':' }))
		}
		if n := longestZeroRun(left); n >= 2 && n >= compressedRun {
			t.Fatalf("serialization %q leaves an earlier zero run of %d uncompressed", inner, n)
		}
		if n := longestZeroRun(right); n >= 2 && n > compressedRun {
			t.Fatalf("serialization %q leaves a longer zero run of %d uncompressed", inner, n)
		}
	})
}

func TestPropertyHostSerializationReparses(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		input := genHost().Draw(t, "host")
		isOpaque := rapid.Bool().Draw(t, "isOpaque")
		h, err := ParseHost(input, isOpaque)
		if err != nil {
			return
		}
		again, err := ParseHost(h.String(), isOpaque)
		if err != nil || again != h {
			t.Fatalf("ParseHost(%q) = %q, which re-parses to %+v, %v", input, h.String(), again, err)
		}
	})
}

func longestZeroRun(s string) int {
	longest, run := 0, 0
	for _, f := range strings.Split(s, ":") {
		if f == "0" {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return longest
}
