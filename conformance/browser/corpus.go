package browser

import (
	"fmt"
	"strings"

	"github.com/corsim/corsim/engine"
	"github.com/corsim/corsim/fetchspec"
)

// The origins of the lab, as corpus texts name them. A corpus text writes them as placeholders
// ("{api}", "{host}", …) because the ports are only known when the lab starts.
const (
	// Page is the runner page's origin, http://127.0.0.1:P0: every call is made from it.
	Page = "page"
	// API is the main scenario server, http://127.0.0.1:P1.
	API = "api"
	// API2 is a second scenario server on another port, http://127.0.0.1:P2.
	API2 = "api2"
	// Host is the main scenario server under another host name, http://localhost:P1: it differs
	// from API only by host, so it is cross-origin to API and cross-site to Page.
	Host = "host"
	// Down is an origin whose port nobody listens on.
	Down = "down"
)

// Case is one scenario: the answers the lab's servers give and the fetch() calls the page
// makes, in order, on one browser profile (so earlier calls warm the preflight cache for later
// ones). Every path a case uses lives under /c/<Name>, so cases never share cache entries.
type Case struct {
	// Name is unique in the corpus and becomes the URL path prefix.
	Name string
	// About says in one line what the case shows.
	About string
	// Routes are the servers' answers for every call of the case.
	Routes []Route
	// Calls are the fetch() calls, made one after another.
	Calls []Call
}

// Route is one answer of a lab server: the response to Method at Origin and Path.
type Route struct {
	// Origin is the lab origin that answers (API when empty).
	Origin string
	// Method is the request method this route answers; "" answers any method that has no route
	// of its own. Preflights are "OPTIONS".
	Method string
	// Path is the path under the case's prefix, such as "/x".
	Path string
	// Status is the response status.
	Status int
	// Header is the response's header list in order; values may use placeholders ("{page}",
	// "{api}", "{api2}", "{host}", "{down}" for origins, "{case}" for the case's path prefix).
	Header [][2]string
	// Body is the response body, placeholders expanded; empty means the lab's usual "ok". The
	// payloads of initiator cases (an image, a sound, a font, an event stream) come from
	// payloads.go.
	Body string
}

// Call is one fetch() call of the page.
type Call struct {
	// PauseMS is how long the page waits before the call, so cached preflights can expire.
	PauseMS int
	// URL is the URL passed to fetch(), with placeholders: "{api}{case}/x".
	URL string
	// Method, Header, Mode, Credentials, Redirect and Cache are fetch()'s init options; empty
	// means the option is omitted.
	Method                             string
	Header                             [][2]string
	Mode, Credentials, Redirect, Cache string
	// Body is the body kind: "", "text", "bytes", "form" or "multipart" (engine.Body values),
	// or one of the kinds only the runner page knows (pageBodyKinds in initiator.go).
	Body string
	// API is the initiator that makes the call: "" or "fetch" for fetch(), else one of
	// Initiators (initiator.go). Opt holds that initiator's options.
	API string
	Opt InitiatorOptions
	// Routes replace the case's routes with the same origin, method and path for this call
	// only: the server's answer changes between calls.
	Routes []Route
}

// CallID names the i-th call (0-based) of a case in results and reports: "name#1" is the first.
func CallID(c Case, i int) string { return fmt.Sprintf("%s#%d", c.Name, i+1) }

// Validate reports the first problem in the corpus: duplicate or unsafe case names, unknown
// origins, calls without a URL, unknown body kinds. A corpus that fails it would make the lab
// and the engine answer differently, so the harness refuses it.
func Validate(corpus []Case) error {
	seen := make(map[string]bool, len(corpus))
	for _, c := range corpus {
		if c.Name == "" || strings.ContainsAny(c.Name, "/?#% ") {
			return fmt.Errorf("case %q: the name must be non-empty and usable in a URL path", c.Name)
		}
		if seen[c.Name] {
			return fmt.Errorf("case %q: the name is used twice", c.Name)
		}
		seen[c.Name] = true
		if len(c.Calls) == 0 {
			return fmt.Errorf("case %q: no calls", c.Name)
		}
		check := func(where string, rs []Route) error {
			for _, r := range rs {
				switch r.Origin {
				case "", Page, API, API2, Host:
				default:
					return fmt.Errorf("case %q %s: route origin %q is not one of page, api, api2, host", c.Name, where, r.Origin)
				}
				if !strings.HasPrefix(r.Path, "/") {
					return fmt.Errorf("case %q %s: route path %q must start with /", c.Name, where, r.Path)
				}
				if r.Status < 100 || r.Status > 599 {
					return fmt.Errorf("case %q %s: route status %d", c.Name, where, r.Status)
				}
			}
			return nil
		}
		if err := check("routes", c.Routes); err != nil {
			return err
		}
		for i, call := range c.Calls {
			where := fmt.Sprintf("call %d", i+1)
			if call.URL == "" {
				return fmt.Errorf("case %q %s: no URL", c.Name, where)
			}
			switch engine.Body(call.Body) {
			case engine.BodyNone, engine.BodyText, engine.BodyBytes, engine.BodyForm, engine.BodyMultipart:
			default:
				if !pageBodyKinds[call.Body] {
					return fmt.Errorf("case %q %s: body kind %q is not one of text, bytes, form, multipart, %s", c.Name, where, call.Body, pageBodyKindList())
				}
			}
			if err := validateInitiator(call); err != nil {
				return fmt.Errorf("case %q %s: %w", c.Name, where, err)
			}
			if err := check(where, call.Routes); err != nil {
				return err
			}
		}
	}
	return nil
}

// Calls counts the calls of a corpus.
func Calls(corpus []Case) int {
	n := 0
	for _, c := range corpus {
		n += len(c.Calls)
	}
	return n
}

// answer finds the route for a request: the call's own routes first, then the case's; for each,
// the route for the exact method before the route for any method. No route means 404 with no
// headers, as a server without CORS support would answer.
func answer(c Case, call Call, originName, method, path string) Route {
	for _, rs := range [][]Route{call.Routes, c.Routes} {
		var anyMethod *Route
		for i := range rs {
			r := &rs[i]
			o := r.Origin
			if o == "" {
				o = API
			}
			if o != originName || r.Path != path {
				continue
			}
			if r.Method == method {
				return *r
			}
			if r.Method == "" && anyMethod == nil {
				anyMethod = r
			}
		}
		if anyMethod != nil {
			return *anyMethod
		}
	}
	return Route{Status: 404}
}

// headerList turns a corpus header list into the engine's form.
func headerList(h [][2]string, expand func(string) string) fetchspec.HeaderList {
	out := make(fetchspec.HeaderList, 0, len(h))
	for _, kv := range h {
		out = append(out, fetchspec.Header{Name: kv[0], Value: expand(kv[1])})
	}
	return out
}
