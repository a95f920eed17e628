package report

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/corsim/corsim/engine"
	"github.com/corsim/corsim/fetchspec"
	"github.com/corsim/corsim/scenario"
)

// The fixtures are real runs: scenarios described in Go, run by the real engine against a
// StaticServer, with expectations checked by scenario.Check, so the report is tested on what
// the engine actually records.

func hl(kv ...string) fetchspec.HeaderList {
	var l fetchspec.HeaderList
	for i := 0; i+1 < len(kv); i += 2 {
		l.Append(kv[i], kv[i+1])
	}
	return l
}

func pos(file string, line, col int) scenario.Position {
	return scenario.Position{File: file, Line: line, Col: col}
}

func ptr[T any](v T) *T { return &v }

// downServer answers like its StaticServer except at one URL, where the server is down.
type downServer struct {
	*engine.StaticServer
	down string
}

func (d downServer) Serve(ctx context.Context, req engine.ServerRequest) (engine.ServerResponse, error) {
	if req.URL == d.down {
		return engine.ServerResponse{}, errors.New("connection refused")
	}
	return d.StaticServer.Serve(ctx, req)
}

// simulate runs s on one fresh engine.Browser per profile, as corsim does.
func simulate(tb testing.TB, s *scenario.Scenario, srv engine.Server, profiles ...engine.Profile) *scenario.Run {
	tb.Helper()
	if len(profiles) == 0 {
		profiles = []engine.Profile{engine.Spec}
	}
	run := &scenario.Run{Scenario: s}
	for _, p := range profiles {
		b := engine.NewBrowser(p)
		br := scenario.BrowserRun{Profile: p}
		var at time.Duration
		for i := range s.Fetches {
			f := &s.Fetches[i]
			b.Advance(f.Advance)
			at += f.Advance
			req := f.Request
			req.Origin = s.Origin
			req.TopLevelOrigin = s.TopLevelOrigin
			res := b.Fetch(context.Background(), req, srv)
			br.Fetches = append(br.Fetches, scenario.FetchRun{
				Fetch: f, Index: i, At: at, Result: res,
				Failures: scenario.Check(f.ExpectFor(p.Name), res),
			})
		}
		run.Browsers = append(run.Browsers, br)
	}
	return run
}

func staticServer(tb testing.TB, routes ...engine.Route) *engine.StaticServer {
	tb.Helper()
	srv, err := engine.NewStaticServer(routes...)
	if err != nil {
		tb.Fatal(err)
	}
	return srv
}

// preflightRun: a JSON PUT that is preflighted, then served from the preflight cache, then
// preflighted again once Max-Age has passed. Every expectation holds.
func preflightRun(tb testing.TB) *scenario.Run {
	const file = "testdata/preflight.yaml"
	srv := staticServer(tb,
		engine.Route{Method: "OPTIONS", URL: "https://api.example/items/1", Response: engine.ServerResponse{Status: 204, Header: hl(
			"Access-Control-Allow-Origin", "https://app.example",
			"Access-Control-Allow-Methods", "GET, PUT",
			"Access-Control-Allow-Headers", "Content-Type",
			"Access-Control-Max-Age", "600",
			"Vary", "Origin")}},
		engine.Route{Method: "PUT", URL: "https://api.example/items/1", Response: engine.ServerResponse{Status: 200, Header: hl(
			"Access-Control-Allow-Origin", "https://app.example",
			"Access-Control-Expose-Headers", "X-Request-Id",
			"Content-Type", "application/json",
			"X-Request-Id", "r-42")}},
	)
	put := engine.Request{URL: "https://api.example/items/1", Method: "PUT", Headers: hl("Content-Type", "application/json"), Body: engine.BodyText}
	s := &scenario.Scenario{
		File:        file,
		Title:       "A JSON PUT, preflighted and cached",
		Description: "Content-Type: application/json is not safelisted, so the browser preflights.\nMax-Age: 600 lets it skip the preflight for ten minutes.",
		Origin:      "https://app.example",
		Fetches: []scenario.Fetch{
			{Name: "first PUT", Request: put, Pos: pos(file, 20, 5), Expect: &scenario.Expect{
				Outcome: ptr(engine.OK), Preflight: ptr(true), Status: ptr(200), Type: ptr(engine.TypeCORS),
				ReadableHeaders: []string{"content-type", "x-request-id"}, Pos: pos(file, 26, 7)}},
			{Name: "five minutes later", Advance: 5 * time.Minute, Request: put, Pos: pos(file, 32, 5),
				Expect: &scenario.Expect{Outcome: ptr(engine.OK), Preflight: ptr(false), Pos: pos(file, 38, 7)}},
			{Name: "after Max-Age", Advance: 10 * time.Minute, Request: put, Pos: pos(file, 40, 5),
				Expect: &scenario.Expect{Outcome: ptr(engine.OK), Preflight: ptr(true), Pos: pos(file, 46, 7)}},
		},
	}
	return simulate(tb, s, srv)
}

