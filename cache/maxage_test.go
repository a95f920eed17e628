package cache

import (
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestLifetime(t *testing.T) {
	spec := SpecMaxAgePolicy(7200 * time.Second)
	chromium := MaxAgePolicy{Default: 5 * time.Second, Cap: 7200 * time.Second, Invalid: UseDefault, Negative: DoNotCache}
	strict := MaxAgePolicy{Default: 5 * time.Second, Cap: 600 * time.Second, Invalid: DoNotCache, Negative: DoNotCache}
	uncapped := SpecMaxAgePolicy(0)
	type result struct {
		D     time.Duration
		Store bool
		Why   string
	}
	tests := []struct {
		name    string
		policy  MaxAgePolicy
		state   MaxAgeState
		seconds int64
		want    result
	}{
		{"absent uses the default", spec, MaxAgeAbsent, 0,
			result{5 * time.Second, true, "no Access-Control-Max-Age; the default of 5 s applies; cached for 5 s"}},
		{"absent ignores seconds", spec, MaxAgeAbsent, 999,
			result{5 * time.Second, true, "no Access-Control-Max-Age; the default of 5 s applies; cached for 5 s"}},
		{"valid below the cap", spec, MaxAgeValid, 600,
			result{600 * time.Second, true, "Max-Age 600; cached for 600 s"}},
		{"valid exactly at the cap", spec, MaxAgeValid, 7200,
			result{7200 * time.Second, true, "Max-Age 7200; cached for 7200 s"}},
		{"valid above the cap", spec, MaxAgeValid, 86400,
			result{7200 * time.Second, true, "Max-Age 86400 is above the cap of 7200 s; cached for 7200 s"}},
		{"huge value is capped", spec, MaxAgeValid, math.MaxInt64,
			result{7200 * time.Second, true, "Max-Age 9223372036854775807 is above the cap of 7200 s; cached for 7200 s"}},
		{"huge value saturates without a cap", uncapped, MaxAgeValid, math.MaxInt64,
			result{time.Duration(math.MaxInt64), true, "Max-Age 9223372036854775807; cached for the longest time this model can hold (about 292 years)"}},
		{"largest exact value without a cap", uncapped, MaxAgeValid, maxSeconds,
			result{time.Duration(maxSeconds) * time.Second, true, "Max-Age 9223372036; cached for 9223372036 s"}},
		{"one past the largest exact value saturates", uncapped, MaxAgeValid, maxSeconds + 1,
			result{time.Duration(math.MaxInt64), true, "Max-Age 9223372037; cached for the longest time this model can hold (about 292 years)"}},
		{"zero still runs the store steps", spec, MaxAgeValid, 0,
			result{0, true, "Max-Age 0; nothing new is cached and entries this preflight names end now"}},
		{"invalid under the spec uses the default", spec, MaxAgeInvalid, 0,
			result{5 * time.Second, true, "Access-Control-Max-Age is not a single whole number of seconds; the default of 5 s applies; cached for 5 s"}},
		{"invalid under Chromium uses the default", chromium, MaxAgeInvalid, 0,
			result{5 * time.Second, true, "Access-Control-Max-Age is not a single whole number of seconds; the default of 5 s applies; cached for 5 s"}},
		{"invalid with DoNotCache", strict, MaxAgeInvalid, 0,
			result{0, false, "Access-Control-Max-Age is not a single whole number of seconds; this browser then does not cache the preflight"}},
		{"negative under the spec uses the default", spec, MaxAgeNegative, -1,
			result{5 * time.Second, true, "Max-Age -1 is negative, which counts as invalid; the default of 5 s applies; cached for 5 s"}},
		{"negative under Chromium is not cached", chromium, MaxAgeNegative, -1,
			result{0, false, "Max-Age -1 is negative; this browser then does not cache the preflight"}},
		{"valid state with a negative number is negative", chromium, MaxAgeValid, -30,
			result{0, false, "Max-Age -30 is negative; this browser then does not cache the preflight"}},
		{"most negative number", spec, MaxAgeNegative, math.MinInt64,
			result{5 * time.Second, true, "Max-Age -9223372036854775808 is negative, which counts as invalid; the default of 5 s applies; cached for 5 s"}},
		{"default above the cap is capped", MaxAgePolicy{Default: 10 * time.Second, Cap: 2 * time.Second}, MaxAgeAbsent, 0,
			result{2 * time.Second, true, "no Access-Control-Max-Age; the default of 10 s applies, which is above the cap of 2 s; cached for 2 s"}},
		{"fractional default", MaxAgePolicy{Default: 1500 * time.Millisecond}, MaxAgeAbsent, 0,
			result{1500 * time.Millisecond, true, "no Access-Control-Max-Age; the default of 1.5 s applies; cached for 1.5 s"}},
		{"negative default counts as zero", MaxAgePolicy{Default: -time.Second}, MaxAgeAbsent, 0,
			result{0, true, "no Access-Control-Max-Age; the default of 0 s applies; nothing new is cached and entries this preflight names end now"}},
		{"negative cap is no cap", MaxAgePolicy{Default: 5 * time.Second, Cap: -time.Second}, MaxAgeValid, 86400,
			result{86400 * time.Second, true, "Max-Age 86400; cached for 86400 s"}},
		{"unknown state counts as invalid", spec, MaxAgeState(9), 0,
			result{5 * time.Second, true, `Max-Age state "MaxAgeState(9)" is unknown and counts as invalid; the default of 5 s applies; cached for 5 s`}},
		{"unknown state under DoNotCache", strict, MaxAgeState(-1), 0,
			result{0, false, `Max-Age state "MaxAgeState(-1)" is unknown and counts as invalid; this browser then does not cache the preflight`}},
		{"unknown InvalidMaxAge value uses the default", MaxAgePolicy{Default: 5 * time.Second, Invalid: InvalidMaxAge(7)}, MaxAgeInvalid, 0,
			result{5 * time.Second, true, "Access-Control-Max-Age is not a single whole number of seconds; the default of 5 s applies; cached for 5 s"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, store, why := tt.policy.Lifetime(MaxAge{tt.state, tt.seconds})
			if diff := cmp.Diff(tt.want, result{d, store, why}); diff != "" {
				t.Errorf("Lifetime(%v, %d) mismatch (-want +got):\n%s", tt.state, tt.seconds, diff)
			}
		})
	}
}

func TestEnumStrings(t *testing.T) {
	got := []string{
		MaxAgeAbsent.String(), MaxAgeValid.String(), MaxAgeInvalid.String(), MaxAgeNegative.String(), MaxAgeState(4).String(),
		UseDefault.String(), DoNotCache.String(), InvalidMaxAge(2).String(),
		PerEntry.String(), WholeResult.String(), Granularity(2).String(),
	}
	want := []string{
		"absent", "valid", "invalid", "negative", "MaxAgeState(4)",
		"use the default", "do not cache", "InvalidMaxAge(2)",
		"per entry", "whole result", "Granularity(2)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("String() mismatch (-want +got):\n%s", diff)
	}
}

// TestParse: each syntax reads the header lines the way its browsers do; the columns are the
// spec, the signed-integer reading (Chromium, WebKit) and the digits-only reading (Firefox).
func TestParse(t *testing.T) {
	valid := func(n int64) MaxAge { return MaxAge{MaxAgeValid, n} }
	negative := func(n int64) MaxAge { return MaxAge{MaxAgeNegative, n} }
	absent, invalid := MaxAge{State: MaxAgeAbsent}, MaxAge{State: MaxAgeInvalid}
	tests := []struct {
		lines                []string
		spec, signed, digits MaxAge
	}{
		{nil, absent, absent, absent},
		{[]string{"0"}, valid(0), valid(0), valid(0)},
		{[]string{"600"}, valid(600), valid(600), valid(600)},
		{[]string{"0086400"}, valid(86400), valid(86400), valid(86400)},
		{[]string{" \t7200\t "}, valid(7200), invalid, invalid},
		{[]string{"9223372036854775807"}, valid(math.MaxInt64), valid(math.MaxInt64), valid(math.MaxInt64)},
		{[]string{"99999999999999999999999"}, valid(math.MaxInt64), valid(math.MaxInt64), valid(math.MaxInt64)},
		{[]string{""}, invalid, invalid, absent},
		{[]string{"  "}, invalid, invalid, invalid},
		{[]string{"-1"}, negative(-1), negative(-1), invalid},
		{[]string{" -600 "}, negative(-600), invalid, invalid},
		{[]string{"-99999999999999999999999"}, negative(math.MinInt64), negative(math.MinInt64), invalid},
		{[]string{"-"}, invalid, invalid, invalid},
		{[]string{"--1"}, invalid, invalid, invalid},
		{[]string{"+2"}, invalid, valid(2), invalid},
		{[]string{"1.5"}, invalid, invalid, invalid},
		{[]string{"5s"}, invalid, invalid, invalid},
		{[]string{"0x10"}, invalid, invalid, invalid},
		{[]string{"١"}, invalid, invalid, invalid},
		{[]string{"5, 6"}, invalid, invalid, invalid},
		{[]string{"5", "5"}, invalid, invalid, invalid},
		{[]string{"", ""}, invalid, invalid, invalid},
		{[]string{"99999999999999999999x"}, invalid, invalid, invalid},
		{[]string{"99999999999999999999", "1"}, invalid, invalid, invalid},
	}
	for _, tt := range tests {
		got := [3]MaxAge{
			MaxAgePolicy{Syntax: MaxAgeSpec}.Parse(tt.lines),
			MaxAgePolicy{Syntax: MaxAgeSignedInteger}.Parse(tt.lines),
			MaxAgePolicy{Syntax: MaxAgeDigits}.Parse(tt.lines),
		}
		if diff := cmp.Diff([3]MaxAge{tt.spec, tt.signed, tt.digits}, got); diff != "" {
			t.Errorf("Parse(%q) [spec, signed, digits] (-want +got):\n%s", tt.lines, diff)
		}
	}
}

// TestAboveCap: only a valid value longer than a set cap is above it.
func TestAboveCap(t *testing.T) {
	p := MaxAgePolicy{Cap: 600 * time.Second}
	for _, tc := range []struct {
		m    MaxAge
		want bool
	}{
		{MaxAge{MaxAgeValid, 601}, true}, {MaxAge{MaxAgeValid, 600}, false},
		{MaxAge{MaxAgeNegative, -700}, false}, {MaxAge{MaxAgeInvalid, 0}, false},
	} {
		if got := p.AboveCap(tc.m); got != tc.want {
			t.Errorf("AboveCap(%+v) = %v", tc.m, got)
		}
	}
	if (MaxAgePolicy{}).AboveCap(MaxAge{MaxAgeValid, math.MaxInt64}) {
		t.Errorf("a policy without a cap reported a value above it")
	}
}
