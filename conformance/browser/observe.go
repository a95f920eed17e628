package browser

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/corsim/corsim/engine"
)

// Observation is what the harness compares for one call: the requests the servers received,
// and what fetch() gave the page.
type Observation struct {
	ID string `json:"id"`
	// Requests are the scenario requests, in the order the servers received them.
	Requests []SeenRequest `json:"requests"`
	// Outcome is "ok" (fetch() resolved) or "rejected".
	Outcome    string   `json:"outcome"`
	Status     int      `json:"status"`
	Type       string   `json:"type"`
	Redirected bool     `json:"redirected"`
	URL        string   `json:"url"`
	Headers    []string `json:"headers"`
	// Error is the rejection's text (String(error) in the page).
	Error string `json:"error,omitempty"`
	// Console holds the console messages printed during the call, where the browser's are
	// readable; nil otherwise.
	Console []string `json:"console,omitempty"`
	// At is when the call started, from the first call's start.
	At time.Duration `json:"at"`
	// API is what an initiator other than fetch() exposed to the page; nil for fetch().
	// Diff does not compare it yet: the engine speaks in fetch()'s terms only.
	API *APIResult `json:"api,omitempty"`
}

// observations files what the lab recorded, and the console messages, under each call.
// Messages go to the call whose marker precedes them, or, for a browser that stamps its
// messages with the time instead of echoing the page's markers, to the last call announced
// before the message's time.
func (l *Lab) observations(console []ConsoleLine) ([]Observation, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	byID := map[string][]string{}
	cur := ""
	for _, m := range console {
		if !m.At.IsZero() {
			at := m.At.UnixMilli()
			id := ""
			for _, cid := range l.order {
				if l.calls[cid].wall.UnixMilli() <= at {
					id = cid
				}
			}
			if id != "" {
				byID[id] = append(byID[id], m.Text)
			}
			continue
		}
		if id, ok := strings.CutPrefix(m.Text, "corsim-call "); ok {
			cur = id
			continue
		}
		if cur != "" {
			byID[cur] = append(byID[cur], m.Text)
		}
	}
	var out []Observation
	for _, c := range l.corpus {
		for i := range c.Calls {
			id := CallID(c, i)
			t, ok := l.calls[id]
			if !ok || t.result == nil {
				return out, fmt.Errorf("call %s: the page did not report it", id)
			}
			r := t.result
			reqs := make([]SeenRequest, len(t.requests))
			for j, r := range t.requests {
				r.Origin = l.Contract(r.Origin)
				reqs[j] = r
			}
			o := Observation{ID: id, Requests: reqs, Status: r.Status, Type: r.Type,
				Redirected: r.Redirected, URL: l.Contract(r.URL), Headers: sortedLower(r.Headers), At: t.at,
				API: r.API.contract(l)}
			if r.OK {
				o.Outcome = "ok"
			} else {
				o.Outcome = "rejected"
				o.Error = l.Contract(r.Error)
			}
			if console != nil {
				o.Console = []string{}
				for _, m := range byID[id] {
					o.Console = append(o.Console, l.Contract(m))
				}
			}
			out = append(out, o)
		}
	}
	return out, nil
}

func sortedLower(names []string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		out = append(out, strings.ToLower(n))
	}
	sort.Strings(out)
	return out
}

// Replay runs the corpus through the engine with profile p as the browser ran it: the same
// calls in the same order on one session, the virtual clock moved to when each call started
// in the browser's run, the lab's own answers.
func (l *Lab) Replay(p engine.Profile, browserRun []Observation) []Observation {
	at := map[string]time.Duration{}
	for _, o := range browserRun {
		at[o.ID] = o.At
	}
	b := engine.NewBrowser(p)
	start := b.Now()
	var out []Observation
	for _, c := range l.corpus {
		for i, call := range c.Calls {
			id := CallID(c, i)
			if d, ok := at[id]; ok {
				b.Advance(start.Add(d).Sub(b.Now()))
			}
			req := engine.Request{Origin: l.origins[Page], URL: l.Expand(c, call.URL), Method: call.Method,
				Headers: headerList(call.Header, func(s string) string { return l.Expand(c, s) }),
				Mode:    engine.Mode(call.Mode), Credentials: engine.Credentials(call.Credentials),
				Redirect: engine.Redirect(call.Redirect), Cache: engine.CacheMode(call.Cache),
				Body: engine.Body(call.Body)}
			res := b.Fetch(context.Background(), req, l.Server(c, call))
			out = append(out, l.observe(id, p, res))
		}
	}
	return out
}