// blockedRun: responses the CORS protocol rejects, one of them against a wrong expectation so
// the run fails.
func blockedRun(tb testing.TB, profiles ...engine.Profile) *scenario.Run {
	const file = "testdata/blocked.yaml"
	srv := staticServer(tb,
		engine.Route{URL: "https://api.example/public", Response: engine.ServerResponse{Status: 200, Header: hl("Content-Type", "text/plain")}},
		engine.Route{URL: "https://api.example/me", Response: engine.ServerResponse{Status: 200, Header: hl("Access-Control-Allow-Origin", "*")}},
		engine.Route{Method: "OPTIONS", URL: "https://api.example/orders", Response: engine.ServerResponse{Status: 204, Header: hl(
			"Access-Control-Allow-Origin", "https://app.example",
			"Access-Control-Allow-Methods", "POST")}},
	)
	s := &scenario.Scenario{
		File:   file,
		Title:  "Responses the browser blocks",
		Origin: "https://app.example",
		Fetches: []scenario.Fetch{
			{Name: "no Allow-Origin", Request: engine.Request{URL: "https://api.example/public"}, Pos: pos(file, 12, 5),
				Expect: &scenario.Expect{Outcome: ptr(engine.OK), Status: ptr(200), Pos: pos(file, 14, 7)}},
			{Name: "wildcard with credentials", Request: engine.Request{URL: "https://api.example/me", Credentials: engine.CredentialsInclude}, Pos: pos(file, 16, 5),
				Expect: &scenario.Expect{Outcome: ptr(engine.NetworkError), Reason: ptr(engine.WildcardOriginWithCredentials), Pos: pos(file, 19, 7)}},
			{Name: "header not allowed", Request: engine.Request{URL: "https://api.example/orders", Method: "POST",
				Headers: hl("Content-Type", "application/json", "X-Trace", "1"), Body: engine.BodyText}, Pos: pos(file, 21, 5),
				Expect: &scenario.Expect{Reason: ptr(engine.HeaderNotAllowed), Pos: pos(file, 26, 7)}},
		},
	}
	return simulate(tb, s, srv, profiles...)
}

// mixedRun: a followed redirect, an opaque no-cors response with a dropped header, a request
// fetch() refuses, a server that is down, and names full of characters every output format
// must escape.
func mixedRun(tb testing.TB) *scenario.Run {
	const file = "testdata/mixed <&> | *_#;.yaml"
	static := staticServer(tb,
		engine.Route{URL: "https://api.example/v1/teams", Response: engine.ServerResponse{Status: 301, Header: hl(
			"Location", "https://data.example/v2/teams?x=1&y=<2>",
			"Access-Control-Allow-Origin", "https://app.example")}},
		engine.Route{URL: "https://data.example/v2/teams?x=1&y=%3C2%3E", Response: engine.ServerResponse{Status: 200, Header: hl(
			"Access-Control-Allow-Origin", "null",
			"Content-Type", "application/json")}},
		engine.Route{URL: "https://tracker.example/pixel.gif", Response: engine.ServerResponse{Status: 200, Header: hl("Content-Type", "image/gif")}},
	)
	srv := downServer{StaticServer: static, down: "https://down.example/health"}
	s := &scenario.Scenario{
		File:           file,
		Title:          "Redirects, opaque & refused <requests> | *all* of_them #1; \x1b[31mred\x1b[0m",
		Description:    "Names here hold <, >, &, |, *, _, #, ; and \"quotes\" on purpose:\nevery format must escape them.",
		Origin:         "https://app.example",
		TopLevelOrigin: "https://portal.example",
		Fetches: []scenario.Fetch{
			{Name: "301 to <another> origin", Request: engine.Request{URL: "https://api.example/v1/teams"}, Pos: pos(file, 10, 5)},
			{Name: "no-cors & a \"dropped\" header", Request: engine.Request{URL: "https://tracker.example/pixel.gif", Mode: engine.ModeNoCORS,
				Headers: hl("X-Api-Key", "k;1#<b>")}, Pos: pos(file, 14, 5)},
			{Name: "GET,POST | bad", Request: engine.Request{URL: "https://api.example/x", Method: "GET,POST"}, Pos: pos(file, 18, 5),
				Expect: &scenario.Expect{Outcome: ptr(engine.TypeError), Reason: ptr(engine.InvalidMethod), Pos: pos(file, 20, 7)}},
			{Name: "server down", Advance: 90 * time.Second, Request: engine.Request{URL: "https://down.example/health", UseCORSPreflight: true,
				Credentials: engine.CredentialsInclude, Redirect: engine.RedirectError, Cache: engine.CacheNoStore}, Pos: pos(file, 22, 5)},
		},
	}
	return simulate(tb, s, srv)
}

func allRuns(tb testing.TB) []*scenario.Run {
	return []*scenario.Run{preflightRun(tb), blockedRun(tb), mixedRun(tb)}
}
