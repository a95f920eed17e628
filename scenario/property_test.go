package scenario

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"
	"pgregory.net/rapid"

	"github.com/corsim/corsim/browsers"
	"github.com/corsim/corsim/engine"
	"github.com/corsim/corsim/fetchspec"
)

var (
	genHeaderName  = rapid.StringMatching(`[A-Za-z][A-Za-z0-9!#$%&'*+.^_|~-]{0,12}`)
	genHeaderValue = rapid.StringMatching(`([!-~\x{e9}\x{4e2d}]([ !-~]{0,12}[!-~])?)?`)
	genMethod      = rapid.SampledFrom([]string{"GET", "POST", "PUT", "DELETE", "PATCH", "patch", "OPTIONS", "X-Custom"})
	genOrigin      = rapid.SampledFrom([]string{"https://app.example", "http://localhost:3000", "https://xn--bcher-kva.example", "null", "https://[::1]:8443"})
)

// genHeaders draws a header list and its "Name: value" spelling, with random spaces around the
// value that the loader must strip.
func genHeaders(t *rapid.T, label string) (fetchspec.HeaderList, []string) {
	n := rapid.IntRange(0, 3).Draw(t, label+"-n")
	var (
		list fetchspec.HeaderList
		text []string
	)
	for i := 0; i < n; i++ {
		name, value := genHeaderName.Draw(t, label+"-name"), genHeaderValue.Draw(t, label+"-value")
		pad := rapid.SampledFrom([]string{"", " ", "  ", "\t"}).Draw(t, label+"-pad")
		list = append(list, fetchspec.Header{Name: name, Value: value})
		text = append(text, name+":"+pad+value+pad)
	}
	return list, text
}

