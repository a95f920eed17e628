package cache

import (
	"math"
	"testing"
	"time"
)

// FuzzRecordKey checks the record-key encoding, the one thing in the package that parses bytes
// back: decoding gives back the key, and two different keys never share an encoding.
func FuzzRecordKey(f *testing.F) {
	f.Add("https://site.example", "https://app.example", "https://api.example/a", "", "https://app.example", "https://api.example/a", false, true)
	f.Add("a\x00", "b", "c", "a", "\x00b", "c", true, true)
	f.Add("", "", "", "", "", "", false, false)
	f.Add("\x80\x80\x80", "null", "", "\x01", "", "", true, false)
	f.Add("ab", "", "c", "a", "b", "c", false, false)
	f.Fuzz(func(t *testing.T, n1, o1, u1, n2, o2, u2 string, cr1, cr2 bool) {
		c := New(Params{CredentialsInKey: true}, newFakeClock())
		k1, k2 := Key{n1, o1, u1}, Key{n2, o2, u2}
		e1 := string(c.appendRecordKey(nil, k1, cr1))
		e2 := string(c.appendRecordKey(nil, k2, cr2))
		if got := decodeRecordKey(e1); got != k1 {
			t.Fatalf("decodeRecordKey(appendRecordKey(%q)) = %q", k1, got)
		}
		if (e1 == e2) != (k1 == k2 && cr1 == cr2) {
			t.Fatalf("encodings of (%q, %v) and (%q, %v) collide or differ wrongly", k1, cr1, k2, cr2)
		}
		// Arbitrary bytes never make the decoder panic.
		_ = decodeRecordKey(n1 + o1)
		// The cache itself keeps the two keys apart.
		c.Store(k1, cr1, []string{"PUT"}, nil, time.Minute)
		if !c.MatchMethod(k1, cr1, "PUT") {
			t.Fatalf("stored key %q does not match itself", k1)
		}
		if k1 != k2 && c.MatchMethod(k2, cr2, "PUT") {
			t.Fatalf("key %q matches an entry stored for %q", k2, k1)
		}
	})
}

// FuzzLifetime checks the invariants of Lifetime for any policy and input: never negative,
// never above a cap, "do not store" means no lifetime, always an explanation, and a valid
// number within range and cap is taken as is.
func FuzzLifetime(f *testing.F) {
	f.Add(int64(5e9), int64(7200e9), 0, 1, 1, int64(86400))
	f.Add(int64(5e9), int64(0), 0, 0, 1, int64(math.MaxInt64))
	f.Add(int64(5e9), int64(600e9), 1, 1, 3, int64(-1))
	f.Add(int64(-1), int64(-1), 5, -5, 9, int64(math.MinInt64))
	f.Add(int64(10e9), int64(2e9), 0, 0, 0, int64(0))
	f.Fuzz(func(t *testing.T, def, capN int64, invalid, negative, state int, seconds int64) {
		p := MaxAgePolicy{Default: time.Duration(def), Cap: time.Duration(capN), Invalid: InvalidMaxAge(invalid), Negative: InvalidMaxAge(negative)}
		d, store, why := p.Lifetime(MaxAge{MaxAgeState(state), seconds})
		if d < 0 {
			t.Fatalf("negative lifetime %v", d)
		}
		if p.Cap > 0 && d > p.Cap {
			t.Fatalf("lifetime %v above cap %v", d, p.Cap)
		}
		if !store && d != 0 {
			t.Fatalf("store false with lifetime %v", d)
		}
		if why == "" {
			t.Fatalf("no explanation")
		}
		if MaxAgeState(state) == MaxAgeValid && seconds >= 0 {
			want := secondsToDuration(seconds)
			if p.Cap > 0 {
				want = min(want, p.Cap)
			}
			if d != want || !store {
				t.Fatalf("valid %d s under %+v: got (%v, %v), want (%v, true)", seconds, p, d, store, want)
			}
		}
		if d2, store2, why2 := p.Lifetime(MaxAge{MaxAgeState(state), seconds}); d2 != d || store2 != store || why2 != why {
			t.Fatalf("Lifetime is not deterministic")
		}
	})
}

// FuzzParseMaxAge: every syntax reads any value without panicking; a valid or negative reading
// never has the other sign; one line of plain digits is valid in every syntax, with the same
// number; a second line is never valid.
func FuzzParseMaxAge(f *testing.F) {
	for _, s := range []string{"0", "600", " 7200 ", "-1", "-0", "+5", "1.5", "5s", "", "-", "99999999999999999999", "9223372036854775807", "0x10", "\t"} {
		f.Add(s, false)
	}
	f.Add("5", true)
	f.Fuzz(func(t *testing.T, v string, two bool) {
		lines := []string{v}
		if two {
			lines = append(lines, v)
		}
		var readings []MaxAge
		for _, syntax := range []MaxAgeSyntax{MaxAgeSpec, MaxAgeSignedInteger, MaxAgeDigits} {
			m := MaxAgePolicy{Syntax: syntax}.Parse(lines)
			switch m.State {
			case MaxAgeValid:
				if m.Seconds < 0 {
					t.Fatalf("%v: valid %q with negative seconds %d", syntax, v, m.Seconds)
				}
				if two {
					t.Fatalf("%v: two lines of %q read as valid", syntax, v)
				}
			case MaxAgeNegative:
				// "-0" is written negative and is zero seconds.
				if m.Seconds > 0 {
					t.Fatalf("%v: negative %q with seconds %d", syntax, v, m.Seconds)
				}
			case MaxAgeAbsent, MaxAgeInvalid:
				if m.Seconds != 0 {
					t.Fatalf("%v: %v reading of %q carries seconds %d", syntax, m.State, v, m.Seconds)
				}
			default:
				t.Fatalf("%v: unknown state %v", syntax, m.State)
			}
			readings = append(readings, m)
		}
		if !two && allDigits(v) {
			for _, m := range readings[1:] {
				if m != readings[0] || m.State != MaxAgeValid {
					t.Fatalf("digits %q read differently: %+v", v, readings)
				}
			}
		}
	})
}
