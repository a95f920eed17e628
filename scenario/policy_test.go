package scenario

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/corsim/corsim/engine"
	"github.com/corsim/corsim/fetchspec"
)

func preflight(origin, method, headers string) engine.ServerRequest {
	h := hl("Origin", origin, "Access-Control-Request-Method", method)
	if headers != "" {
		h = append(h, fetchspec.Header{Name: "Access-Control-Request-Headers", Value: headers})
	}
	return engine.ServerRequest{Method: "OPTIONS", URL: "https://api.example/x", Header: h}
}

func TestPolicyServe(t *testing.T) {
	app := "https://app.example"
	list := &Policy{AllowOrigins: []string{app}, AllowMethods: []string{"GET", "PUT"}, AllowHeaders: []string{"Content-Type", "X-Id"},
		ExposeHeaders: []string{"X-Request-Id", "ETag"}, AllowCredentials: true, MaxAge: ptr(600), Vary: true,
		PreflightStatus: 204, Status: 200, Headers: hl("Content-Type", "application/json")}
	reflect := &Policy{AllowOrigins: []string{"reflect"}, Vary: true}
	star := &Policy{AllowOrigins: []string{"*"}, AllowMethods: []string{}, AllowHeaders: []string{"*"}, PreflightStatus: 200, Status: 201}
	tests := []struct {
		name   string
		policy *Policy
		req    engine.ServerRequest
		want   engine.ServerResponse
	}{
		{"preflight allowed, listed values", list, preflight(app, "PUT", "content-type"), engine.ServerResponse{Status: 204, Header: hl(
			"Access-Control-Allow-Origin", app, "Access-Control-Allow-Credentials", "true",
			"Access-Control-Allow-Methods", "GET, PUT", "Access-Control-Allow-Headers", "Content-Type, X-Id",
			"Access-Control-Max-Age", "600", "Vary", "Origin")}},
		{"preflight refused: no CORS headers", list, preflight("https://evil.example", "PUT", ""), engine.ServerResponse{Status: 204}},
		{"origin compared byte for byte", list, preflight("https://App.example", "PUT", ""), engine.ServerResponse{Status: 204}},
		{"preflight, reflect everything (zero statuses mean the defaults)", reflect, preflight("https://x.example", "patch", "x-a,x-b"), engine.ServerResponse{Status: 204, Header: hl(
			"Access-Control-Allow-Origin", "https://x.example", "Access-Control-Allow-Methods", "patch",
			"Access-Control-Allow-Headers", "x-a,x-b", "Vary", "Origin, Access-Control-Request-Headers")}},
		{"preflight, reflect headers but none asked", reflect, preflight("null", "PUT", ""), engine.ServerResponse{Status: 204, Header: hl(
			"Access-Control-Allow-Origin", "null", "Access-Control-Allow-Methods", "PUT", "Vary", "Origin, Access-Control-Request-Headers")}},
		{"preflight, wildcard, empty method list sends no header, no vary", star, preflight(app, "DELETE", "x-a"), engine.ServerResponse{Status: 200, Header: hl(
			"Access-Control-Allow-Origin", "*", "Access-Control-Allow-Headers", "*")}},
		{"actual request allowed", list, engine.ServerRequest{Method: "PUT", URL: "https://api.example/x", Header: hl("Origin", app)},
			engine.ServerResponse{Status: 200, Header: hl("Content-Type", "application/json", "Access-Control-Allow-Origin", app,
				"Access-Control-Allow-Credentials", "true", "Access-Control-Expose-Headers", "X-Request-Id, ETag", "Vary", "Origin")}},
		{"actual request refused keeps the extra headers", list, engine.ServerRequest{Method: "GET", URL: "https://api.example/x", Header: hl("Origin", "https://evil.example")},
			engine.ServerResponse{Status: 200, Header: hl("Content-Type", "application/json")}},
		{"no Origin: no CORS headers", reflect, engine.ServerRequest{Method: "GET", URL: "https://api.example/x"}, engine.ServerResponse{Status: 200}},
		{"OPTIONS without Origin is not a preflight", list, engine.ServerRequest{Method: "OPTIONS", URL: "https://api.example/x", Header: hl("Access-Control-Request-Method", "PUT")},
			engine.ServerResponse{Status: 200, Header: hl("Content-Type", "application/json")}},
		{"OPTIONS without Access-Control-Request-Method is not a preflight", star, engine.ServerRequest{Method: "OPTIONS", URL: "https://api.example/x", Header: hl("Origin", app)},
			engine.ServerResponse{Status: 201, Header: hl("Access-Control-Allow-Origin", "*")}},
		{"nil policy answers 404", nil, engine.ServerRequest{Method: "GET", URL: "https://api.example/x"}, engine.ServerResponse{Status: 404}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.policy.Serve(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Serve mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNewServer(t *testing.T) {
	s := &Scenario{Server: Server{
		Routes: []Route{
			{Method: "OPTIONS", URL: "HTTPS://API.example:443/x#a", Response: engine.ServerResponse{Status: 204, Header: hl("A", "options")}},
			{URL: "https://api.example/x", Response: engine.ServerResponse{Status: 200, Header: hl("A", "any")}},
			{URL: "https://down.example/", Unreachable: true},
		},
		Policy: &Policy{AllowOrigins: []string{"*"}},
	}}
	srv, err := s.NewServer()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		method, url string
		want        engine.ServerResponse
		wantErr     bool
	}{
		{"OPTIONS", "https://api.example/x", engine.ServerResponse{Status: 204, Header: hl("A", "options")}, false},
		{"PUT", "https://api.example/x", engine.ServerResponse{Status: 200, Header: hl("A", "any")}, false},
		{"GET", "https://api.example/other", engine.ServerResponse{Status: 200, Header: hl("Access-Control-Allow-Origin", "*")}, false},
		{"GET", "https://down.example/", engine.ServerResponse{}, true},
	}
	for _, tt := range tests {
		got, err := srv.Serve(context.Background(), engine.ServerRequest{Method: tt.method, URL: tt.url, Header: hl("Origin", "https://app.example")})
		if (err != nil) != tt.wantErr {
			t.Errorf("%s %s: error %v, want error %v", tt.method, tt.url, err, tt.wantErr)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s %s (-want +got):\n%s", tt.method, tt.url, diff)
		}
	}

	// Without a policy, an unanswered request gets 404 without headers.
	s.Server.Policy = nil
	srv, _ = s.NewServer()
	got, _ := srv.Serve(context.Background(), engine.ServerRequest{Method: "GET", URL: "https://api.example/none"})
	if diff := cmp.Diff(engine.ServerResponse{Status: 404}, got); diff != "" {
		t.Errorf("unanswered (-want +got):\n%s", diff)
	}

	// A scenario built in Go is checked too.
	bad := []struct {
		route Route
		want  string
	}{
		{Route{URL: "nope", Response: engine.ServerResponse{Status: 200}, Pos: Position{File: "f", Line: 3, Col: 5}},
			`f:3:5: route url "nope" is not an absolute URL: weburl: "nope": has no scheme, and there is no base URL to resolve it against`},
		{Route{URL: "https://a.example/", Method: "G T", Response: engine.ServerResponse{Status: 200}}, `route method "G T" is not an HTTP method`},
		{Route{URL: "https://a.example/"}, `route status 0 is not an HTTP status (100-999)`},
		{Route{URL: "https://a.example/", Response: engine.ServerResponse{Status: 200, Header: hl("A B", "c")}}, `route header "A B": "c" is not a valid header`},
	}
	for _, b := range bad {
		_, err := (&Scenario{Server: Server{Routes: []Route{b.route}}}).NewServer()
		if err == nil || err.Error() != b.want {
			t.Errorf("NewServer(%+v) = %v, want %q", b.route, err, b.want)
		}
	}
	_, err = (&Scenario{Server: Server{Routes: []Route{
		{URL: "https://a.example/", Response: engine.ServerResponse{Status: 200}},
		{URL: "https://A.example/#x", Response: engine.ServerResponse{Status: 200}},
	}}}).NewServer()
	if want := "a route for any method https://a.example/ already exists"; err == nil || err.Error() != want {
		t.Errorf("duplicate routes: %v, want %q", err, want)
	}
}
