package engine

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/corsim/corsim/cache"
	"github.com/corsim/corsim/fetchspec"
)

// Validate checks that every field of the profile has a value the engine knows how to apply,
// so a custom profile fails early, naming the field, instead of behaving in some undocumented
// way. It reports every problem, joined.
func (p Profile) Validate() error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, fmt.Errorf("profile %q: %s: %s", p.Name, field, fmt.Sprintf(format, args...)))
	}
	if p.Name == "" || strings.Trim(p.Name, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
		bad("Name", "%q must be lowercase letters, digits and hyphens", p.Name)
	}
	p.validateCache(bad)
	p.validateModes(bad)
	p.validateSafelist(bad)
	if p.AcceptLanguage != "" && !fetchspec.IsHeaderValue(p.AcceptLanguage) {
		bad("AcceptLanguage", "%q is not a header value", p.AcceptLanguage)
	}
	p.validateConsole(bad)
	for _, e := range p.Evidence {
		if !hasField(reflect.TypeFor[Profile](), e.Field) {
			bad("Evidence", "%q names no field of Profile", e.Field)
		}
		if e.Observed == "" {
			bad("Evidence", "%s says nothing about what was observed", e.Field)
		}
	}
	return errors.Join(errs...)
}

type complaint func(field, format string, args ...any)

func (p Profile) validateCache(bad complaint) {
	if g := p.Cache.Granularity; g != cache.PerEntry && g != cache.WholeResult {
		bad("Cache.Granularity", "unknown value %d", g)
	}
	if p.Cache.Capacity < 0 {
		bad("Cache.Capacity", "%d is negative (0 means unbounded)", p.Cache.Capacity)
	}
	m := p.MaxAge
	if m.Syntax > cache.MaxAgeDigits {
		bad("MaxAge.Syntax", "unknown value %d", m.Syntax)
	}
	if m.Default < 0 {
		bad("MaxAge.Default", "%v is negative", m.Default)
	}
	if m.Cap < 0 {
		bad("MaxAge.Cap", "%v is negative (0 means no cap)", m.Cap)
	}
	for _, f := range []struct {
		field string
		v     cache.InvalidMaxAge
	}{{"MaxAge.Invalid", m.Invalid}, {"MaxAge.Negative", m.Negative}} {
		if f.v != cache.UseDefault && f.v != cache.DoNotCache {
			bad(f.field, "unknown value %d", f.v)
		}
	}
}

func (p Profile) validateModes(bad complaint) {
	known := []CacheMode{CacheDefault, CacheNoStore, CacheReload, CacheNoCache, CacheForceCache, CacheOnlyIfCached}
	for field, modes := range map[string][]CacheMode{"PreflightCacheBypass": p.PreflightCacheBypass, "PreflightCacheSkipLookup": p.PreflightCacheSkipLookup} {
		for i, m := range modes {
			if !slices.Contains(known, m) {
				bad(field, "%q is not a cache mode", m)
			} else if slices.Contains(modes[:i], m) {
				bad(field, "%q is listed twice", m)
			}
		}
	}
	if p.CacheClearing > ClearOnAnyFailure {
		bad("CacheClearing", "unknown value %d", p.CacheClearing)
	}
	if p.PreflightCheckOrder > PreflightStatusFirst {
		bad("PreflightCheckOrder", "unknown value %d", p.PreflightCheckOrder)
	}
}

func (p Profile) validateSafelist(bad complaint) {
	for i, x := range p.Safelist.Extra {
		field := fmt.Sprintf("Safelist.Extra[%d]", i)
		if !fetchspec.IsHeaderName(x.Name) || x.Name != strings.ToLower(x.Name) {
			bad(field, "%q is not a lowercase header name", x.Name)
		}
		switch x.Value.Kind {
		case IntegerValues, DecimalValues:
			if len(x.Value.Values) > 0 {
				bad(field, "a number shape lists values %q", x.Value.Values)
			}
		case OneOfValues:
			if len(x.Value.Values) == 0 {
				bad(field, "OneOf lists no value")
			}
			for _, v := range x.Value.Values {
				if v == "" || !fetchspec.IsHeaderValue(v) {
					bad(field, "%q is not a header value", v)
				}
			}
		default:
			bad(field, "no value shape (use IntegerValue, DecimalValue or OneOf)")
		}
	}
	for _, n := range p.ExtraSafelistedResponseHeaders {
		if !fetchspec.IsHeaderName(n) || n != strings.ToLower(n) {
			bad("ExtraSafelistedResponseHeaders", "%q is not a lowercase header name", n)
		}
	}
}

// templateVariables are the variables console templates may use (see Console).
var templateVariables = []string{"url", "initial", "redirected", "origin", "page", "status", "value", "token",
	"method", "header", "header-as-sent", "location", "location-without-userinfo", "host", "document"}

func (p Profile) validateConsole(bad complaint) {
	for k, lines := range p.Console.Messages {
		field := "Console.Messages[" + k.String() + "]"
		switch {
		case (k.Reason == "") == (k.Warning == ""):
			bad(field, "a key names exactly one of a reason and a warning")
		case k.Reason != "" && !slices.ContainsFunc(Reasons, func(r ReasonInfo) bool { return r.Reason == k.Reason }):
			bad(field, "%q is not a reason code", k.Reason)
		case k.Warning != "" && (k.Preflight || k.Situation != "" || !slices.ContainsFunc(Warnings, func(w WarningInfo) bool { return w.Warning == k.Warning })):
			bad(field, "%q is not a warning code, or is refined like a reason", k.Warning)
		}
		if s := k.Situation; s != "" && !slices.Contains(situations, s) && !strings.HasPrefix(string(s), "scheme:") {
			bad(field, "%q is not a situation", s)
		}
		for _, line := range lines {
			if v := unknownVariable(line); v != "" {
				bad(field, "template variable {%s} is unknown", v)
			}
		}
	}
}

// unknownVariable returns the first {variable} of a template that Console does not define.
func unknownVariable(template string) string {
	for rest := template; ; {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			return ""
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			return ""
		}
		if v := rest[i+1 : i+j]; !slices.Contains(templateVariables, v) {
			return v
		}
		rest = rest[i+j+1:]
	}
}

// hasField reports whether path ("MaxAge.Cap") names a field of the struct type t.
func hasField(t reflect.Type, path string) bool {
	for name := range strings.SplitSeq(path, ".") {
		if t.Kind() != reflect.Struct {
			return false
		}
		f, ok := t.FieldByName(name)
		if !ok {
			return false
		}
		t = f.Type
	}
	return true
}
