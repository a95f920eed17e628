// Package cache models the CORS-preflight cache of the Fetch Standard
// (https://fetch.spec.whatwg.org/#cors-preflight-cache): the memory a browser keeps of earlier
// successful preflights so that a later request to the same URL, from the same origin, in the
// same network partition, can skip its own preflight.
//
// The spec describes the cache as a flat list of entries, each naming one method or one header
// name. A browser that scanned such a list on every request would slow down as it filled, so
// this package groups the entries that share a [Key] into one record, finds the record through a
// hash map, and scans only that record's handful of entries. Records are evicted least recently
// used first once [Params.Capacity] is reached, and expired entries are dropped lazily; neither
// is visible to matching, which only ever sees live entries.
//
// Browsers disagree about the cache in a few places; each disagreement is a field of [Params]
// or [MaxAgePolicy] rather than a branch on a browser's name:
//
//   - how Access-Control-Max-Age is read and becomes a lifetime: syntax, default, cap, and what
//     invalid or negative values mean ([MaxAgePolicy.Parse], [MaxAgePolicy.Lifetime]);
//   - whether every method and header name is its own entry that later preflights refresh (the
//     spec, [PerEntry]) or a preflight's result replaces the previous one whole ([WholeResult],
//     Chromium and WebKit);
//   - whether the request's credentials mode is part of the key ([Params.CredentialsInKey]);
//   - whether a cached "*" also serves requests whose credentials mode is "include"
//     ([Params.WildcardMatchesCredentialed]; whatwg/fetch PR #592 would say no);
//   - whether a cached "*" header name also covers Authorization
//     ([Params.WildcardCoversAuthorization]; whatwg/fetch issue #1919).
//
// Time comes from an injected [Clock], so tests and the engine move time explicitly and never
// sleep. The only corsim package it uses is fetchspec, for the way header names compare and for
// which name a "*" never covers; callers pass the partition key, the byte-serialized origin and
// the URL as strings in a [Key].
package cache
