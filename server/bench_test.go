package server

import (
	"context"
	"net/http"
	"testing"

	"github.com/corsim/corsim/browsers"
	"github.com/corsim/corsim/engine"
	"github.com/corsim/corsim/fetchspec"
)

// BenchmarkPreflightedPUT measures one preflighted PUT (two exchanges) through the engine's fast
// path against the same answers from a described server and from an http.Handler in process:
// the cost of running real handler code instead of data.
func BenchmarkPreflightedPUT(b *testing.B) {
	req := engine.Request{Origin: "https://app.example", URL: "https://api.example/items/7", Method: "PUT",
		Headers: fetchspec.HeaderList{{Name: "Content-Type", Value: "application/json"}}, Body: engine.BodyText}
	static, err := engine.NewStaticServer(
		engine.Route{Method: "OPTIONS", URL: req.URL, Response: engine.ServerResponse{Status: 204, Header: fetchspec.HeaderList{
			{Name: "Access-Control-Allow-Headers", Value: "Content-Type"}, {Name: "Access-Control-Allow-Methods", Value: "GET, PUT"},
			{Name: "Access-Control-Allow-Origin", Value: "https://app.example"}, {Name: "Vary", Value: "Origin"}}}},
		engine.Route{URL: req.URL, Response: engine.ServerResponse{Status: 200, Header: fetchspec.HeaderList{
			{Name: "Access-Control-Allow-Origin", Value: "https://app.example"}, {Name: "Content-Type", Value: "application/json"}, {Name: "Vary", Value: "Origin"}}}},
	)
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		srv  engine.Server
	}{{"StaticServer", static}, {"Handler", Handler(api())}} {
		b.Run(bc.name, func(b *testing.B) {
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				// A fresh session each time, so every fetch is preflighted.
				res := engine.NewBrowser(browsers.Chromium, engine.WithoutTrace()).Fetch(ctx, req, bc.srv)
				if res.Outcome != engine.OK {
					b.Fatalf("%s: %s", res.Outcome, res.Reason)
				}
			}
		})
	}
}

var _ http.Handler = api()
