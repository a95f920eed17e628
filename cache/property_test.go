package cache

import (
	"fmt"
	"github.com/corsim/corsim/fetchspec"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// refEntry is an entry of the reference model: the spec's flat list, scanned in full.
type refEntry struct {
	key         Key
	inKey       bool // credentials as part of the record key (CredentialsInKey only)
	credentials bool
	header      bool
	name        string
	expires     time.Time
}

// refCache is a deliberately naive cache with the documented semantics (no capacity), used as
// an oracle for the real one.
type refCache struct {
	p       Params
	entries []refEntry
}

func (r *refCache) recordKeyed(e refEntry, k Key, credentials bool) bool {
	return e.key == k && e.inKey == (credentials && r.p.CredentialsInKey)
}

func (r *refCache) store(now time.Time, k Key, credentials bool, methods, headers []string, maxAge time.Duration) {
	exp := now
	if maxAge > 0 {
		exp = now.Add(maxAge)
	}
	live := func(e refEntry) bool { return now.Before(e.expires) }
	r.entries = slices.DeleteFunc(r.entries, func(e refEntry) bool { return !live(e) })
	if r.p.Granularity == WholeResult {
		r.entries = slices.DeleteFunc(r.entries, func(e refEntry) bool { return r.recordKeyed(e, k, credentials) })
	}
	for pass, names := range [2][]string{methods, headers} {
		header := pass == 1
		for _, n := range names {
			if n == "" {
				continue
			}
			found := false
			for i := range r.entries {
				e := &r.entries[i]
				same := e.name == n || (header && fetchspec.ByteCaseInsensitiveMatch(e.name, n))
				if r.recordKeyed(*e, k, credentials) && e.header == header && e.credentials == credentials && same {
					e.expires = exp
					found = true
				}
			}
			if !found && maxAge > 0 {
				r.entries = append(r.entries, refEntry{k, credentials && r.p.CredentialsInKey, credentials, header, n, exp})
			}
		}
	}
}

func (r *refCache) match(now time.Time, k Key, credentials, header bool, name string) bool {
	for _, e := range r.entries {
		if !now.Before(e.expires) || !r.recordKeyed(e, k, credentials) || e.header != header {
			continue
		}
		if e.credentials != credentials && !e.credentials {
			continue
		}
		wildcard := e.name == "*" && (!credentials || r.p.WildcardMatchesCredentialed)
		if header {
			wildcard = wildcard && (r.p.WildcardCoversAuthorization || !fetchspec.ByteCaseInsensitiveMatch(name, "authorization"))
			if fetchspec.ByteCaseInsensitiveMatch(e.name, name) || wildcard {
				return true
			}
		} else if e.name == name || wildcard {
			return true
		}
	}
	return false
}

func (r *refCache) clear(k Key) {
	r.entries = slices.DeleteFunc(r.entries, func(e refEntry) bool { return e.key == k })
}

func (r *refCache) len(now time.Time) int {
	n := 0
	for _, e := range r.entries {
		if now.Before(e.expires) {
			n++
		}
	}
	return n
}

// Generators over small alphabets, so that collisions (same key, same name in another case)
// are common.
var (
	genKey = rapid.Custom(func(t *rapid.T) Key {
		return Key{
			NetworkPartitionKey: rapid.SampledFrom([]string{"", "https://s.example"}).Draw(t, "npk"),
			Origin:              rapid.SampledFrom([]string{"https://a.example", "null"}).Draw(t, "origin"),
			URL:                 rapid.SampledFrom([]string{"https://x.example/", "https://x.example/p"}).Draw(t, "url"),
		}
	})
	genMethod  = rapid.SampledFrom([]string{"PUT", "put", "DELETE", "PATCH", "*", "GET", ""})
	genHeader  = rapid.SampledFrom([]string{"x-a", "X-A", "x-b", "*", "authorization", "Authorization", ""})
	genMaxAge  = rapid.SampledFrom([]time.Duration{-time.Second, 0, time.Nanosecond, time.Second, 5 * time.Second, 10 * time.Second})
	genAdvance = rapid.SampledFrom([]time.Duration{0, time.Nanosecond, 999 * time.Millisecond, time.Second, 4 * time.Second, 5 * time.Second})
	genParams  = rapid.Custom(func(t *rapid.T) Params {
		return Params{
			Granularity:                 rapid.SampledFrom([]Granularity{PerEntry, WholeResult}).Draw(t, "granularity"),
			CredentialsInKey:            rapid.Bool().Draw(t, "credentialsInKey"),
			WildcardMatchesCredentialed: rapid.Bool().Draw(t, "wildcardMatchesCredentialed"),
			WildcardCoversAuthorization: rapid.Bool().Draw(t, "wildcardCoversAuthorization"),
		}
	})
)

// TestPropertyMatchesReference runs random operations against the cache and the flat-list
// reference, and requires identical answers, entries and lengths throughout. This covers "no
// entry matches after its max-age", "refresh resets expiry", Clear and both granularities.
func TestPropertyMatchesReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genParams.Draw(t, "params")
		clock := newFakeClock()
		c := New(p, clock)
		ref := &refCache{p: p}
		steps := rapid.IntRange(1, 40).Draw(t, "steps")
		for range steps {
			switch rapid.IntRange(0, 4).Draw(t, "op") {
			case 0, 1:
				k, cr := genKey.Draw(t, "key"), rapid.Bool().Draw(t, "credentials")
				ms := rapid.SliceOfN(genMethod, 0, 4).Draw(t, "methods")
				hs := rapid.SliceOfN(genHeader, 0, 4).Draw(t, "headers")
				age := genMaxAge.Draw(t, "maxAge")
				c.Store(k, cr, ms, hs, age)
				ref.store(clock.Now(), k, cr, ms, hs, age)
			case 2:
				clock.Advance(genAdvance.Draw(t, "advance"))
			case 3:
				k := genKey.Draw(t, "key")
				c.Clear(k)
				ref.clear(k)
			case 4:
				k, cr := genKey.Draw(t, "key"), rapid.Bool().Draw(t, "credentials")
				m, h := genMethod.Draw(t, "method"), genHeader.Draw(t, "header")
				now := clock.Now()
				if got, want := c.MatchMethod(k, cr, m), ref.match(now, k, cr, false, m); got != want {
					t.Fatalf("MatchMethod(%v, %v, %q) = %v, reference says %v", k, cr, m, got, want)
				}
				if got, want := c.MatchHeaderName(k, cr, h), ref.match(now, k, cr, true, h); got != want {
					t.Fatalf("MatchHeaderName(%v, %v, %q) = %v, reference says %v", k, cr, h, got, want)
				}
			}
			if got, want := c.Len(), ref.len(clock.Now()); got != want {
				t.Fatalf("Len() = %d, reference says %d", got, want)
			}
		}
		// Every question over the whole small universe agrees at the end.
		now := clock.Now()
		for _, k := range allKeys() {
			for _, cr := range []bool{false, true} {
				for _, m := range []string{"PUT", "put", "DELETE", "PATCH", "*", "GET", "OPTIONS"} {
					if got, want := c.MatchMethod(k, cr, m), ref.match(now, k, cr, false, m); got != want {
						t.Fatalf("final MatchMethod(%v, %v, %q) = %v, reference says %v", k, cr, m, got, want)
					}
				}
				names := []string{"x-a", "X-A", "x-b", "*", "authorization", "x-c"}
				var wantUnmatched []string
				for _, h := range names {
					if !ref.match(now, k, cr, true, h) {
						wantUnmatched = append(wantUnmatched, h)
					}
				}
				_, gotUnmatched := c.Lookup(k, cr, "PUT", names)
				if diff := cmp.Diff(wantUnmatched, gotUnmatched); diff != "" {
					t.Fatalf("final Lookup(%v, %v) unmatched (-reference +got):\n%s", k, cr, diff)
				}
			}
		}
		// After the longest lifetime has passed nothing matches and nothing is left.
		clock.Advance(10 * time.Second)
		for _, k := range allKeys() {
			for _, cr := range []bool{false, true} {
				if c.MatchMethod(k, cr, "*") || c.MatchMethod(k, cr, "PUT") || c.MatchHeaderName(k, cr, "x-a") || c.MatchHeaderName(k, cr, "*") {
					t.Fatalf("an entry for %v matches after its max-age", k)
				}
			}
		}
		if n, e := c.Len(), c.Entries(); n != 0 || len(e) != 0 {
			t.Fatalf("after every max-age: Len() = %d, Entries() = %v", n, e)
		}
	})
}