// genScenario draws a valid scenario as the document a person would write (a map for the YAML
// and JSON encoders) and the Scenario the loader must make of it.
func genScenario(t *rapid.T) (map[string]any, *Scenario) {
	doc := map[string]any{}
	want := &Scenario{}
	want.Title = rapid.StringMatching(`[A-Za-z0-9][ A-Za-z0-9.,:#'"&*!?|>-]{0,20}`).Draw(t, "title")
	doc["title"] = want.Title
	if rapid.Bool().Draw(t, "has-description") {
		want.Description = rapid.StringMatching(`[ -~\n]{0,40}`).Draw(t, "description")
		doc["description"] = want.Description
	}
	want.Origin = genOrigin.Draw(t, "origin")
	doc["origin"] = want.Origin
	if rapid.Bool().Draw(t, "has-top") {
		want.TopLevelOrigin = genOrigin.Draw(t, "top")
		doc["top_level_origin"] = want.TopLevelOrigin
	}
	if rapid.Bool().Draw(t, "has-browsers") {
		want.Browsers = []string{rapid.SampledFrom([]string{"spec", "SPEC", "Spec"}).Draw(t, "browser")}
		doc["browsers"] = want.Browsers
	}

	server := map[string]any{}
	var routes []any
	for i := range rapid.IntRange(0, 3).Draw(t, "routes") {
		route := map[string]any{}
		r := Route{URL: "https://api.example/r" + strconv.Itoa(i)}
		route["url"] = r.URL
		if rapid.Bool().Draw(t, "route-has-method") {
			r.Method = genMethod.Draw(t, "route-method")
			route["method"] = r.Method
		}
		switch rapid.IntRange(0, 2).Draw(t, "route-kind") {
		case 0:
			r.Response.Status = rapid.IntRange(100, 999).Draw(t, "route-status")
			route["status"] = r.Response.Status
			var text []string
			r.Response.Header, text = genHeaders(t, "route-headers")
			if text != nil || rapid.Bool().Draw(t, "empty-headers") {
				route["headers"] = nonNil(text)
			}
		case 1:
			r.Response.Status = rapid.IntRange(100, 999).Draw(t, "raw-status")
			var text []string
			r.Response.Header, text = genHeaders(t, "raw-headers")
			route["response"] = "HTTP/1.1 " + strconv.Itoa(r.Response.Status) + " Reason\r\n" + strings.Join(append(text, "", "body: ignored"), "\r\n")
			for i := range r.Response.Header {
				r.Response.Header[i].Value = strings.Trim(r.Response.Header[i].Value, " \t")
			}
		case 2:
			r.Unreachable = true
			route["unreachable"] = true
		}
		routes = append(routes, route)
		want.Server.Routes = append(want.Server.Routes, r)
	}
	if routes != nil {
		server["routes"] = routes
	}
	if routes == nil || rapid.Bool().Draw(t, "has-policy") {
		policy := map[string]any{}
		p := &Policy{PreflightStatus: 204, Status: 200, Vary: true}
		if rapid.Bool().Draw(t, "has-allow-origins") {
			p.AllowOrigins = rapid.SampledFrom([][]string{{"*"}, {"reflect"}, {}, {"https://app.example", "null"}}).Draw(t, "allow-origins")
			policy["allow_origins"] = p.AllowOrigins
		}
		if rapid.Bool().Draw(t, "has-methods") {
			p.AllowMethods = nonNil(rapid.SliceOfN(genMethod, 0, 3).Draw(t, "allow-methods"))
			policy["allow_methods"] = p.AllowMethods
		}
		if rapid.Bool().Draw(t, "has-allow-headers") {
			p.AllowHeaders = nonNil(rapid.SliceOfN(genHeaderName, 0, 3).Draw(t, "allow-headers"))
			policy["allow_headers"] = p.AllowHeaders
		}
		if rapid.Bool().Draw(t, "has-expose") {
			p.ExposeHeaders = nonNil(rapid.SliceOfN(genHeaderName, 0, 3).Draw(t, "expose"))
			policy["expose_headers"] = p.ExposeHeaders
		}
		if rapid.Bool().Draw(t, "has-credentials") {
			p.AllowCredentials = rapid.Bool().Draw(t, "credentials")
			policy["allow_credentials"] = p.AllowCredentials
		}
		if rapid.Bool().Draw(t, "has-max-age") {
			p.MaxAge = ptr(rapid.IntRange(-10, 1<<31).Draw(t, "max-age"))
			policy["max_age"] = *p.MaxAge
		}
		if rapid.Bool().Draw(t, "has-statuses") {
			p.PreflightStatus = rapid.IntRange(100, 999).Draw(t, "preflight-status")
			p.Status = rapid.IntRange(100, 999).Draw(t, "status")
			policy["preflight_status"], policy["status"] = p.PreflightStatus, p.Status
		}
		var text []string
		if p.Headers, text = genHeaders(t, "policy-headers"); text != nil {
			policy["headers"] = text
		}
		if rapid.Bool().Draw(t, "has-vary") {
			p.Vary = rapid.Bool().Draw(t, "vary")
			policy["vary"] = p.Vary
		}
		server["policy"] = policy
		want.Server.Policy = p
	}
	doc["server"] = server

	var fetches []any
	for i := range rapid.IntRange(1, 4).Draw(t, "fetches") {
		fetch := map[string]any{}
		f := Fetch{Request: engine.Request{Origin: want.Origin, TopLevelOrigin: want.TopLevelOrigin}}
		f.Request.URL = "https://api.example/r" + strconv.Itoa(i)
		fetch["url"] = f.Request.URL
		if rapid.Bool().Draw(t, "has-name") {
			f.Name = rapid.StringMatching(`[a-z][a-z ]{0,10}`).Draw(t, "name")
			fetch["name"] = f.Name
		}
		if rapid.Bool().Draw(t, "has-advance") {
			f.Advance = time.Duration(rapid.Int64Range(0, int64(100*time.Hour)).Draw(t, "advance"))
			fetch["advance"] = f.Advance.String()
		}
		if rapid.Bool().Draw(t, "has-method") {
			f.Request.Method = genMethod.Draw(t, "method")
			fetch["method"] = f.Request.Method
		}
		var text []string
		if f.Request.Headers, text = genHeaders(t, "fetch-headers"); text != nil {
			fetch["headers"] = text
		}
		option := func(key string, values []string) string {
			if !rapid.Bool().Draw(t, "has-"+key) {
				return ""
			}
			v := rapid.SampledFrom(values).Draw(t, key)
			fetch[key] = v
			return v
		}
		f.Request.Mode = engine.Mode(option("mode", modeValues))
		f.Request.Credentials = engine.Credentials(option("credentials", credentialsValues))
		f.Request.Redirect = engine.Redirect(option("redirect", redirectValues))
		f.Request.Cache = engine.CacheMode(option("cache", cacheValues))
		f.Request.Body = engine.Body(option("body", bodyValues))
		if rapid.Bool().Draw(t, "has-use-cors-preflight") {
			f.Request.UseCORSPreflight = rapid.Bool().Draw(t, "use-cors-preflight")
			fetch["use_cors_preflight"] = f.Request.UseCORSPreflight
		}
		if rapid.Bool().Draw(t, "has-expect") {
			f.Expect, fetch["expect"] = genExpect(t)
		}
		if rapid.Bool().Draw(t, "has-expect-browsers") {
			e, doc := genExpect(t)
			f.ExpectBrowsers = map[string]*Expect{"spec": e}
			fetch["expect_browsers"] = map[string]any{"spec": doc}
		}
		fetches = append(fetches, fetch)
		want.Fetches = append(want.Fetches, f)
	}
	doc["fetches"] = fetches
	return doc, want
}

