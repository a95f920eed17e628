// Package origin models origins and sites as the HTML Standard defines them, which is what
// every CORS decision compares: a request is same-origin, or it is cross-origin and needs CORS.
//
// An [Origin] is either opaque (an identity with no parts, serialized as "null") or a tuple of
// scheme, host and port. The origin of a URL ([FromURL]) follows the URL Standard: http, https,
// ws, wss and ftp URLs have tuple origins, blob: URLs take the origin of the URL inside them,
// and everything else, file: included, gets a fresh opaque origin each time, so a data: URL is
// not even same origin with itself.
//
// A [Site] is the coarser grouping used for "same site" (cookies, redirect-taint, the network
// partition key): the scheme and the registrable domain, computed with the public suffix list
// from golang.org/x/net/publicsuffix.
//
// [ParseHeader] reads the value of an Origin or Access-Control-Allow-Origin header and, when the
// value is not exactly a serialized origin, says precisely why (a trailing slash, a default port
// spelled out, upper case), because that is the usual reason a CORS check fails.
//
// Origins are comparable with ==, which agrees with [SameOrigin] except that two zero Origins
// are == but not same origin.
//
// Spec: https://html.spec.whatwg.org/multipage/browsers.html#origin,
// https://url.spec.whatwg.org/#origin
package origin