func allKeys() []Key {
	var ks []Key
	for _, n := range []string{"", "https://s.example"} {
		for _, o := range []string{"https://a.example", "null"} {
			for _, u := range []string{"https://x.example/", "https://x.example/p"} {
				ks = append(ks, Key{n, o, u})
			}
		}
	}
	return ks
}

// TestPropertyStoreThenMatch: whatever the parameters, a Store with a positive max-age is
// followed by a match for each stored method and header name until the max-age has elapsed.
func TestPropertyStoreThenMatch(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genParams.Draw(t, "params")
		clock := newFakeClock()
		c := New(p, clock)
		k, cr := genKey.Draw(t, "key"), rapid.Bool().Draw(t, "credentials")
		ms := rapid.SliceOfN(rapid.StringMatching(`[A-Za-z*]{1,6}`), 0, 5).Draw(t, "methods")
		hs := rapid.SliceOfN(rapid.StringMatching(`[A-Za-z-]{1,8}`), 0, 5).Draw(t, "headers")
		age := time.Duration(rapid.Int64Range(1, int64(time.Hour)).Draw(t, "maxAge"))
		c.Store(k, cr, ms, hs, age)
		clock.Advance(time.Duration(rapid.Int64Range(0, int64(age)-1).Draw(t, "elapsed")))
		for _, m := range ms {
			if !c.MatchMethod(k, cr, m) {
				t.Fatalf("MatchMethod(%q) false before expiry", m)
			}
		}
		for _, h := range hs {
			if !c.MatchHeaderName(k, cr, h) {
				t.Fatalf("MatchHeaderName(%q) false before expiry", h)
			}
		}
	})
}