func genExpect(t *rapid.T) (*Expect, map[string]any) {
	e, doc := &Expect{}, map[string]any{}
	if rapid.Bool().Draw(t, "expect-reason") {
		info := rapid.SampledFrom(engine.Reasons).Draw(t, "reason")
		e.Reason, e.Outcome = &info.Reason, &info.Outcome
		doc["reason"], doc["outcome"] = string(info.Reason), string(info.Outcome)
	}
	if rapid.Bool().Draw(t, "expect-preflight") {
		e.Preflight = ptr(rapid.Bool().Draw(t, "preflight"))
		doc["preflight"] = *e.Preflight
	}
	if rapid.Bool().Draw(t, "expect-status") {
		e.Status = ptr(rapid.SampledFrom([]int{0, 200, 204, 599}).Draw(t, "status"))
		doc["status"] = *e.Status
	}
	if rapid.Bool().Draw(t, "expect-type") {
		e.Type = ptr(engine.ResponseType(rapid.SampledFrom(typeValues).Draw(t, "type")))
		doc["type"] = string(*e.Type)
	}
	if rapid.Bool().Draw(t, "expect-headers") {
		e.ReadableHeaders = nonNil(rapid.SliceOfN(genHeaderName, 0, 3).Draw(t, "readable"))
		doc["readable_headers"] = e.ReadableHeaders
	}
	return e, doc
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// A scenario written as YAML and as JSON loads to the same Scenario, and to the one intended.
func TestPropertyYAMLAndJSONAgree(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		doc, want := genScenario(t)
		y, err := yaml.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		j, err := json.MarshalIndent(doc, "", "\t")
		if err != nil {
			t.Fatal(err)
		}
		fromYAML, err := Parse("p.yaml", y)
		if err != nil {
			t.Fatalf("YAML:\n%s\nerror: %v", y, err)
		}
		fromJSON, err := Parse("p.json", j)
		if err != nil {
			t.Fatalf("JSON:\n%s\nerror: %v", j, err)
		}
		if diff := cmp.Diff(want, fromYAML, ignorePositions); diff != "" {
			t.Fatalf("YAML:\n%s\n(-want +got):\n%s", y, diff)
		}
		if diff := cmp.Diff(fromYAML, fromJSON, ignorePositions); diff != "" {
			t.Fatalf("YAML and JSON differ (-yaml +json):\n%s", diff)
		}
		// What loads also builds a server and runs.
		if _, err := Execute(context.Background(), fromYAML, nil, nil); err != nil {
			t.Fatalf("Execute: %v", err)
		}
	})
}