// observe turns an engine result into the harness's observation.
func (l *Lab) observe(id string, p engine.Profile, res engine.Result) Observation {
	o := Observation{ID: id, Requests: []SeenRequest{}}
	for _, e := range res.Exchanges {
		if e.Error != "" {
			continue // the server was not reached
		}
		origin, _, rest, ok := l.locate(hostOf(e.Request.URL), pathOf(e.Request.URL))
		target := origin + " " + rest
		if !ok {
			target = l.Contract(e.Request.URL)
		}
		get := func(name string) string {
			if v, ok := e.Request.Header.Get(name); ok {
				return v
			}
			return absent
		}
		o.Requests = append(o.Requests, SeenRequest{Method: e.Request.Method, Target: target, Origin: l.Contract(get("Origin")),
			ACRM: get("Access-Control-Request-Method"), ACRH: get("Access-Control-Request-Headers")})
	}
	if res.Outcome == engine.OK {
		o.Outcome = "ok"
		o.Status = res.Response.Status
		o.Type = string(res.Response.Type)
		o.Redirected = res.Response.Redirected
		o.URL = l.Contract(res.Response.URL)
		o.Headers = append([]string{}, res.Response.HeaderNames...)
	} else {
		o.Outcome = "rejected"
		o.Headers = []string{}
		if res.Outcome == engine.NetworkError {
			o.Error = p.RejectionMessage()
		}
	}
	if !p.Console.Unobservable {
		o.Console = []string{}
		for _, m := range p.ConsoleMessages(res) {
			o.Console = append(o.Console, l.Contract(m))
		}
	}
	return o
}

func hostOf(u string) string {
	rest, ok := strings.CutPrefix(u, "http://")
	if !ok {
		return ""
	}
	host, _, _ := strings.Cut(rest, "/")
	return host
}

func pathOf(u string) string {
	rest, ok := strings.CutPrefix(u, "http://")
	if !ok {
		return ""
	}
	_, path, _ := strings.Cut(rest, "/")
	path, _, _ = strings.Cut(path, "?")
	return "/" + path
}

// Diff lists, field by field, where an engine observation differs from the browser's.
// Console messages are compared only when both sides have them.
func Diff(browser, model Observation) []string {
	var out []string
	add := func(field string, b, m any) { out = append(out, fmt.Sprintf("%s: browser %v, engine %v", field, b, m)) }
	if fmtRequests(browser.Requests) != fmtRequests(model.Requests) {
		add("requests", fmtRequests(browser.Requests), fmtRequests(model.Requests))
	}
	if browser.Outcome != model.Outcome {
		add("outcome", browser.Outcome, model.Outcome)
	}
	if browser.Outcome == "ok" && model.Outcome == "ok" {
		if browser.Status != model.Status {
			add("status", browser.Status, model.Status)
		}
		if browser.Type != model.Type {
			add("type", browser.Type, model.Type)
		}
		if browser.Redirected != model.Redirected {
			add("redirected", browser.Redirected, model.Redirected)
		}
		if browser.URL != model.URL {
			add("url", browser.URL, model.URL)
		}
		if strings.Join(browser.Headers, ",") != strings.Join(model.Headers, ",") {
			add("headers", browser.Headers, model.Headers)
		}
	}
	if browser.Outcome == "rejected" && model.Outcome == "rejected" && model.Error != "" && browser.Error != model.Error {
		add("error", browser.Error, model.Error)
	}
	if browser.Console != nil && model.Console != nil && strings.Join(browser.Console, "\n") != strings.Join(model.Console, "\n") {
		add("console", quoteAll(browser.Console), quoteAll(model.Console))
	}
	return out
}

func fmtRequests(rs []SeenRequest) string {
	if len(rs) == 0 {
		return "[no requests]"
	}
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = fmt.Sprintf("%s %s origin=%s acrm=%s acrh=%s", r.Method, r.Target, r.Origin, r.ACRM, r.ACRH)
	}
	return "[" + strings.Join(parts, "; ") + "]"
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(q, " ") + "]"
}