// TestPropertyLenAndCapacity: Len never exceeds the entries created, and Records never exceeds
// a positive Capacity; the record just stored is always there.
func TestPropertyLenAndCapacity(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genParams.Draw(t, "params")
		p.Capacity = rapid.IntRange(0, 4).Draw(t, "capacity")
		clock := newFakeClock()
		c := New(p, clock)
		created := 0
		for range rapid.IntRange(1, 60).Draw(t, "steps") {
			k := Key{"p", "o", fmt.Sprint(rapid.IntRange(0, 7).Draw(t, "url"))}
			cr := rapid.Bool().Draw(t, "credentials")
			ms := rapid.SliceOfN(genMethod, 0, 3).Draw(t, "methods")
			hs := rapid.SliceOfN(genHeader, 0, 3).Draw(t, "headers")
			st := c.Store(k, cr, ms, hs, genMaxAge.Draw(t, "maxAge"))
			created += st.Created
			clock.Advance(genAdvance.Draw(t, "advance"))
			if n := c.Len(); n > created {
				t.Fatalf("Len() = %d but only %d entries were ever created", n, created)
			}
			if n := c.Records(); p.Capacity > 0 && n > p.Capacity {
				t.Fatalf("Records() = %d exceeds Capacity %d", n, p.Capacity)
			}
			if n := c.Len(); p.Capacity > 0 && n > p.Capacity*(3+3)*2 {
				t.Fatalf("Len() = %d is more than Capacity records can hold", n)
			}
		}
		// Each record holds at most 6 names per credentials kind, so Len is bounded per record.
		if p.Capacity > 0 && c.Len() > 12*p.Capacity {
			t.Fatalf("Len() = %d exceeds what %d records can hold", c.Len(), p.Capacity)
		}
	})
}

