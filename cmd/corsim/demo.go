package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/corsim/corsim/engine"
	"github.com/corsim/corsim/fetchspec"
)

// scenario is one entry of the demo gallery: a server, and fetches made in order on one
// browser session, each with the verdict it must reach.
type scenario struct {
	title  string
	about  string
	routes []engine.Route
	calls  []call
}

type call struct {
	advance time.Duration // virtual time that passes before the call
	req     engine.Request
	want    engine.Reason // "" means the fetch must succeed
	preflt  bool          // whether a preflight must reach the server
}

const (
	app = "https://app.example"
	api = "https://api.example"
)

func h(pairs ...string) fetchspec.HeaderList {
	var l fetchspec.HeaderList
	for i := 0; i+1 < len(pairs); i += 2 {
		l = append(l, fetchspec.Header{Name: pairs[i], Value: pairs[i+1]})
	}
	return l
}

var gallery = []scenario{
	{
		title: "A simple GET to a public API",
		about: "GET with no custom headers is a simple request: no preflight. Access-Control-Allow-Origin: * lets any page read it.",
		routes: []engine.Route{{Method: "GET", URL: api + "/status", Response: engine.ServerResponse{Status: 200,
			Header: h("Content-Type", "application/json", "Access-Control-Allow-Origin", "*", "X-Request-Id", "42")}}},
		calls: []call{{req: engine.Request{Origin: app, URL: api + "/status"}}},
	},
	{
		title: "A JSON PUT: preflight, then the preflight cache",
		about: "Content-Type: application/json is not CORS-safelisted and PUT is not a safelisted method, so the browser asks first with OPTIONS. Max-Age: 60 lets it skip the preflight for a minute.",
		routes: []engine.Route{
			{Method: "OPTIONS", URL: api + "/items/1", Response: engine.ServerResponse{Status: 204,
				Header: h("Access-Control-Allow-Origin", app, "Access-Control-Allow-Methods", "GET, PUT", "Access-Control-Allow-Headers", "Content-Type", "Access-Control-Max-Age", "60", "Vary", "Origin")}},
			{Method: "PUT", URL: api + "/items/1", Response: engine.ServerResponse{Status: 200,
				Header: h("Access-Control-Allow-Origin", app, "Vary", "Origin", "Content-Type", "application/json")}},
		},
		calls: []call{
			{req: engine.Request{Origin: app, URL: api + "/items/1", Method: "PUT", Headers: h("Content-Type", "application/json"), Body: engine.BodyText}, preflt: true},
			{advance: 30 * time.Second, req: engine.Request{Origin: app, URL: api + "/items/1", Method: "PUT", Headers: h("Content-Type", "application/json"), Body: engine.BodyText}},
			{advance: 31 * time.Second, req: engine.Request{Origin: app, URL: api + "/items/1", Method: "PUT", Headers: h("Content-Type", "application/json"), Body: engine.BodyText}, preflt: true},
		},
	},
	{
		title: "Cookies with Access-Control-Allow-Origin: *",
		about: "credentials: \"include\" sends cookies; the wildcard origin then no longer counts, even with Access-Control-Allow-Credentials: true.",
		routes: []engine.Route{{Method: "GET", URL: api + "/me", Response: engine.ServerResponse{Status: 200,
			Header: h("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Credentials", "true")}}},
		calls: []call{{req: engine.Request{Origin: app, URL: api + "/me", Credentials: engine.CredentialsInclude}, want: engine.WildcardOriginWithCredentials}},
	},
	{
		title: "Two origins in one Access-Control-Allow-Origin (a hand-written nginx config)",
		about: "add_header Access-Control-Allow-Origin \"https://app.example https://admin.example\" sends both origins in one value; no browser accepts a list.",
		routes: []engine.Route{
			{Method: "OPTIONS", URL: api + "/keys", Response: engine.ServerResponse{Status: 204,
				Header: h("Access-Control-Allow-Origin", "https://app.example https://admin.example", "Access-Control-Allow-Methods", "PATCH", "Access-Control-Allow-Headers", "api_key")}},
		},
		calls: []call{{req: engine.Request{Origin: app, URL: api + "/keys", Method: "PATCH", Headers: h("api_key", "k-123")}, want: engine.MultipleAllowOrigin, preflt: true}},
	},
	{
		title:  "An API gateway that answers OPTIONS itself, without CORS headers",
		about:  "The gateway's OPTIONS answer is 200 but carries no Access-Control-Allow-Origin, so the preflight fails and the DELETE is never sent.",
		routes: []engine.Route{{Method: "OPTIONS", URL: api + "/items/7", Response: engine.ServerResponse{Status: 200, Header: h("Allow", "GET, DELETE")}}},
		calls:  []call{{req: engine.Request{Origin: app, URL: api + "/items/7", Method: "DELETE"}, want: engine.MissingAllowOrigin, preflt: true}},
	},
	{
		title: "A lowercase method and Access-Control-Allow-Methods: PATCH",
		about: "fetch() upper-cases only DELETE, GET, HEAD, OPTIONS, POST and PUT; \"patch\" stays lowercase and the comparison is case-sensitive.",
		routes: []engine.Route{{Method: "OPTIONS", URL: api + "/items/1", Response: engine.ServerResponse{Status: 204,
			Header: h("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "GET, PATCH")}}},
		calls: []call{{req: engine.Request{Origin: app, URL: api + "/items/1", Method: "patch"}, want: engine.MethodNotAllowed, preflt: true}},
	},
	{
		title: "A redirect to another origin makes the Origin null",
		about: "After a hop from api.example to cdn.example the request's origin serializes as null; the final server must allow null or *.",
		routes: []engine.Route{
			{Method: "GET", URL: api + "/download", Response: engine.ServerResponse{Status: 302,
				Header: h("Location", "https://cdn.example/file", "Access-Control-Allow-Origin", app)}},
			{Method: "GET", URL: "https://cdn.example/file", Response: engine.ServerResponse{Status: 200,
				Header: h("Access-Control-Allow-Origin", app)}},
		},
		calls: []call{{req: engine.Request{Origin: app, URL: api + "/download"}, want: engine.AllowOriginMismatch}},
	},
	{
		title:  "mode: \"no-cors\" gives an opaque response",
		about:  "No CORS check and no preflight, but the script gets status 0 and no headers: it can embed, not read.",
		routes: []engine.Route{{Method: "GET", URL: "https://images.example/logo.png", Response: engine.ServerResponse{Status: 200, Header: h("Content-Type", "image/png")}}},
		calls:  []call{{req: engine.Request{Origin: app, URL: "https://images.example/logo.png", Mode: engine.ModeNoCORS}}},
	},
}

// demo runs the gallery and prints each scenario's story.
func demo(out, errOut io.Writer, color bool) int {
	p := printer{w: out, color: color}
	failures := 0
	for i, sc := range gallery {
		srv, err := engine.NewStaticServer(sc.routes...)
		if err != nil {
			fmt.Fprintf(errOut, "corsim demo: scenario %q: %v\n", sc.title, err)
			return 1
		}
		b := engine.NewBrowser(engine.Spec)
		p.heading(fmt.Sprintf("%d. %s", i+1, sc.title))
		p.line(sc.about)
		for j, c := range sc.calls {
			if c.advance > 0 {
				b.Advance(c.advance)
				p.line(p.dim(fmt.Sprintf("… %s later", c.advance)))
			}
			res := b.Fetch(context.Background(), c.req, srv)
			p.result(j+1, c.req, &res)
			if res.Reason != c.want || res.Preflighted() != c.preflt {
				fmt.Fprintf(errOut, "corsim demo: scenario %q call %d ended with %q (preflight %v), documented as %q (preflight %v)\n",
					sc.title, j+1, orOK(res.Reason), res.Preflighted(), orOK(c.want), c.preflt)
				failures++
			}
		}
		p.line("")
	}
	if failures > 0 {
		return 1
	}
	return 0
}

func orOK(r engine.Reason) string {
	if r == "" {
		return "ok"
	}
	return string(r)
}

// printer writes the demo's text, with ANSI colour only when asked.
type printer struct {
	w     io.Writer
	color bool
}

func (p printer) paint(code, s string) string {
	if !p.color {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func (p printer) dim(s string) string    { return p.paint("2", s) }
func (p printer) line(s string)          { fmt.Fprintln(p.w, s) }
func (p printer) heading(s string)       { fmt.Fprintln(p.w, p.paint("1", s)) }
func (p printer) indent(n int, s string) { fmt.Fprintln(p.w, strings.Repeat("  ", n)+s) }

func (p printer) result(n int, req engine.Request, res *engine.Result) {
	method := req.Method
	if method == "" {
		method = "GET"
	}
	verdict := p.paint("32", "allowed")
	if res.Outcome != engine.OK {
		verdict = p.paint("31", fmt.Sprintf("blocked (%s: %s)", res.Outcome, res.Reason))
	}
	p.indent(1, fmt.Sprintf("fetch %d: %s %s from %s → %s", n, method, req.URL, req.Origin, verdict))
	for _, ex := range res.Exchanges {
		p.indent(2, p.paint("36", fmt.Sprintf("> %s %s", ex.Request.Method, ex.Request.URL)))
		for _, hd := range ex.Request.Header {
			p.indent(3, fmt.Sprintf("%s: %s", hd.Name, hd.Value))
		}
		if ex.Error != "" {
			p.indent(2, p.paint("31", "< no answer: "+ex.Error))
			continue
		}
		p.indent(2, p.paint("36", fmt.Sprintf("< %d", ex.Response.Status)))
		for _, hd := range ex.Response.Header {
			p.indent(3, fmt.Sprintf("%s: %s", hd.Name, hd.Value))
		}
	}
	for _, st := range res.Trace {
		mark := "✓"
		text := st.Text
		if st.Failed {
			mark = p.paint("31", "✗")
			text = p.paint("31", text)
		}
		p.indent(2, fmt.Sprintf("%s %s", mark, text))
		p.indent(3, p.dim(st.Anchor))
	}
	if res.Outcome == engine.OK {
		p.indent(2, fmt.Sprintf("script sees: %s response, status %d, headers [%s]", res.Response.Type, res.Response.Status, strings.Join(res.Response.HeaderNames, ", ")))
	} else if res.Fix != "" {
		p.indent(2, p.paint("33", "fix: "+res.Fix))
	}
}