// A policy never sends CORS headers to a request without an allowed Origin, and sends exactly one
// Access-Control-Allow-Origin, "*" or the request's own origin, to one with.
func TestPropertyPolicyHeaders(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := &Policy{
			AllowOrigins:     rapid.SampledFrom([][]string{nil, {"*"}, {"reflect"}, {"https://app.example"}, {"null", "https://b.example"}}).Draw(t, "origins"),
			AllowCredentials: rapid.Bool().Draw(t, "credentials"),
			Vary:             rapid.Bool().Draw(t, "vary"),
		}
		req := engine.ServerRequest{Method: rapid.SampledFrom([]string{"OPTIONS", "GET", "PUT"}).Draw(t, "method"), URL: "https://api.example/"}
		reqOrigin := ""
		if rapid.Bool().Draw(t, "has-origin") {
			reqOrigin = genOrigin.Draw(t, "origin")
			req.Header = append(req.Header, fetchspec.Header{Name: "Origin", Value: reqOrigin})
		}
		if rapid.Bool().Draw(t, "has-acrm") {
			req.Header = append(req.Header, fetchspec.Header{Name: "Access-Control-Request-Method", Value: genMethod.Draw(t, "acrm")})
		}
		resp, err := p.Serve(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		allowed := reqOrigin != "" && (contains(p.AllowOrigins, "*") || contains(p.AllowOrigins, "reflect") || contains(p.AllowOrigins, reqOrigin))
		acao := resp.Header.Values("Access-Control-Allow-Origin")
		if !allowed {
			for _, h := range resp.Header {
				if strings.HasPrefix(strings.ToLower(h.Name), "access-control-") {
					t.Fatalf("not allowed, but %s: %s", h.Name, h.Value)
				}
			}
			return
		}
		if len(acao) != 1 || (acao[0] != "*" && acao[0] != reqOrigin) {
			t.Fatalf("Access-Control-Allow-Origin = %q for origin %q", acao, reqOrigin)
		}
		if got := fetchspec.CORSCheck(resp.Header, reqOrigin, false); got != fetchspec.CORSCheckOK {
			t.Fatalf("the CORS check fails with %q", got)
		}
	})
}

// A middleware that reflects everything, credentials included, lets every valid CORS request of
// every profile through: the engine and the policy agree on the protocol.
func TestPropertyReflectingPolicyAllowsEverything(t *testing.T) {
	srv := &Policy{AllowOrigins: []string{"reflect"}, AllowCredentials: true, Vary: true}
	rapid.Check(t, func(t *rapid.T) {
		headers, _ := genHeaders(t, "headers")
		req := engine.Request{
			Origin:      rapid.SampledFrom([]string{"https://app.example", "null", "http://localhost:3000"}).Draw(t, "origin"),
			URL:         "https://api.example/x",
			Method:      genMethod.Draw(t, "method"),
			Headers:     headers,
			Credentials: engine.Credentials(rapid.SampledFrom(credentialsValues).Draw(t, "credentials")),
		}
		for _, p := range browsers.All {
			res := engine.NewBrowser(p, engine.WithoutTrace()).Fetch(context.Background(), req, srv)
			if res.Outcome != engine.OK {
				t.Fatalf("%s: %s (%s) for %+v", p.Name, res.Outcome, res.Reason, req)
			}
		}
	})
}

// Raw response text built from any status and valid headers, with either line ending, an
// optional reason phrase and a body, parses back to them.
func TestPropertyRawResponseRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		status := rapid.IntRange(100, 999).Draw(t, "status")
		headers, text := genHeaders(t, "headers")
		eol := rapid.SampledFrom([]string{"\n", "\r\n"}).Draw(t, "eol")
		line := rapid.SampledFrom([]string{"HTTP/1.1", "HTTP/1.0"}).Draw(t, "version") + " " + strconv.Itoa(status)
		if rapid.Bool().Draw(t, "has-reason") {
			line += " " + rapid.StringMatching(`[ -~]{0,20}`).Draw(t, "reason")
		}
		raw := strings.Join(append([]string{line}, text...), eol)
		if rapid.Bool().Draw(t, "has-body") {
			raw += eol + eol + rapid.StringMatching(`[ -~\n]{0,40}`).Draw(t, "body")
		}
		got, errs := parseRawResponse(raw)
		if errs != nil {
			t.Fatalf("%q: %v", raw, errs)
		}
		for i := range headers {
			headers[i].Value = strings.Trim(headers[i].Value, " \t")
		}
		if diff := cmp.Diff(engine.ServerResponse{Status: status, Header: headers}, got); diff != "" {
			t.Fatalf("%q (-want +got):\n%s", raw, diff)
		}
	})
}
