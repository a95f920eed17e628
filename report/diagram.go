package report

import (
	"github.com/corsim/corsim/fetchspec"
	"net/http"
	"strconv"
	"strings"

	"github.com/corsim/corsim/engine"
	"github.com/corsim/corsim/scenario"
)

// The sequence diagram is built once as data (participants and events) and then drawn as
// Mermaid source or as SVG, so the two pictures always tell the same story.

// participant is one lifeline: the page, the browser, or a server origin.
type participant struct {
	id    string   // Mermaid identifier
	label []string // lines of the box label
}

type eventKind int

const (
	evArrow eventKind = iota
	evNote
)

// Tones colour notes and arrows by what they mean.
const (
	toneFetch   = "fetch"
	toneCache   = "cache"
	toneAllowed = "allowed"
	toneBlocked = "blocked"
	toneRefused = "refused"
	toneError   = "error"
)

// event is one arrow or note, top to bottom.
type event struct {
	kind eventKind
	// from and to are participant indexes; for a note they are the span it covers.
	from, to int
	lines    []string
	dashed   bool // a response
	cross    bool // nothing usable arrives: a network error or a thrown TypeError
	tone     string
}

// sequence is a whole diagram for one browser's session.
type sequence struct {
	title  string
	parts  []participant
	events []event
}

const (
	pPage    = 0
	pBrowser = 1
)

// buildSequence turns one browser's run into a sequence diagram: the page calls fetch(), the
// browser sends each preflight and request to the server's origin, the cache saves some, and
// the browser hands the page a response or a TypeError.
func buildSequence(run *scenario.Run, browser string) (*sequence, error) {
	br, err := browserRun(run, browser)
	if err != nil {
		return nil, err
	}
	s := scenarioOf(run)
	seq := &sequence{
		title: clean(s.Title) + " · " + clean(br.Profile.Name),
		parts: []participant{
			{id: "Page", label: []string{"Page", clean(s.Origin)}},
			{id: "Browser", label: []string{"Browser", clean(br.Profile.Name)}},
		},
	}
	servers := map[string]int{}
	server := func(u string) int {
		o := clean(originOf(u))
		if i, ok := servers[o]; ok {
			return i
		}
		i := len(seq.parts)
		servers[o] = i
		seq.parts = append(seq.parts, participant{id: "S" + strconv.Itoa(i-1), label: []string{"Server", o}})
		return i
	}
	for fi := range br.Fetches {
		fr := &br.Fetches[fi]
		res := &fr.Result
		seq.note(pPage, pBrowser, toneFetch, clean(fetchLabel(fr))+" · t="+formatDuration(fr.At))
		call := []string{"fetch(" + clean(requestURL(fr)) + ")"}
		if fr.Fetch != nil {
			call = append(call, callOptions(fr.Fetch.Request)...)
		}
		seq.events = append(seq.events, event{kind: evArrow, from: pPage, to: pBrowser, lines: call})

		drawn := make([]bool, len(res.Exchanges))
		nextCache := 0
		failedEx := -1
		if res.Outcome == engine.NetworkError && len(res.Exchanges) > 0 {
			failedEx = len(res.Exchanges) - 1
		}
		drawExchange := func(i int) {
			if i < 0 || i >= len(drawn) || drawn[i] {
				return
			}
			// Exchanges are drawn in order, so one referenced out of order brings the
			// earlier ones with it.
			for j := 0; j <= i; j++ {
				if !drawn[j] {
					drawn[j] = true
					seq.exchange(&res.Exchanges[j], server(res.Exchanges[j].Request.URL), j == failedEx)
				}
			}
		}
		drawCache := func() {
			if nextCache < len(res.Cache) {
				seq.cacheNote(res.Cache[nextCache])
				nextCache++
			}
		}
		for _, st := range res.Trace {
			switch {
			case st.Exchange >= 0:
				drawExchange(st.Exchange)
			case strings.HasSuffix(st.Anchor, "#concept-cache-match-method"),
				strings.HasSuffix(st.Anchor, "#concept-cache-create-entry"),
				strings.HasSuffix(st.Anchor, "#concept-cache-clear"):
				drawCache()
			case nextCache < len(res.Cache) && res.Cache[nextCache].Kind == engine.CacheBypass:
				drawCache()
			}
		}
		// Without a trace (or with events it did not mention) the rest follow in order.
		drawExchange(len(res.Exchanges) - 1)
		for nextCache < len(res.Cache) {
			drawCache()
		}

		v := verdict(res)
		if res.Outcome == engine.OK {
			seq.events = append(seq.events, event{kind: evArrow, from: pBrowser, to: pPage, dashed: true, lines: []string{scriptSees(res)}})
			seq.note(pPage, pBrowser, toneAllowed, v)
		} else {
			seq.events = append(seq.events, event{kind: evArrow, from: pBrowser, to: pPage, dashed: true, cross: true, tone: toneError, lines: []string{"TypeError"}})
			seq.note(pPage, pBrowser, v, v+": "+clean(string(res.Reason)))
		}
	}
	return seq, nil
}

