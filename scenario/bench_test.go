package scenario

import (
	"context"
	"os"
	"testing"

	"github.com/corsim/corsim/engine"
)

func BenchmarkParse(b *testing.B) {
	data, err := os.ReadFile("testdata/put.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("put.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseRawResponse(b *testing.B) {
	text := "HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: https://app.example\r\nContent-Type: application/json\r\nVary: Origin\r\n\r\n{}"
	b.ReportAllocs()
	for b.Loop() {
		if _, errs := parseRawResponse(text); errs != nil {
			b.Fatal(errs)
		}
	}
}

// The policy answers every request of every simulated fetch: the hot path of a run.
func BenchmarkPolicyServe(b *testing.B) {
	p := &Policy{AllowOrigins: []string{"https://app.example"}, AllowMethods: []string{"GET", "PUT"}, AllowCredentials: true,
		MaxAge: ptr(600), Vary: true, PreflightStatus: 204, Status: 200, Headers: hl("Content-Type", "application/json")}
	ctx := context.Background()
	for _, bc := range []struct {
		name string
		req  engine.ServerRequest
	}{
		{"preflight", preflight("https://app.example", "PUT", "content-type")},
		{"request", engine.ServerRequest{Method: "PUT", URL: "https://api.example/x", Header: hl("Origin", "https://app.example")}},
		{"refused", engine.ServerRequest{Method: "PUT", URL: "https://api.example/x", Header: hl("Origin", "https://evil.example")}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := p.Serve(ctx, bc.req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkServerServe(b *testing.B) {
	s, err := Load("testdata/put.yaml")
	if err != nil {
		b.Fatal(err)
	}
	srv, err := s.NewServer()
	if err != nil {
		b.Fatal(err)
	}
	req := engine.ServerRequest{Method: "PUT", URL: "https://api.example/items/1", Header: hl("Origin", "https://app.example")}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := srv.Serve(ctx, req); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkExecute(b *testing.B) {
	s, err := Load("testdata/put.yaml")
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Execute(ctx, s, nil, nil); err != nil {
			b.Fatal(err)
		}
	}
}
