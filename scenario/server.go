package scenario

import (
	"context"
	"errors"
	"fmt"
	"github.com/corsim/corsim/server"

	"github.com/corsim/corsim/engine"
	"github.com/corsim/corsim/fetchspec"
	"github.com/corsim/corsim/weburl"
)

// errUnreachable is what an unreachable route answers; the engine reports any server error as
// server-unreachable.
var errUnreachable = errors.New("the server is unreachable (the scenario's route says unreachable: true)")

type routeKey struct{ method, url string }

// scenarioServer answers from the routes, then the policy, then with 404.
type scenarioServer struct {
	routes map[routeKey]*Route
	policy *Policy
}

// NewServer builds the scenario's server: a route for the request's method and URL answers
// first, then a route for the URL with any method, then the policy, and a request nothing
// answers gets 404 with no headers, as a server without CORS support would. URLs are compared
// parsed and serialized, without fragment, so two spellings of one URL name the same route.
func (s *Scenario) NewServer() (engine.Server, error) {
	if s.Server.URL != "" {
		live, err := server.Live(s.Server.URL)
		if err != nil {
			return nil, &Error{Pos: s.Server.URLPos, Msg: err.Error()}
		}
		return live, nil
	}
	srv := &scenarioServer{routes: make(map[routeKey]*Route, len(s.Server.Routes)), policy: s.Server.Policy}
	for i := range s.Server.Routes {
		r := &s.Server.Routes[i]
		u, err := weburl.Parse(r.URL)
		if err != nil {
			return nil, &Error{Pos: r.Pos, Msg: fmt.Sprintf("route url %s is not an absolute URL: %v", quote(r.URL), err)}
		}
		if r.Method != "" && !fetchspec.IsMethod(r.Method) {
			return nil, &Error{Pos: r.Pos, Msg: fmt.Sprintf("route method %s is not an HTTP method", quote(r.Method))}
		}
		if !r.Unreachable {
			if st := r.Response.Status; st < 100 || st > 999 {
				return nil, &Error{Pos: r.Pos, Msg: fmt.Sprintf("route status %d is not an HTTP status (100-999)", st)}
			}
			for _, h := range r.Response.Header {
				if !fetchspec.IsHeaderName(h.Name) || !fetchspec.IsHeaderValue(h.Value) {
					return nil, &Error{Pos: r.Pos, Msg: fmt.Sprintf("route header %s: %s is not a valid header", quote(h.Name), quote(h.Value))}
				}
			}
		}
		k := routeKey{r.Method, u.StringWithoutFragment()}
		if _, dup := srv.routes[k]; dup {
			return nil, &Error{Pos: r.Pos, Msg: fmt.Sprintf("a route for %s %s already exists", orAnyMethod(r.Method), k.url)}
		}
		srv.routes[k] = r
	}
	return srv, nil
}

// Serve answers one request. The engine sends URLs already serialized without fragment, so
// they are looked up as they come.
func (s *scenarioServer) Serve(ctx context.Context, req engine.ServerRequest) (engine.ServerResponse, error) {
	r, ok := s.routes[routeKey{req.Method, req.URL}]
	if !ok {
		r, ok = s.routes[routeKey{"", req.URL}]
	}
	if ok {
		if r.Unreachable {
			return engine.ServerResponse{}, errUnreachable
		}
		return r.Response, nil
	}
	if s.policy != nil {
		return s.policy.Serve(ctx, req)
	}
	return engine.ServerResponse{Status: 404}, nil
}
