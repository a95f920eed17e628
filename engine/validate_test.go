package engine

import (
	"strings"
	"testing"

	"github.com/corsim/corsim/cache"
)

// TestValidate: Spec is valid, and each broken field is reported by name.
func TestValidate(t *testing.T) {
	if err := Spec.Validate(); err != nil {
		t.Fatalf("Spec: %v", err)
	}
	for _, tc := range []struct {
		name  string
		spoil func(p *Profile)
		want  string
	}{
		{"empty name", func(p *Profile) { p.Name = "" }, "Name"},
		{"upper-case name", func(p *Profile) { p.Name = "Chrome" }, "Name"},
		{"granularity", func(p *Profile) { p.Cache.Granularity = 7 }, "Cache.Granularity"},
		{"capacity", func(p *Profile) { p.Cache.Capacity = -1 }, "Cache.Capacity"},
		{"syntax", func(p *Profile) { p.MaxAge.Syntax = 9 }, "MaxAge.Syntax"},
		{"negative default", func(p *Profile) { p.MaxAge.Default = -1 }, "MaxAge.Default"},
		{"negative cap", func(p *Profile) { p.MaxAge.Cap = -1 }, "MaxAge.Cap"},
		{"invalid reading", func(p *Profile) { p.MaxAge.Invalid = 5 }, "MaxAge.Invalid"},
		{"unknown cache mode", func(p *Profile) { p.PreflightCacheBypass = []CacheMode{"nostore"} }, "PreflightCacheBypass"},
		{"cache mode twice", func(p *Profile) { p.PreflightCacheSkipLookup = []CacheMode{CacheReload, CacheReload} }, "listed twice"},
		{"clearing", func(p *Profile) { p.CacheClearing = 9 }, "CacheClearing"},
		{"check order", func(p *Profile) { p.PreflightCheckOrder = 9 }, "PreflightCheckOrder"},
		{"extra header name", func(p *Profile) { p.Safelist.Extra = []ExtraSafelistedHeader{{Name: "DPR", Value: DecimalValue()}} }, "Safelist.Extra[0]"},
		{"extra header without shape", func(p *Profile) { p.Safelist.Extra = []ExtraSafelistedHeader{{Name: "dpr"}} }, "no value shape"},
		{"empty one-of", func(p *Profile) { p.Safelist.Extra = []ExtraSafelistedHeader{{Name: "ect", Value: OneOf()}} }, "lists no value"},
		{"response header", func(p *Profile) { p.ExtraSafelistedResponseHeaders = []string{"X Y"} }, "ExtraSafelistedResponseHeaders"},
		{"accept-language", func(p *Profile) { p.AcceptLanguage = "en\n" }, "AcceptLanguage"},
		{"console reason", func(p *Profile) {
			p.Console.Messages = map[ConsoleKey][]string{{Reason: "no-such-reason"}: {"x"}}
		}, "is not a reason code"},
		{"console key with both", func(p *Profile) {
			p.Console.Messages = map[ConsoleKey][]string{{Reason: MissingAllowOrigin, Warning: WarnVaryOriginMissing}: {"x"}}
		}, "exactly one"},
		{"console situation", func(p *Profile) {
			p.Console.Messages = map[ConsoleKey][]string{{Reason: MissingAllowOrigin, Situation: "sideways"}: {"x"}}
		}, `"sideways" is not a situation`},
		{"console variable", func(p *Profile) {
			p.Console.Messages = map[ConsoleKey][]string{{Reason: MissingAllowOrigin}: {"blocked {uri}"}}
		}, "{uri}"},
		{"evidence field", func(p *Profile) { p.Evidence = []Evidence{{Field: "MaxAge.Lid", Observed: "x"}} }, `"MaxAge.Lid" names no field`},
		{"evidence without observation", func(p *Profile) { p.Evidence = []Evidence{{Field: "MaxAge.Cap"}} }, "nothing about what was observed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := Spec
			tc.spoil(&p)
			err := p.Validate()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Validate() = %v; want an error naming %q", err, tc.want)
			}
		})
	}
	// Every problem is reported, not only the first.
	p := Spec
	p.Name, p.Cache.Capacity, p.MaxAge.Cap = "", -1, -cache.SpecDefaultMaxAge
	if n := strings.Count(p.Validate().Error(), "\n") + 1; n != 3 {
		t.Errorf("three broken fields gave %d errors: %v", n, p.Validate())
	}
}

// TestValueShapeAccepts: each shape accepts what its doc says and nothing else.
func TestValueShapeAccepts(t *testing.T) {
	for _, tc := range []struct {
		shape ValueShape
		v     string
		want  bool
	}{
		{IntegerValue(), "1280", true}, {IntegerValue(), "", false}, {IntegerValue(), "1.5", false}, {IntegerValue(), "-1", false},
		{DecimalValue(), "2.5", true}, {DecimalValue(), "2", true}, {DecimalValue(), ".", false}, {DecimalValue(), "1.2.3", false}, {DecimalValue(), "", false},
		{OneOf("4g", "3g"), "4g", true}, {OneOf("4g", "3g"), "4G", false}, {OneOf("4g"), "", false},
		{ValueShape{}, "1", false},
	} {
		if got := tc.shape.Accepts(tc.v); got != tc.want {
			t.Errorf("%+v.Accepts(%q) = %v, want %v", tc.shape, tc.v, got, tc.want)
		}
	}
}
