package fetchspec

import "strings"

// CORSCheckFailure is the outcome of the CORS check: CORSCheckOK on success, otherwise a
// stable code saying which rule the response broke. The spec only says "failure"; the codes
// let the engine tell a server owner what to fix. Codes never change meaning.
// https://fetch.spec.whatwg.org/#concept-cors-check
type CORSCheckFailure string

// The outcomes of CORSCheck.
const (
	// CORSCheckOK: the response may be shared with the requesting origin.
	CORSCheckOK CORSCheckFailure = ""
	// MissingAllowOrigin: there is no Access-Control-Allow-Origin header.
	MissingAllowOrigin CORSCheckFailure = "missing-allow-origin"
	// MultipleAllowOrigin: Access-Control-Allow-Origin came in more than one header line, or
	// its one value lists several origins ("*, *", or nginx-style "https://a https://b").
	MultipleAllowOrigin CORSCheckFailure = "multiple-allow-origin"
	// AllowOriginMismatch: the single value is not byte for byte the request's serialized
	// origin (case, a trailing slash, a spelled-out default port, "null", another origin).
	AllowOriginMismatch CORSCheckFailure = "allow-origin-mismatch"
	// WildcardOriginWithCredentials: the value is "*" but the request includes credentials.
	WildcardOriginWithCredentials CORSCheckFailure = "wildcard-origin-with-credentials"
	// AllowCredentialsNotTrue: the origin matched, the request includes credentials, and
	// Access-Control-Allow-Credentials is absent or not exactly "true".
	AllowCredentialsNotTrue CORSCheckFailure = "allow-credentials-not-true"
)

// CORSCheck decides whether a response to a request from serializedOrigin (the byte-serialized
// request origin, possibly "null") may be shared with it. credentialsInclude is whether the
// request's credentials mode is "include". All comparisons are exact bytes: header values are
// taken as HTTP parsing left them, so a value with stray inner spaces or different case fails.
// It does not allocate unless a header arrived in several lines.
// https://fetch.spec.whatwg.org/#concept-cors-check
func CORSCheck(response HeaderList, serializedOrigin string, credentialsInclude bool) CORSCheckFailure {
	// 1. origin is the result of getting Access-Control-Allow-Origin.
	origin, ok := response.Get("Access-Control-Allow-Origin")
	// 2. If origin is null, failure.
	if !ok {
		return MissingAllowOrigin
	}
	// 3. Credentials mode not "include" and origin is "*": success.
	if !credentialsInclude && origin == "*" {
		return CORSCheckOK
	}
	// 4. If origin is not the byte-serialized request origin, failure. The code says why.
	if origin != serializedOrigin {
		return allowOriginFailure(response, origin, credentialsInclude)
	}
	// 5. Credentials mode not "include": success.
	if !credentialsInclude {
		return CORSCheckOK
	}
	// 6. credentials is the result of getting Access-Control-Allow-Credentials.
	credentials, _ := response.Get("Access-Control-Allow-Credentials")
	// 7. If credentials is "true", success; otherwise failure.
	if credentials == "true" {
		return CORSCheckOK
	}
	return AllowCredentialsNotTrue
}

// allowOriginFailure explains a failed step 4 of the CORS check: a wildcard with credentials,
// several origins where one is required, or a single origin that does not match.
func allowOriginFailure(response HeaderList, origin string, credentialsInclude bool) CORSCheckFailure {
	lines := 0
	for _, h := range response {
		if ByteCaseInsensitiveMatch(h.Name, "Access-Control-Allow-Origin") {
			lines++
		}
	}
	switch {
	case lines > 1:
		return MultipleAllowOrigin
	case origin == "*" && credentialsInclude:
		return WildcardOriginWithCredentials
	case listsSeveralOrigins(origin):
		return MultipleAllowOrigin
	}
	return AllowOriginMismatch
}

// listsSeveralOrigins reports whether v, split on commas, spaces and tabs, has at least two
// pieces that look like origins ("*", "null", or containing "://"). "https:// a.example" is
// one broken origin, not two, so it stays a mismatch.
func listsSeveralOrigins(v string) bool {
	n := 0
	for v != "" {
		i := strings.IndexAny(v, ", \t")
		piece := v
		if i >= 0 {
			piece, v = v[:i], v[i+1:]
		} else {
			v = ""
		}
		if piece == "*" || piece == "null" || strings.Contains(piece, "://") {
			n++
		}
	}
	return n >= 2
}

