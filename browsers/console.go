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
	Messages: map[engine.ConsoleKey][]string{
		// Printed for the URL fetch() was called with only; a same-origin-mode request
		// redirected to another origin fails without a message (the key cannot tell the two
		// apart: see same-origin-mode-redirect-out).
		on(engine.SameOriginModeCrossOrigin):                          {"Fetch API cannot load {url}. Request mode is \"same-origin\" but the URL's origin is not same as the request origin {page}."},
		on(engine.NoCORSRedirectMode):                                 {"Fetch API cannot load {url}. Request mode is \"no-cors\" but the redirect mode is not \"follow\"."},
		on(engine.SameOriginModeCrossOrigin, engine.AfterRedirect):    {},
		on(engine.NotHTTPScheme, engine.SchemeSituation("about")):     {"Fetch API cannot load {url}. URL scheme \"about\" is not supported."},
		on(engine.NotHTTPScheme, engine.SchemeSituation("ftp")):       {"Fetch API cannot load {url}. URL scheme \"ftp\" is not supported."},
		on(engine.NotHTTPScheme, engine.SchemeSituation("file")):      {"Not allowed to load local resource: {url}"},
		on(engine.UnsupportedScheme, engine.SchemeSituation("about")): {"Fetch API cannot load {url}. URL scheme \"about\" is not supported."},
		on(engine.UnsupportedScheme, engine.SchemeSituation("ftp")):   {"Fetch API cannot load {url}. URL scheme \"ftp\" is not supported."},
		on(engine.UnsupportedScheme, engine.SchemeSituation("file")):  {"Not allowed to load local resource: {url}"},
		on(engine.MissingAllowOrigin):                                 {chromiumBlocked + chromiumMissingACAO},
		preflight(engine.MissingAllowOrigin):                          {chromiumPreflight + chromiumMissingACAO},
		on(engine.AllowOriginMismatch):                                {chromiumBlocked + chromiumMismatch},
		on(engine.AllowOriginMismatch, engine.MultipleValues):         {chromiumBlocked + chromiumMultipleACAO},
		on(engine.AllowOriginMismatch, engine.InvalidValue):           {chromiumBlocked + chromiumInvalidACAO},
		on(engine.AllowOriginMismatch, engine.EmptyValue):             {chromiumBlocked + chromiumInvalidACAO},
		preflight(engine.AllowOriginMismatch):                         {chromiumPreflight + chromiumMismatch},
		preflight(engine.AllowOriginMismatch, engine.MultipleValues):  {chromiumPreflight + chromiumMultipleACAO},
		preflight(engine.AllowOriginMismatch, engine.InvalidValue):    {chromiumPreflight + chromiumInvalidACAO},
		preflight(engine.AllowOriginMismatch, engine.EmptyValue):      {chromiumPreflight + chromiumInvalidACAO},
		on(engine.MultipleAllowOrigin):                                {chromiumBlocked + chromiumMultipleACAO},
		preflight(engine.MultipleAllowOrigin):                         {chromiumPreflight + chromiumMultipleACAO},
		on(engine.WildcardOriginWithCredentials):                      {chromiumBlocked + chromiumWildcard},
		preflight(engine.WildcardOriginWithCredentials):               {chromiumPreflight + chromiumWildcard},
		// An absent header prints as ''.
		on(engine.AllowCredentialsNotTrue):        {chromiumBlocked + chromiumACAC},
		preflight(engine.AllowCredentialsNotTrue): {chromiumPreflight + chromiumACAC},
		on(engine.PreflightBadStatus):             {chromiumPreflight + "It does not have HTTP ok status."},
		on(engine.PreflightRedirect):              {chromiumPreflight + "Redirect is not allowed for a preflight request."},
		// The list and method/header failures have no "Response to preflight request" prefix.
		on(engine.InvalidAllowMethods):           {chromiumBlocked + "Cannot parse Access-Control-Allow-Methods response header field in preflight response."},
		on(engine.InvalidAllowHeaders):           {chromiumBlocked + "Cannot parse Access-Control-Allow-Headers response header field in preflight response."},
		on(engine.MethodNotAllowed):              {chromiumMethod},
		on(engine.MethodWildcardWithCredentials): {chromiumMethod},
		on(engine.HeaderNotAllowed):              {chromiumHeader},
		on(engine.HeaderWildcardWithCredentials): {chromiumHeader},
		on(engine.AuthorizationNotAllowed):       {chromiumHeader},
		on(engine.RedirectModeError):             {},
		// The location is printed empty, whatever it was.
		on(engine.RedirectCredentialsInURL): {chromiumBlocked + "Redirect location '' contains a username and password, which is disallowed for cross-origin requests."},
		on(engine.TooManyRedirects):         {},
		// Printed at the redirect's target. Seen for ftp:; a redirect to data: fails silently.
		on(engine.RedirectNotHTTP, engine.SchemeSituation("data")): {},
		on(engine.RedirectNotHTTP):                                 {"Access to fetch at '{location}' (redirected from '{initial}') from origin '{page}' has been blocked by CORS policy: Cross origin requests are only supported for protocol schemes: chrome, chrome-experimental-site-token-provider, chrome-extension, chrome-untrusted, data, http, https, isolated-app."},
		on(engine.ServerUnreachable):                               {},
		preflight(engine.ServerUnreachable):                        {},
		on(engine.NotInHTTPCache):                                  {},
		on(engine.InvalidDataURL):                                  {},
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
	Messages: map[engine.ConsoleKey][]string{
		// A warning, printed although the fetch succeeds.
		warning(engine.WarnAuthorizationWildcard): {"Cross-Origin Request Warning: The Same Origin Policy will disallow reading the remote resource at {url} soon. (Reason: When the `Access-Control-Allow-Headers` is `*`, the `Authorization` header is not covered. To include the `Authorization` header, it must be explicitly listed in CORS header `Access-Control-Allow-Headers`)."},
		// same-origin-mode-cross-origin: "Security Error: Content at {document URL} may not load
		// data from {url}.": needs the document's URL, which Blocked does not carry ({page}
		// is its origin only).
		on(engine.NoCORSRedirectMode): {},
		// Seen for about: and ftp:; a file: URL gives "Security Error: Content at {document
		// URL} may not load or link to {url}." instead.
		on(engine.NotHTTPScheme):             {firefoxBlocked + "CORS request not http)."},
		on(engine.MissingAllowOrigin):        {firefoxMissingACAO},
		preflight(engine.MissingAllowOrigin): {firefoxMissingACAO, firefoxDidNotSucceed},
		// Firefox prints the value it compared, whatever its shape.
		on(engine.AllowOriginMismatch):        {firefoxMismatch},
		preflight(engine.AllowOriginMismatch): {firefoxMismatch, firefoxDidNotSucceed},
		// Several values in one line do not match; several lines are "Multiple".
		on(engine.MultipleAllowOrigin):                              {firefoxMismatch},
		on(engine.MultipleAllowOrigin, engine.RepeatedLines):        {firefoxMultipleACAO},
		preflight(engine.MultipleAllowOrigin):                       {firefoxMismatch, firefoxDidNotSucceed},
		preflight(engine.MultipleAllowOrigin, engine.RepeatedLines): {firefoxMultipleACAO, firefoxDidNotSucceed},
		on(engine.WildcardOriginWithCredentials):                    {firefoxWildcard},
		preflight(engine.WildcardOriginWithCredentials):             {firefoxWildcard, firefoxDidNotSucceed},
		on(engine.AllowCredentialsNotTrue):                          {firefoxACAC},
		// A redirect response that fails its own check ends the redirect: a second line.
		on(engine.MissingAllowOrigin, engine.FollowingRedirect):            {firefoxMissingACAO, firefoxDidNotSucceed},
		on(engine.AllowOriginMismatch, engine.FollowingRedirect):           {firefoxMismatch, firefoxDidNotSucceed},
		on(engine.MultipleAllowOrigin, engine.FollowingRedirect):           {firefoxMismatch, firefoxDidNotSucceed},
		on(engine.WildcardOriginWithCredentials, engine.FollowingRedirect): {firefoxWildcard, firefoxDidNotSucceed},
		on(engine.AllowCredentialsNotTrue, engine.FollowingRedirect):       {firefoxACAC, firefoxDidNotSucceed},
		// A redirected preflight fails the CORS check first, then the redirect, each with its line.
		preflight(engine.MissingAllowOrigin, engine.RedirectResponse): {firefoxMissingACAO, firefoxDidNotSucceed, firefoxDidNotSucceed},
		on(engine.NotInHTTPCache):                                     {},
		on(engine.InvalidDataURL):                                     {},
		on(engine.SameOriginModeCrossOrigin):                          {"Security Error: Content at {document} may not load data from {url}."},
		on(engine.NotHTTPScheme, engine.SchemeSituation("file")):      {"Security Error: Content at {document} may not load or link to {url}."},
		preflight(engine.AllowCredentialsNotTrue):                     {firefoxACAC, firefoxDidNotSucceed},
		on(engine.PreflightBadStatus):                                 {firefoxBlocked + "CORS preflight response did not succeed). Status code: {status}.", firefoxDidNotSucceed},
		// A redirected preflight also counts as a bad status.
		on(engine.PreflightRedirect): {firefoxBlocked + "CORS request external redirect not allowed).",
			firefoxBlocked + "CORS preflight response did not succeed). Status code: {status}.", firefoxDidNotSucceed},
		// Firefox names the first invalid token; {value} is the whole header, so the two
		// differ when the list has valid items before it.
		on(engine.InvalidAllowMethods):                             {firefoxBlocked + "invalid token ‘{token}’ in CORS header ‘Access-Control-Allow-Methods’).", firefoxDidNotSucceed},
		on(engine.InvalidAllowHeaders):                             {firefoxBlocked + "invalid token ‘{token}’ in CORS header ‘Access-Control-Allow-Headers’).", firefoxDidNotSucceed},
		on(engine.MethodNotAllowed):                                {firefoxMethod, firefoxDidNotSucceed},
		on(engine.MethodWildcardWithCredentials):                   {firefoxMethod, firefoxDidNotSucceed},
		on(engine.HeaderNotAllowed):                                {firefoxHeader, firefoxDidNotSucceed},
		on(engine.HeaderWildcardWithCredentials):                   {firefoxHeader, firefoxDidNotSucceed},
		on(engine.AuthorizationNotAllowed):                         {firefoxHeader, firefoxDidNotSucceed},
		on(engine.RedirectModeError):                               {},
		on(engine.RedirectCredentialsInURL):                        {firefoxDidNotSucceed},
		on(engine.TooManyRedirects):                                {firefoxDidNotSucceed},
		on(engine.RedirectNotHTTP, engine.SchemeSituation("data")): {"Redirecting to data: URI not allowed (Blocked loading of: “{location}”)", firefoxDidNotSucceed},
		on(engine.RedirectNotHTTP):                                 {"Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {location}. (Reason: CORS request not http).", firefoxDidNotSucceed},
		on(engine.ServerUnreachable):                               {firefoxDidNotSucceed},
		on(engine.ServerUnreachable, engine.NoCORSMode):            {},
		preflight(engine.ServerUnreachable):                        {firefoxDidNotSucceed, firefoxDidNotSucceed},
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
	Messages: map[engine.ConsoleKey][]string{
		// One line for the URL fetch() was called with; a same-origin-mode request redirected
		// to another origin prints "Unsafe attempt to load URL {url} from origin {page}.
		// Domains, protocols and ports must match." and the second line instead.
		on(engine.SameOriginModeCrossOrigin):                       {"Fetch API cannot load {url}."},
		on(engine.SameOriginModeCrossOrigin, engine.AfterRedirect): {"Unsafe attempt to load URL {url} from origin {page}. Domains, protocols and ports must match.", webkitCannotLoad},
		on(engine.NoCORSRedirectMode):                              {"No-Cors mode requires follow redirect mode", "Not allowed to request resource", webkitCannotLoad},
		on(engine.NotHTTPScheme):                                   {"Cross origin requests are only supported for HTTP.", webkitCannotLoad},
		on(engine.MissingAllowOrigin):                              {webkitOriginNotAllowed, webkitCannotLoad},
		// Whatever the value, a mismatch reads like a missing header.
		on(engine.AllowOriginMismatch): {webkitOriginNotAllowed, webkitCannotLoad},
		// WebKit looks for a comma only: "{page} {api}" reads like a mismatch instead.
		on(engine.MultipleAllowOrigin):                              {"Access-Control-Allow-Origin cannot contain more than one origin.", webkitCannotLoad},
		on(engine.MultipleAllowOrigin, engine.MultipleValues):       {webkitOriginNotAllowed, webkitCannotLoad},
		on(engine.MultipleAllowOrigin, engine.CommaInValue):         {"Access-Control-Allow-Origin cannot contain more than one origin.", webkitCannotLoad},
		on(engine.MissingAllowOrigin, engine.RedirectResponse):      {webkitRedirectDenied + webkitOriginNotAllowed, webkitCannotLoad},
		on(engine.AllowOriginMismatch, engine.RedirectResponse):     {webkitRedirectDenied + webkitOriginNotAllowed, webkitCannotLoad},
		on(engine.AllowCredentialsNotTrue, engine.RedirectResponse): {webkitRedirectDenied + "Credentials flag is true, but Access-Control-Allow-Credentials is not \"true\".", webkitCannotLoad},
		on(engine.WildcardOriginWithCredentials):                    {"Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.", webkitCannotLoad},
		on(engine.AllowCredentialsNotTrue):                          {"Credentials flag is true, but Access-Control-Allow-Credentials is not \"true\".", webkitCannotLoad},
		on(engine.PreflightBadStatus):                               {"Preflight response is not successful. Status code: {status}", webkitCannotLoad},
		on(engine.PreflightRedirect):                                {"Preflight response is not successful. Status code: {status}", webkitCannotLoad},
		on(engine.InvalidAllowMethods):                              {"Header Access-Control-Allow-Methods has an invalid value: {value}", webkitCannotLoad},
		on(engine.InvalidAllowHeaders):                              {"Header Access-Control-Allow-Headers has an invalid value: {value}", webkitCannotLoad},
		on(engine.MethodNotAllowed):                                 {webkitMethod, webkitCannotLoad},
		on(engine.MethodWildcardWithCredentials):                    {webkitMethod, webkitCannotLoad},
		on(engine.HeaderNotAllowed):                                 {webkitHeader, webkitCannotLoad},
		on(engine.HeaderWildcardWithCredentials):                    {webkitHeader, webkitCannotLoad},
		on(engine.AuthorizationNotAllowed):                          {webkitHeader, webkitCannotLoad},
		on(engine.RedirectModeError):                                {"Not allowed to follow a redirection while loading {url}", webkitCannotLoad},
		on(engine.RedirectCredentialsInURL):                         {webkitRedirectDenied[:len("Cross-origin redirection to ")] + "{location-without-userinfo} denied by Cross-Origin Resource Sharing policy: redirection URL {location} has credentials", webkitCannotLoad},
		on(engine.TooManyRedirects):                                 {"Load cannot follow more than 20 redirections", webkitCannotLoad},
		// Seen for data:; a redirect to ftp: prints "FTP URLs are disabled" instead.
		on(engine.RedirectNotHTTP, engine.SchemeSituation("ftp")): {"FTP URLs are disabled", webkitCannotLoad},
		on(engine.RedirectNotHTTP):                                {"Cross-origin redirection to {location} denied by Cross-Origin Resource Sharing policy: not allowed to follow a cross-origin CORS redirection with non CORS scheme", webkitCannotLoad},
		on(engine.ServerUnreachable):                              {},
		on(engine.InvalidDataURL):                                 {"Fetch API cannot load {url}."},
		// Seen for a refused connection; other network errors have other texts.
		preflight(engine.ServerUnreachable): {"Could not connect to {host}: Connection refused", webkitCannotLoad},
	},
}

// on is the key of a failure's lines, refined by at most one situation.
func on(r engine.Reason, s ...engine.Situation) engine.ConsoleKey {
	k := engine.ConsoleKey{Reason: r}
	if len(s) > 0 {
		k.Situation = s[0]
	}
	return k
}

// preflight is the key of the lines of a failure of the preflight.
func preflight(r engine.Reason, s ...engine.Situation) engine.ConsoleKey {
	k := on(r, s...)
	k.Preflight = true
	return k
}

// warning is the key of the lines printed for a warning of a successful fetch.
func warning(w engine.Warning) engine.ConsoleKey { return engine.ConsoleKey{Warning: w} }
