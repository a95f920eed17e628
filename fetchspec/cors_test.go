package fetchspec

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCORSCheck(t *testing.T) {
	const o = "https://foo.invalid"
	acao := func(vs ...string) HeaderList {
		var l HeaderList
		for _, v := range vs {
			l = append(l, Header{"Access-Control-Allow-Origin", v})
		}
		return l
	}
	withACAC := func(l HeaderList, vs ...string) HeaderList {
		for _, v := range vs {
			l = append(l, Header{"Access-Control-Allow-Credentials", v})
		}
		return l
	}
	tests := []struct {
		desc   string
		resp   HeaderList
		origin string
		cred   bool
		want   CORSCheckFailure
	}{
		{"wildcard", acao("*"), o, false, CORSCheckOK},
		{"wildcard ACAC ignored", withACAC(acao("*"), "true"), o, false, CORSCheckOK},
		{"exact", acao(o), o, false, CORSCheckOK},
		{"header name case", HeaderList{{"access-control-allow-origin", o}}, o, false, CORSCheckOK},
		{"absent", nil, o, false, MissingAllowOrigin},
		{"other headers only", HeaderList{{"Access-Control-Allow-Credentials", "true"}}, o, true, MissingAllowOrigin},
		{"kelvin in name", HeaderList{{"Access-Control-Allow-Origin\u212a", o}}, o, false, MissingAllowOrigin},
		{"trailing slash", acao(o + "/"), o, false, AllowOriginMismatch},
		{"case", acao("https://FOO.invalid"), o, false, AllowOriginMismatch},
		{"default port", acao("https://foo.invalid:443"), o, false, AllowOriginMismatch},
		{"inner space", acao("https:// foo.invalid"), o, false, AllowOriginMismatch},
		{"untrimmed", acao(" " + o), o, false, AllowOriginMismatch},
		{"other origin", acao("https://bar.invalid"), o, false, AllowOriginMismatch},
		{"empty", acao(""), o, false, AllowOriginMismatch},
		{"null vs real origin", acao("null"), o, false, AllowOriginMismatch},
		{"null vs null", acao("null"), "null", false, CORSCheckOK},
		{"NULL vs null", acao("NULL"), "null", false, AllowOriginMismatch},
		{"wildcard for null", acao("*"), "null", false, CORSCheckOK},
		{"two lines", acao(o, o), o, false, MultipleAllowOrigin},
		{"two wildcard lines", acao("*", "*"), o, false, MultipleAllowOrigin},
		{"two lines credentialed", withACAC(acao(o, o), "true"), o, true, MultipleAllowOrigin},
		{"star comma star", acao("*, *"), o, false, MultipleAllowOrigin},
		{"origin comma star", acao(o + ", *"), o, false, MultipleAllowOrigin},
		{"nginx space list", acao("https://a.invalid " + o), o, false, MultipleAllowOrigin},
		{"comma no space", acao(o + "," + o), o, false, MultipleAllowOrigin},
		{"origin comma junk", acao(o + ", foo"), o, false, AllowOriginMismatch},
		{"wildcard credentialed", withACAC(acao("*"), "true"), o, true, WildcardOriginWithCredentials},
		{"credentialed ok", withACAC(acao(o), "true"), o, true, CORSCheckOK},
		{"ACAC True", withACAC(acao(o), "True"), o, true, AllowCredentialsNotTrue},
		{"ACAC absent", acao(o), o, true, AllowCredentialsNotTrue},
		{"ACAC true, true", withACAC(acao(o), "true, true"), o, true, AllowCredentialsNotTrue},
		{"ACAC two lines", withACAC(acao(o), "true", "true"), o, true, AllowCredentialsNotTrue},
		{"ACAC padded", withACAC(acao(o), " true"), o, true, AllowCredentialsNotTrue},
		{"ACAC empty", withACAC(acao(o), ""), o, true, AllowCredentialsNotTrue},
		{"credentialed mismatch", withACAC(acao("https://bar.invalid"), "true"), o, true, AllowOriginMismatch},
		// A host may hold a comma; an exact match is still a match.
		{"comma in origin", acao("https://a,b.invalid"), "https://a,b.invalid", false, CORSCheckOK},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, CORSCheck(tt.resp, tt.origin, tt.cred)); diff != "" {
			t.Errorf("%s: (-want +got)\n%s", tt.desc, diff)
		}
	}
}

