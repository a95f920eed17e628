package fetchspec

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestIsHeaderNameValue(t *testing.T) {
	names := []struct {
		s    string
		want bool
	}{
		{"Content-Type", true}, {"x_y", true}, {"*", true}, {"", false}, {"a b", false},
		{"a:b", false}, {"é", false}, {"\u212a", false}, {"a\n", false},
	}
	for _, tt := range names {
		if got := IsHeaderName(tt.s); got != tt.want {
			t.Errorf("IsHeaderName(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
	values := []struct {
		s          string
		want       bool
		normalized string
	}{
		{"", true, ""},
		{"a b", true, "a b"},
		{" a", false, "a"},
		{"a\t", false, "a"},
		{"\r\n a \t\n", false, "a"},
		{"a\x00b", false, "a\x00b"},
		{"a\rb", false, "a\rb"},
		{"a\nb", false, "a\nb"},
		{"\xff\x80", true, "\xff\x80"},
		{"\x0bx\x0b", true, "\x0bx\x0b"}, // vertical tab is not HTTP whitespace
		{"\t \r\n", false, ""},
	}
	for _, tt := range values {
		if got := IsHeaderValue(tt.s); got != tt.want {
			t.Errorf("IsHeaderValue(%q) = %v, want %v", tt.s, got, tt.want)
		}
		if diff := cmp.Diff(tt.normalized, NormalizeHeaderValue(tt.s)); diff != "" {
			t.Errorf("NormalizeHeaderValue(%q): (-want +got)\n%s", tt.s, diff)
		}
		if n := NormalizeHeaderValue(tt.s); !strings.ContainsAny(n, "\x00\r\n") && !IsHeaderValue(n) {
			t.Errorf("NormalizeHeaderValue(%q) = %q is not a header value", tt.s, n)
		}
	}
}

func TestIsCORSUnsafeRequestHeaderByte(t *testing.T) {
	var got []byte
	for b := 0; b < 256; b++ {
		if IsCORSUnsafeRequestHeaderByte(byte(b)) {
			got = append(got, byte(b))
		}
	}
	var want []byte
	for b := 0; b < 0x20; b++ {
		if b != '\t' {
			want = append(want, byte(b))
		}
	}
	want = append(want, []byte(`"():<>?@[\]{}`)...)
	want = append(want, 0x7F)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("unsafe bytes: (-want +got)\n%s", diff)
	}
}

func TestIsCORSSafelistedRequestHeader(t *testing.T) {
	tests := []struct {
		name, value string
		want        bool
	}{
		// Accept.
		{"Accept", "application/json", true},
		{"accept", "", true},
		{"ACCEPT", "*/*", true},
		{"Accept", `"x"`, false},
		{"Accept", "text/html;q=0.9, */*", true},
		{"Accept", "a\tb", true},
		{"Accept", "a\x7f", false},
		{"Accept", "a\x01", false},
		{"Accept", "caf\xc3\xa9", true}, // bytes >= 0x80 are not unsafe
		{"Accept", strings.Repeat("a", 128), true},
		{"Accept", strings.Repeat("a", 129), false},
		{"Acce\u212at", "a", false},
		// Accept-Language and Content-Language.
		{"Accept-Language", "en-US,en;q=0.5", true},
		{"Accept-Language", "*", true},
		{"Accept-Language", "en_US", false},
		{"Content-Language", "en-US", true},
		{"content-language", "de, en", true},
		{"Content-Language", "en\t", false},
		{"Content-Language", "fr-\xc3\xa9", false},
		{"Content-Language", strings.Repeat("a", 128), true},
		{"Content-Language", strings.Repeat("a", 129), false},
		// Content-Type.
		{"Content-Type", "text/plain", true},
		{"Content-Type", "TEXT/PLAIN", true},
		{"Content-Type", "text/plain;charset=utf-8", true},
		{"Content-Type", "text/plain; charset=utf-8", true},
		{"Content-Type", "text/plain;charset=UTF-8", true},
		{"Content-Type", " text/plain ", true},
		{"Content-Type", "text/plain ;", true},
		{"Content-Type", `text/plain; a="b"`, false},
		{"Content-Type", "application/x-www-form-urlencoded", true},
		{"Content-Type", "multipart/form-data; boundary=----x", true},
		{"Content-Type", "application/json", false},
		{"Content-Type", "", false},
		{"Content-Type", "text/plain, application/json", false},
		{"Content-Type", "text/plain,text/plain", false},
		{"Content-Type", "text / plain", false},
		{"Content-Type", "text/plai\u212a", false},
		{"Content-Type", "text/plain;" + strings.Repeat("a", 128-len("text/plain;")), true},
		{"Content-Type", "text/plain;" + strings.Repeat("a", 129-len("text/plain;")), false},
		{"Content-Type", "application/csp-report", false},
		// Range.
		{"Range", "bytes=0-", true},
		{"Range", "bytes=0-99", true},
		{"range", "bytes=5-5", true},
		{"Range", "bytes=-5", false},
		{"Range", "bytes=5-1", false},
		{"Range", "bytes=0-1,3-4", false},
		{"Range", "BYTES=0-1", false},
		{"Range", "bytes =0-1", false},
		{"Range", "bytes= 0-1", false},
		{"Range", "bytes=99999999999999999999-", false},
		// Anything else.
		{"X-Foo", "1", false},
		{"Authorization", "x", false},
		{"Content-Encoding", "gzip", false},
		{"", "", false},
	}
	for _, tt := range tests {
		if got := IsCORSSafelistedRequestHeader(tt.name, tt.value); got != tt.want {
			t.Errorf("IsCORSSafelistedRequestHeader(%q, %q) = %v, want %v", tt.name, tt.value, got, tt.want)
		}
	}
}

// budgetList returns safelisted headers whose values add up to exactly total bytes.
func budgetList(total int) HeaderList {
	var l HeaderList
	for total > 0 {
		n := min(total, 128)
		l = append(l, Header{"Accept", strings.Repeat("a", n)})
		total -= n
	}
	return l
}

func TestCORSUnsafeRequestHeaderNames(t *testing.T) {
	tests := []struct {
		name string
		in   HeaderList
		want []string
	}{
		{"none", nil, nil},
		{"safelisted only", HeaderList{{"Accept", "*/*"}, {"Content-Type", "text/plain"}}, nil},
		{"preflight example", HeaderList{{"X-B", "1"}, {"x-a", "2"}, {"X-A", "3"}, {"Content-Type", "application/json"}},
			[]string{"content-type", "x-a", "x-b"}},
		{"129-byte accept", HeaderList{{"Accept", strings.Repeat("a", 129)}}, []string{"accept"}},
		{"128-byte accept", HeaderList{{"Accept", strings.Repeat("a", 128)}}, nil},
		{"authorization", HeaderList{{"Authorization", "x"}, {"X-Foo", "1"}}, []string{"authorization", "x-foo"}},
		{"range without start", HeaderList{{"Range", "bytes=-99"}}, []string{"range"}},
		{"budget exactly 1024", budgetList(1024), nil},
		{"budget 1025", budgetList(1025), []string{"accept"}},
		{"budget 1025 mixed", append(budgetList(1024-5), Header{"Content-Language", "en-US"}, Header{"X-Y", "z"}, Header{"Accept-Language", "d"}),
			[]string{"accept", "accept-language", "content-language", "x-y"}},
		{"unsafe values do not count", append(budgetList(1024), Header{"X-Big", strings.Repeat("b", 5000)}), []string{"x-big"}},
		{"per entry, not combined", HeaderList{{"Accept", strings.Repeat("a", 100)}, {"accept", strings.Repeat("a", 100)}}, nil},
	}
	for _, tt := range tests {
		got := CORSUnsafeRequestHeaderNames(tt.in)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: (-want +got)\n%s", tt.name, diff)
		}
	}
}

func TestConvertHeaderNamesToSortedLowercaseSet(t *testing.T) {
	tests := []struct {
		in, want []string
	}{
		{nil, nil},
		{[]string{}, nil},
		{[]string{"X-B", "x-a", "X-A", "Content-Type"}, []string{"content-type", "x-a", "x-b"}},
		{[]string{"b", "B", "a", "A", "a"}, []string{"a", "b"}},
		{[]string{"Z", "_", "a"}, []string{"_", "a", "z"}}, // byte order after lowercasing
		{[]string{"\u212a", "k", "K"}, []string{"k", "\u212a"}},
		{[]string{""}, []string{""}},
	}
	for _, tt := range tests {
		in := slices.Clone(tt.in)
		got := ConvertHeaderNamesToSortedLowercaseSet(in)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%q: (-want +got)\n%s", tt.in, diff)
		}
		if diff := cmp.Diff(tt.in, in); diff != "" {
			t.Errorf("%q: input modified: (-want +got)\n%s", tt.in, diff)
		}
	}
}

