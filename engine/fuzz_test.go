package engine

import (
	"context"
	"strings"
	"testing"

	"github.com/corsim/corsim/fetchspec"
)

// FuzzFetch drives Fetch with arbitrary request fields and server answers. Fetch must never
// panic, and every result must satisfy checkResultInvariants.
func FuzzFetch(f *testing.F) {
	f.Add(pageOrigin, "https://api.example/x", "PUT", "X-Foo", "1", 204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods: PUT")
	f.Add("null", "https://api.example/x", "patch", "Authorization", "x", 302, "Location", "https://u:p@cdn.example/", "Access-Control-Allow-Origin: null")
	f.Add("http://0x7f.1:8080", "//[::1]/x?y#z", "GET", "Range", "bytes=-5", 200, "Access-Control-Expose-Headers", "*", "Access-Control-Max-Age: -1")
	f.Add("https://xn--fa-hia.example", "data:text/html,hi", "POST", "Content-Type", "text/plain; a=\"b\"", 308, "Location", "/self", "Location: /self")
	f.Fuzz(func(t *testing.T, pageOrigin, url, method, hName, hValue string, status int, rName, rValue, extra string) {
		var header fetchspec.HeaderList
		header = append(header, fetchspec.Header{Name: rName, Value: rValue})
		for _, line := range strings.Split(extra, "\n") {
			if n, v, ok := strings.Cut(line, ":"); ok {
				header = append(header, fetchspec.Header{Name: n, Value: strings.TrimSpace(v)})
			}
		}
		srv := fuzzServer{ServerResponse{Status: status, Header: header}}
		b := NewBrowser(Spec)
		for _, mode := range []Mode{ModeCORS, ModeNoCORS, ModeSameOrigin} {
			for _, cred := range []Credentials{CredentialsOmit, CredentialsInclude} {
				req := Request{Origin: pageOrigin, URL: url, Method: method, Mode: mode, Credentials: cred,
					Headers: fetchspec.HeaderList{{Name: hName, Value: hValue}}}
				res := b.Fetch(context.Background(), req, srv)
				checkResultInvariants(t, req, res)
			}
		}
	})
}

// fuzzServer answers every request with the same response, redirects included, so a redirect
// to itself exercises the redirect limit.
type fuzzServer struct{ resp ServerResponse }

func (s fuzzServer) Serve(context.Context, ServerRequest) (ServerResponse, error) { return s.resp, nil }
