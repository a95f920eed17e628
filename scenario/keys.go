package scenario

import "github.com/corsim/corsim/engine"

// The keys each mapping of a scenario file accepts, in documentation order, and the keys it
// requires. They are data, not code, so the JSON Schema test can hold the loader and
// scenario.schema.json to the same format.
var (
	scenarioKeys     = []string{"title", "description", "origin", "top_level_origin", "browsers", "server", "fetches"}
	scenarioRequired = []string{"title", "origin", "server", "fetches"}

	serverKeys = []string{"routes", "policy", "url"}

	routeKeys     = []string{"method", "url", "status", "headers", "response", "unreachable"}
	routeRequired = []string{"url"}

	policyKeys = []string{"allow_origins", "allow_methods", "allow_headers", "allow_credentials", "max_age",
		"expose_headers", "preflight_status", "status", "headers", "vary"}

	fetchKeys = []string{"name", "advance", "url", "method", "headers", "mode", "credentials", "redirect", "cache",
		"use_cors_preflight", "body", "untrusted", "expect", "expect_browsers"}
	fetchRequired = []string{"url"}

	expectKeys = []string{"outcome", "reason", "preflight", "status", "type", "readable_headers"}
)

// The values each enumerated key accepts, taken from the engine's constants so that the file
// format follows the engine.
var (
	modeValues        = []string{string(engine.ModeCORS), string(engine.ModeNoCORS), string(engine.ModeSameOrigin)}
	credentialsValues = []string{string(engine.CredentialsOmit), string(engine.CredentialsSameOrigin), string(engine.CredentialsInclude)}
	redirectValues    = []string{string(engine.RedirectFollow), string(engine.RedirectError), string(engine.RedirectManual)}
	cacheValues       = []string{string(engine.CacheDefault), string(engine.CacheNoStore), string(engine.CacheReload),
		string(engine.CacheNoCache), string(engine.CacheForceCache), string(engine.CacheOnlyIfCached)}
	bodyValues = []string{string(engine.BodyNone), string(engine.BodyText), string(engine.BodyBytes), string(engine.BodyForm),
		string(engine.BodyMultipart), string(engine.BodyStream)}
	outcomeValues = []string{string(engine.OK), string(engine.NetworkError), string(engine.TypeError)}
	typeValues    = []string{string(engine.TypeBasic), string(engine.TypeCORS), string(engine.TypeOpaque),
		string(engine.TypeOpaqueRedirect), string(engine.TypeNetworkError)}
)

// reasonValues lists every reason code, in engine.Reasons order.
func reasonValues() []string {
	out := make([]string, len(engine.Reasons))
	for i, r := range engine.Reasons {
		out[i] = string(r.Reason)
	}
	return out
}

// Policy and route defaults, which the reference page documents.
const (
	defaultPreflightStatus = 204
	defaultStatus          = 200
)
