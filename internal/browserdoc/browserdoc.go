// Package browserdoc renders docs/browsers.md from the browser profiles (package browsers), so the page that
// tells readers where browsers differ can never drift from what the engine simulates. Its test
// fails when the file is stale; `go test ./internal/browserdoc -update` rewrites it.
package browserdoc

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/corsim/corsim/cache"
	"github.com/corsim/corsim/engine"
)

// row is one behaviour: its label, the profile field it comes from, and how to show a value.
type row struct {
	label, field string
	value        func(p engine.Profile) string
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func seconds(d time.Duration) string {
	if d == 0 {
		return "none"
	}
	return fmt.Sprintf("%d s", int64(d/time.Second))
}

func modes(ms []engine.CacheMode) string {
	if len(ms) == 0 {
		return "none"
	}
	s := make([]string, len(ms))
	for i, m := range ms {
		s[i] = "`" + string(m) + "`"
	}
	return strings.Join(s, ", ")
}

func invalid(v cache.InvalidMaxAge) string {
	if v == cache.DoNotCache {
		return "not cached"
	}
	return "default lifetime"
}

var rows = []row{
	{"Preflight cache: a new preflight's answer", "Cache.Granularity", func(p engine.Profile) string {
		if p.Cache.Granularity == cache.WholeResult {
			return "replaces the old one"
		}
		return "adds to the old one (per method and header)"
	}},
	{"Credentials mode is part of the cache key", "Cache.CredentialsInKey", func(p engine.Profile) string { return yes(p.Cache.CredentialsInKey) }},
	{"A cached `*` is reused at all", "Cache.LiteralWildcard", func(p engine.Profile) string { return yes(!p.Cache.LiteralWildcard) }},
	{"A cached `*` serves credentialed requests", "Cache.WildcardMatchesCredentialed", func(p engine.Profile) string { return yes(p.Cache.WildcardMatchesCredentialed) }},
	{"A cached header `*` covers Authorization", "Cache.WildcardCoversAuthorization", func(p engine.Profile) string { return yes(p.Cache.WildcardCoversAuthorization) }},
	{"Cache capacity (URLs)", "Cache.Capacity", func(p engine.Profile) string {
		if p.Cache.Capacity <= 0 {
			return "unbounded"
		}
		return fmt.Sprint(p.Cache.Capacity)
	}},
	{"Max-Age default (header absent)", "MaxAge.Default", func(p engine.Profile) string { return seconds(p.MaxAge.Default) }},
	{"Max-Age cap", "MaxAge.Cap", func(p engine.Profile) string { return seconds(p.MaxAge.Cap) }},
	{"Max-Age that does not parse", "MaxAge.Invalid", func(p engine.Profile) string { return invalid(p.MaxAge.Invalid) }},
	{"Negative Max-Age", "MaxAge.Negative", func(p engine.Profile) string { return invalid(p.MaxAge.Negative) }},
	{"Max-Age `+2`", "MaxAge.Syntax", func(p engine.Profile) string {
		if p.MaxAge.Parse([]string{"+2"}).State == cache.MaxAgeValid {
			return "2 s"
		}
		return "does not parse"
	}},
	{"Cache modes that skip the cache entirely", "PreflightCacheBypass", func(p engine.Profile) string { return modes(p.PreflightCacheBypass) }},
	{"Cache modes that skip the lookup but still store", "PreflightCacheSkipLookup", func(p engine.Profile) string { return modes(p.PreflightCacheSkipLookup) }},
	{"A failed request clears the URL's entries", "CacheClearing", func(p engine.Profile) string {
		switch p.CacheClearing {
		case engine.ClearNever:
			return "never"
		case engine.ClearOnAnyFailure:
			return "after any CORS failure"
		}
		return "after a failure of a preflighted request"
	}},
	{"A cached result that does not cover a request is erased", "CacheEraseOnMiss", func(p engine.Profile) string { return yes(p.CacheEraseOnMiss) }},
	{"A redirected request that was preflighted is preflighted again at every hop", "RedirectKeepsPreflight", func(p engine.Profile) string { return yes(p.RedirectKeepsPreflight) }},
	{"After a cross-origin redirect the preflight carries", "PreflightUsesPageOrigin", func(p engine.Profile) string {
		if p.PreflightUsesPageOrigin {
			return "the page's origin"
		}
		return "`null`"
	}},
	{"Preflight response checks, in order", "PreflightCheckOrder", func(p engine.Profile) string {
		switch p.PreflightCheckOrder {
		case engine.PreflightCORSFirst:
			return "CORS check, redirect, status"
		case engine.PreflightStatusFirst:
			return "status (a redirect is a bad status), CORS check"
		}
		return "redirect, CORS check, status"
	}},
	{"Refused headers are checked in the order the script set them", "HeaderCheckInRequestOrder", func(p engine.Profile) string { return yes(p.HeaderCheckInRequestOrder) }},
	{"`only-if-cached` with an empty HTTP cache", "OnlyIfCachedUsesNetwork", func(p engine.Profile) string {
		if p.OnlyIfCachedUsesNetwork {
			return "goes to the network"
		}
		return "fails"
	}},
	{"Credentials mode `same-origin` stays credentialed across a redirect to another origin", "SameOriginCredentialsFollowRedirects", func(p engine.Profile) string { return yes(p.SameOriginCredentialsFollowRedirects) }},
	{"A preflight that refuses its request is still cached", "CacheBeforeMethodAndHeaderChecks", func(p engine.Profile) string { return yes(p.CacheBeforeMethodAndHeaderChecks) }},
	{"`Access-Control-Allow-Headers: *` covers Authorization", "WildcardCoversAuthorization", func(p engine.Profile) string { return yes(p.WildcardCoversAuthorization) }},
	{"1024-byte budget for safelisted header values", "Safelist.NoBudget", func(p engine.Profile) string { return yes(!p.Safelist.NoBudget) }},
	{"A repeated header is judged by its combined value", "Safelist.CombineRepeated", func(p engine.Profile) string { return yes(p.Safelist.CombineRepeated) }},
	{"`Range: Bytes=0-` is safelisted", "Safelist.RangeUnitCaseInsensitive", func(p engine.Profile) string { return yes(p.Safelist.RangeUnitCaseInsensitive) }},
	{"Extra safelisted request headers", "Safelist.Extra", func(p engine.Profile) string {
		if len(p.Safelist.Extra) == 0 {
			return "none"
		}
		var s []string
		for _, x := range p.Safelist.Extra {
			s = append(s, x.Name)
		}
		return strings.Join(s, ", ")
	}},
	{"Extra readable response headers", "ExtraSafelistedResponseHeaders", func(p engine.Profile) string {
		if len(p.ExtraSafelistedResponseHeaders) == 0 {
			return "none"
		}
		return strings.Join(p.ExtraSafelistedResponseHeaders, ", ")
	}},
	{"data: responses carry Content-Length", "DataURLContentLength", func(p engine.Profile) string { return yes(p.DataURLContentLength) }},
	{"fetch() rejection", "Console", func(p engine.Profile) string {
		if p.Console.Rejection == "" {
			return "TypeError"
		}
		return "`" + p.Console.Rejection + "`"
	}},
}

// Render returns docs/browsers.md for the given profiles (the first is the reference).
func Render(profiles []engine.Profile) string {
	var b strings.Builder
	b.WriteString("# How browsers differ from the Fetch Standard, and from each other\n\n")
	b.WriteString("Generated from the browser profiles (package browsers) by `go test ./internal/browserdoc -update`; do not edit.\n")
	b.WriteString("Each browser value differs from the standard only where the differential harness\n")
	b.WriteString("(`conformance/browser`) or the browser's source showed it; the evidence follows the table.\n")
	b.WriteString("**Bold** marks a value that differs from the standard.\n\n")
	b.WriteString("| Behaviour |")
	for _, p := range profiles {
		name := p.Name
		if p.Version != "" {
			name += " (" + p.Version + ")"
		}
		b.WriteString(" " + name + " |")
	}
	b.WriteString("\n|---|")
	b.WriteString(strings.Repeat("---|", len(profiles)))
	b.WriteString("\n")
	for _, r := range rows {
		b.WriteString("| " + r.label + " |")
		ref := r.value(profiles[0])
		for _, p := range profiles {
			v := r.value(p)
			if v != ref {
				v = "**" + v + "**"
			}
			b.WriteString(" " + v + " |")
		}
		b.WriteString("\n")
	}
	for _, p := range profiles[1:] {
		fmt.Fprintf(&b, "\n## %s evidence\n\n", p.Version)
		ev := slices.Clone(p.Evidence)
		slices.SortStableFunc(ev, func(a, c engine.Evidence) int { return strings.Compare(a.Field, c.Field) })
		for _, e := range ev {
			fmt.Fprintf(&b, "- `%s`: %s.", e.Field, strings.TrimSuffix(e.Observed, "."))
			if e.Source != "" {
				fmt.Fprintf(&b, " Source: %s.", strings.TrimSuffix(e.Source, "."))
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

// Fields lists the profile fields the page shows, for the test that checks every field with
// a browser value different from the standard has evidence.
func Fields() []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.field
	}
	return out
}

// Differs reports whether profile p shows a different value from ref for the row of field.
func Differs(p, ref engine.Profile, field string) bool {
	for _, r := range rows {
		if r.field == field {
			return r.value(p) != r.value(ref)
		}
	}
	return false
}
