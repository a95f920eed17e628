package corstest_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/corsim/corsim/browsers"
	"github.com/corsim/corsim/corstest"
)

// api reflects any origin with credentials: the classic misconfiguration.
var api = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))
	w.Header().Set("Access-Control-Allow-Credentials", "true")
	w.Write([]byte("secret"))
})

// An audit: can an attacker's page read a logged-in user's data?
func ExampleFetch() {
	t := &testing.T{} // in a real test, the *testing.T of the test function
	v := corstest.Fetch(t, api, corstest.Request{
		Origin: "https://evil.example", URL: "https://api.example/me", Credentials: "include", Untrusted: true,
	})
	for _, p := range corstest.Browsers {
		r, _ := v.Result(p)
		fmt.Println(p.Name, r.Outcome, r.Warnings)
	}
	// Output:
	// chromium ok [vary-origin-missing untrusted-origin-credentials]
	// firefox ok [vary-origin-missing untrusted-origin-credentials]
	// webkit ok [vary-origin-missing untrusted-origin-credentials]
}

// Checks chain; with no profile named they mean the three browsers.
func ExampleVerdict_Allowed() {
	t := &testing.T{}
	v := corstest.Fetch(t, api, corstest.Request{Origin: "https://app.example", URL: "https://api.example/me", Credentials: "include"})
	v.Allowed().NotPreflighted()
	r, _ := v.Result(browsers.Firefox)
	fmt.Println(r.Response.Type, r.Response.Status, r.Response.HeaderNames)
	// Output:
	// cors 200 [content-length content-type]
}

// A session keeps each browser's preflight cache between fetches.
func ExampleNewSession() {
	t := &testing.T{}
	s := corstest.NewSession(t, api, browsers.Chromium)
	put := corstest.Request{Origin: "https://app.example", URL: "https://api.example/me", Method: "PUT"}
	first := s.Fetch(put)
	r, _ := first.Result(browsers.Chromium)
	fmt.Println(r.Preflighted(), r.Outcome, r.Reason)
	// Output:
	// true network-error method-not-allowed
}
