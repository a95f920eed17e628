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
// A failure's lines are looked up by its reason, refined by the situation where browsers word
// those differently (see [Situation]: the most specific one present in the table wins), and
// first as a failure of the preflight when it was one. Warnings of successful fetches are looked
// up by their code.
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
	// Messages maps a key to the lines printed for it; an empty list means the browser prints
	// nothing.
	Messages map[ConsoleKey][]string
	// Unobservable marks a console this project could not read from the running browser, so
	// its messages come from the browser's source and are not checked by the harness.
	Unobservable bool
}

// ConsoleKey names the failure (or warning) a console message is for: exactly one of Reason
// and Warning is set; Preflight and Situation refine a reason.
type ConsoleKey struct {
	Reason    Reason
	Warning   Warning
	Preflight bool      // the failure was the preflight's
	Situation Situation // "" for any situation
}

// Situation refines a failure where browsers word it differently. Lookups try the situations
// that apply in this order, then none: the scheme of the location or URL ([SchemeSituation]),
// FollowingRedirect, RedirectResponse, AfterRedirect, NoCORSMode, RepeatedLines, then the shape
// of the offending value (CommaInValue, MultipleValues, NullValue, InvalidValue, EmptyValue).
type Situation string

// The situations.
const (
	// FollowingRedirect: a redirect response failed its own check while redirects were being
	// followed.
	FollowingRedirect Situation = "following-redirect"
	// RedirectResponse: a redirect response, the preflight's included, failed a check.
	RedirectResponse Situation = "redirect-response"
	// AfterRedirect: the failing URL is not the one fetch() was called with.
	AfterRedirect Situation = "after-redirect"
	// NoCORSMode: the request's mode is "no-cors".
	NoCORSMode Situation = "no-cors"
	// RepeatedLines: the offending header came in several lines.
	RepeatedLines Situation = "repeated"
	// CommaInValue: the offending value holds a comma.
	CommaInValue Situation = "comma"
	// MultipleValues: the offending value holds a space or a comma.
	MultipleValues Situation = "multiple"
	// NullValue: the offending value is "null".
	NullValue Situation = "null"
	// InvalidValue: the offending value is not a URL.
	InvalidValue Situation = "invalid"
	// EmptyValue: the offending value is empty.
	EmptyValue Situation = "empty"
)

// SchemeSituation is the situation of a failure whose location (or URL) has the given scheme.
func SchemeSituation(scheme string) Situation { return Situation("scheme:" + scheme) }

// situations lists the situations other than schemes, for validation.
var situations = []Situation{FollowingRedirect, RedirectResponse, AfterRedirect, NoCORSMode, RepeatedLines,
	CommaInValue, MultipleValues, NullValue, InvalidValue, EmptyValue}

// String writes the key as the tables used to: "preflight:reason/situation" or "warning:code".
func (k ConsoleKey) String() string {
	if k.Warning != "" {
		return "warning:" + string(k.Warning)
	}
	s := string(k.Reason)
	if k.Preflight {
		s = "preflight:" + s
	}
	if k.Situation != "" {
		s += "/" + string(k.Situation)
	}
	return s
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
			for _, t := range p.Console.Messages[ConsoleKey{Warning: w}] {
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
	var shapes []Situation
	scheme := schemeOf(b.Location)
	if scheme == "" {
		scheme = schemeOf(b.URL)
	}
	if scheme != "" {
		shapes = append(shapes, SchemeSituation(scheme))
	}
	if b.FollowingRedirect {
		shapes = append(shapes, FollowingRedirect)
	}
	if b.RedirectResponse {
		shapes = append(shapes, RedirectResponse)
	}
	if b.InitialURL != "" && b.InitialURL != b.URL {
		shapes = append(shapes, AfterRedirect)
	}
	if b.Mode == ModeNoCORS {
		shapes = append(shapes, NoCORSMode)
	}
	if b.Lines > 1 {
		shapes = append(shapes, RepeatedLines)
	}
	switch v := b.Value; {
	case v == "":
		shapes = append(shapes, EmptyValue)
	case strings.ContainsAny(v, " ,"):
		if strings.Contains(v, ",") {
			shapes = append(shapes, CommaInValue)
		}
		shapes = append(shapes, MultipleValues)
	case v == "null":
		shapes = append(shapes, NullValue)
	default:
		if _, err := weburl.Parse(v); err != nil {
			shapes = append(shapes, InvalidValue)
		}
	}
	shapes = append(shapes, "")
	for _, preflight := range []bool{true, false} {
		if preflight && !b.Preflight {
			continue
		}
		for _, sh := range shapes {
			if t, ok := c.Messages[ConsoleKey{Reason: reason, Preflight: preflight, Situation: sh}]; ok {
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
