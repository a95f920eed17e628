// Package engine models what a browser does with one fetch() call: the request a script builds,
// the Fetch Standard's main fetch with its same-origin, no-cors and CORS branches, the preflight
// decision and the CORS-preflight fetch, the CORS-preflight cache, redirects, and the filtered
// response a script finally sees.
//
// A [Browser] is a session: it owns a preflight cache and a virtual clock, so a sequence of
// fetches shows what a real browser tab would do, and tests move time with [Browser.Advance]
// instead of sleeping. [Browser.Fetch] takes a [Request] (what the page asks for) and a [Server]
// (what answers it) and returns a [Result]: the outcome, every HTTP exchange as the server saw
// it, the cache's hits and writes, and a [Trace] of spec steps with anchors, plain words, a
// stable [Reason] code on failure and the fix a server owner should make.
//
// Behaviour that differs between browsers is a [Profile] value; the algorithms never ask which
// browser they are modelling.
//
// Spec: https://fetch.spec.whatwg.org/ (the algorithms), https://url.spec.whatwg.org/ (origins).
package engine
