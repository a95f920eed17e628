package weburl

import (
	"errors"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// urlVector is one parse: input (resolved against base when base is not empty) gives href, or
// fails when href is empty.
type urlVector struct {
	input, base, href string
}

// urlVectors are written for this package from the URL Standard's examples and the tricky
// cases of WPT's urltestdata.json. href "" means the parser must fail.
var urlVectors = []urlVector{
	// Pre-processing: C0 controls and spaces trimmed, tabs and newlines removed anywhere.
	{"  http://example.com/  ", "", "http://example.com/"},
	{"\x00\x1f http://example.com/\x7f", "", "http://example.com/%7F"},
	{"ht\ttp://exa\nmple.c\rom/p\ta\nth", "", "http://example.com/path"},
	{"http://example\t.\norg", "http://example.org/foo/bar", "http://example.org/"},
	{"  \t", "http://example.org/foo/bar", "http://example.org/foo/bar"},
	{"", "", ""},
	{"#", "", ""},
	// Scheme: lowercased; a string that is not a scheme makes the input relative.
	{"HTTP://EXAMPLE.COM/", "", "http://example.com/"},
	{"a1234567890-+.:foo/bar", "http://example.com/dir/file", "a1234567890-+.:foo/bar"},
	{"1http://a/", "", ""},
	{":a", "http://example.org/foo/bar", "http://example.org/foo/:a"},
	{"a//", "", ""},
	// Special schemes: backslashes are slashes, any number of slashes before the host.
	{"http:\\\\www.google.com\\foo", "", "http://www.google.com/foo"},
	{"http:\\\\a\\b:c\\d@foo.com\\", "http://example.org/foo/bar", "http://a/b:c/d@foo.com/"},
	{"///\\//\\//test", "http://example.org/", "http://test/"},
	{"https:/example.com/", "", "https://example.com/"},
	{"https:example.com/", "", "https://example.com/"},
	{"http:example.com/", "http://example.org/foo/bar", "http://example.org/foo/example.com/"},
	{"http:/example.com/", "http://example.org/foo/bar", "http://example.org/example.com/"},
	{"wss:/example.com/", "http://example.org/foo/bar", "wss://example.com/"},
	{"http://example.com\\\\foo\\\\bar", "", "http://example.com//foo//bar"},
	// Special URLs need a host.
	{"http://", "", ""},
	{"http:///", "", ""},
	{"http://?", "", ""},
	{"http://#", "", ""},
	{"http://@/x", "", ""},
	{"http:/@/www.example.com", "", ""},
	{"http:/a:b@/www.example.com", "", ""},
	{"http://:80/", "", ""},
	{"https://x/", "", "https://x/"},
	// Userinfo: percent-encoded with the userinfo set; a second '@' joins the userinfo.
	{"http://user:pass@example.com/", "", "http://user:pass@example.com/"},
	{"http://:b@www.example.com", "", "http://:b@www.example.com/"},
	{"http:/a:@www.example.com", "", "http://a@www.example.com/"},
	{"http://::@c@d:2", "http://example.org/foo/bar", "http://:%3A%40c@d:2/"},
	{"http://a@b@c/", "", "http://a%40b@c/"},
	{"http://us er:p^ss@h/", "", "http://us%20er:p%5Ess@h/"},
	{"http://`{}:`{}@h/`{}?`{}", "http://doesnotmatter/", "http://%60%7B%7D:%60%7B%7D@h/%60%7B%7D?`{}"},
	{"https://localhost:3000/jqueryui@1.2.3", "", "https://localhost:3000/jqueryui@1.2.3"},
	// Ports: digits only, at most 65535, default ports become null.
	{"http://EXAMPLE.com:80/", "", "http://example.com/"},
	{"http://example.com:080/", "", "http://example.com/"},
	{"http://example.com:0080/", "", "http://example.com/"},
	{"http://example.com:443/", "", "http://example.com:443/"},
	{"https://example.com:443/", "", "https://example.com/"},
	{"ws://example.com:80/", "", "ws://example.com/"},
	{"wss://example.com:443/", "", "wss://example.com/"},
	{"ftp://foo:21/", "", "ftp://foo/"},
	{"ftp://foo:80/", "", "ftp://foo:80/"},
	{"http://f:/c", "", "http://f/c"},
	{"http://f:0/c", "", "http://f:0/c"},
	{"http://f:00000000000000000000080/c", "", "http://f/c"},
	{"http://f:65535/c", "", "http://f:65535/c"},
	{"http://f:65536/c", "", ""},
	{"http://f:4294967377/c", "", ""},
	{"http://f:b/c", "", ""},
	{"http://f: /c", "", ""},
	{"http://foo:-80/", "", ""},
	{"http://[::1]:8080/", "", "http://[::1]:8080/"},
	{"w://x:0", "", "w://x:0"},
	{"sc://:12/", "", ""},
	// Hosts: see also hostVectors.
	{"http://ExAmPlE.CoM", "http://other.com/", "http://example.com/"},
	{"http://www.foo\u3002bar.com", "", "http://www.foo.bar.com/"},
	{"http://\uff27\uff4f.com", "", "http://go.com/"},
	{"http://%30%78%63%30%2e%30%32%35%30.01%2e", "", "http://192.168.0.1/"},
	{"http://192.168.257.com", "", "http://192.168.257.com/"},
	{"http://999999999.", "", "http://59.154.201.255/"},
	{"http://256.256.256.256", "", ""},
	{"http://0x7f.0.0.0x7g", "", "http://0x7f.0.0.0x7g/"},
	{"http://[::127.0.0.1]", "", "http://[::7f00:1]/"},
	{"http://2001::1", "", ""},
	{"http://[:]", "", ""},
	{"https://%EF%BF%BD", "", ""},
	{"http://%zz%66%a.com", "", ""},
	{"http://a b/", "", ""},
	{"http://a\u007fb/", "", ""},
	{"http://ho%20st/", "", ""},
	{"ftp://%e2%98%83", "", "ftp://xn--n3h/"},
	{"ftp://example.com%80/", "", ""},
	{"https://\ufffdy", "", ""},
	// 2026 URL Standard: an ASCII domain is only lowercased, even if its punycode is invalid.
	{"http://a.b.c.XN--pokxncvks", "", "http://a.b.c.xn--pokxncvks/"},
	{"https://xn--/", "", "https://xn--/"},
	{"https://xn--8i7caa.example/", "", "https://xn--8i7caa.example/"},
	// Paths: dot segments, percent-encoding with the path set.
	{"http://example.com/./.foo", "", "http://example.com/.foo"},
	{"http://example.com/foo/bar/../", "", "http://example.com/foo/"},
	{"http://example.com/foo/../../..", "", "http://example.com/"},
	{"http://example.com/foo/%2e./%2e%2e/.%2e/%2e.bar", "", "http://example.com/%2e.bar"},
	{"http://example.com/foo/%2E", "", "http://example.com/foo/"},
	{"http://example.com/foo/.%2E/x", "", "http://example.com/x"},
	{"http://example.com/foo%2zbar", "", "http://example.com/foo%2zbar"},
	{"http://example.com/foo%00%51", "", "http://example.com/foo%00%51"},
	{"http://example.com/\u2025/foo", "", "http://example.com/%E2%80%A5/foo"},
	{"http://www/foo%2Ehtml", "", "http://www/foo%2Ehtml"},
	{"http://h/ \"<>`#x", "", "http://h/%20%22%3C%3E%60#x"},
	{"http://h/?^{}|'", "", "http://h/?^{}|%27"},
	{"http://h/^{}|", "", "http://h/%5E%7B%7D|"},
	{"/a/ /c", "http://example.org/foo/bar", "http://example.org/a/%20/c"},
	{"\u4e2d/test.txt", "http://www.example.com/test", "http://www.example.com/%E4%B8%AD/test.txt"},
	// Query and fragment: their own encode sets; ' only in special queries.
	{"http://h/p?a'b c\"d<e>f#g h\"i<j>k`l", "", "http://h/p?a%27b%20c%22d%3Ce%3Ef#g%20h%22i%3Cj%3Ek%60l"},
	{"sc://h/p?a'b", "", "sc://h/p?a'b"},
	{"http://foo/abcd#foo?bar", "", "http://foo/abcd#foo?bar"},
	{"http://www.google.com/foo?bar=baz# \u00bb", "", "http://www.google.com/foo?bar=baz#%20%C2%BB"},
	{"http://example.org/test?a#%EF", "", "http://example.org/test?a#%EF"},
	{"non-spec://example.org/test?a#b\x00c", "", "non-spec://example.org/test?a#b%00c"},
	{"http://h/?", "", "http://h/?"},
	{"http://h/#", "", "http://h/#"},
	// Relative references.
	{"/test.txt", "http://www.example.com/test", "http://www.example.com/test.txt"},
	{"./test.txt", "http://www.example.com/test", "http://www.example.com/test.txt"},
	{"../test.txt", "http://www.example.com/a/b/c", "http://www.example.com/a/test.txt"},
	{"//other.example/x", "https://a.example/p", "https://other.example/x"},
	{"\\x", "http://example.org/foo/bar", "http://example.org/x"},
	{"?q", "http://example.org/foo/bar?old#f", "http://example.org/foo/bar?q"},
	{"#f2", "http://example.org/foo/bar?old#f", "http://example.org/foo/bar?old#f2"},
	{"", "http://user:pass@example.org:21/smth", "http://user:pass@example.org:21/smth"},
	{"http:", "http://example.org/foo/bar", "http://example.org/foo/bar"},
	{"https:", "http://example.org/foo/bar", ""},
	{"relative", "", ""},
	// Non-special schemes: opaque paths, opaque hosts.
	{"mailto:someone@example.com", "", "mailto:someone@example.com"},
	{"data:text/html,test#test", "", "data:text/html,test#test"},
	{"data:,Hello%2C%20World!", "", "data:,Hello%2C%20World!"},
	{"javascript:alert(1)", "", "javascript:alert(1)"},
	{"about:blank", "", "about:blank"},
	{"about:blank#x:y", "", "about:blank#x:y"},
	{"#x:y", "about:blank", "about:blank#x:y"},
	{"x", "about:blank", ""},
	{"#", "test:test", "test:test#"},
	{"blob:https://a.example/d0360e2f-caee-469f-9a2f-87d5b0456f6f", "", "blob:https://a.example/d0360e2f-caee-469f-9a2f-87d5b0456f6f"},
	{"blob:blob:", "", "blob:blob:"},
	{"non-special:opaque  ", "", "non-special:opaque"},
	{"non-special:opaque  x#hi", "", "non-special:opaque  x#hi"},
	{"non-special:opaque \t?hi", "", "non-special:opaque%20?hi"},
	{"non-special:cannot-be-a-base-url-\x00\x01\x1f\x1e~\x7f\u0080", "", "non-special:cannot-be-a-base-url-%00%01%1F%1E~%7F%C2%80"},
	{"non-special:\\\\opaque\\path", "", "non-special:\\\\opaque\\path"},
	{"non-special://host/a\\b", "", "non-special://host/a\\b"},
	{"non-special://test:@test/x", "", "non-special://test@test/x"},
	{"foo://", "", "foo://"},
	{"foo://ho\tst/", "", "foo://host/"},
	{"sc://\u00f1?x", "", "sc://%C3%B1?x"},
	{"sc://%/", "", "sc://%/"},
	{"sc://EXAMPLE.com/", "", "sc://EXAMPLE.com/"},
	{"sc://a b/", "", ""},
	{"sc://a\\b/", "", ""},
	{"sc://?", "", "sc://?"},
	{"h://.", "", "h://."},
	{"non-special://[1:2:0:0:5:0:0:0]/", "", "non-special://[1:2:0:0:5::]/"},
	{"git://github.com/whatwg/url.git", "", "git://github.com/whatwg/url.git"},
	{"urn:isbn:9780307476463", "", "urn:isbn:9780307476463"},
	{"data:/../", "", "data:/"},
	{"data://test/a/../b", "", "data://test/b"},
	{"i", "sc:/pa/pa", "sc:/pa/i"},
	{"../i", "sc:sd/sd", ""},
	{"/i", "sc:///pa/pa", "sc:///i"},
	{"////x/", "sc://x/", "sc:////x/"},
	// A host-less path starting with an empty segment is serialized with "/." in front.
	{"non-spec:/.//path", "", "non-spec:/.//path"},
	{"/..//path", "non-spec:/p", "non-spec:/.//path"},
	{"path", "non-spec:/..//p", "non-spec:/.//path"},
	{"web+demo:/.//not-a-host/", "", "web+demo:/.//not-a-host/"},
	// file: URLs: the host may be empty, localhost is empty, Windows drive letters.
	{"file:///docs/me", "", "file:///docs/me"},
	{"file://localhost/x", "", "file:///x"},
	{"file://LOCALHOST/x", "", "file:///x"},
	{"file://example.net/C:/", "", "file://example.net/C:/"},
	{"file:", "", "file:///"},
	{"file:..", "http://www.example.com/test", "file:///"},
	{"file:///C%3A/", "", "file:///C%3A/"},
	{"file:///w|/m", "", "file:///w:/m"},
	{"file://C|/", "", "file:///C:/"},
	{"file://%43|", "", ""},
	{"file://[example]/", "", ""},
	{"  File:c|////foo\\bar.html", "file:///base/mock/path", "file:///c:////foo/bar.html"},
	{"C|", "file://host/D:/dir1/dir2/file", "file://host/C:"},
	{"..", "file:///C:/", "file:///C:/"},
	{"/c:/foo/bar", "file:///c:/baz/qux", "file:///c:/foo/bar"},
	{"//d:", "file:///C:/a/b", "file:///d:"},
	{"test", "file:///base/mock/path", "file:///base/mock/test"},
	{"//server/file", "file:///base/mock/path", "file://server/file"},
	{"\\//pig", "file://lion/", "file:///pig"},
	{"file://", "file://ape/", "file:///"},
	{"", "file:///test?test#test", "file:///test?test"},
	{"file:/.//p", "", "file:////p"},
	{"/\\//\\/a/../", "file:///", "file://////"},
	{"file:\\\\\\\\?fox", "", "file:////?fox"},
}

func TestParseVectors(t *testing.T) {
	for _, v := range urlVectors {
		var base *URL
		if v.base != "" {
			var err error
			if base, err = Parse(v.base); err != nil {
				t.Fatalf("base %q: %v", v.base, err)
			}
		}
		u, err := ParseRef(v.input, base)
		if v.href == "" {
			if err == nil {
				t.Errorf("ParseRef(%q, %q) = %q, want failure", v.input, v.base, u)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseRef(%q, %q): %v, want %q", v.input, v.base, err, v.href)
			continue
		}
		if diff := cmp.Diff(v.href, u.String()); diff != "" {
			t.Errorf("ParseRef(%q, %q) href (-want +got):\n%s", v.input, v.base, diff)
		}
	}
}

func TestParseRecords(t *testing.T) {
	tests := []struct {
		input string
		want  *URL
	}{
		{"https://example.com/", &URL{Scheme: "https", Host: Host{Kind: HostDomain, Name: "example.com"}, Port: -1, Path: []string{""}}},
		{"https://localhost:8000/search?q=text#hello", &URL{
			Scheme: "https", Host: Host{Kind: HostDomain, Name: "localhost"}, Port: 8000,
			Path: []string{"search"}, Query: "q=text", HasQuery: true, Fragment: "hello", HasFragment: true,
		}},
		{"urn:isbn:9780307476463", &URL{Scheme: "urn", Port: -1, OpaquePath: "isbn:9780307476463", HasOpaquePath: true}},
		{"file:///ada/Analytical%20Engine/README.md", &URL{
			Scheme: "file", Host: Host{Kind: HostEmpty}, Port: -1,
			Path: []string{"ada", "Analytical%20Engine", "README.md"},
		}},
		{"http://u:p@[::1]:81/?#", &URL{
			Scheme: "http", Username: "u", Password: "p", Host: Host{Kind: HostIPv6, IPv6: [8]uint16{7: 1}},
			Port: 81, Path: []string{""}, HasQuery: true, HasFragment: true,
		}},
		{"http://0x7f.1/", &URL{Scheme: "http", Host: Host{Kind: HostIPv4, IPv4: 0x7f000001}, Port: -1, Path: []string{""}}},
		{"foo://h:21", &URL{Scheme: "foo", Host: Host{Kind: HostOpaque, Name: "h"}, Port: 21}},
		{"foo:///x", &URL{Scheme: "foo", Host: Host{Kind: HostEmpty}, Port: -1, Path: []string{"x"}}},
		{"foo:/x", &URL{Scheme: "foo", Port: -1, Path: []string{"x"}}},
		{"data:,", &URL{Scheme: "data", Port: -1, OpaquePath: ",", HasOpaquePath: true}},
	}
	for _, tt := range tests {
		got, err := Parse(tt.input)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.input, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Parse(%q) (-want +got):\n%s", tt.input, diff)
		}
	}
}

func TestParseRefDoesNotAliasBase(t *testing.T) {
	base, err := Parse("http://h/a/b/c")
	if err != nil {
		t.Fatal(err)
	}
	u, err := ParseRef("d", base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path[0] = "changed"
	if diff := cmp.Diff([]string{"a", "b", "c"}, base.Path); diff != "" {
		t.Errorf("base path changed through the result (-want +got):\n%s", diff)
	}
}

func TestStringWithoutFragmentAndHostPort(t *testing.T) {
	tests := []struct {
		input, noFragment, hostPort string
	}{
		{"https://a.example:8443/p?q#f", "https://a.example:8443/p?q", "a.example:8443"},
		{"https://a.example:443/#", "https://a.example/", "a.example"},
		{"http://[::FFFF:127.0.0.1]:80/", "http://[::ffff:7f00:1]/", "[::ffff:7f00:1]"},
		{"data:,x#y", "data:,x", ""},
		{"file:///x#", "file:///x", ""},
	}
	for _, tt := range tests {
		u, err := Parse(tt.input)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.input, err)
		}
		got := []string{u.StringWithoutFragment(), u.HostPort()}
		if diff := cmp.Diff([]string{tt.noFragment, tt.hostPort}, got); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tt.input, diff)
		}
	}
}

