package browsers

import "github.com/corsim/corsim/engine"

// The console tables of the browser profiles. Each template's wording was read from the
// browser's own output in the differential harness (conformance/browser) where the browser's
// console can be read, and from its source otherwise.
//
// Entries follow the order of the reason codes in reason.go. A key mapped to an empty list
// means the browser was seen printing nothing; a reason with no key at all is one whose
// message needs a fact Blocked does not carry (the comment in its place says which), or that
// no observation covers. TypeErrors thrown before anything is sent print nothing anywhere.

// Chromium 156 (observed): one line, "Access to fetch at …" for failures of the network
// service's CORS checks, "Fetch API cannot load …" for those of Blink's fetch manager.
const (
	chromiumBlocked   = "Access to fetch at '{url}' {redirected}from origin '{page}' has been blocked by CORS policy: "
	chromiumPreflight = chromiumBlocked + "Response to preflight request doesn't pass access control check: "
	// Chromium 156 no longer adds "If an opaque response serves your needs, …" to fetch
	// messages: only this sentence remains after the Access-Control-Allow-Origin value ones.
	chromiumValid = " Have the server send the header with a valid value."

	chromiumMissingACAO  = "No 'Access-Control-Allow-Origin' header is present on the requested resource."
	chromiumMismatch     = "The 'Access-Control-Allow-Origin' header has a value '{value}' that is not equal to the supplied origin." + chromiumValid
	chromiumInvalidACAO  = "The 'Access-Control-Allow-Origin' header contains the invalid value '{value}'." + chromiumValid
	chromiumMultipleACAO = "The 'Access-Control-Allow-Origin' header contains multiple values '{value}', but only one is allowed." + chromiumValid
	chromiumWildcard     = "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'."
	chromiumACAC         = "The value of the 'Access-Control-Allow-Credentials' header in the response is '{value}' which must be 'true' when the request's credentials mode is 'include'."
	chromiumMethod       = chromiumBlocked + "Method {method} is not allowed by Access-Control-Allow-Methods in preflight response."
	chromiumHeader       = chromiumBlocked + "Request header field {header} is not allowed by Access-Control-Allow-Headers in preflight response."
)

// chromiumConsole is what Chromium prints. "from origin" is always the page's origin, even
// once a redirect tainted the request's origin.
var chromiumConsole = engine.Console{
	Rejection: "TypeError: Failed to fetch",
	Messages: map[string][]string{
		// Printed for the URL fetch() was called with only; a same-origin-mode request
		// redirected to another origin fails without a message (the key cannot tell the two
		// apart: see same-origin-mode-redirect-out).
		"same-origin-mode-cross-origin":                {"Fetch API cannot load {url}. Request mode is \"same-origin\" but the URL's origin is not same as the request origin {page}."},
		"no-cors-redirect-mode":                        {"Fetch API cannot load {url}. Request mode is \"no-cors\" but the redirect mode is not \"follow\"."},
		"same-origin-mode-cross-origin/after-redirect": {},
		"not-http-scheme/scheme:about":                 {"Fetch API cannot load {url}. URL scheme \"about\" is not supported."},
		"not-http-scheme/scheme:ftp":                   {"Fetch API cannot load {url}. URL scheme \"ftp\" is not supported."},
		"not-http-scheme/scheme:file":                  {"Not allowed to load local resource: {url}"},
		"unsupported-scheme/scheme:about":              {"Fetch API cannot load {url}. URL scheme \"about\" is not supported."},
		"unsupported-scheme/scheme:ftp":                {"Fetch API cannot load {url}. URL scheme \"ftp\" is not supported."},
		"unsupported-scheme/scheme:file":               {"Not allowed to load local resource: {url}"},
		"missing-allow-origin":                         {chromiumBlocked + chromiumMissingACAO},
		"preflight:missing-allow-origin":               {chromiumPreflight + chromiumMissingACAO},
		"allow-origin-mismatch":                        {chromiumBlocked + chromiumMismatch},
		"allow-origin-mismatch/multiple":               {chromiumBlocked + chromiumMultipleACAO},
		"allow-origin-mismatch/invalid":                {chromiumBlocked + chromiumInvalidACAO},
		"allow-origin-mismatch/empty":                  {chromiumBlocked + chromiumInvalidACAO},
		"preflight:allow-origin-mismatch":              {chromiumPreflight + chromiumMismatch},
		"preflight:allow-origin-mismatch/multiple":     {chromiumPreflight + chromiumMultipleACAO},
		"preflight:allow-origin-mismatch/invalid":      {chromiumPreflight + chromiumInvalidACAO},
		"preflight:allow-origin-mismatch/empty":        {chromiumPreflight + chromiumInvalidACAO},
		"multiple-allow-origin":                        {chromiumBlocked + chromiumMultipleACAO},
		"preflight:multiple-allow-origin":              {chromiumPreflight + chromiumMultipleACAO},
		"wildcard-origin-with-credentials":             {chromiumBlocked + chromiumWildcard},
		"preflight:wildcard-origin-with-credentials":   {chromiumPreflight + chromiumWildcard},
		// An absent header prints as ''.
		"allow-credentials-not-true":           {chromiumBlocked + chromiumACAC},
		"preflight:allow-credentials-not-true": {chromiumPreflight + chromiumACAC},
		"preflight-bad-status":                 {chromiumPreflight + "It does not have HTTP ok status."},
		"preflight-redirect":                   {chromiumPreflight + "Redirect is not allowed for a preflight request."},
		// The list and method/header failures have no "Response to preflight request" prefix.
		"invalid-allow-methods":            {chromiumBlocked + "Cannot parse Access-Control-Allow-Methods response header field in preflight response."},
		"invalid-allow-headers":            {chromiumBlocked + "Cannot parse Access-Control-Allow-Headers response header field in preflight response."},
		"method-not-allowed":               {chromiumMethod},
		"method-wildcard-with-credentials": {chromiumMethod},
		"header-not-allowed":               {chromiumHeader},
		"header-wildcard-with-credentials": {chromiumHeader},
		"authorization-not-allowed":        {chromiumHeader},
		"redirect-mode-error":              {},
		// The location is printed empty, whatever it was.
		"redirect-credentials-in-url": {chromiumBlocked + "Redirect location '' contains a username and password, which is disallowed for cross-origin requests."},
		"too-many-redirects":          {},
		// Printed at the redirect's target. Seen for ftp:; a redirect to data: fails silently.
		"redirect-not-http/scheme:data": {},
		"redirect-not-http":             {"Access to fetch at '{location}' (redirected from '{initial}') from origin '{page}' has been blocked by CORS policy: Cross origin requests are only supported for protocol schemes: chrome, chrome-experimental-site-token-provider, chrome-extension, chrome-untrusted, data, http, https, isolated-app."},
		"server-unreachable":            {},
		"preflight:server-unreachable":  {},
		"not-in-http-cache":             {},
		"invalid-data-url":              {},
	},
}