func TestNameClassifications(t *testing.T) {
	type got struct {
		NonWildcard, PrivilegedNoCORS, NoCORSSafelistedName, ForbiddenResponse, RequestBody bool
	}
	tests := []struct {
		name string
		want got
	}{
		{"Authorization", got{NonWildcard: true}},
		{"authorization", got{NonWildcard: true}},
		{"Authorizatio", got{}},
		{"Range", got{PrivilegedNoCORS: true}},
		{"RANGE", got{PrivilegedNoCORS: true}},
		{"Accept", got{NoCORSSafelistedName: true}},
		{"accept-language", got{NoCORSSafelistedName: true}},
		{"Content-Language", got{NoCORSSafelistedName: true, RequestBody: true}},
		{"content-type", got{NoCORSSafelistedName: true, RequestBody: true}},
		{"Content-Encoding", got{RequestBody: true}},
		{"CONTENT-LOCATION", got{RequestBody: true}},
		{"Content-Length", got{}},
		{"Set-Cookie", got{ForbiddenResponse: true}},
		{"set-cookie2", got{ForbiddenResponse: true}},
		{"Set-Coo\u212aie", got{}},
		{"Set-Cookie3", got{}},
		{"", got{}},
	}
	for _, tt := range tests {
		g := got{
			IsCORSNonWildcardRequestHeaderName(tt.name),
			IsPrivilegedNoCORSRequestHeaderName(tt.name),
			IsNoCORSSafelistedRequestHeaderName(tt.name),
			IsForbiddenResponseHeaderName(tt.name),
			IsRequestBodyHeaderName(tt.name),
		}
		if diff := cmp.Diff(tt.want, g); diff != "" {
			t.Errorf("%q: (-want +got)\n%s", tt.name, diff)
		}
	}
}

