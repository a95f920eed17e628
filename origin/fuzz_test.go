package origin

import (
	"strings"
	"testing"

	"github.com/corsim/corsim/weburl"
)

// FuzzParse checks the origin of any URL: tuple origins serialize to something ParseHeader
// accepts and that names the same origin; everything else is opaque and serializes as null.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"http://EXAMPLE.com:80/", "https://example.com:443", "http://0x7f.1/", "http://[::1]:8080/",
		"blob:https://a.example/uuid", "blob:ftp://x/y", "blob:null/x", "data:,x", "about:blank",
		"javascript:alert(1)", "file:///x", "https://faß.example/", "https://u:p@a.example./p?q#f",
		"sc://h:1/", "ws://h", "wss://h:443", "ftp://h:21",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		o, err := Parse(raw)
		if err != nil {
			if _, ok := err.(*weburl.ParseError); !ok {
				t.Fatalf("Parse(%q) error %T", raw, err)
			}
			return
		}
		s := o.Serialize()
		if o.IsOpaque() {
			if s != "null" || o.Scheme() != "" || o.Port() != -1 || SameOrigin(o, NewOpaque()) {
				t.Fatalf("opaque origin of %q: %q", raw, s)
			}
			return
		}
		back, err := ParseHeader(s)
		if err != nil || back != o || !SameOrigin(back, o) {
			t.Fatalf("Parse(%q) = %q; ParseHeader gives %v, %v", raw, s, back, err)
		}
		if strings.HasSuffix(s, "/") || !strings.HasPrefix(s, o.Scheme()+"://") {
			t.Fatalf("serialization %q of %q is malformed", s, raw)
		}
		_ = ObtainSite(o).Serialize()
		_ = SameSite(o, o) && SchemelesslySameSite(o, o)
	})
}

// FuzzParseHeader checks that an accepted value is exactly the serialization of its origin,
// and that a rejected one is explained with the value quoted.
func FuzzParseHeader(f *testing.F) {
	for _, s := range []string{
		"https://a.example", "null", "https://a.example/", "HTTPS://a.example", "https://a.example:443",
		"https://a.example/path", "https://user@a.example", "", "*", "https://a https://b",
		"https://a,https://b", "http://[::1]:8080", "http://0x7f.1", "Null", "https:a.example",
		"http://a.example:080", " https://a.example",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, value string) {
		o, err := ParseHeader(value)
		if err != nil {
			he, ok := err.(*HeaderError)
			if !ok || he.Value != value || he.Reason == "" || !o.IsZero() {
				t.Fatalf("ParseHeader(%q) = %v, %#v", value, o, err)
			}
			return
		}
		if o.Serialize() != value {
			t.Fatalf("ParseHeader(%q) accepted a value that serializes as %q", value, o.Serialize())
		}
		if value == "null" {
			if !o.IsOpaque() {
				t.Fatalf("null gave %v", o)
			}
			return
		}
		again, err := Parse(value)
		if err != nil || !SameOrigin(o, again) {
			t.Fatalf("ParseHeader(%q) = %v but Parse gives %v, %v", value, o, again, err)
		}
	})
}