// Firefox 153 ESR (observed through the harness's console listener): the parent process
// reports CORS failures as "Cross-Origin Request Blocked: …", and adds "(Reason: CORS request
// did not succeed). Status code: (null)." when the failure ends a preflight or a redirect.
const (
	firefoxBlocked       = "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {url}. (Reason: "
	firefoxDidNotSucceed = firefoxBlocked + "CORS request did not succeed). Status code: (null)."

	firefoxMissingACAO  = firefoxBlocked + "CORS header ‘Access-Control-Allow-Origin’ missing). Status code: {status}."
	firefoxMismatch     = firefoxBlocked + "CORS header ‘Access-Control-Allow-Origin’ does not match ‘{value}’)."
	firefoxMultipleACAO = firefoxBlocked + "Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed)."
	// The URL is in quotes in this one message only.
	firefoxWildcard = "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ‘{url}’. (Reason: Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’)."
	firefoxACAC     = firefoxBlocked + "expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’)."
	firefoxMethod   = firefoxBlocked + "Did not find method in CORS header ‘Access-Control-Allow-Methods’)."
	firefoxHeader   = firefoxBlocked + "header ‘{header}’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response)."
)

// firefoxConsole is what Firefox prints.
var firefoxConsole = engine.Console{
	Rejection: "TypeError: NetworkError when attempting to fetch resource.",
	Messages: map[string][]string{
		// A warning, printed although the fetch succeeds.
		"warning:authorization-covered-by-wildcard": {"Cross-Origin Request Warning: The Same Origin Policy will disallow reading the remote resource at {url} soon. (Reason: When the `Access-Control-Allow-Headers` is `*`, the `Authorization` header is not covered. To include the `Authorization` header, it must be explicitly listed in CORS header `Access-Control-Allow-Headers`)."},
		// same-origin-mode-cross-origin: "Security Error: Content at {document URL} may not load
		// data from {url}.": needs the document's URL, which Blocked does not carry ({page}
		// is its origin only).
		"no-cors-redirect-mode": {},
		// Seen for about: and ftp:; a file: URL gives "Security Error: Content at {document
		// URL} may not load or link to {url}." instead.
		"not-http-scheme":                {firefoxBlocked + "CORS request not http)."},
		"missing-allow-origin":           {firefoxMissingACAO},
		"preflight:missing-allow-origin": {firefoxMissingACAO, firefoxDidNotSucceed},
		// Firefox prints the value it compared, whatever its shape.
		"allow-origin-mismatch":           {firefoxMismatch},
		"preflight:allow-origin-mismatch": {firefoxMismatch, firefoxDidNotSucceed},
		// Several values in one line do not match; several lines are "Multiple".
		"multiple-allow-origin":                      {firefoxMismatch},
		"multiple-allow-origin/repeated":             {firefoxMultipleACAO},
		"preflight:multiple-allow-origin":            {firefoxMismatch, firefoxDidNotSucceed},
		"preflight:multiple-allow-origin/repeated":   {firefoxMultipleACAO, firefoxDidNotSucceed},
		"wildcard-origin-with-credentials":           {firefoxWildcard},
		"preflight:wildcard-origin-with-credentials": {firefoxWildcard, firefoxDidNotSucceed},
		"allow-credentials-not-true":                 {firefoxACAC},
		// A redirect response that fails its own check ends the redirect: a second line.
		"missing-allow-origin/following-redirect":             {firefoxMissingACAO, firefoxDidNotSucceed},
		"allow-origin-mismatch/following-redirect":            {firefoxMismatch, firefoxDidNotSucceed},
		"multiple-allow-origin/following-redirect":            {firefoxMismatch, firefoxDidNotSucceed},
		"wildcard-origin-with-credentials/following-redirect": {firefoxWildcard, firefoxDidNotSucceed},
		"allow-credentials-not-true/following-redirect":       {firefoxACAC, firefoxDidNotSucceed},
		// A redirected preflight fails the CORS check first, then the redirect, each with its line.
		"preflight:missing-allow-origin/redirect-response": {firefoxMissingACAO, firefoxDidNotSucceed, firefoxDidNotSucceed},
		"not-in-http-cache":                    {},
		"invalid-data-url":                     {},
		"same-origin-mode-cross-origin":        {"Security Error: Content at {document} may not load data from {url}."},
		"not-http-scheme/scheme:file":          {"Security Error: Content at {document} may not load or link to {url}."},
		"preflight:allow-credentials-not-true": {firefoxACAC, firefoxDidNotSucceed},
		"preflight-bad-status":                 {firefoxBlocked + "CORS preflight response did not succeed). Status code: {status}.", firefoxDidNotSucceed},
		// A redirected preflight also counts as a bad status.
		"preflight-redirect": {firefoxBlocked + "CORS request external redirect not allowed).",
			firefoxBlocked + "CORS preflight response did not succeed). Status code: {status}.", firefoxDidNotSucceed},
		// Firefox names the first invalid token; {value} is the whole header, so the two
		// differ when the list has valid items before it.
		"invalid-allow-methods":            {firefoxBlocked + "invalid token ‘{token}’ in CORS header ‘Access-Control-Allow-Methods’).", firefoxDidNotSucceed},
		"invalid-allow-headers":            {firefoxBlocked + "invalid token ‘{token}’ in CORS header ‘Access-Control-Allow-Headers’).", firefoxDidNotSucceed},
		"method-not-allowed":               {firefoxMethod, firefoxDidNotSucceed},
		"method-wildcard-with-credentials": {firefoxMethod, firefoxDidNotSucceed},
		"header-not-allowed":               {firefoxHeader, firefoxDidNotSucceed},
		"header-wildcard-with-credentials": {firefoxHeader, firefoxDidNotSucceed},
		"authorization-not-allowed":        {firefoxHeader, firefoxDidNotSucceed},
		"redirect-mode-error":              {},
		"redirect-credentials-in-url":      {firefoxDidNotSucceed},
		"too-many-redirects":               {firefoxDidNotSucceed},
		"redirect-not-http/scheme:data":    {"Redirecting to data: URI not allowed (Blocked loading of: “{location}”)", firefoxDidNotSucceed},
		"redirect-not-http":                {"Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {location}. (Reason: CORS request not http).", firefoxDidNotSucceed},
		"server-unreachable":               {firefoxDidNotSucceed},
		"server-unreachable/no-cors":       {},
		"preflight:server-unreachable":     {firefoxDidNotSucceed, firefoxDidNotSucceed},
	},
}

