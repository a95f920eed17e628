// Package fetchspec holds the classifications and small parsers that the CORS protocol of the
// WHATWG Fetch Standard (https://fetch.spec.whatwg.org/) is built from: methods, header names
// and values, the CORS-safelisted, forbidden and exposed headers, MIME types, single byte
// ranges, the CORS response headers' list values and Max-Age, the CORS check, and the header
// names each filtered response lets script read.
//
// Each exported function is one concept of the standard and carries its anchor, so code and
// spec can be read side by side. The engine calls these on every fetch, so the classifications
// do not allocate.
//
// Strings are byte sequences. Fetch treats header names and values as bytes and decodes them
// isomorphically (byte n is code point n), so a Go string's bytes are taken as they are and
// never as UTF-8. For the same reason every case-insensitive comparison here folds ASCII A-Z
// only: strings.EqualFold would fold, for instance, the Kelvin sign U+212A to "k", and a
// browser does not.
//
// Where the standard leaves a choice open (how "extract header list values" parses a header,
// see whatwg/fetch issue 814), the doc comment says which reading is taken and why.
package fetchspec
