package engine

import "slices"

// words are the plain-language sentences of a failure: what was decided and why (text), and
// what to change so the fetch succeeds (fix). They are made in tracetext.go.
type words struct{ text, fix string }

// note appends a passing step to the trace. Callers check r.tracing first, so the fast path
// formats nothing.
func (r *run) note(anchor, text string) { r.noteExchange(anchor, text, -1) }

// noteExchange appends a passing step about the exchange at index exchange.
func (r *run) noteExchange(anchor, text string, exchange int) {
	r.res.Trace = append(r.res.Trace, Step{Anchor: anchor, Text: text, Exchange: exchange})
}

// fail records the failure that ends the fetch, with the facts browsers print about it, and
// returns a network error.
func (r *run) fail(reason Reason, anchor string, exchange int, w words) response {
	r.res.Reason, r.res.Fix = reason, w.fix
	if len(r.urlList) > 0 {
		b := &r.res.Blocked
		b.URL, b.InitialURL = r.cur().noFrag, r.urlList[0].noFrag
		b.Mode = r.mode
		b.Origin, b.PageOrigin = r.failingOrigin(), r.originSerialization
		if r.page != nil {
			b.Document = r.page.StringWithoutFragment()
		}
		if exchange >= 0 && exchange < len(r.res.Exchanges) {
			e := r.res.Exchanges[exchange]
			b.Preflight = e.Kind == ExchangePreflight
			b.Status = e.Response.Status
		}
	}
	if r.tracing {
		r.res.Trace = append(r.res.Trace, Step{Anchor: anchor, Text: w.text, Failed: true, Reason: reason, Fix: w.fix, Exchange: exchange})
	}
	return networkError
}

// typeError records a TypeError thrown while the request is built, and returns false.
func (r *run) typeError(reason Reason, anchor string, w words) bool {
	r.fail(reason, anchor, -1, w)
	return false
}

// warn records a warning once per fetch.
func (r *run) warn(w Warning) {
	if slices.Contains(r.res.Warnings, w) {
		return
	}
	if r.res.Warnings == nil {
		r.res.Warnings = r.mem.warnings[:0]
	}
	r.res.Warnings = append(r.res.Warnings, w)
}