func TestURLPredicates(t *testing.T) {
	type result struct {
		Special, Credentials bool
		PathString           string
	}
	tests := []struct {
		input string
		want  result
	}{
		{"https://a/b/c", result{true, false, "/b/c"}},
		{"https://u@a/", result{true, true, "/"}},
		{"https://:p@a/", result{true, true, "/"}},
		{"ws://a", result{true, false, "/"}},
		{"file:///x", result{true, false, "/x"}},
		{"blob:https://a/uuid", result{false, false, "https://a/uuid"}},
		{"foo://u:p@h", result{false, true, ""}},
	}
	for _, tt := range tests {
		u, err := Parse(tt.input)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.input, err)
		}
		got := result{u.IsSpecial(), u.IncludesCredentials(), u.PathString()}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tt.input, diff)
		}
	}
}

func TestSpecialSchemeDefaultPort(t *testing.T) {
	type result struct {
		Port    int
		Special bool
	}
	got := map[string]result{}
	for _, s := range []string{"ftp", "file", "http", "https", "ws", "wss", "HTTP", "blob", "data", ""} {
		p, sp := SpecialSchemeDefaultPort(s)
		got[s] = result{p, sp}
	}
	want := map[string]result{
		"ftp": {21, true}, "file": {-1, true}, "http": {80, true}, "https": {443, true},
		"ws": {80, true}, "wss": {443, true}, "HTTP": {-1, false}, "blob": {-1, false},
		"data": {-1, false}, "": {-1, false},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestParseErrorsNameInput(t *testing.T) {
	tests := []struct {
		input, reason string
	}{
		{"relative/path", "has no scheme, and there is no base URL to resolve it against"},
		{"http://exa mple.com/", `host "exa mple.com": contains the forbidden code point ' '`},
		{"http://a:99999/", "port 99999 is above 65535"},
		{"http://a:8o/", "port contains 'o', which is not a digit"},
		{"http://?x", "has an empty host, which a http: URL cannot have"},
		{"http://u@/x", "has credentials but no host after the '@'"},
		{"http://:8/x", "has a port but no host"},
		{"http://1.2.3.4.5/", `host "1.2.3.4.5": ends in a number, so it must be an IPv4 address, but has more than four parts`},
		{"http://[fe80::1%25eth0]/", `host "[fe80::1%25eth0]": has a zone identifier, which URLs do not support`},
		{"http://%41%20b/", `host "%41%20b": percent-decoded to "A b", which contains the forbidden code point ' '`},
		{"http://\uff05/", `host "％": becomes "%", which contains the forbidden code point '%'`},
	}
	for _, tt := range tests {
		_, err := Parse(tt.input)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("Parse(%q) error = %v, want *ParseError", tt.input, err)
			continue
		}
		if diff := cmp.Diff(ParseError{Input: tt.input, Reason: tt.reason}, *pe); diff != "" {
			t.Errorf("Parse(%q) (-want +got):\n%s", tt.input, diff)
		}
		if want := "weburl: " + strconv.Quote(tt.input) + ": " + tt.reason; err.Error() != want {
			t.Errorf("Error() = %q, want %q", err.Error(), want)
		}
	}
}
