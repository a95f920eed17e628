package engine

import "github.com/corsim/corsim/fetchspec"

// Mode is a request's mode (https://fetch.spec.whatwg.org/#concept-request-mode). The empty
// value means "cors", the default of fetch() with a URL.
type Mode string

// The modes a script can ask for.
const (
	ModeCORS       Mode = "cors"
	ModeNoCORS     Mode = "no-cors"
	ModeSameOrigin Mode = "same-origin"
)

// Credentials is a request's credentials mode
// (https://fetch.spec.whatwg.org/#concept-request-credentials-mode). The empty value means
// "same-origin", the default of fetch().
type Credentials string

// The credentials modes.
const (
	CredentialsOmit       Credentials = "omit"
	CredentialsSameOrigin Credentials = "same-origin"
	CredentialsInclude    Credentials = "include"
)

// Redirect is a request's redirect mode
// (https://fetch.spec.whatwg.org/#concept-request-redirect-mode). The empty value means "follow".
type Redirect string

// The redirect modes.
const (
	RedirectFollow Redirect = "follow"
	RedirectError  Redirect = "error"
	RedirectManual Redirect = "manual"
)

// CacheMode is a request's cache mode (https://fetch.spec.whatwg.org/#concept-request-cache-mode).
// The engine does not model the HTTP cache; the mode matters because some browsers skip the
// preflight cache for some modes (a profile parameter) and because "only-if-cached" is refused
// outside mode "same-origin". The empty value means "default".
type CacheMode string

// The cache modes.
const (
	CacheDefault      CacheMode = "default"
	CacheNoStore      CacheMode = "no-store"
	CacheReload       CacheMode = "reload"
	CacheNoCache      CacheMode = "no-cache"
	CacheForceCache   CacheMode = "force-cache"
	CacheOnlyIfCached CacheMode = "only-if-cached"
)

// Body says what kind of body the script passes to fetch(), because the kind decides the
// Content-Type the browser adds (https://fetch.spec.whatwg.org/#concept-bodyinit-extract) and
// whether the request must be preflighted (a stream sets the use-CORS-preflight flag). The empty
// value means no body.
type Body string

// The body kinds.
const (
	BodyNone      Body = ""
	BodyText      Body = "text"      // a string: Content-Type text/plain;charset=UTF-8
	BodyBytes     Body = "bytes"     // an ArrayBuffer or a Blob without a type: no Content-Type
	BodyForm      Body = "form"      // URLSearchParams: application/x-www-form-urlencoded;charset=UTF-8
	BodyMultipart Body = "multipart" // FormData: multipart/form-data; boundary=…
	BodyStream    Body = "stream"    // a ReadableStream with duplex "half"
)

// Request is what a page asks fetch() for. Zero values mean what fetch() means by an omitted
// option, so Request{Origin: "https://app.example", URL: "https://api.example/x"} is
// fetch("https://api.example/x") from a page at https://app.example.
type Request struct {
	// Origin is the page's origin, such as "https://app.example", or "null" for an opaque
	// origin (a sandboxed iframe, a data: URL page). A page URL is accepted too; its origin is used.
	Origin string
	// TopLevelOrigin is the origin of the top-level page when the script runs in an iframe;
	// its site is the network partition key of the preflight cache. Empty means Origin.
	TopLevelOrigin string
	// URL is the URL passed to fetch(); relative URLs are resolved against Origin.
	URL string
	// Method is the method as the script spells it; empty means GET.
	Method string
	// Headers is the header list the script sets, in order; duplicates are allowed and are
	// combined as the Headers object combines them.
	Headers fetchspec.HeaderList
	// Mode is the request mode; empty means "cors".
	Mode Mode
	// Credentials is the credentials mode; empty means "same-origin".
	Credentials Credentials
	// Redirect is the redirect mode; empty means "follow".
	Redirect Redirect
	// Cache is the cache mode; empty means "default".
	Cache CacheMode
	// UseCORSPreflight sets the use-CORS-preflight flag
	// (https://fetch.spec.whatwg.org/#use-cors-preflight-flag), as XMLHttpRequest does when an
	// upload listener is registered, so even a simple request is preflighted.
	UseCORSPreflight bool
	// Body is the kind of body sent, if any.
	Body Body
	// UntrustedOrigin marks the page's origin as one the server must not trust (an attacker's
	// site, in an audit): a credentialed response it can read raises
	// WarnUntrustedOriginCredentials. It changes no verdict.
	UntrustedOrigin bool
}
