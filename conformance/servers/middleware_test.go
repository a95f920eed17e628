package servers

import (
	"net/http"
	"strings"
	"testing"
	"time"

	chicors "github.com/go-chi/cors"
	"github.com/google/go-cmp/cmp"
	"github.com/rs/cors"

	"github.com/corsim/corsim/browsers"
	"github.com/corsim/corsim/corstest"
	"github.com/corsim/corsim/engine"
)

// secret is the protected resource behind each middleware.
var secret = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write([]byte(`{"email":"user@example.com"}`))
})

// TestRSCorsWildcardWithCredentials: rs/cors configured with AllowedOrigins ["*"] and
// AllowCredentials answers Access-Control-Allow-Origin: * with Access-Control-Allow-Credentials:
// true. Every browser refuses that for a credentialed request, so the application is broken
// while a header check sees both headers (the "* with credentials" class: rs/cors README,
// go-chi/cors#17, expressjs/cors#36).
func TestRSCorsWildcardWithCredentials(t *testing.T) {
	h := cors.New(cors.Options{AllowedOrigins: []string{"*"}, AllowCredentials: true}).Handler(secret)
	corstest.Fetch(t, h, corstest.Request{Origin: "https://app.example", URL: "https://api.example/me", Credentials: "include"}).
		BlockedBecause(engine.WildcardOriginWithCredentials)
}

// TestRSCorsOriginFuncReflectsEveryOrigin: the usual "fix" for the wildcard, an AllowOriginFunc
// that accepts everything, makes rs/cors echo whatever Origin arrives with credentials: every
// browser lets any site read a logged-in user's data (the "origin reflected with credentials"
// class: rs/cors#55, rs/cors#197). corsim says which browsers allow the attacker and raises
// untrusted-origin-credentials; an allow-list fixes it.
func TestRSCorsOriginFuncReflectsEveryOrigin(t *testing.T) {
	h := cors.New(cors.Options{AllowOriginFunc: func(string) bool { return true }, AllowCredentials: true}).Handler(secret)
	v := corstest.Fetch(t, h, corstest.Request{Origin: "https://evil.example", URL: "https://api.example/me",
		Credentials: "include", Untrusted: true})
	v.Allowed()
	for _, p := range corstest.Browsers {
		r, _ := v.Result(p)
		if !contains(r.Warnings, engine.WarnUntrustedOriginCredentials) {
			t.Errorf("%s: warnings %v lack %s", p.Name, r.Warnings, engine.WarnUntrustedOriginCredentials)
		}
	}
	fixed := cors.New(cors.Options{AllowedOrigins: []string{"https://app.example"}, AllowCredentials: true}).Handler(secret)
	corstest.Fetch(t, fixed, corstest.Request{Origin: "https://evil.example", URL: "https://api.example/me", Credentials: "include"}).
		BlockedBecause(engine.MissingAllowOrigin)
	corstest.Fetch(t, fixed, corstest.Request{Origin: "https://app.example", URL: "https://api.example/me", Credentials: "include"}).
		Allowed().NoWarnings()
}

// TestRSCorsHeaderNotAllowed: a request header the configuration does not allow fails the
// preflight in every browser, each with its own console message (rs/cors answers the preflight
// without Access-Control-Allow-Headers).
func TestRSCorsHeaderNotAllowed(t *testing.T) {
	h := cors.New(cors.Options{AllowedOrigins: []string{"https://app.example"}, AllowedMethods: []string{"GET", "PUT"}}).Handler(secret)
	v := corstest.Fetch(t, h, corstest.Request{Origin: "https://app.example", URL: "https://api.example/orders",
		Method: "PUT", Headers: []string{"X-Request-Id: 42"}})
	v.Preflighted().Blocked()
	want := map[string][]string{}
	got := map[string][]string{}
	for _, p := range corstest.Browsers {
		r, _ := v.Result(p)
		got[p.Name] = p.ConsoleMessages(r)
	}
	want["chromium"] = []string{"Access to fetch at 'https://api.example/orders' from origin 'https://app.example' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource."}
	want["firefox"] = []string{
		"Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example/orders. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 204.",
		"Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example/orders. (Reason: CORS request did not succeed). Status code: (null).",
	}
	want["webkit"] = []string{"Origin https://app.example is not allowed by Access-Control-Allow-Origin. Status code: 204",
		"Fetch API cannot load https://api.example/orders due to access control checks."}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("console lines (-want +got):\n%s", d)
	}
}

