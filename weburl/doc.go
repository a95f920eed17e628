// Package weburl implements the parts of the WHATWG URL Standard that decide what a browser
// thinks a URL is: the basic URL parser, the URL serializer, and the host parser with its IPv4,
// IPv6, opaque-host and IDNA sub-parsers.
//
// Go's net/url follows RFC 3986 and so disagrees with browsers on exactly the inputs that matter
// for origins: it keeps backslashes, tabs and newlines, does not canonicalise hosts, knows none
// of the IPv4 number forms (0x7f.1, 2130706433, 0177.0.0.1), and uses other percent-encode sets.
// Two URLs are same origin only if their canonical scheme, host and port match, so corsim needs
// the browser's canonicalisation, not RFC 3986's.
//
// What is modelled: the basic URL parser with an optional base URL, for special schemes (http,
// https, ws, wss, ftp, file) in full, and for every other scheme (opaque paths, opaque hosts,
// data:, blob:, about:, javascript:, custom schemes) well enough to serialize the URL back and
// know its scheme. What is not: state overrides (the URL setters), non-UTF-8 query encodings,
// the blob URL store, and validation errors, which the standard says are not failures and which
// this package therefore does not report.
//
// Parse failures are returned as *[ParseError], which names the input and what is wrong with it.
// Nothing in this package panics, whatever the input.
//
// Spec: https://url.spec.whatwg.org/
package weburl