// WebKitGTK 2.50 (observed): two lines, the reason and "Fetch API cannot load {url} due to
// access control checks.", {url} being the URL whose load failed (after redirects, the last).
const (
	webkitCannotLoad = "Fetch API cannot load {url} due to access control checks."

	webkitOriginNotAllowed = "Origin {origin} is not allowed by Access-Control-Allow-Origin. Status code: {status}"
	webkitMethod           = "Method {method} is not allowed by Access-Control-Allow-Methods."
	// WebKit spells the header as the script did (Content-Type, X-Foo).
	webkitHeader = "Request header field {header-as-sent} is not allowed by Access-Control-Allow-Headers."
	// A redirect response that fails its own check.
	webkitRedirectDenied = "Cross-origin redirection to {location} denied by Cross-Origin Resource Sharing policy: "
)

// webkitConsole is what WebKit prints. A preflight failure reads like the same failure of the
// response: WebKit does not say which of the two failed.
var webkitConsole = engine.Console{
	Rejection: "TypeError: Load failed",
	Messages: map[string][]string{
		// One line for the URL fetch() was called with; a same-origin-mode request redirected
		// to another origin prints "Unsafe attempt to load URL {url} from origin {page}.
		// Domains, protocols and ports must match." and the second line instead.
		"same-origin-mode-cross-origin":                {"Fetch API cannot load {url}."},
		"same-origin-mode-cross-origin/after-redirect": {"Unsafe attempt to load URL {url} from origin {page}. Domains, protocols and ports must match.", webkitCannotLoad},
		"no-cors-redirect-mode":                        {"No-Cors mode requires follow redirect mode", "Not allowed to request resource", webkitCannotLoad},
		"not-http-scheme":                              {"Cross origin requests are only supported for HTTP.", webkitCannotLoad},
		"missing-allow-origin":                         {webkitOriginNotAllowed, webkitCannotLoad},
		// Whatever the value, a mismatch reads like a missing header.
		"allow-origin-mismatch": {webkitOriginNotAllowed, webkitCannotLoad},
		// WebKit looks for a comma only: "{page} {api}" reads like a mismatch instead.
		"multiple-allow-origin":                        {"Access-Control-Allow-Origin cannot contain more than one origin.", webkitCannotLoad},
		"multiple-allow-origin/multiple":               {webkitOriginNotAllowed, webkitCannotLoad},
		"multiple-allow-origin/comma":                  {"Access-Control-Allow-Origin cannot contain more than one origin.", webkitCannotLoad},
		"missing-allow-origin/redirect-response":       {webkitRedirectDenied + webkitOriginNotAllowed, webkitCannotLoad},
		"allow-origin-mismatch/redirect-response":      {webkitRedirectDenied + webkitOriginNotAllowed, webkitCannotLoad},
		"allow-credentials-not-true/redirect-response": {webkitRedirectDenied + "Credentials flag is true, but Access-Control-Allow-Credentials is not \"true\".", webkitCannotLoad},
		"wildcard-origin-with-credentials":             {"Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.", webkitCannotLoad},
		"allow-credentials-not-true":                   {"Credentials flag is true, but Access-Control-Allow-Credentials is not \"true\".", webkitCannotLoad},
		"preflight-bad-status":                         {"Preflight response is not successful. Status code: {status}", webkitCannotLoad},
		"preflight-redirect":                           {"Preflight response is not successful. Status code: {status}", webkitCannotLoad},
		"invalid-allow-methods":                        {"Header Access-Control-Allow-Methods has an invalid value: {value}", webkitCannotLoad},
		"invalid-allow-headers":                        {"Header Access-Control-Allow-Headers has an invalid value: {value}", webkitCannotLoad},
		"method-not-allowed":                           {webkitMethod, webkitCannotLoad},
		"method-wildcard-with-credentials":             {webkitMethod, webkitCannotLoad},
		"header-not-allowed":                           {webkitHeader, webkitCannotLoad},
		"header-wildcard-with-credentials":             {webkitHeader, webkitCannotLoad},
		"authorization-not-allowed":                    {webkitHeader, webkitCannotLoad},
		"redirect-mode-error":                          {"Not allowed to follow a redirection while loading {url}", webkitCannotLoad},
		"redirect-credentials-in-url":                  {webkitRedirectDenied[:len("Cross-origin redirection to ")] + "{location-without-userinfo} denied by Cross-Origin Resource Sharing policy: redirection URL {location} has credentials", webkitCannotLoad},
		"too-many-redirects":                           {"Load cannot follow more than 20 redirections", webkitCannotLoad},
		// Seen for data:; a redirect to ftp: prints "FTP URLs are disabled" instead.
		"redirect-not-http/scheme:ftp": {"FTP URLs are disabled", webkitCannotLoad},
		"redirect-not-http":            {"Cross-origin redirection to {location} denied by Cross-Origin Resource Sharing policy: not allowed to follow a cross-origin CORS redirection with non CORS scheme", webkitCannotLoad},
		"server-unreachable":           {},
		"invalid-data-url":             {"Fetch API cannot load {url}."},
		// Seen for a refused connection; other network errors have other texts.
		"preflight:server-unreachable": {"Could not connect to {host}: Connection refused", webkitCannotLoad},
	},
}
