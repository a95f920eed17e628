package engine

import (
	"strconv"
	"strings"

	"github.com/corsim/corsim/weburl"
)

// Console is how a browser reports a blocked fetch to the page's developer: the lines it prints
// in the console and the TypeError fetch() rejects with. Messages are templates filled from the
// result's Blocked facts, so one table per browser covers every failure.
//
// Keys are reason codes, refined by a shape of the failure where browsers word those
// differently, tried in this order: "<reason>/scheme:<scheme>" (the scheme of the location, or
// of the URL), "/following-redirect" (a redirect response failed its own check while redirects
// were being followed), "/redirect-response" (a redirect response, the preflight's included,
// failed a check),
// "/after-redirect" (the failing URL is not the one fetch() was called with), "/no-cors" (the
// request's mode), "/repeated" (the header came in several lines), "/comma" (the value holds a
// comma), "/multiple" (a space or comma), "/null", "/invalid" (not a URL), "/empty"; each with
// the prefix "preflight:" first for a failure of the preflight. The first key present wins.
// Warnings of successful fetches use "warning:<code>".
//
// Template variables: {url} (the URL that failed), {initial} (the URL fetch() was called
// with), {redirected} (Chromium's "(redirected from '…') " when the two differ, else empty),
// {origin} (the request origin at the failure, "null" once tainted), {page} (the page's
// origin), {status}, {value} (the offending header value), {token} (its first invalid item),
// {method}, {header} (lowercase), {header-as-sent}, {location}, {location-without-userinfo},
// {host} (the host name of {url}, without port), {document} (the page's URL).
type Console struct {
	// Rejection is String(error) for the TypeError of a network error.
	Rejection string
	// Messages maps a key (see above) to the lines printed for it; an empty list means the
	// browser prints nothing.
	Messages map[string][]string
	// Unobservable marks a console this project could not read from the running browser, so
	// its messages come from the browser's source and are not checked by the harness.
	Unobservable bool
}

// ConsoleMessages returns the lines the profile's browser prints in the console for a fetch
// that ended in res, or nil when it prints none (success, TypeErrors thrown before anything is
// sent, or a reason the profile has no message for).
func (p Profile) ConsoleMessages(res Result) []string {
	if p.Console.Messages == nil {
		return nil
	}
	if res.Outcome == OK {
		var out []string
		for _, w := range res.Warnings {
			for _, t := range p.Console.Messages["warning:"+string(w)] {
				out = append(out, strings.ReplaceAll(t, "{url}", res.Response.URL))
			}
		}
		return out
	}
	if res.Outcome != NetworkError {
		return nil
	}
	b := res.Blocked
	tmpl, ok := p.Console.lookup(res.Reason, b)
	if !ok {
		return nil
	}
	redirected := ""
	if b.InitialURL != "" && b.InitialURL != b.URL {
		redirected = "(redirected from '" + b.InitialURL + "') "
	}
	status := ""
	if b.Status != 0 {
		status = strconv.Itoa(b.Status)
	}
	r := strings.NewReplacer("{url}", b.URL, "{initial}", b.InitialURL, "{redirected}", redirected,
		"{origin}", b.Origin, "{page}", b.PageOrigin, "{status}", status, "{value}", b.Value,
		"{method}", b.Method, "{header}", b.Header, "{header-as-sent}", b.HeaderAsSent,
		"{token}", b.Token, "{location}", b.Location, "{location-without-userinfo}", withoutUserinfo(b.Location),
		"{host}", hostOf(b.URL), "{document}", b.Document)
	out := make([]string, len(tmpl))
	for i, t := range tmpl {
		out[i] = r.Replace(t)
	}
	return out
}

// RejectionMessage is String(error) in the page when fetch() rejects after a network error
// under this profile ("" when the profile does not say).
func (p Profile) RejectionMessage() string { return p.Console.Rejection }

// lookup finds the most specific template for a failure.
func (c Console) lookup(reason Reason, b Blocked) ([]string, bool) {
	var shapes []string
	scheme := schemeOf(b.Location)
	if scheme == "" {
		scheme = schemeOf(b.URL)
	}
	if scheme != "" {
		shapes = append(shapes, "/scheme:"+scheme)
	}
	if b.FollowingRedirect {
		shapes = append(shapes, "/following-redirect")
	}
	if b.RedirectResponse {
		shapes = append(shapes, "/redirect-response")
	}
	if b.InitialURL != "" && b.InitialURL != b.URL {
		shapes = append(shapes, "/after-redirect")
	}
	if b.Mode == ModeNoCORS {
		shapes = append(shapes, "/no-cors")
	}
	if b.Lines > 1 {
		shapes = append(shapes, "/repeated")
	}
	switch v := b.Value; {
	case v == "":
		shapes = append(shapes, "/empty")
	case strings.ContainsAny(v, " ,"):
		if strings.Contains(v, ",") {
			shapes = append(shapes, "/comma")
		}
		shapes = append(shapes, "/multiple")
	case v == "null":
		shapes = append(shapes, "/null")
	default:
		if _, err := weburl.Parse(v); err != nil {
			shapes = append(shapes, "/invalid")
		}
	}
	shapes = append(shapes, "")
	var prefixes []string
	if b.Preflight {
		prefixes = append(prefixes, "preflight:")
	}
	prefixes = append(prefixes, "")
	for _, pre := range prefixes {
		for _, sh := range shapes {
			if t, ok := c.Messages[pre+string(reason)+sh]; ok {
				return t, true
			}
		}
	}
	return nil, false
}

func schemeOf(u string) string {
	s, _, ok := strings.Cut(u, ":")
	if !ok || strings.ContainsAny(s, "/?#") {
		return ""
	}
	return strings.ToLower(s)
}

func hostOf(u string) string {
	_, rest, ok := strings.Cut(u, "://")
	if !ok {
		return ""
	}
	host, _, _ := strings.Cut(rest, "/")
	if i := strings.LastIndexByte(host, '@'); i >= 0 {
		host = host[i+1:]
	}
	if strings.HasPrefix(host, "[") {
		if i := strings.IndexByte(host, ']'); i >= 0 {
			return host[:i+1]
		}
	}
	if i := strings.LastIndexByte(host, ':'); i >= 0 {
		host = host[:i]
	}
	return host
}

// withoutUserinfo drops "user:pass@" from an absolute URL.
func withoutUserinfo(u string) string {
	scheme, rest, ok := strings.Cut(u, "://")
	if !ok {
		return u
	}
	authority, path, _ := strings.Cut(rest, "/")
	if i := strings.LastIndexByte(authority, '@'); i >= 0 {
		authority = authority[i+1:]
	}
	if path != "" || strings.Contains(rest, "/") {
		return scheme + "://" + authority + "/" + path
	}
	return scheme + "://" + authority
}
