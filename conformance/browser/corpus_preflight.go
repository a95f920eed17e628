package browser

import (
	"fmt"
	"strconv"
)

// preflightCases vary the preflight response: its status (including redirects, which a
// preflight may not follow), its ACAO, and every spelling of Access-Control-Allow-Methods.
// Calls are PUTs (DELETE and FOO too for the ACAM lists), each repeated so the second shows
// whether the first left a cache entry.
func preflightCases() []Case {
	var out []Case
	// Status of the preflight, with ACAO {page} and ACAM PUT.
	for _, st := range []int{200, 204, 206, 299, 300, 301, 302, 303, 307, 308, 400, 401, 403, 404, 405, 500, 503} {
		h := [][2]string{allowPage, acam("PUT")}
		about := fmt.Sprintf("preflight answered %d with ACAO and ACAM PUT; PUT twice", st)
		if st >= 301 && st <= 308 {
			h = append(h, hLocation(urlAt("api", "/y")))
			about = fmt.Sprintf("preflight answered %d redirecting to /y (which would allow PUT); PUT twice", st)
		}
		out = append(out, Case{Name: "preflight-status-" + strconv.Itoa(st), About: about,
			Routes: []Route{onOptions("/x", st, h...), on("/x", 200, allowPage), onOptions("/y", 204, allowPage, acam("PUT")), on("/y", 200, allowPage)},
			Calls:  repeatCall(2, fetchX("PUT"))})
	}
	// Status of the preflight without ACAO: which error wins.
	for _, st := range []int{200, 204, 302, 404, 500} {
		h := [][2]string{acam("PUT")}
		if st == 302 {
			h = append(h, hLocation(urlAt("api", "/y")))
		}
		out = append(out, Case{Name: "preflight-no-acao-" + strconv.Itoa(st), About: fmt.Sprintf("preflight answered %d without ACAO; PUT", st),
			Routes: []Route{onOptions("/x", st, h...), on("/x", 200, allowPage), onOptions("/y", 204, allowPage, acam("PUT")), on("/y", 200, allowPage)},
			Calls:  []Call{fetchX("PUT")}})
	}
	// ACAO of the preflight.
	for _, v := range []struct{ name, about, value string }{
		{"star", "preflight ACAO *", "*"},
		{"null", "preflight ACAO null", "null"},
		{"trailing-slash", "preflight ACAO with a trailing slash", "{page}/"},
		{"two", "preflight ACAO with two origins", "{page}, {api}"},
	} {
		out = append(out, Case{Name: "preflight-acao-" + v.name, About: v.about + "; actual response ACAO {page}; PUT twice",
			Routes: []Route{onOptions("/x", 204, acao(v.value), acam("PUT")), on("/x", 200, allowPage)},
			Calls:  repeatCall(2, fetchX("PUT"))})
	}
	out = append(out,
		Case{Name: "preflight-acao-dup", About: "preflight with two ACAO lines naming the page; PUT",
			Routes: []Route{onOptions("/x", 204, allowPage, allowPage, acam("PUT")), on("/x", 200, allowPage)},
			Calls:  []Call{fetchX("PUT")}},
		Case{Name: "preflight-no-acam", About: "preflight with ACAO but no ACAM: PUT fails, then a POST with X-Foo (no method check) passes the method step",
			Routes: []Route{onOptions("/x", 204, allowPage, acah("X-Foo")), on("/x", 200, allowPage)},
			Calls:  []Call{fetchX("PUT"), fetchX("POST", hdr("X-Foo", "1")).body("text")}},
		Case{Name: "preflight-actual-fails", About: "the preflight passes, the actual PUT response lacks ACAO",
			Routes: []Route{onOptions("/x", 204, allowPage, acam("PUT")), on("/x", 200)},
			Calls:  []Call{fetchX("PUT")}},
		Case{Name: "preflight-actual-500", About: "the preflight passes, the actual PUT answers 500 with ACAO: resolves with 500",
			Routes: []Route{onOptions("/x", 204, allowPage, acam("PUT")), on("/x", 500, allowPage)},
			Calls:  []Call{fetchX("PUT")}},
	)
	// Access-Control-Allow-Methods spellings: PUT, then DELETE, then FOO.
	type acamVariant struct {
		name, about string
		h           [][2]string
	}
	for _, v := range []acamVariant{
		{"exact", "ACAM PUT", [][2]string{acam("PUT")}},
		{"lower", "ACAM put: methods match case-sensitively", [][2]string{acam("put")}},
		{"two", "ACAM \"PUT, DELETE\"", [][2]string{acam("PUT, DELETE")}},
		{"spaces", "ACAM \" PUT \"", [][2]string{acam(" PUT ")}},
		{"empty-item", "ACAM \"PUT,,DELETE\": an empty item", [][2]string{acam("PUT,,DELETE")}},
		{"leading-comma", "ACAM \", PUT\"", [][2]string{acam(", PUT")}},
		{"trailing-comma", "ACAM \"PUT,\"", [][2]string{acam("PUT,")}},
		{"star", "ACAM *: any method without credentials", [][2]string{acam("*")}},
		{"star-and-put", "ACAM \"*, PUT\"", [][2]string{acam("*, PUT")}},
		{"space-list", "ACAM \"PUT DELETE\": not a token list", [][2]string{acam("PUT DELETE")}},
		{"paren", "ACAM \"PU(T\": not a token", [][2]string{acam("PU(T")}},
		{"semicolon", "ACAM \"PUT;DELETE\"", [][2]string{acam("PUT;DELETE")}},
		{"dup-lines", "two ACAM lines, PUT and DELETE: they combine", [][2]string{acam("PUT"), acam("DELETE")}},
		{"dup-lines-bad", "two ACAM lines, PUT and PU(T: the combined list has an invalid token", [][2]string{acam("PUT"), acam("PU(T")}},
		{"get-post", "ACAM \"GET, POST\": neither PUT nor DELETE", [][2]string{acam("GET, POST")}},
		{"empty", "ACAM present and empty", [][2]string{acam("")}},
	} {
		out = append(out, Case{Name: "acam-" + v.name, About: v.about + "; PUT, DELETE, FOO",
			Routes: []Route{onOptions("/x", 204, append([][2]string{allowPage}, v.h...)...), on("/x", 200, allowPage)},
			Calls:  []Call{fetchX("PUT"), fetchX("DELETE"), fetchX("FOO")}})
	}
	out = append(out,
		Case{Name: "acam-star-cred", About: "ACAM * with credentials: * is a literal method name then; PUT with credentials, then without",
			Routes: preflightOK("*", "", acac("true")),
			Calls:  []Call{fetchX("PUT").cred("include"), fetchX("PUT").cred("omit")}},
		Case{Name: "acam-star-put-cred", About: "ACAM \"*, PUT\" with credentials: PUT allowed by name, DELETE not",
			Routes: preflightOK("*, PUT", "", acac("true")),
			Calls:  []Call{fetchX("PUT").cred("include"), fetchX("DELETE").cred("include")}},
	)
	return out
}