// CORSExposedHeaderNameList computes a CORS response's CORS-exposed header-name list from
// Access-Control-Expose-Headers, as main fetch does once the response is in. A "*" item
// exposes every header name of the response (first spelling of each, in order) when the
// request's credentials mode is not "include"; otherwise the items are the list, and a "*"
// item only matches a header literally named "*". Absent gives nil; a value that does not
// parse gives nil and the error, so the caller can say why nothing extra was exposed.
// https://fetch.spec.whatwg.org/#concept-response-cors-exposed-header-name-list
// https://fetch.spec.whatwg.org/#concept-main-fetch (step "If request's response tainting is
// "cors"")
func CORSExposedHeaderNameList(response HeaderList, credentialsInclude bool) ([]string, error) {
	// 1. headerNames is the result of extracting Access-Control-Expose-Headers.
	headerNames, err := ExtractHeaderListValues(response, "Access-Control-Expose-Headers")
	if err != nil {
		return nil, err
	}
	if headerNames == nil {
		return nil, nil
	}
	// 2. Not "include" and headerNames contains "*": all unique header names.
	if !credentialsInclude {
		for _, n := range headerNames {
			if n == "*" {
				return uniqueHeaderNames(response), nil
			}
		}
	}
	// 3. Otherwise, headerNames itself.
	return headerNames, nil
}

// uniqueHeaderNames returns each header name of l once (byte-case-insensitively), keeping the
// first spelling and the list order.
func uniqueHeaderNames(l HeaderList) []string {
	out := make([]string, 0, len(l))
	seen := make(map[string]struct{}, len(l))
	for _, h := range l {
		k := byteLowercase(h.Name)
		if _, dup := seen[k]; !dup {
			seen[k] = struct{}{}
			out = append(out, h.Name)
		}
	}
	return out
}

// BasicFilteredHeaderNames returns, as a sorted lowercase set, the header names script can
// read on a basic filtered response: all but the forbidden response-header names, since a
// same-origin page may read everything except cookies being set.
// https://fetch.spec.whatwg.org/#concept-filtered-response-basic
func BasicFilteredHeaderNames(response HeaderList) []string {
	return BasicFilteredHeaderNamesInto(nil, response)
}

// BasicFilteredHeaderNamesInto is BasicFilteredHeaderNames building the set in buf's storage
// while it fits, so a caller that owns per-call memory (the engine's fetch) allocates nothing.
// The result is the same set: nil when empty, otherwise a slice with no spare capacity.
func BasicFilteredHeaderNamesInto(buf []string, response HeaderList) []string {
	names := buf[:0]
	for _, h := range response {
		if !IsForbiddenResponseHeaderName(h.Name) {
			names = append(names, h.Name)
		}
	}
	return sortedLowercaseSetInPlace(names)
}

// CORSFilteredHeaderNames returns, as a sorted lowercase set, the header names script can read
// on a CORS filtered response: the CORS-safelisted response-header names given exposed, the
// response's CORS-exposed header-name list.
// https://fetch.spec.whatwg.org/#concept-filtered-response-cors
func CORSFilteredHeaderNames(response HeaderList, exposed []string) []string {
	return CORSFilteredHeaderNamesInto(nil, response, exposed)
}

// CORSFilteredHeaderNamesInto is CORSFilteredHeaderNames building the set in buf's storage
// while it fits, so a caller that owns per-call memory (the engine's fetch) allocates nothing.
// The result is the same set: nil when empty, otherwise a slice with no spare capacity.
func CORSFilteredHeaderNamesInto(buf []string, response HeaderList, exposed []string) []string {
	names := buf[:0]
	// Checking each header against a long exposed list ("*" exposes every name) would be
	// quadratic; past a handful of names, look them up in a set instead.
	var set map[string]struct{}
	if len(exposed) > 8 {
		set = make(map[string]struct{}, len(exposed))
		for _, e := range exposed {
			set[byteLowercase(e)] = struct{}{}
		}
	}
	for _, h := range response {
		var ok bool
		if set != nil {
			ok = IsCORSSafelistedResponseHeaderName(h.Name, nil)
			if !ok && !IsForbiddenResponseHeaderName(h.Name) {
				_, ok = set[byteLowercase(h.Name)]
			}
		} else {
			ok = IsCORSSafelistedResponseHeaderName(h.Name, exposed)
		}
		if ok {
			names = append(names, h.Name)
		}
	}
	return sortedLowercaseSetInPlace(names)
}