func TestCORSExposedHeaderNameList(t *testing.T) {
	resp := HeaderList{
		{"Content-Type", "text/plain"},
		{"X-A", "1"},
		{"x-a", "2"},
		{"X-B", "3"},
		{"Set-Cookie", "a=b"},
	}
	with := func(vs ...string) HeaderList {
		l := resp.Clone()
		for _, v := range vs {
			l = append(l, Header{"Access-Control-Expose-Headers", v})
		}
		return l
	}
	tests := []struct {
		desc    string
		resp    HeaderList
		cred    bool
		want    []string
		wantErr bool
	}{
		{"absent", resp, false, nil, false},
		{"listed", with("X-A"), false, []string{"X-A"}, false},
		{"listed keeps case and order", with("x-b, X-A", "Set-Cookie"), true, []string{"x-b", "X-A", "Set-Cookie"}, false},
		{"empty", with(""), false, []string{}, false},
		{"wildcard", with("*"), false, []string{"Content-Type", "X-A", "X-B", "Set-Cookie", "Access-Control-Expose-Headers"}, false},
		{"wildcard among others", with("X-A, *"), false, []string{"Content-Type", "X-A", "X-B", "Set-Cookie", "Access-Control-Expose-Headers"}, false},
		{"wildcard credentialed", with("*"), true, []string{"*"}, false},
		{"unparsable", with(`"X-A"`), false, nil, true},
		{"unparsable second line", with("X-A", "X B"), false, nil, true},
	}
	for _, tt := range tests {
		got, err := CORSExposedHeaderNameList(tt.resp, tt.cred)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: (-want +got)\n%s", tt.desc, diff)
		}
		var ee *ExtractError
		if (err != nil) != tt.wantErr || err != nil && !errors.As(err, &ee) {
			t.Errorf("%s: err = %v, want error %v (an *ExtractError)", tt.desc, err, tt.wantErr)
		}
	}
}

func TestFilteredHeaderNames(t *testing.T) {
	resp := HeaderList{
		{"Content-Type", "text/plain"},
		{"content-length", "3"},
		{"X-A", "1"},
		{"x-a", "2"},
		{"X-B", "3"},
		{"Set-Cookie", "a=b"},
		{"SET-COOKIE2", "c"},
		{"Cache-Control", "no-store"},
		{"*", "star"},
	}
	if diff := cmp.Diff([]string{"*", "cache-control", "content-length", "content-type", "x-a", "x-b"},
		BasicFilteredHeaderNames(resp)); diff != "" {
		t.Errorf("BasicFilteredHeaderNames: (-want +got)\n%s", diff)
	}
	if got := BasicFilteredHeaderNames(HeaderList{{"Set-Cookie", "x"}}); got != nil {
		t.Errorf("BasicFilteredHeaderNames(only Set-Cookie) = %q, want nil", got)
	}
	many := make([]string, 0, 20)
	for i := 0; i < 20; i++ {
		many = append(many, "x-"+string(rune('c'+i)))
	}
	tests := []struct {
		desc    string
		exposed []string
		want    []string
	}{
		{"nothing exposed", nil, []string{"cache-control", "content-length", "content-type"}},
		{"X-A", []string{"x-A"}, []string{"cache-control", "content-length", "content-type", "x-a"}},
		{"cookies never", []string{"Set-Cookie", "set-cookie2"}, []string{"cache-control", "content-length", "content-type"}},
		{"literal star", []string{"*"}, []string{"*", "cache-control", "content-length", "content-type"}},
		{"all names (from ACEH *)", uniqueHeaderNames(resp), []string{"*", "cache-control", "content-length", "content-type", "x-a", "x-b"}},
		{"long list", append(many, "X-B", "SET-COOKIE"), []string{"cache-control", "content-length", "content-type", "x-b"}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, CORSFilteredHeaderNames(resp, tt.exposed)); diff != "" {
			t.Errorf("CORSFilteredHeaderNames %s: (-want +got)\n%s", tt.desc, diff)
		}
	}
	if got := CORSFilteredHeaderNames(HeaderList{{"X-A", "1"}}, nil); got != nil {
		t.Errorf("CORSFilteredHeaderNames(nothing readable) = %q, want nil", got)
	}
}
