package engine

import (
	"context"
	"fmt"

	"github.com/corsim/corsim/fetchspec"
	"github.com/corsim/corsim/weburl"
)

// ServerRequest is one HTTP request exactly as the browser sends it to the server: the method,
// the absolute URL (without fragment), and the header list the CORS protocol is made of (the
// script's headers, Accept, Origin, Access-Control-Request-*, and Fetch metadata). A real browser
// also sends transport headers (Host, User-Agent, Accept-Encoding, Connection, Referer) that
// do not take part in CORS; they are not modelled.
type ServerRequest struct {
	Method string
	URL    string
	Header fetchspec.HeaderList
	// Credentials reports whether the browser attaches credentials (cookies, HTTP
	// authentication, client certificates) to this request.
	Credentials bool
	// Body reports whether the request carries a body.
	Body bool
}

// ServerResponse is what a server answers: a status and an ordered header list. Bodies do not
// take part in CORS and are not modelled.
type ServerResponse struct {
	Status int
	Header fetchspec.HeaderList
}

// Server answers one HTTP request. The engine calls it for every preflight and every request,
// including each redirect hop; the server never follows redirects itself. An error means the
// server could not be reached, which a browser reports as a network error.
type Server interface {
	Serve(ctx context.Context, req ServerRequest) (ServerResponse, error)
}

// Route is one answer of a StaticServer: the response to Method at URL. An empty Method answers
// every method that has no route of its own.
type Route struct {
	Method   string
	URL      string
	Response ServerResponse
}

// StaticServer answers from a fixed table of routes, so a server can be described as data. A
// request with no route gets 404 with no headers, as a server without CORS support would answer.
type StaticServer struct {
	routes map[routeKey]ServerResponse
}

type routeKey struct{ method, url string }

// NewStaticServer checks every route's URL and returns a server answering from them. URLs are
// compared in their parsed, serialized form without fragment, so "HTTPS://API.example:443/x" and
// "https://api.example/x" name the same route.
func NewStaticServer(routes ...Route) (*StaticServer, error) {
	s := &StaticServer{routes: make(map[routeKey]ServerResponse, len(routes))}
	for i, r := range routes {
		u, err := weburl.Parse(r.URL)
		if err != nil {
			return nil, fmt.Errorf("route %d: URL %q: %w", i+1, r.URL, err)
		}
		if r.Method != "" && !fetchspec.IsMethod(r.Method) {
			return nil, fmt.Errorf("route %d: method %q is not an HTTP token", i+1, r.Method)
		}
		if r.Response.Status < 100 || r.Response.Status > 999 {
			return nil, fmt.Errorf("route %d: status %d is not a three-digit HTTP status", i+1, r.Response.Status)
		}
		for _, h := range r.Response.Header {
			if !fetchspec.IsHeaderName(h.Name) || !fetchspec.IsHeaderValue(h.Value) {
				return nil, fmt.Errorf("route %d: response header %q: %q is not a valid header", i+1, h.Name, h.Value)
			}
		}
		k := routeKey{r.Method, u.StringWithoutFragment()}
		if _, dup := s.routes[k]; dup {
			return nil, fmt.Errorf("route %d: a route for %s %s already exists", i+1, orAny(r.Method), k.url)
		}
		s.routes[k] = r.Response
	}
	return s, nil
}

func orAny(method string) string {
	if method == "" {
		return "any method"
	}
	return method
}

// Serve answers from the route for the request's method and URL, then from the route for any
// method, then with 404.
func (s *StaticServer) Serve(_ context.Context, req ServerRequest) (ServerResponse, error) {
	if r, ok := s.routes[routeKey{req.Method, req.URL}]; ok {
		return r, nil
	}
	if r, ok := s.routes[routeKey{"", req.URL}]; ok {
		return r, nil
	}
	return ServerResponse{Status: 404}, nil
}
