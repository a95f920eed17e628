package engine

import (
	"strconv"
	"strings"
)

// Console is how a browser reports a blocked fetch to the page's developer: the lines it prints
// in the console and the TypeError fetch() rejects with. Messages are templates filled from the
// result's Blocked facts, so one table per browser covers every failure.
//
// Template variables: {url} (the URL that failed), {initial} (the URL fetch() was called
// with), {redirected} (Chromium's "(redirected from '…') " when the two differ, else empty),
// {origin} (the request origin at the failure, "null" once tainted), {page} (the page's
// origin), {status}, {value} (the offending header value), {method}, {header}, {location}.
type Console struct {
	// Rejection is String(error) for the TypeError of a network error.
	Rejection string
	// Messages maps a reason code to the lines printed for it. A key "preflight:<reason>" is
	// used instead when the preflight failed, for browsers that word those differently.
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
	tmpl, ok := p.Console.Messages["preflight:"+string(res.Reason)]
	if !ok || !b.Preflight {
		tmpl, ok = p.Console.Messages[string(res.Reason)]
	}
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