func TestIsNoCORSSafelistedRequestHeader(t *testing.T) {
	tests := []struct {
		name, value string
		want        bool
	}{
		{"Accept", "*/*", true},
		{"Content-Type", "text/plain", true},
		{"Content-Type", "application/json", false},
		{"Accept-Language", "en_US", false},
		{"Content-Language", "en", true},
		{"Range", "bytes=0-", false}, // CORS-safelisted but not no-CORS-safelisted
		{"X-Foo", "1", false},
		{"Accept", strings.Repeat("a", 129), false},
	}
	for _, tt := range tests {
		if got := IsNoCORSSafelistedRequestHeader(tt.name, tt.value); got != tt.want {
			t.Errorf("IsNoCORSSafelistedRequestHeader(%q, %q) = %v, want %v", tt.name, tt.value, got, tt.want)
		}
	}
}

func TestIsForbiddenRequestHeader(t *testing.T) {
	tests := []struct {
		name, value string
		want        bool
	}{
		{"Accept-Charset", "", true},
		{"accept-encoding", "gzip", true},
		{"Access-Control-Request-Headers", "x", true},
		{"ACCESS-CONTROL-REQUEST-METHOD", "PUT", true},
		{"Connection", "close", true},
		{"Content-Length", "1", true},
		{"Cookie", "a=b", true},
		{"Cookie2", "", true},
		{"Date", "", true},
		{"DNT", "1", true},
		{"Expect", "", true},
		{"Host", "x", true},
		{"Keep-Alive", "", true},
		{"\u212aeep-Alive", "", false}, // Kelvin sign
		{"Origin", "null", true},
		{"Referer", "", true},
		{"Set-Cookie", "", true},
		{"TE", "", true},
		{"Trailer", "", true},
		{"Transfer-Encoding", "", true},
		{"Upgrade", "", true},
		{"Via", "", true},
		{"Proxy-Authorization", "x", true},
		{"proxy-", "", true},
		{"Proxy", "", false},
		{"sec-foo", "", true},
		{"Sec-Fetch-Mode", "cors", true},
		{"SEC-", "", true},
		{"Sec", "", false},
		{"se\u212a-x", "", false},
		{"X-HTTP-Method-Override", "GET, trace", true},
		{"X-HTTP-Method-Override", "PUT", false},
		{"X-HTTP-Method-Override", " CONNECT ", true},
		{"x-http-method", "track", true},
		{"X-Method-Override", "GET,,TRACE", true},
		{"X-Method-Override", `"TRACE"`, false},
		{"X-Method-Override", `"a,TRACE", GET`, false},
		{"X-Method-Override", `GET, "x" ,TRACK`, true},
		{"X-Method-Override", "TRAC\u212a", false},
		{"X-Method-Override", "", false},
		{"X-Other-Override", "TRACE", false},
		{"Authorization", "x", false},
		{"Accept", "*/*", false},
		{"Set-Cookie2", "", false}, // forbidden in responses only
		{"", "", false},
	}
	for _, tt := range tests {
		if got := IsForbiddenRequestHeader(tt.name, tt.value); got != tt.want {
			t.Errorf("IsForbiddenRequestHeader(%q, %q) = %v, want %v", tt.name, tt.value, got, tt.want)
		}
	}
}

