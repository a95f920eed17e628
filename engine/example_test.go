package engine_test

import (
	"context"
	"fmt"
	"time"

	"github.com/corsim/corsim/engine"
	"github.com/corsim/corsim/fetchspec"
)

// A JSON PUT from https://app.example to an API: the browser preflights, caches the answer for
// Max-Age seconds, and preflights again once it has expired.
func ExampleBrowser_Fetch() {
	srv, err := engine.NewStaticServer(
		engine.Route{Method: "OPTIONS", URL: "https://api.example/items/1", Response: engine.ServerResponse{Status: 204, Header: fetchspec.HeaderList{
			{Name: "Access-Control-Allow-Origin", Value: "https://app.example"},
			{Name: "Access-Control-Allow-Methods", Value: "PUT"},
			{Name: "Access-Control-Allow-Headers", Value: "Content-Type"},
			{Name: "Access-Control-Max-Age", Value: "60"},
		}}},
		engine.Route{Method: "PUT", URL: "https://api.example/items/1", Response: engine.ServerResponse{Status: 200, Header: fetchspec.HeaderList{
			{Name: "Access-Control-Allow-Origin", Value: "https://app.example"},
		}}},
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	b := engine.NewBrowser(engine.Spec)
	req := engine.Request{
		Origin:  "https://app.example",
		URL:     "https://api.example/items/1",
		Method:  "PUT",
		Headers: fetchspec.HeaderList{{Name: "Content-Type", Value: "application/json"}},
		Body:    engine.BodyText,
	}
	for _, wait := range []time.Duration{0, 30 * time.Second, 31 * time.Second} {
		b.Advance(wait)
		res := b.Fetch(context.Background(), req, srv)
		fmt.Printf("after %v: %s, preflighted: %v\n", wait, res.Outcome, res.Preflighted())
	}
	// Output:
	// after 0s: ok, preflighted: true
	// after 30s: ok, preflighted: false
	// after 31s: ok, preflighted: true
}

// A credentialed request to a server that answers Access-Control-Allow-Origin: *. The result
// names the reason and the fix.
func ExampleResult_Failure() {
	srv, _ := engine.NewStaticServer(engine.Route{Method: "GET", URL: "https://api.example/me", Response: engine.ServerResponse{
		Status: 200, Header: fetchspec.HeaderList{{Name: "Access-Control-Allow-Origin", Value: "*"}},
	}})
	res := engine.NewBrowser(engine.Spec).Fetch(context.Background(), engine.Request{
		Origin: "https://app.example", URL: "https://api.example/me", Credentials: engine.CredentialsInclude,
	}, srv)
	step, _ := res.Failure()
	fmt.Println(res.Outcome, res.Reason)
	fmt.Println(step.Anchor)
	fmt.Println(res.Fix)
	// Output:
	// network-error wildcard-origin-with-credentials
	// https://fetch.spec.whatwg.org/#concept-cors-check
	// Echo Access-Control-Allow-Origin: https://app.example instead of *, with Access-Control-Allow-Credentials: true and Vary: Origin (or have the page send credentials: "omit").
}
