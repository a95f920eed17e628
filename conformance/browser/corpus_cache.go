package browser

import "strings"

// maxAgeValues are the Access-Control-Max-Age spellings the cache cases try: name (URL-safe)
// and value ("" name "absent" means no header at all).
var maxAgeValues = []struct{ name, value string }{
	{"absent", ""},
	{"0", "0"},
	{"1", "1"},
	{"2", "2"},
	{"5", "5"},
	{"600", "600"},
	{"86400", "86400"},
	{"minus1", "-1"},
	{"abc", "abc"},
	{"plus2", "+2"},
	{"2p5", "2.5"},
	{"space-2", " 2"},
	{"2-space", "2 "},
	{"list-1-2", "1,2"},
	{"huge", "99999999999"},
	{"empty", "<empty>"},
}

// maxAgeRoutes is a PUT-allowing server at path whose preflight carries Max-Age value.
func maxAgeRoutes(path, value string) []Route {
	pre := [][2]string{allowPage, acam("PUT")}
	switch value {
	case "":
	case "<empty>":
		pre = append(pre, maxAge(""))
	default:
		pre = append(pre, maxAge(value))
	}
	return []Route{onOptions(path, 204, pre...), on(path, 200, allowPage)}
}

// earlyCacheCases must come first in the corpus. Chromium's newest preflight cache holds at
// most 32 entries per top-frame site and, when full, purges 4 entries chosen at random: a
// case that adds entries between warming an entry and reusing it could lose it at random once
// the cache is full. So every case that adds an entry for another URL between warming an
// entry and reusing it is here; together they add at most 30 entries, before the cache fills.
//
// Timing: each timeline warms one path per Max-Age value, pauses, then calls every path again
// in the same order, so every path is re-called about pause + (time of one round) after its
// preflight (one round takes about 0.3 s in Chromium). With a 3500 ms pause that is about
// 3.6–3.8 s: more than 1 s away from the 2 s, 2.5 s and 5 s boundaries. The long timeline
// (6500 ms) lands at about 6.5–7 s: past the 5 s default, well inside 10 s.
func earlyCacheCases() []Case {
	timeline := func(name, about string, pause int, values []string) Case {
		var rs []Route
		var first, second []Call
		for _, v := range values {
			path := "/m-" + maxAgeName(v)
			rs = append(rs, maxAgeRoutes(path, v)...)
			first = append(first, fetchX("PUT").to(urlAt("api", path)))
			second = append(second, fetchX("PUT").to(urlAt("api", path)))
		}
		second[0] = second[0].after(pause)
		return Case{Name: name, About: about, Routes: rs, Calls: callSeq(first, second)}
	}
	put := fetchX("PUT")
	var all []string
	for _, v := range maxAgeValues {
		all = append(all, v.value)
	}
	return []Case{
		timeline("cache-timeline-3000ms", "one PUT per Max-Age spelling, then each again 3.2-4.2 s later: which entries are still used", 3000, all),
		timeline("cache-timeline-6500ms", "Max-Age absent, abc, 5, 10, 600, huge: PUTs, then again about 6.7 s later (the 5 s default has run out)", 6500,
			[]string{"", "abc", "5", "10", "600", "99999999999"}),
		{Name: "cache-key-query", About: "PUT to /x?a, PUT to /x?b (another cache key), PUT to /x?a again (still cached)",
			Routes: preflightOK("PUT", ""),
			Calls:  []Call{fetchX("PUT").to(apiX + "?a"), fetchX("PUT").to(apiX + "?b"), fetchX("PUT").to(apiX + "?a")}},
		{Name: "key-api-vs-host", About: "PUT to the api origin, then to the same path on localhost (another origin, another entry), then api again",
			Routes: routeSet(preflightOK("PUT", ""), []Route{onAt("host", "/x", 200, allowPage), {Origin: "host", Method: "OPTIONS", Path: "/x", Status: 204, Header: [][2]string{allowPage, acam("PUT")}}}),
			Calls:  []Call{put, put.to(urlAt("host", "/x")), put}},
		{Name: "key-path-case", About: "PUT to /x, then to /X (another URL; the server answers both)",
			Routes: routeSet(preflightOK("PUT", ""), []Route{onOptions("/X", 204, allowPage, acam("PUT")), on("/X", 200, allowPage)}),
			Calls:  []Call{put, put.to(urlAt("api", "/X")), put}},
		{Name: "cache-redirect-preflight", About: "PUT redirected 307 to /t: preflights at both URLs; again: both from the cache?",
			Routes: []Route{onOptions("/x", 204, allowPage, acam("PUT")), redirectTo("api", "/x", 307, urlAt("api", "/t"), allowPage),
				onOptions("/t", 204, allowPage, acam("PUT")), on("/t", 200, allowPage)},
			Calls: repeatCall(2, fetchX("PUT"))},
	}
}

// maxAgeName is the URL-safe name of a Max-Age value.
func maxAgeName(v string) string {
	for _, m := range maxAgeValues {
		if m.value == v {
			return m.name
		}
	}
	return strings.NewReplacer(" ", "_", ".", "p", "+", "plus", "-", "minus", ",", "_").Replace(v)
}