// TestPropertyConcurrentMatching: answers under concurrent use (lookups racing each other and
// unrelated stores and clears) are the answers given one at a time. Run with -race.
func TestPropertyConcurrentMatching(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := genParams.Draw(t, "params")
		clock := newFakeClock()
		c := New(p, clock)
		for range rapid.IntRange(0, 12).Draw(t, "stores") {
			c.Store(genKey.Draw(t, "key"), rapid.Bool().Draw(t, "credentials"),
				rapid.SliceOfN(genMethod, 0, 3).Draw(t, "methods"),
				rapid.SliceOfN(genHeader, 0, 3).Draw(t, "headers"),
				genMaxAge.Draw(t, "maxAge"))
		}
		type question struct {
			k  Key
			cr bool
			m  string
			hs []string
		}
		var qs []question
		for range rapid.IntRange(1, 16).Draw(t, "questions") {
			qs = append(qs, question{genKey.Draw(t, "key"), rapid.Bool().Draw(t, "credentials"),
				genMethod.Draw(t, "method"), rapid.SliceOfN(genHeader, 0, 3).Draw(t, "names")})
		}
		type answer struct {
			M         bool
			Unmatched []string
			MM        bool
			HM        []bool
		}
		ask := func(q question) answer {
			m, u := c.Lookup(q.k, q.cr, q.m, q.hs)
			a := answer{M: m, Unmatched: u, MM: c.MatchMethod(q.k, q.cr, q.m)}
			for _, h := range q.hs {
				a.HM = append(a.HM, c.MatchHeaderName(q.k, q.cr, h))
			}
			return a
		}
		want := make([]answer, len(qs))
		for i, q := range qs {
			want[i] = ask(q)
		}
		const workers = 4
		got := make([][]answer, workers)
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				for i := range qs {
					got[w] = append(got[w], ask(qs[(i+w)%len(qs)]))
				}
			})
		}
		// Writers touch keys no question asks about.
		other := Key{"elsewhere", "elsewhere", "elsewhere"}
		wg.Go(func() {
			for range 20 {
				c.Store(other, false, []string{"PUT"}, []string{"x-a"}, time.Second)
				c.Clear(other)
				_ = c.Len()
				_ = c.Entries()
			}
		})
		wg.Wait()
		for w := range workers {
			for i := range qs {
				if diff := cmp.Diff(want[(i+w)%len(qs)], got[w][i]); diff != "" {
					t.Fatalf("worker %d question %d differs from the sequential answer (-want +got):\n%s", w, i, diff)
				}
			}
		}
	})
}

// TestPropertyLRUOrder compares eviction with a reference recency list when nothing expires:
// the records kept are always the Capacity most recently stored or matched keys.
func TestPropertyLRUOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		capacity := rapid.IntRange(1, 4).Draw(t, "capacity")
		c := New(Params{Capacity: capacity}, newFakeClock())
		var recent []int // most recent first
		use := func(u int) {
			recent = slices.DeleteFunc(recent, func(x int) bool { return x == u })
			recent = slices.Insert(recent, 0, u)
		}
		key := func(u int) Key { return Key{"p", "o", fmt.Sprint(u)} }
		for range rapid.IntRange(1, 50).Draw(t, "steps") {
			u := rapid.IntRange(0, 6).Draw(t, "url")
			if rapid.Bool().Draw(t, "store") {
				st := c.Store(key(u), false, []string{"PUT"}, nil, time.Hour)
				wantEvicted := 0
				if !slices.Contains(recent, u) && len(recent) == capacity {
					wantEvicted = 1
				}
				use(u)
				recent = recent[:min(len(recent), capacity)]
				if st.Evicted != wantEvicted {
					t.Fatalf("Store(%d).Evicted = %d, want %d", u, st.Evicted, wantEvicted)
				}
			} else if c.MatchMethod(key(u), false, "PUT") != slices.Contains(recent, u) {
				t.Fatalf("MatchMethod(%d) disagrees with the recency list %v", u, recent)
			} else if slices.Contains(recent, u) {
				use(u)
			}
		}
		for u := range 7 {
			if c.MatchMethod(key(u), false, "PUT") != slices.Contains(recent, u) {
				t.Fatalf("key %d: cache and recency list %v disagree", u, recent)
			}
		}
	})
}
