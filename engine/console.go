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
// Keys are reason codes, refined by a shape of the offending value where browsers word
// those differently: "<reason>/repeated" (the header came in several lines), "/multiple" (the
// value holds a space or comma), "/null", "/invalid" (not a URL), "/empty"; and prefixed with
// "preflight:" for a failure of the preflight. The most specific key present wins.
//
// Template variables: {url} (the URL that failed), {initial} (the URL fetch() was called
// with), {redirected} (Chromium's "(redirected from '…') " when the two differ, else empty),
// {origin} (the request origin at the failure, "null" once tainted), {page} (the page's
// origin), {status}, {value} (the offending header value), {method}, {header}, {location}.
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
	if res.Outcome != NetworkError || p.Console.Messages == nil {
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
		"{method}", b.Method, "{header}", b.Header, "{location}", b.Location)
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
	if b.Lines > 1 {
		shapes = append(shapes, "/repeated")
	}
	switch v := b.Value; {
	case v == "":
		shapes = append(shapes, "/empty")
	case strings.ContainsAny(v, " ,"):
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