// cacheCases are the preflight cache's keying and sequencing cases (no pauses): Max-Age
// spellings with an immediate second call, credentials and method/header mismatches between
// an entry and a later request, entries replaced or merged, wildcard entries, failures after
// a cached preflight, and fetch()'s cache modes.
func cacheCases() []Case {
	var out []Case
	for _, m := range maxAgeValues {
		out = append(out, Case{Name: "maxage-" + m.name, About: "Max-Age " + describeMaxAge(m.value) + ": PUT, then PUT at once",
			Routes: maxAgeRoutes("/x", m.value), Calls: repeatCall(2, fetchX("PUT"))})
	}
	credServer := preflightOK("PUT", "", acac("true"))
	put := fetchX("PUT")
	out = append(out,
		Case{Name: "key-cred-then-omit", About: "a credentialed preflight, then the same PUT without credentials: does the entry serve it?",
			Routes: credServer, Calls: []Call{put.cred("include"), put.cred("omit")}},
		Case{Name: "key-omit-then-cred", About: "a non-credentialed preflight, then the same PUT with credentials",
			Routes: credServer, Calls: []Call{put.cred("omit"), put.cred("include")}},
		Case{Name: "key-cred-then-default", About: "a credentialed preflight, then the PUT with the default credentials mode (same-origin)",
			Routes: credServer, Calls: []Call{put.cred("include"), put}},
		Case{Name: "key-method-not-in-entry", About: "entry for PUT (ACAM PUT); DELETE needs a preflight (and fails); PUT again: was the entry kept?",
			Routes: preflightOK("PUT", ""), Calls: []Call{put, fetchX("DELETE"), put}},
		Case{Name: "key-header-not-in-entry", About: "entry for X-A (ACAH X-A); a GET with X-B needs a preflight (and fails); X-A again",
			Routes: preflightOK("", "X-A"),
			Calls:  []Call{fetchX("", hdr("X-A", "1")), fetchX("", hdr("X-B", "1")), fetchX("", hdr("X-A", "1"))}},
		Case{Name: "key-headers-subset", About: "entry for X-A and X-B; then X-A alone, X-B alone, both: all from the entry",
			Routes: preflightOK("", "X-A, X-B"),
			Calls: []Call{fetchX("", hdr("X-A", "1"), hdr("X-B", "1")), fetchX("", hdr("X-A", "1")), fetchX("", hdr("X-B", "1")),
				fetchX("", hdr("X-B", "1"), hdr("X-A", "1"))}},
		Case{Name: "key-replace-or-merge", About: "PUT (server allows PUT), DELETE (server now allows only DELETE), PUT again: replaced or merged entry?",
			Routes: preflightOK("PUT", ""),
			Calls:  []Call{put, fetchX("DELETE").answers(onOptions("/x", 204, allowPage, acam("DELETE"))), put}},
		Case{Name: "key-replace-or-merge-headers", About: "X-A (server allows X-A), X-B (server now allows only X-B), X-A again",
			Routes: preflightOK("", "X-A"),
			Calls: []Call{fetchX("", hdr("X-A", "1")), fetchX("", hdr("X-B", "1")).answers(onOptions("/x", 204, allowPage, acah("X-B"))),
				fetchX("", hdr("X-A", "1"))}},
		Case{Name: "key-wildcard-methods", About: "ACAM * cached by a PUT; DELETE and FOO: is the wildcard entry reused?",
			Routes: preflightOK("*", ""), Calls: []Call{put, fetchX("DELETE"), fetchX("FOO")}},
		Case{Name: "key-wildcard-headers", About: "ACAH * cached by X-A; then X-B, then Authorization (never covered by * from the cache in Chromium)",
			Routes: preflightOK("", "*"),
			Calls:  []Call{fetchX("", hdr("X-A", "1")), fetchX("", hdr("X-B", "1")), fetchX("", hdr("Authorization", "Bearer t"))}},
		Case{Name: "key-cleared-after-failure", About: "PUT cached; the next PUT's actual response lacks ACAO; PUT again: was the entry cleared?",
			Routes: preflightOK("PUT", ""),
			Calls:  []Call{put, put.answers(on("/x", 200)), put}},
		Case{Name: "key-cleared-after-simple-failure", About: "PUT cached; a simple GET to the same URL fails CORS; PUT again",
			Routes: preflightOK("PUT", ""),
			Calls:  []Call{put, fetchX("").answers(on("/x", 200)), put}},
		Case{Name: "key-failed-check-cached", About: "ACAM PUT: a DELETE fails the method check; then PUT: did the failed preflight leave an entry?",
			Routes: preflightOK("PUT", ""), Calls: []Call{fetchX("DELETE"), put}},
		Case{Name: "key-failed-status-not-cached", About: "the preflight answers 500 once; the next PUT preflights again and passes",
			Routes: preflightOK("PUT", ""),
			Calls:  []Call{put.answers(onOptions("/x", 500, allowPage, acam("PUT"))), put, put}},
	)
	// fetch()'s cache modes against a warm entry, each in its own case.
	for _, mode := range []string{"default", "no-store", "reload", "no-cache", "force-cache", "only-if-cached"} {
		out = append(out, Case{Name: "cache-mode-" + mode, About: "a warm entry, then PUT with cache " + mode + ", then PUT with the default mode",
			Routes: preflightOK("PUT", ""), Calls: []Call{put, put.cacheMode(mode), put}})
	}
	for _, mode := range []string{"no-store", "reload", "no-cache"} {
		out = append(out, Case{Name: "cache-mode-cold-" + mode, About: "a first PUT with cache " + mode + ", then PUT with the default mode: did it store an entry?",
			Routes: preflightOK("PUT", ""), Calls: []Call{put.cacheMode(mode), put}})
	}
	return out
}

func describeMaxAge(v string) string {
	switch v {
	case "":
		return "absent"
	case "<empty>":
		return "present and empty"
	}
	return "\"" + v + "\""
}
