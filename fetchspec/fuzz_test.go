package fetchspec

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func FuzzParseMIMEType(f *testing.F) {
	for _, s := range []string{
		"text/plain", "TEXT/PLAIN", "text/plain;charset=utf-8", `text/plain; a="b"`,
		`text/html;charset="\g\b\k"`, `text/html;charset="gbk`, "text/html;charset", "text/html;charset=;a=b",
		`text/html;charset= "gbk"`, "x/x;a=\xff", "x/x;a=\x7f", " \ttext/plain\r\n", "text/", "/plain", "",
		"multipart/form-data; boundary=----x", "text/plai\u212a", `a/b;x="\`, "a/b;;;=;==",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMIMEType(s)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Input != s || pe.What != "MIME type" || pe.Reason == "" ||
				!strings.Contains(err.Error(), quoteShort(s)) {
				t.Fatalf("error %q (%T) does not name the input", err, err)
			}
			if IsCORSSafelistedRequestHeader("Content-Type", s) {
				t.Fatalf("unparsable %q is safelisted", s)
			}
			return
		}
		if !isToken(m.Type) || !isToken(m.Subtype) || byteLowercase(m.Type) != m.Type || byteLowercase(m.Subtype) != m.Subtype {
			t.Fatalf("bad essence %q", m.Essence())
		}
		seen := map[string]bool{}
		for _, p := range m.Parameters {
			if !isToken(p.Name) || byteLowercase(p.Name) != p.Name || seen[p.Name] || !isQuotedStringTokenString(p.Value) {
				t.Fatalf("bad parameter %+v in %q", p, s)
			}
			seen[p.Name] = true
		}
		// Canonicalization is idempotent and round-trips.
		ser := m.String()
		m2, err := ParseMIMEType(ser)
		if err != nil {
			t.Fatalf("serialization %q does not parse: %v", ser, err)
		}
		if diff := cmp.Diff(m, m2); diff != "" {
			t.Fatalf("%q -> %q: (-first +second)\n%s", s, ser, diff)
		}
		if m2.String() != ser {
			t.Fatalf("serialization not stable: %q, %q", ser, m2.String())
		}
		// Content-Type safelisting agrees with the parser.
		want := len(s) <= 128 && !containsCORSUnsafeRequestHeaderByte(s) &&
			(m.Essence() == "text/plain" || m.Essence() == "multipart/form-data" || m.Essence() == "application/x-www-form-urlencoded")
		if got := IsCORSSafelistedRequestHeader("content-type", s); got != want {
			t.Fatalf("safelisted(%q) = %v, want %v", s, got, want)
		}
	})
}

func FuzzParseSingleRangeHeaderValue(f *testing.F) {
	for _, s := range []string{
		"bytes=0-", "bytes=-5", "bytes=5-1", "bytes=0-1,3-4", "BYTES=0-1", "bytes =0-1", "bytes= 0 - 1 ",
		"bytes=9223372036854775807-9223372036854775807", "bytes=9223372036854775808-", "bytes=-", "bytes", "",
		"bytes=00-01", "bytes=\t1-\t", "bytes=١-2",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, ws bool) {
		r, err := ParseSingleRangeHeaderValue(s, ws)
		if err != nil {
			if r != (Range{}) {
				t.Fatalf("failure with a range %+v", r)
			}
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Input != s || pe.What != "range" || pe.Reason == "" ||
				!strings.Contains(err.Error(), quoteShort(s)) {
				t.Fatalf("error %q (%T) does not name the input", err, err)
			}
			if !ws {
				if IsCORSSafelistedRequestHeader("Range", s) {
					t.Fatalf("unparsable %q is safelisted", s)
				}
			}
			return
		}
		if !r.HasStart && !r.HasEnd || r.Start < 0 || r.End < 0 ||
			r.HasStart && r.HasEnd && r.Start > r.End || !r.HasStart && r.Start != 0 || !r.HasEnd && r.End != 0 {
			t.Fatalf("%q gave impossible %+v", s, r)
		}
		// Without whitespace succeeding, with whitespace succeeds the same way.
		if !ws {
			if r2, err := ParseSingleRangeHeaderValue(s, true); err != nil || r2 != r {
				t.Fatalf("%q: allowWhitespace=true gives %+v, %v; false gave %+v", s, r2, err, r)
			}
			if got, want := IsCORSSafelistedRequestHeader("Range", s), r.HasStart && len(s) <= 128; got != want {
				t.Fatalf("safelisted(%q) = %v, want %v", s, got, want)
			}
		}
		// The canonical form parses back to the same range.
		c := "bytes="
		if r.HasStart {
			c += strconv.FormatInt(r.Start, 10)
		}
		c += "-"
		if r.HasEnd {
			c += strconv.FormatInt(r.End, 10)
		}
		if r2, err := ParseSingleRangeHeaderValue(c, false); err != nil || r2 != r {
			t.Fatalf("canonical %q of %q gives %+v, %v", c, s, r2, err)
		}
	})
}

func FuzzExtractHeaderListValues(f *testing.F) {
	for _, s := range [][2]string{
		{"PUT, patch", ""}, {"a,,b", " , "}, {"", ""}, {`"x-a"`, "b"}, {"x-a x-b", ""}, {"*", "\t*\t"},
		{"a\r\n b", ""}, {"\u212a", ""}, {"a;b", "c"}, {",,,", ",a,"},
	} {
		f.Add(s[0], s[1], true)
		f.Add(s[0], s[1], false)
	}
	f.Fuzz(func(t *testing.T, v1, v2 string, two bool) {
		const name = "Access-Control-Allow-Headers"
		l := HeaderList{{name, v1}, {"X-Other", "a, b"}}
		if two {
			l = append(l, Header{"access-control-allow-headers", v2})
		}
		items, err := ExtractHeaderListValues(l, name)
		if err != nil {
			var e *ExtractError
			if !errors.As(err, &e) || items != nil {
				t.Fatalf("error %v (%T) with items %q", err, err, items)
			}
			if e.Item == "" || isToken(e.Item) || !strings.Contains(e.Value, e.Item) || e.Header != name ||
				e.Item != trimTabOrSpace(e.Item) || strings.Contains(e.Item, ",") {
				t.Fatalf("implausible error %+v", e)
			}
			return
		}
		if items == nil {
			t.Fatalf("nil items for a present header")
		}
		for _, it := range items {
			if !isToken(it) || it != trimTabOrSpace(it) {
				t.Fatalf("item %q is not a token without surrounding whitespace", it)
			}
		}
		// Lines concatenate.
		want, _ := ExtractHeaderListValues(HeaderList{{name, v1}}, name)
		if two {
			second, _ := ExtractHeaderListValues(HeaderList{{name, v2}}, name)
			want = append(want, second...)
		}
		if diff := cmp.Diff(want, items); diff != "" {
			t.Fatalf("lines do not concatenate: (-want +got)\n%s", diff)
		}
		// Written back as one canonical line, the items extract to themselves.
		again, err := ExtractHeaderListValues(HeaderList{{name, strings.Join(items, ", ")}}, name)
		if err != nil || !cmp.Equal(items, again) {
			t.Fatalf("round trip of %q: %q, %v", items, again, err)
		}
	})
}

func FuzzIsCORSSafelistedRequestHeader(f *testing.F) {
	for _, s := range [][2]string{
		{"Accept", "application/json"}, {"Accept", `"x"`}, {"Content-Type", "text/plain; charset=utf-8"},
		{"Content-Type", `text/plain; a="b"`}, {"Content-Language", "en-US"}, {"Accept-Language", "en_US"},
		{"Range", "bytes=0-"}, {"Range", "bytes=-5"}, {"X-Foo", "1"}, {"Acce\u212at", "a"},
		{"Accept", strings.Repeat("a", 129)}, {"content-type", ""},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, name, value string) {
		got := IsCORSSafelistedRequestHeader(name, value)
		// Name case does not matter (ASCII only).
		if IsCORSSafelistedRequestHeader(string(upperASCII(name)), value) != got || IsCORSSafelistedRequestHeader(byteLowercase(name), value) != got {
			t.Fatalf("case of %q changes the answer", name)
		}
		lower := byteLowercase(name)
		if got && (len(value) > 128 || !equalFoldAny(lower, []string{"accept", "accept-language", "content-language", "content-type", "range"})) {
			t.Fatalf("(%q, %q) safelisted", name, value)
		}
		if lower == "accept" && got != (len(value) <= 128 && !containsCORSUnsafeRequestHeaderByte(value)) {
			t.Fatalf("Accept %q: %v", value, got)
		}
		// The no-CORS variant is the same test restricted to four names.
		if IsNoCORSSafelistedRequestHeader(name, value) != (got && lower != "range") {
			t.Fatalf("no-CORS safelisting of (%q, %q) disagrees", name, value)
		}
		// One header can never exceed the budget: unsafe names are exactly the unsafe header.
		unsafe := CORSUnsafeRequestHeaderNames(HeaderList{{name, value}})
		if got != (unsafe == nil) || !got && !cmp.Equal(unsafe, []string{lower}) {
			t.Fatalf("unsafe names %q for (%q, %q) safelisted=%v", unsafe, name, value, got)
		}
		// Forbidden request-headers are never safelisted.
		if got && IsForbiddenRequestHeader(name, value) {
			t.Fatalf("(%q, %q) is both safelisted and forbidden", name, value)
		}
	})
}

// FuzzProcessDataURL: any input either fails or gives a MIME type that parses back to itself,
// and a body no longer than the URL; a URL without ";base64" keeps its percent-decoded body.
func FuzzProcessDataURL(f *testing.F) {
	for _, s := range []string{"data:,X", "data:", "data:;base64,WIO", "data:text/html;charset=x,%41", "data:;base64,W A=", "data: ;base64 ,=="} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ProcessDataURL(s)
		if err != nil {
			return
		}
		again, err := ParseMIMEType(d.MIMEType.String())
		if err != nil || again.String() != d.MIMEType.String() {
			t.Fatalf("%q: MIME type %q does not round-trip: %v", s, d.MIMEType.String(), err)
		}
		if len(d.Body) > len(s) {
			t.Fatalf("%q: body of %d bytes is longer than the URL", s, len(d.Body))
		}
	})
}
