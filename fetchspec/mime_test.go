package fetchspec

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func mt(typ, sub string, params ...string) MIMEType {
	m := MIMEType{Type: typ, Subtype: sub}
	for i := 0; i+1 < len(params); i += 2 {
		m.Parameters = append(m.Parameters, MIMEParameter{params[i], params[i+1]})
	}
	return m
}

func TestParseMIMEType(t *testing.T) {
	tests := []struct {
		in         string
		want       MIMEType
		serialized string
	}{
		{"text/plain", mt("text", "plain"), "text/plain"},
		{"TEXT/PLAIN", mt("text", "plain"), "text/plain"},
		{" \t\r\ntext/plain\n ", mt("text", "plain"), "text/plain"},
		{"text/plain;charset=utf-8", mt("text", "plain", "charset", "utf-8"), "text/plain;charset=utf-8"},
		{"TEXT/HTML;CHARSET=GBK", mt("text", "html", "charset", "GBK"), "text/html;charset=GBK"},
		{"text/plain; a=\"b\"", mt("text", "plain", "a", "b"), "text/plain;a=b"},
		{"text/html ;charset=gbk", mt("text", "html", "charset", "gbk"), "text/html;charset=gbk"},
		{"text/html;\ncharset=gbk", mt("text", "html", "charset", "gbk"), "text/html;charset=gbk"},
		{"text/html;charset=gbk(", mt("text", "html", "charset", "gbk("), `text/html;charset="gbk("`},
		{"text/html;x=(;charset=gbk", mt("text", "html", "x", "(", "charset", "gbk"), `text/html;x="(";charset=gbk`},
		{"text/html;charset=gbk;charset=windows-1255", mt("text", "html", "charset", "gbk"), "text/html;charset=gbk"},
		{"text/html;CHARSET=gbk;charset=x", mt("text", "html", "charset", "gbk"), "text/html;charset=gbk"},
		{`text/html;charset="gbk"`, mt("text", "html", "charset", "gbk"), "text/html;charset=gbk"},
		{`text/html;charset="gbk`, mt("text", "html", "charset", "gbk"), "text/html;charset=gbk"},
		{`text/html;charset=gbk"`, mt("text", "html", "charset", `gbk"`), `text/html;charset="gbk\""`},
		{`text/html;charset="\ gbk"`, mt("text", "html", "charset", " gbk"), `text/html;charset=" gbk"`},
		{`text/html;charset="\g\b\k"`, mt("text", "html", "charset", "gbk"), "text/html;charset=gbk"},
		{`text/html;charset="gbk"x;y=z`, mt("text", "html", "charset", "gbk", "y", "z"), "text/html;charset=gbk;y=z"},
		{`text/html;charset="";charset=GBK`, mt("text", "html", "charset", ""), `text/html;charset=""`},
		{`text/html;charset=;charset=GBK`, mt("text", "html", "charset", "GBK"), "text/html;charset=GBK"},
		{`text/html;charset= "gbk"`, mt("text", "html", "charset", ` "gbk"`), `text/html;charset=" \"gbk\""`},
		{`text/html;charset =gbk`, mt("text", "html"), "text/html"},
		{`text/html;charset=gbk ;a=b`, mt("text", "html", "charset", "gbk", "a", "b"), "text/html;charset=gbk;a=b"},
		{`text/html;a="b\\c"`, mt("text", "html", "a", `b\c`), `text/html;a="b\\c"`},
		{`text/html;a="b\`, mt("text", "html", "a", `b\`), `text/html;a="b\\"`},
		// A parameter without a value is dropped; parsing goes on.
		{"text/html;charset", mt("text", "html"), "text/html"},
		{"text/html;charset;a=b", mt("text", "html", "a", "b"), "text/html;a=b"},
		{"text/html;charset=", mt("text", "html"), "text/html"},
		{"text/html;;;", mt("text", "html"), "text/html"},
		{"text/html;=x;a=b", mt("text", "html", "a", "b"), "text/html;a=b"},
		// Bytes, not UTF-8: 0x80-0xFF are quoted-string token code points, DEL and NUL are not.
		{"x/x;a=\xff\x80", mt("x", "x", "a", "\xff\x80"), "x/x;a=\"\xff\x80\""},
		{"x/x;a=\x7f;b=\x00;c=d", mt("x", "x", "c", "d"), "x/x;c=d"},
		{"x/x;a=b\tc", mt("x", "x", "a", "b\tc"), "x/x;a=\"b\tc\""},
		{"x/x;\u212a=1", mt("x", "x"), "x/x"},
		{"*/*", mt("*", "*"), "*/*"},
	}
	for _, tt := range tests {
		got, err := ParseMIMEType(tt.in)
		if err != nil {
			t.Errorf("ParseMIMEType(%q): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ParseMIMEType(%q): (-want +got)\n%s", tt.in, diff)
		}
		if diff := cmp.Diff(tt.serialized, got.String()); diff != "" {
			t.Errorf("ParseMIMEType(%q).String(): (-want +got)\n%s", tt.in, diff)
		}
		if diff := cmp.Diff(tt.want.Type+"/"+tt.want.Subtype, got.Essence()); diff != "" {
			t.Errorf("Essence(%q): (-want +got)\n%s", tt.in, diff)
		}
	}
}

func TestParseMIMETypeFailures(t *testing.T) {
	tests := []struct{ in, reason string }{
		{"", "the type is empty"},
		{" \t ", "the type is empty"},
		{";charset=gbk", "the type is not a token"},
		{"/html", "the type is empty"},
		{"text", `there is no "/" after the type`},
		{"text/", "the subtype is empty"},
		{"text/;a=b", "the subtype is empty"},
		{"text/ ;a=b", "the subtype is empty"},
		{"te xt/html", "the type is not a token"},
		{"text/ht ml", "the subtype is not a token"},
		{"text/html\"", "the subtype is not a token"},
		{"\x0btext/html", "the type is not a token"},
		{"text/pla\u212a", "the subtype is not a token"},
		{"text/plain, application/json", "the subtype is not a token"},
		{"text/plain/x", "the subtype is not a token"},
	}
	for _, tt := range tests {
		got, err := ParseMIMEType(tt.in)
		if err == nil {
			t.Errorf("ParseMIMEType(%q) = %v, want an error", tt.in, got)
			continue
		}
		want := fmt.Sprintf("fetchspec: MIME type %q: %s", tt.in, tt.reason)
		if diff := cmp.Diff(want, err.Error()); diff != "" {
			t.Errorf("ParseMIMEType(%q) error: (-want +got)\n%s", tt.in, diff)
		}
	}
}

func TestMIMETypeString(t *testing.T) {
	tests := []struct {
		m    MIMEType
		want string
	}{
		{mt("text", "plain"), "text/plain"},
		{mt("a", "b", "x", ""), `a/b;x=""`},
		{mt("a", "b", "x", `"\`), `a/b;x="\"\\"`},
		{mt("a", "b", "x", "y z", "q", "1"), `a/b;x="y z";q=1`},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.m.String()); diff != "" {
			t.Errorf("%#v.String(): (-want +got)\n%s", tt.m, diff)
		}
	}
}

func TestParseMIMETypeManyParameters(t *testing.T) {
	// More parameters than the parser scans for duplicates, with repeats after the switch to a set.
	var in strings.Builder
	in.WriteString("text/plain")
	want := mt("text", "plain")
	for i := range 40 {
		name := fmt.Sprintf("p%d", i%30)
		fmt.Fprintf(&in, ";%s=%d", strings.ToUpper(name), i)
		if i < 30 {
			want.Parameters = append(want.Parameters, MIMEParameter{name, fmt.Sprint(i)})
		}
	}
	got, err := ParseMIMEType(in.String())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}
