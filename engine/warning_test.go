package engine

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestWarnings: each warning is raised by the situation its doc names, for the profiles it
// concerns, and never changes the verdict.
func TestWarnings(t *testing.T) {
	const page = "https://app.example"
	capped600 := Spec
	capped600.MaxAge.Cap = 600 * time.Second
	wildcardAuth := Spec
	wildcardAuth.WildcardCoversAuthorization = true
	corsFirst := Spec
	corsFirst.PreflightCheckOrder = PreflightCORSFirst
	tests := []struct {
		name    string
		profile Profile
		req     Request
		routes  []Route
		outcome Outcome
		want    []Warning
	}{
		{"echoed origin without Vary", Spec, Request{URL: x},
			[]Route{route("GET", x, 200, "Access-Control-Allow-Origin", page)}, OK, []Warning{WarnVaryOriginMissing}},
		{"echoed origin with Vary: Accept-Encoding, Origin", Spec, Request{URL: x},
			[]Route{route("GET", x, 200, "Access-Control-Allow-Origin", page, "Vary", "Accept-Encoding, origin")}, OK, nil},
		{"wildcard needs no Vary", Spec, Request{URL: x},
			[]Route{route("GET", x, 200, "Access-Control-Allow-Origin", "*")}, OK, nil},
		{"untrusted origin reads a credentialed response", Spec, Request{URL: x, Credentials: CredentialsInclude, UntrustedOrigin: true},
			[]Route{route("GET", x, 200, "Access-Control-Allow-Origin", page, "Access-Control-Allow-Credentials", "true", "Vary", "Origin")}, OK, []Warning{WarnUntrustedOriginCredentials}},
		{"untrusted origin without credentials", Spec, Request{URL: x, UntrustedOrigin: true},
			[]Route{route("GET", x, 200, "Access-Control-Allow-Origin", "*")}, OK, nil},
		{"Max-Age above a 600 s cap", capped600, Request{URL: x, Method: "PUT"},
			[]Route{route("OPTIONS", x, 204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "PUT", "Access-Control-Max-Age", "601"),
				route("PUT", x, 200, "Access-Control-Allow-Origin", "*")}, OK, []Warning{WarnMaxAgeAboveCap}},
		{"Max-Age at a 600 s cap", capped600, Request{URL: x, Method: "PUT"},
			[]Route{route("OPTIONS", x, 204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "PUT", "Access-Control-Max-Age", "600"),
				route("PUT", x, 200, "Access-Control-Allow-Origin", "*")}, OK, nil},
		{"the spec has no cap", Spec, Request{URL: x, Method: "PUT"},
			[]Route{route("OPTIONS", x, 204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "PUT", "Access-Control-Max-Age", "99999"),
				route("PUT", x, 200, "Access-Control-Allow-Origin", "*")}, OK, nil},
		{"preflight answered 405: the failure already says so", Spec, Request{URL: x, Method: "PUT"},
			[]Route{route("OPTIONS", x, 405, "Access-Control-Allow-Origin", "*")}, NetworkError, nil},
		{"preflight answered 404 without CORS headers, CORS checked first", corsFirst, Request{URL: x, Method: "PUT"},
			[]Route{route("OPTIONS", x, 404)}, NetworkError, []Warning{WarnPreflightNot2xx}},
		{"preflight redirected: the failure already says so", corsFirst, Request{URL: x, Method: "PUT"},
			[]Route{route("OPTIONS", x, 302, "Access-Control-Allow-Origin", "*", "Location", "/y")}, NetworkError, nil},
		{"null allowed with credentials", Spec, Request{Origin: "null", URL: x, Credentials: CredentialsInclude},
			[]Route{route("GET", x, 200, "Access-Control-Allow-Origin", "null", "Access-Control-Allow-Credentials", "true", "Vary", "Origin")}, OK, []Warning{WarnNullOriginCredentials}},
		{"null allowed without credentials", Spec, Request{Origin: "null", URL: x},
			[]Route{route("GET", x, 200, "Access-Control-Allow-Origin", "null", "Vary", "Origin")}, OK, nil},
		{"lowercase patch, ACAM PATCH", Spec, Request{URL: x, Method: "patch"},
			[]Route{route("OPTIONS", x, 204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "GET, PATCH")}, NetworkError, []Warning{WarnAllowMethodsUppercased}},
		{"Authorization under * where the profile lets * cover it", wildcardAuth, Request{URL: x, Headers: hl("Authorization", "Bearer t")},
			[]Route{route("OPTIONS", x, 204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Headers", "*"),
				route("GET", x, 200, "Access-Control-Allow-Origin", "*")}, OK, []Warning{WarnAuthorizationWildcard}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := tt.req
			if req.Origin == "" {
				req.Origin = page
			}
			for _, opt := range []Option{nil, WithoutTrace()} {
				var b *Browser
				if opt == nil {
					b = NewBrowser(tt.profile)
				} else {
					b = NewBrowser(tt.profile, opt)
				}
				res := fetch(t, b, req, mustServer(t, tt.routes...))
				if res.Outcome != tt.outcome {
					t.Fatalf("outcome %s (%s), want %s", res.Outcome, res.Reason, tt.outcome)
				}
				if d := cmp.Diff(tt.want, res.Warnings); d != "" {
					t.Errorf("warnings (-want +got):\n%s", d)
				}
			}
		})
	}
	for _, info := range Warnings {
		if info.Meaning == "" || info.Fix == "" {
			t.Errorf("%s: undocumented", info.Warning)
		}
	}
}