// TestRSCorsMaxAgeAboveWebKitCap: MaxAge 3600 spares Chromium and Firefox their preflights for
// an hour, but WebKit keeps a preflight only 600 s: corsim warns and shows WebKit preflighting
// again after ten minutes.
func TestRSCorsMaxAgeAboveWebKitCap(t *testing.T) {
	h := cors.New(cors.Options{AllowedOrigins: []string{"https://app.example"}, AllowedMethods: []string{"PUT"}, MaxAge: 3600}).Handler(secret)
	put := corstest.Request{Origin: "https://app.example", URL: "https://api.example/orders/7", Method: "PUT"}
	s := corstest.NewSession(t, h, corstest.Browsers...)
	first := s.Fetch(put).Allowed().Preflighted()
	if r, _ := first.Result(browsers.WebKit); !contains(r.Warnings, engine.WarnMaxAgeAboveCap) {
		t.Errorf("webkit: warnings %v lack %s", r.Warnings, engine.WarnMaxAgeAboveCap)
	}
	s.Advance(11 * time.Minute)
	s.Fetch(put).Allowed().NotPreflighted(browsers.Chromium, browsers.Firefox).Preflighted(browsers.WebKit)
}

// TestChiCorsUppercasesMethods: go-chi/cors compares and answers methods upper-cased. fetch()
// does not normalise "patch" (only DELETE, GET, HEAD, OPTIONS, POST and PUT are), so the page
// sends "patch", the middleware answers Access-Control-Allow-Methods: PATCH, and every browser
// refuses (methods are compared byte for byte): the method-case class (go-chi/cors code,
// gin-contrib/cors#121, expressjs/cors#261).
func TestChiCorsUppercasesMethods(t *testing.T) {
	h := chicors.Handler(chicors.Options{AllowedOrigins: []string{"https://app.example"}, AllowedMethods: []string{"GET", "PATCH"}})(secret)
	lower := corstest.Fetch(t, h, corstest.Request{Origin: "https://app.example", URL: "https://api.example/tasks/5", Method: "patch"})
	lower.Preflighted().BlockedBecause(engine.MethodNotAllowed)
	for _, p := range corstest.Browsers {
		r, _ := lower.Result(p)
		if !contains(r.Warnings, engine.WarnAllowMethodsUppercased) {
			t.Errorf("%s: warnings %v lack %s", p.Name, r.Warnings, engine.WarnAllowMethodsUppercased)
		}
		if acam := r.Exchanges[0].Response.Header; !strings.Contains(headerValue(acam, "Access-Control-Allow-Methods"), "PATCH") {
			t.Errorf("%s: the preflight answer was %v", p.Name, acam)
		}
	}
	corstest.Fetch(t, h, corstest.Request{Origin: "https://app.example", URL: "https://api.example/tasks/5", Method: "PATCH"}).Allowed()
}

// TestChiCorsWildcardOriginWithCredentials: go-chi/cors with AllowedOrigins ["*"] and
// AllowCredentials answers Access-Control-Allow-Origin: * with credentials allowed, which
// browsers refuse for credentialed requests (go-chi/cors#17).
func TestChiCorsWildcardOriginWithCredentials(t *testing.T) {
	h := chicors.Handler(chicors.Options{AllowedOrigins: []string{"*"}, AllowCredentials: true})(secret)
	v := corstest.Fetch(t, h, corstest.Request{Origin: "https://app.example", URL: "https://api.example/me", Credentials: "include"})
	r, _ := v.Result(browsers.Chromium)
	acao := headerValue(r.Exchanges[0].Response.Header, "Access-Control-Allow-Origin")
	switch acao {
	case "*":
		v.BlockedBecause(engine.WildcardOriginWithCredentials)
	case "https://app.example":
		v.Allowed()
	default:
		t.Fatalf("go-chi answered Access-Control-Allow-Origin %q", acao)
	}
	t.Logf("go-chi/cors answers Access-Control-Allow-Origin: %s with credentials", acao)
}

func contains(ws []engine.Warning, w engine.Warning) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

func headerValue(h interface {
	Get(string) (string, bool)
}, name string) string {
	v, _ := h.Get(name)
	return v
}