func (seq *sequence) note(from, to int, tone string, lines ...string) {
	seq.events = append(seq.events, event{kind: evNote, from: from, to: to, tone: tone, lines: lines})
}

// exchange draws one request and its answer, with the headers CORS is made of.
func (seq *sequence) exchange(ex *engine.Exchange, srv int, failed bool) {
	_, target := splitURL(ex.Request.URL)
	req := []string{clean(ex.Request.Method + " " + target)}
	if ex.Kind == engine.ExchangePreflight {
		req[0] = "preflight " + req[0]
	}
	for _, h := range ex.Request.Header {
		if keyRequestHeader(h.Name) {
			req = append(req, clean(h.Name+": "+h.Value))
		}
	}
	if ex.Request.Credentials {
		req = append(req, "(with credentials)")
	}
	seq.events = append(seq.events, event{kind: evArrow, from: pBrowser, to: srv, lines: req})
	if ex.Error != "" {
		seq.events = append(seq.events, event{kind: evArrow, from: srv, to: pBrowser, dashed: true, cross: true, tone: toneError,
			lines: []string{"no response", clean(ex.Error)}})
		return
	}
	resp := []string{strconv.Itoa(ex.Response.Status)}
	if t := http.StatusText(ex.Response.Status); t != "" {
		resp[0] += " " + t
	}
	n := 0
	for _, h := range ex.Response.Header {
		if keyResponseHeader(h.Name) {
			resp = append(resp, clean(h.Name+": "+h.Value))
			n++
		}
	}
	if n == 0 {
		resp = append(resp, "(no CORS headers)")
	}
	ev := event{kind: evArrow, from: srv, to: pBrowser, dashed: true, lines: resp}
	if failed {
		ev.tone = toneError
	}
	seq.events = append(seq.events, ev)
}

// cacheNote draws what the preflight cache did, when it changes what is sent.
func (seq *sequence) cacheNote(ev engine.CacheEvent) {
	var text string
	switch ev.Kind {
	case engine.CacheHit:
		text = "preflight cache hit: " + methodAndHeaders(ev.Method, ev.HeaderNames) + ", no preflight"
	case engine.CacheStore:
		var parts []string
		if len(ev.Methods) > 0 {
			parts = append(parts, strings.Join(ev.Methods, ", "))
		}
		if len(ev.HeaderNames) > 0 {
			parts = append(parts, strings.Join(ev.HeaderNames, ", "))
		}
		text = "cached for " + formatDuration(ev.MaxAge)
		if len(parts) > 0 {
			text += ": " + strings.Join(parts, "; ")
		}
	case engine.CacheClear:
		if ev.Removed == 0 {
			return // nothing was cached: nothing changes
		}
		text = "preflight cache cleared (" + strconv.Itoa(ev.Removed) + " removed)"
	case engine.CacheBypass:
		text = "preflight cache bypassed"
	default:
		return // a miss shows as the preflight itself
	}
	seq.note(pBrowser, pBrowser, toneCache, clean(text))
}

// keyRequestHeader reports whether a request header takes part in the CORS protocol.
func keyRequestHeader(name string) bool {
	return fetchspec.ByteCaseInsensitiveMatch(name, "Origin") || hasPrefixFold(name, "Access-Control-Request-")
}

// keyResponseHeader reports whether a response header takes part in the CORS protocol (or
// in a redirect the browser follows).
func keyResponseHeader(name string) bool {
	return hasPrefixFold(name, "Access-Control-") || fetchspec.ByteCaseInsensitiveMatch(name, "Location")
}

// hasPrefixFold reports whether the header name s starts with prefix, compared as header
// names are (byte-case-insensitively).
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && fetchspec.ByteCaseInsensitiveMatch(s[:len(prefix)], prefix)
}

// requestURL is the URL the script passes to fetch().
func requestURL(fr *scenario.FetchRun) string {
	if fr.Fetch == nil {
		return ""
	}
	return fr.Fetch.Request.URL
}

// callOptions lists the fetch() options that differ from the defaults, one per line.
func callOptions(req engine.Request) []string {
	var out []string
	if req.Method != "" {
		out = append(out, "method: "+clean(req.Method))
	}
	for _, h := range req.Headers {
		out = append(out, clean(h.Name+": "+h.Value))
	}
	for _, o := range []struct{ key, val string }{
		{"body", string(req.Body)},
		{"mode", string(req.Mode)},
		{"credentials", string(req.Credentials)},
		{"redirect", string(req.Redirect)},
		{"cache", string(req.Cache)},
	} {
		if o.val != "" {
			out = append(out, o.key+": "+clean(o.val))
		}
	}
	if req.UseCORSPreflight {
		out = append(out, "use-CORS-preflight flag")
	}
	return out
}
