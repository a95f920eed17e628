package fetchspec

// IsMethod reports whether m is a method: an RFC 9110 token, so not empty and free of
// separators, spaces and control bytes.
// https://fetch.spec.whatwg.org/#concept-method
func IsMethod(m string) bool { return isToken(m) }

// IsForbiddenMethod reports whether m byte-case-insensitively matches CONNECT, TRACE or TRACK,
// the methods script may never send: they would let a page tunnel through, or echo back,
// the browser's own request.
// https://fetch.spec.whatwg.org/#forbidden-method
func IsForbiddenMethod(m string) bool {
	return ByteCaseInsensitiveMatch(m, "CONNECT") || ByteCaseInsensitiveMatch(m, "TRACE") || ByteCaseInsensitiveMatch(m, "TRACK")
}

// NormalizeMethod upper-cases m if it byte-case-insensitively matches DELETE, GET, HEAD,
// OPTIONS, POST or PUT, and returns every other method unchanged: "patch" stays "patch", and
// from then on differs from "PATCH" in Access-Control-Request-Method and in the comparison
// with Access-Control-Allow-Methods. It never allocates.
// https://fetch.spec.whatwg.org/#concept-method-normalize
func NormalizeMethod(m string) string {
	for _, n := range normalizedMethods {
		if ByteCaseInsensitiveMatch(m, n) {
			return n
		}
	}
	return m
}

// normalizedMethods are the methods NormalizeMethod upper-cases, already upper-case.
var normalizedMethods = []string{"DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"}

// IsCORSSafelistedMethod reports whether m is exactly GET, HEAD or POST. The match is by byte,
// not case-insensitive: a method reaches this test already normalized, and "get" there can only
// come from skipping normalization.
// https://fetch.spec.whatwg.org/#cors-safelisted-method
func IsCORSSafelistedMethod(m string) bool {
	return m == "GET" || m == "HEAD" || m == "POST"
}
