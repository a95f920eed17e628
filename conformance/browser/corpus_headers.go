package browser

import "strings"

// headerCases vary Access-Control-Allow-Headers against requests carrying non-safelisted
// headers. Every case makes the same request twice, so the second shows whether the first
// preflight was cached for these headers.
func headerCases() []Case {
	xfoo := [][2]string{hdr("X-Foo", "1")}
	both := [][2]string{hdr("X-Foo", "1"), hdr("X-Bar", "2")}
	auth := [][2]string{hdr("Authorization", "Bearer t")}
	type variant struct {
		name, about string
		allow       [][2]string // preflight lines besides ACAO {page}
		req         [][2]string
		cred        bool
	}
	vs := []variant{
		{"exact", "ACAH X-Foo for X-Foo", [][2]string{acah("X-Foo")}, xfoo, false},
		{"lower", "ACAH x-foo for X-Foo: names match case-insensitively", [][2]string{acah("x-foo")}, xfoo, false},
		{"upper", "ACAH X-FOO for X-Foo", [][2]string{acah("X-FOO")}, xfoo, false},
		{"other", "ACAH X-Bar for X-Foo", [][2]string{acah("X-Bar")}, xfoo, false},
		{"star", "ACAH * for X-Foo", [][2]string{acah("*")}, xfoo, false},
		{"star-cred", "ACAH * with credentials: * is a literal name, X-Foo is not allowed", [][2]string{acah("*"), acac("true")}, xfoo, true},
		{"star-and-name-cred", "ACAH \"*, X-Foo\" with credentials: X-Foo allowed by name", [][2]string{acah("*, X-Foo"), acac("true")}, xfoo, true},
		{"list-spaces", "ACAH \"  X-Foo ,  X-Bar  \" for X-Foo and X-Bar", [][2]string{acah("  X-Foo ,  X-Bar  ")}, both, false},
		{"list-partial", "ACAH X-Foo for X-Foo and X-Bar", [][2]string{acah("X-Foo")}, both, false},
		{"dup-lines", "two ACAH lines, X-Foo and X-Bar, for both", [][2]string{acah("X-Foo"), acah("X-Bar")}, both, false},
		{"invalid-space", "ACAH \"X Foo\": not a token", [][2]string{acah("X Foo")}, xfoo, false},
		{"invalid-paren", "ACAH \"X-Foo, X(Bar\": one invalid token spoils the list", [][2]string{acah("X-Foo, X(Bar")}, xfoo, false},
		{"empty", "ACAH present and empty", [][2]string{acah("")}, xfoo, false},
		{"empty-items", "ACAH \",X-Foo,,\"", [][2]string{acah(",X-Foo,,")}, xfoo, false},
		{"auth-star", "Authorization against ACAH *: * does not cover Authorization in the spec", [][2]string{acah("*")}, auth, false},
		{"auth-star-cred", "Authorization against ACAH * with credentials", [][2]string{acah("*"), acac("true")}, auth, true},
		{"auth-named", "Authorization listed explicitly", [][2]string{acah("Authorization")}, auth, false},
		{"auth-named-cred", "Authorization listed explicitly, with credentials", [][2]string{acah("authorization"), acac("true")}, auth, true},
		{"auth-star-and-name", "ACAH \"*, Authorization\" for Authorization and X-Foo", [][2]string{acah("*, Authorization")}, append([][2]string{hdr("X-Foo", "1")}, auth...), false},
		{"json-missing", "X-Foo plus Content-Type application/json against ACAH X-Foo: content-type is missing", [][2]string{acah("X-Foo")}, [][2]string{hdr("X-Foo", "1"), hdr("Content-Type", "application/json")}, false},
		{"json-listed", "X-Foo plus Content-Type application/json against ACAH \"X-Foo, Content-Type\"", [][2]string{acah("X-Foo, Content-Type")}, [][2]string{hdr("X-Foo", "1"), hdr("Content-Type", "application/json")}, false},
		{"json-star", "Content-Type application/json against ACAH *", [][2]string{acah("*")}, [][2]string{hdr("Content-Type", "application/json")}, false},
		{"long-accept", "a 129-byte Accept (unsafe) against ACAH Accept", [][2]string{acah("Accept")}, [][2]string{hdr("Accept", strings.Repeat("a", 129))}, false},
		{"suffix-range", "Range bytes=-5 (unsafe) against ACAH Range", [][2]string{acah("Range")}, [][2]string{hdr("Range", "bytes=-5")}, false},
		{"mixed-case-request", "request header name x-FoO against ACAH X-FOO", [][2]string{acah("X-FOO")}, [][2]string{hdr("x-FoO", "1")}, false},
		{"many", "five custom headers, all listed", [][2]string{acah("X-A, X-B, X-C, X-D, X-E")}, [][2]string{hdr("X-E", "5"), hdr("X-D", "4"), hdr("X-C", "3"), hdr("X-B", "2"), hdr("X-A", "1")}, false},
	}
	var out []Case
	for _, v := range vs {
		pre := append([][2]string{allowPage, acam("PUT")}, v.allow...)
		actual := [][2]string{allowPage}
		c := fetchX("", v.req...)
		if v.cred {
			actual = append(actual, acac("true"))
			c = c.cred("include")
		}
		out = append(out, Case{Name: "acah-" + v.name, About: v.about + "; the same GET twice",
			Routes: []Route{onOptions("/x", 204, pre...), on("/x", 200, actual...)},
			Calls:  repeatCall(2, c)})
	}
	return out
}