func TestIsCORSSafelistedResponseHeaderName(t *testing.T) {
	tests := []struct {
		name    string
		exposed []string
		want    bool
	}{
		{"Cache-Control", nil, true},
		{"content-language", nil, true},
		{"Content-Length", nil, true},
		{"CONTENT-TYPE", nil, true},
		{"Expires", nil, true},
		{"Last-Modified", nil, true},
		{"Pragma", nil, true},
		{"X-A", nil, false},
		{"X-A", []string{"x-a"}, true},
		{"x-a", []string{"X-A"}, true},
		{"X-A", []string{"*"}, false},
		{"*", []string{"*"}, true},
		{"Set-Cookie", []string{"Set-Cookie"}, false},
		{"set-cookie2", []string{"SET-COOKIE2"}, false},
		{"ETag", []string{"X-A", "etag"}, true},
		{"\u212a", []string{"k"}, false},
	}
	for _, tt := range tests {
		if got := IsCORSSafelistedResponseHeaderName(tt.name, tt.exposed); got != tt.want {
			t.Errorf("IsCORSSafelistedResponseHeaderName(%q, %q) = %v, want %v", tt.name, tt.exposed, got, tt.want)
		}
	}
}

// TestCORSSafelistedRequestHeaderProblem: each rule of the test is named when it fails, and
// its description names the header and what is wrong.
func TestCORSSafelistedRequestHeaderProblem(t *testing.T) {
	long := strings.Repeat("a", 129)
	for _, tc := range []struct {
		name, value string
		want        SafelistProblem
		words       string
	}{
		{"Accept", "text/html", Safelisted, ""},
		{"X-Foo", "1", NotASafelistedName, ""},
		{"X-Foo", long, NotASafelistedName, ""},
		{"Accept", long, ValueTooLong, "the Accept value is 129 bytes long; a safelisted value has at most 128"},
		{"Accept", "a(b", UnsafeByte, `the Accept value "a(b" holds a byte`},
		{"Content-Language", "en_US", NotALanguageValue, `the Content-Language value "en_US" holds a byte outside`},
		{"Content-Type", "json", UnparsableMIMEType, `the Content-Type "json" is not a MIME type`},
		{"Content-Type", "Application/JSON; charset=utf-8", NotAFormMIMEType, "the Content-Type's MIME type application/json is not application/x-www-form-urlencoded, multipart/form-data or text/plain"},
		{"Range", "bytes=-500", NotASimpleRange, `the Range "bytes=-500" is not a single range with a start`},
		{"range", "bytes=0-", Safelisted, ""},
	} {
		got := CORSSafelistedRequestHeaderProblem(tc.name, tc.value)
		words := got.Describe(tc.name, tc.value)
		if got != tc.want || !strings.HasPrefix(words, tc.words) || (tc.words == "") != (words == "") {
			t.Errorf("%s: %q: problem %d %q; want %d starting %q", tc.name, tc.value, got, words, tc.want, tc.words)
		}
		if IsCORSSafelistedRequestHeader(tc.name, tc.value) != (got == Safelisted) {
			t.Errorf("%s: %q: IsCORSSafelistedRequestHeader disagrees with the problem %d", tc.name, tc.value, got)
		}
	}
}
