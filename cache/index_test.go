package cache

import (
	"testing"
	"time"

	"pgregory.net/rapid"
)

// TestLongListsMatchShortOnes: storing and looking up a long list of names (which goes through
// the entry index) gives the same entries and the same unmatched names as storing and looking
// them up a few at a time (which scans), whatever the case, duplicates and credentials.
func TestLongListsMatchShortOnes(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		names := rapid.SliceOfN(rapid.SampledFrom([]string{"X-A", "x-a", "X-B", "x-b", "X-C", "Authorization", "*", "content-type", "Content-Type", "X-D"}), 17, 40).Draw(t, "names")
		methods := rapid.SliceOfN(rapid.SampledFrom([]string{"PUT", "put", "DELETE", "*", "PATCH"}), 0, 6).Draw(t, "methods")
		cred := rapid.Bool().Draw(t, "cred")
		lookupCred := rapid.Bool().Draw(t, "lookupCred")
		params := Params{Granularity: rapid.SampledFrom([]Granularity{PerEntry, WholeResult}).Draw(t, "granularity"),
			CredentialsInKey: rapid.Bool().Draw(t, "credKey"), WildcardMatchesCredentialed: rapid.Bool().Draw(t, "wmc"),
			WildcardCoversAuthorization: rapid.Bool().Draw(t, "wca"), LiteralWildcard: rapid.Bool().Draw(t, "lw")}
		k := Key{NetworkPartitionKey: "https://app.example", Origin: "https://app.example", URL: "https://api.example/x"}

		long := New(params, newFakeClock())
		long.Store(k, cred, methods, names, time.Minute)
		short := New(params, newFakeClock())
		if params.Granularity == WholeResult {
			short.storeShort(k, cred, methods, names)
		} else {
			for i := 0; i < len(names); i += 8 {
				short.Store(k, cred, methods, names[i:min(i+8, len(names))], time.Minute)
			}
		}
		if a, b := len(long.Entries()), len(short.Entries()); a != b {
			t.Fatalf("long store made %d entries, short stores %d", a, b)
		}
		query := rapid.SliceOfN(rapid.SampledFrom([]string{"x-a", "X-A", "x-b", "x-e", "authorization", "content-type", "x-d", "x-f"}), 17, 30).Draw(t, "query")
		m1, u1 := long.Lookup(k, lookupCred, "PUT", query)
		var u2 []string
		for _, q := range query {
			_, u := long.Lookup(k, lookupCred, "PUT", []string{q})
			u2 = append(u2, u...)
		}
		if len(u1) != len(u2) {
			t.Fatalf("unmatched: long lookup %v, one by one %v", u1, u2)
		}
		for i := range u1 {
			if u1[i] != u2[i] {
				t.Fatalf("unmatched: long lookup %v, one by one %v", u1, u2)
			}
		}
		if m2, _ := long.Lookup(k, lookupCred, "PUT", nil); m1 != m2 {
			t.Fatalf("method match differs: %v vs %v", m1, m2)
		}
	})
}

// storeShort stores a whole result through the scanning path: the distinct names, fewer than
// the index threshold, in one call.
func (c *Cache) storeShort(k Key, cred bool, methods, names []string) {
	// Deduplicate by hand the way the scan does, then store in one call that stays under the
	// index threshold.
	var m, h []string
	for j, n := range methods {
		if n != "" && !seen(methods[:j], n, false) {
			m = append(m, n)
		}
	}
	for j, n := range names {
		if n != "" && !seen(names[:j], n, true) {
			h = append(h, n)
		}
	}
	if len(m)+len(h) > 16 {
		panic("too many distinct names for the scanning path")
	}
	c.Store(k, cred, m, h, time.Minute)
}
