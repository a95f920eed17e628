package browser

import "strings"

// Small constructors the corpus files share, so a case reads as what the server answers and
// what the page asks, not as struct plumbing.

// apiX is the URL most calls use: path /x of the case on the api origin.
const apiX = "{api}{case}/x"

// urlAt is the URL of path (such as "/x") of the current case on a lab origin ("api", "api2",
// "host", "page", "down").
func urlAt(origin, path string) string { return "{" + origin + "}{case}" + path }

// hdr is one header line.
func hdr(name, value string) [2]string { return [2]string{name, value} }

// The CORS response headers, one line each.
func acao(v string) [2]string      { return hdr("Access-Control-Allow-Origin", v) }
func acac(v string) [2]string      { return hdr("Access-Control-Allow-Credentials", v) }
func acam(v string) [2]string      { return hdr("Access-Control-Allow-Methods", v) }
func acah(v string) [2]string      { return hdr("Access-Control-Allow-Headers", v) }
func aceh(v string) [2]string      { return hdr("Access-Control-Expose-Headers", v) }
func maxAge(v string) [2]string    { return hdr("Access-Control-Max-Age", v) }
func hLocation(v string) [2]string { return hdr("Location", v) }

// allowPage is the ACAO line naming the runner page's origin.
var allowPage = acao("{page}")

// on answers every method (that has no route of its own) at path on the api origin.
func on(path string, status int, h ...[2]string) Route {
	return Route{Path: path, Status: status, Header: h}
}

// onAt is on for another lab origin.
func onAt(origin, path string, status int, h ...[2]string) Route {
	return Route{Origin: origin, Path: path, Status: status, Header: h}
}

// onOptions answers preflights (OPTIONS) at path on the api origin.
func onOptions(path string, status int, h ...[2]string) Route {
	return Route{Method: "OPTIONS", Path: path, Status: status, Header: h}
}

// onMethod answers one method at path on the api origin.
func onMethod(method, path string, status int, h ...[2]string) Route {
	return Route{Method: method, Path: path, Status: status, Header: h}
}

// redirectTo answers every method at path with a redirect to location (placeholders allowed),
// the 3xx itself carrying extra (usually an ACAO line).
func redirectTo(origin, path string, status int, loc string, extra ...[2]string) Route {
	h := append([][2]string{hLocation(loc)}, extra...)
	return Route{Origin: origin, Path: path, Status: status, Header: h}
}

// preflightOK is the usual preflighted server at /x: OPTIONS answers 204 with ACAO {page}, the
// given ACAM and ACAH (each omitted when ""), and extra; every other method answers 200 with
// ACAO {page} (and ACAC true when extra carries an ACAC line).
func preflightOK(methods, headers string, extra ...[2]string) []Route {
	pre := [][2]string{allowPage}
	if methods != "" {
		pre = append(pre, acam(methods))
	}
	if headers != "" {
		pre = append(pre, acah(headers))
	}
	pre = append(pre, extra...)
	actual := [][2]string{allowPage}
	for _, kv := range extra {
		if strings.EqualFold(kv[0], "Access-Control-Allow-Credentials") {
			actual = append(actual, kv)
		}
	}
	return []Route{onOptions("/x", 204, pre...), on("/x", 200, actual...)}
}

// routeSet concatenates route groups.
func routeSet(groups ...[]Route) []Route {
	var out []Route
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

// fetchURL is a call of fetch(url) with no options.
func fetchURL(url string) Call { return Call{URL: url} }

// fetchX is a call to {api}{case}/x with a method ("" for the default GET) and request headers.
func fetchX(method string, h ...[2]string) Call {
	return Call{URL: apiX, Method: method, Header: h}
}

// Modifiers of a call, chained: fetchX("PUT").cred("include").after(3000).
func (c Call) cred(v string) Call      { c.Credentials = v; return c }
func (c Call) mode(v string) Call      { c.Mode = v; return c }
func (c Call) redir(v string) Call     { c.Redirect = v; return c }
func (c Call) cacheMode(v string) Call { c.Cache = v; return c }
func (c Call) body(kind string) Call   { c.Body = kind; return c }
func (c Call) after(ms int) Call       { c.PauseMS = ms; return c }
func (c Call) to(url string) Call      { c.URL = url; return c }
func (c Call) answers(rs ...Route) Call {
	c.Routes = append(append([]Route{}, c.Routes...), rs...)
	return c
}

// repeatCall repeats a call n times.
func repeatCall(n int, c Call) []Call {
	out := make([]Call, n)
	for i := range out {
		out[i] = c
	}
	return out
}

// callSeq concatenates calls and call groups.
func callSeq(parts ...any) []Call {
	var out []Call
	for _, p := range parts {
		switch v := p.(type) {
		case Call:
			out = append(out, v)
		case []Call:
			out = append(out, v...)
		default:
			panic("callSeq: not a Call or []Call")
		}
	}
	return out
}

// padTo returns s followed by enough copies of fill to make it n bytes long.
func padTo(s string, n int, fill string) string {
	for len(s) < n {
		s += fill
	}
	return s[:n]
}
