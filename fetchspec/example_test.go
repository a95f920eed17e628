package fetchspec_test

import (
	"fmt"

	"github.com/corsim/corsim/fetchspec"
)

// The names a preflight's Access-Control-Request-Headers lists for a request.
func ExampleCORSUnsafeRequestHeaderNames() {
	req := fetchspec.HeaderList{
		{Name: "Accept", Value: "*/*"},
		{Name: "X-B", Value: "1"},
		{Name: "x-a", Value: "2"},
		{Name: "X-A", Value: "3"},
		{Name: "Content-Type", Value: "application/json"},
	}
	fmt.Println(fetchspec.CORSUnsafeRequestHeaderNames(req))
	// Output: [content-type x-a x-b]
}

// Why a response fails the CORS check.
func ExampleCORSCheck() {
	resp := fetchspec.HeaderList{{Name: "Access-Control-Allow-Origin", Value: "https://app.example/"}}
	fmt.Printf("%q\n", fetchspec.CORSCheck(resp, "https://app.example", false))
	resp = fetchspec.HeaderList{{Name: "Access-Control-Allow-Origin", Value: "*"}}
	fmt.Printf("%q\n", fetchspec.CORSCheck(resp, "https://app.example", true))
	// Output:
	// "allow-origin-mismatch"
	// "wildcard-origin-with-credentials"
}

// Access-Control-Allow-Headers is a list; empty items are skipped and case is kept.
func ExampleExtractHeaderListValues() {
	resp := fetchspec.HeaderList{{Name: "Access-Control-Allow-Headers", Value: "Content-Type,, X-Token "}}
	names, err := fetchspec.ExtractHeaderListValues(resp, "Access-Control-Allow-Headers")
	fmt.Println(names, err)
	_, err = fetchspec.ExtractHeaderListValues(fetchspec.HeaderList{{Name: "Access-Control-Allow-Headers", Value: `"X-Token"`}}, "Access-Control-Allow-Headers")
	fmt.Println(err)
	// Output:
	// [Content-Type X-Token] <nil>
	// Access-Control-Allow-Headers: "\"X-Token\"" in value "\"X-Token\"" is not a header name (a token)
}
