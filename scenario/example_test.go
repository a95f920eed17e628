package scenario_test

import (
	"context"
	"fmt"

	"github.com/corsim/corsim/engine"
	"github.com/corsim/corsim/fetchspec"
	"github.com/corsim/corsim/scenario"
)

const putScenario = `title: A JSON PUT to an API
origin: https://app.example
server:
  policy:
    allow_origins: ["https://app.example"]
    allow_methods: [GET, POST]
fetches:
  - name: PUT with JSON
    url: https://api.example/items/1
    method: PUT
    headers: ["Content-Type: application/json"]
    body: text
    expect:
      outcome: ok
`

// A scenario runs on every browser profile; an expectation that does not hold says what was
// wanted, what happened, and where the expectation is written.
func ExampleExecute() {
	s, err := scenario.Parse("put.yaml", []byte(putScenario))
	if err != nil {
		fmt.Println(err)
		return
	}
	run, err := scenario.Execute(context.Background(), s, []engine.Profile{engine.Spec}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, b := range run.Browsers {
		for _, f := range b.Fetches {
			fmt.Printf("%s: %s: %s (%s)\n", b.Profile.Name, f.Fetch.Name, f.Result.Outcome, f.Result.Reason)
			for _, fail := range f.Failures {
				fmt.Printf("%s: expected %s %s, got %s\n", fail.Pos, fail.Field, fail.Want, fail.Got)
			}
		}
	}
	fmt.Println("passed:", run.Passed())
	// Output:
	// spec: PUT with JSON: network-error (method-not-allowed)
	// put.yaml:14:7: expected outcome ok, got network-error
	// passed: false
}

// Every problem of a file is reported at once, each at the offending value.
func ExampleParse_errors() {
	_, err := scenario.Parse("bad.yaml", []byte(`title: typos
origin: https://app.example
server: {policy: {allow_origins: [reflect]}}
fetches:
  - url: https://api.example/
    methd: PUT
    mode: corss
`))
	fmt.Println(err)
	// Output:
	// bad.yaml:6:5: unknown key "methd" in fetch; did you mean "method"?
	// bad.yaml:7:11: "mode": "corss" is not one of "cors", "no-cors", "same-origin"
}

// A Policy is an engine.Server that answers like a CORS middleware.
func ExamplePolicy_Serve() {
	p := &scenario.Policy{AllowOrigins: []string{"reflect"}, AllowMethods: []string{"GET", "PUT"}, Vary: true}
	resp, _ := p.Serve(context.Background(), engine.ServerRequest{
		Method: "OPTIONS",
		URL:    "https://api.example/items/1",
		Header: fetchspec.HeaderList{
			{Name: "Origin", Value: "https://app.example"},
			{Name: "Access-Control-Request-Method", Value: "PUT"},
		},
	})
	fmt.Println(resp.Status)
	for _, h := range resp.Header {
		fmt.Printf("%s: %s\n", h.Name, h.Value)
	}
	// Output:
	// 204
	// Access-Control-Allow-Origin: https://app.example
	// Access-Control-Allow-Methods: GET, PUT
	// Vary: Origin, Access-Control-Request-Headers
}
