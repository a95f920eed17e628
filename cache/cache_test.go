package cache

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// storeOp is one successful preflight written to the cache.
type storeOp struct {
	key         Key
	credentials bool
	methods     []string
	headers     []string
	maxAge      time.Duration
}

// query is one matching question; exactly one of method and header is set.
type query struct {
	key         Key
	credentials bool
	method      string
	header      string
}

func (q query) ask(c *Cache) bool {
	if q.header != "" {
		return c.MatchHeaderName(q.key, q.credentials, q.header)
	}
	return c.MatchMethod(q.key, q.credentials, q.method)
}

func TestMatching(t *testing.T) {
	const ttl = 10 * time.Second
	noWildcardForCredentialed := paramsWith(func(p *Params) { p.WildcardMatchesCredentialed = false })
	credentialsInKey := paramsWith(func(p *Params) { p.CredentialsInKey = true })
	authWildcard := paramsWith(func(p *Params) { p.WildcardCoversAuthorization = true })
	whole := paramsWith(func(p *Params) { p.Granularity = WholeResult })

	tests := []struct {
		name    string
		params  Params
		stores  []storeOp
		queries []query
		want    []bool
	}{
		{
			name:    "empty cache matches nothing",
			params:  SpecParams(),
			queries: []query{{key: keyA, method: "GET"}, {key: keyA, header: "x-a"}, {key: keyA, method: "*"}},
			want:    []bool{false, false, false},
		},
		{
			name:   "methods compare as exact bytes",
			params: SpecParams(),
			stores: []storeOp{{key: keyA, methods: []string{"PATCH", "custom"}, maxAge: ttl}},
			queries: []query{
				{key: keyA, method: "PATCH"}, {key: keyA, method: "patch"}, {key: keyA, method: "Patch"},
				{key: keyA, method: "custom"}, {key: keyA, method: "CUSTOM"}, {key: keyA, method: "PATCH "},
			},
			want: []bool{true, false, false, true, false, false},
		},
		{
			name:   "lowercase patch entry does not serve PATCH",
			params: SpecParams(),
			stores: []storeOp{{key: keyA, methods: []string{"patch"}, maxAge: ttl}},
			queries: []query{
				{key: keyA, method: "PATCH"}, {key: keyA, method: "patch"},
			},
			want: []bool{false, true},
		},
		{
			name:   "header names compare byte-case-insensitively",
			params: SpecParams(),
			stores: []storeOp{{key: keyA, headers: []string{"X-Custom-Header", "x-k"}, maxAge: ttl}},
			queries: []query{
				{key: keyA, header: "x-custom-header"}, {key: keyA, header: "X-CUSTOM-HEADER"}, {key: keyA, header: "X-Custom-Header"},
				{key: keyA, header: "x-custom-heade"}, {key: keyA, header: "x-\u212a"}, {key: keyA, header: "X-K"},
			},
			want: []bool{true, true, true, false, false, true},
		},
		{
			name:   "methods and header names are separate entries",
			params: SpecParams(),
			stores: []storeOp{{key: keyA, methods: []string{"PUT"}, headers: []string{"x-a"}, maxAge: ttl}},
			queries: []query{
				{key: keyA, header: "PUT"}, {key: keyA, method: "x-a"}, {key: keyA, method: "PUT"}, {key: keyA, header: "X-A"},
			},
			want: []bool{false, false, true, true},
		},
		{
			name:   "key fields must all be equal",
			params: SpecParams(),
			stores: []storeOp{{key: keyA, methods: []string{"PUT"}, maxAge: ttl}},
			queries: []query{
				{key: keyB, method: "PUT"},
				{key: Key{keyA.NetworkPartitionKey, "https://other.example", keyA.URL}, method: "PUT"},
				{key: Key{"https://elsewhere.example", keyA.Origin, keyA.URL}, method: "PUT"},
				{key: Key{keyA.NetworkPartitionKey, keyA.Origin + keyA.URL, ""}, method: "PUT"},
				{key: keyA, method: "PUT"},
			},
			want: []bool{false, false, false, false, true},
		},
		{
			name:   "non-credentialed wildcards serve non-credentialed requests only",
			params: SpecParams(),
			stores: []storeOp{{key: keyA, methods: []string{"*"}, headers: []string{"*"}, maxAge: ttl}},
			queries: []query{
				{key: keyA, method: "DELETE"}, {key: keyA, method: "custom"}, {key: keyA, header: "x-anything"},
				{key: keyA, credentials: true, method: "DELETE"}, {key: keyA, credentials: true, header: "x-anything"},
			},
			want: []bool{true, true, true, false, false},
		},
		{
			name:   "wildcard never covers Authorization under the spec",
			params: SpecParams(),
			stores: []storeOp{{key: keyA, headers: []string{"*"}, maxAge: ttl}},
			queries: []query{
				{key: keyA, header: "authorization"}, {key: keyA, header: "Authorization"}, {key: keyA, header: "AUTHORIZATION"},
				{key: keyA, header: "authorizatio"}, {key: keyA, header: "x-authorization"},
			},
			want: []bool{false, false, false, true, true},
		},
		{
			name:   "an explicit Authorization entry matches",
			params: SpecParams(),
			stores: []storeOp{{key: keyA, headers: []string{"*", "Authorization"}, maxAge: ttl}},
			queries: []query{
				{key: keyA, header: "authorization"}, {key: keyA, credentials: true, header: "authorization"},
			},
			want: []bool{true, false},
		},
		{
			name:   "WildcardCoversAuthorization lets * cover Authorization",
			params: authWildcard,
			stores: []storeOp{{key: keyA, headers: []string{"*"}, maxAge: ttl}},
			queries: []query{
				{key: keyA, header: "authorization"}, {key: keyA, header: "x-a"},
			},
			want: []bool{true, true},
		},
		{
			name:   "spec: a credentialed wildcard serves credentialed requests",
			params: SpecParams(),
			stores: []storeOp{{key: keyA, credentials: true, methods: []string{"*"}, headers: []string{"*"}, maxAge: ttl}},
			queries: []query{
				{key: keyA, credentials: true, method: "DELETE"}, {key: keyA, credentials: true, header: "x-a"},
				{key: keyA, credentials: true, header: "authorization"},
				{key: keyA, method: "DELETE"}, {key: keyA, header: "x-a"},
			},
			want: []bool{true, true, false, true, true},
		},
		{
			name:   "PR 592: a wildcard does not serve credentialed requests",
			params: noWildcardForCredentialed,
			stores: []storeOp{{key: keyA, credentials: true, methods: []string{"*", "PUT"}, headers: []string{"*", "x-b"}, maxAge: ttl}},
			queries: []query{
				{key: keyA, credentials: true, method: "DELETE"}, {key: keyA, credentials: true, header: "x-a"},
				{key: keyA, credentials: true, method: "PUT"}, {key: keyA, credentials: true, header: "X-B"},
				{key: keyA, credentials: true, method: "*"}, {key: keyA, credentials: true, header: "*"},
				{key: keyA, method: "DELETE"}, {key: keyA, header: "x-a"},
			},
			want: []bool{false, false, true, true, true, true, true, true},
		},
		{
			name:   "spec: a credentialed entry serves both kinds",
			params: SpecParams(),
			stores: []storeOp{{key: keyA, credentials: true, methods: []string{"PUT"}, headers: []string{"x-a"}, maxAge: ttl}},
			queries: []query{
				{key: keyA, credentials: true, method: "PUT"}, {key: keyA, method: "PUT"},
				{key: keyA, credentials: true, header: "x-a"}, {key: keyA, header: "x-a"},
			},
			want: []bool{true, true, true, true},
		},
		{
			name:   "spec: a non-credentialed entry serves non-credentialed requests only",
			params: SpecParams(),
			stores: []storeOp{{key: keyA, methods: []string{"PUT"}, headers: []string{"x-a"}, maxAge: ttl}},
			queries: []query{
				{key: keyA, credentials: true, method: "PUT"}, {key: keyA, method: "PUT"},
				{key: keyA, credentials: true, header: "x-a"}, {key: keyA, header: "x-a"},
			},
			want: []bool{false, true, false, true},
		},
		{
			name:   "CredentialsInKey: a credentialed entry serves credentialed requests only",
			params: credentialsInKey,
			stores: []storeOp{{key: keyA, credentials: true, methods: []string{"PUT"}, headers: []string{"x-a"}, maxAge: ttl}},
			queries: []query{
				{key: keyA, credentials: true, method: "PUT"}, {key: keyA, method: "PUT"},
				{key: keyA, credentials: true, header: "x-a"}, {key: keyA, header: "x-a"},
			},
			want: []bool{true, false, true, false},
		},
		{
			name:   "CredentialsInKey: a non-credentialed entry serves non-credentialed requests only",
			params: credentialsInKey,
			stores: []storeOp{{key: keyA, methods: []string{"PUT"}, headers: []string{"x-a"}, maxAge: ttl}},
			queries: []query{
				{key: keyA, credentials: true, method: "PUT"}, {key: keyA, method: "PUT"},
				{key: keyA, credentials: true, header: "x-a"}, {key: keyA, header: "x-a"},
			},
			want: []bool{false, true, false, true},
		},
		{
			name:   "PerEntry combines entries from two preflights",
			params: SpecParams(),
			stores: []storeOp{
				{key: keyA, methods: []string{"PUT"}, headers: []string{"x-a"}, maxAge: ttl},
				{key: keyA, methods: []string{"DELETE"}, headers: []string{"x-b"}, maxAge: ttl},
			},
			queries: []query{
				{key: keyA, method: "PUT"}, {key: keyA, method: "DELETE"}, {key: keyA, header: "x-a"}, {key: keyA, header: "x-b"},
			},
			want: []bool{true, true, true, true},
		},
		{
			name:   "WholeResult answers from the latest preflight only",
			params: whole,
			stores: []storeOp{
				{key: keyA, methods: []string{"PUT"}, headers: []string{"x-a"}, maxAge: ttl},
				{key: keyA, methods: []string{"DELETE"}, headers: []string{"x-b"}, maxAge: ttl},
			},
			queries: []query{
				{key: keyA, method: "PUT"}, {key: keyA, method: "DELETE"}, {key: keyA, header: "x-a"}, {key: keyA, header: "x-b"},
			},
			want: []bool{false, true, false, true},
		},
		{
			name:   "WholeResult without CredentialsInKey: a non-credentialed result replaces a credentialed one",
			params: whole,
			stores: []storeOp{
				{key: keyA, credentials: true, methods: []string{"PUT"}, maxAge: ttl},
				{key: keyA, methods: []string{"DELETE"}, maxAge: ttl},
			},
			queries: []query{
				{key: keyA, credentials: true, method: "PUT"}, {key: keyA, credentials: true, method: "DELETE"}, {key: keyA, method: "DELETE"},
			},
			want: []bool{false, false, true},
		},
		{
			name:   "WholeResult with CredentialsInKey keeps one result per kind",
			params: paramsWith(func(p *Params) { p.Granularity = WholeResult; p.CredentialsInKey = true }),
			stores: []storeOp{
				{key: keyA, credentials: true, methods: []string{"PUT"}, maxAge: ttl},
				{key: keyA, methods: []string{"DELETE"}, maxAge: ttl},
			},
			queries: []query{
				{key: keyA, credentials: true, method: "PUT"}, {key: keyA, credentials: true, method: "DELETE"},
				{key: keyA, method: "DELETE"}, {key: keyA, method: "PUT"},
			},
			want: []bool{true, false, true, false},
		},
		{
			name:   "Max-Age 0 stores nothing",
			params: SpecParams(),
			stores: []storeOp{{key: keyA, methods: []string{"PUT"}, headers: []string{"x-a"}, maxAge: 0}},
			queries: []query{
				{key: keyA, method: "PUT"}, {key: keyA, header: "x-a"},
			},
			want: []bool{false, false},
		},
		{
			name:   "Max-Age 0 ends the entries it names and keeps the others",
			params: SpecParams(),
			stores: []storeOp{
				{key: keyA, methods: []string{"PUT", "DELETE"}, headers: []string{"x-a", "x-b"}, maxAge: ttl},
				{key: keyA, methods: []string{"PUT"}, headers: []string{"X-A"}, maxAge: 0},
			},
			queries: []query{
				{key: keyA, method: "PUT"}, {key: keyA, method: "DELETE"}, {key: keyA, header: "x-a"}, {key: keyA, header: "x-b"},
			},
			want: []bool{false, true, false, true},
		},
		{
			name:   "negative max-age behaves as 0",
			params: whole,
			stores: []storeOp{
				{key: keyA, methods: []string{"PUT"}, maxAge: ttl},
				{key: keyA, methods: []string{"PUT"}, maxAge: -time.Second},
			},
			queries: []query{{key: keyA, method: "PUT"}},
			want:    []bool{false},
		},
		{
			name:    "empty names are not stored",
			params:  SpecParams(),
			stores:  []storeOp{{key: keyA, methods: []string{""}, headers: []string{""}, maxAge: ttl}},
			queries: []query{{key: keyA, method: ""}, {key: keyA, header: ""}},
			want:    []bool{false, false},
		},
		{
			name:   "odd bytes in keys and names are kept apart",
			params: SpecParams(),
			stores: []storeOp{{key: Key{"a\x00", "b", "c"}, methods: []string{"M\x00"}, headers: []string{"h\xff"}, maxAge: ttl}},
			queries: []query{
				{key: Key{"a\x00", "b", "c"}, method: "M\x00"}, {key: Key{"a\x00", "b", "c"}, header: "H\xff"},
				{key: Key{"a", "\x00b", "c"}, method: "M\x00"}, {key: Key{"a\x00b", "", "c"}, method: "M\x00"},
			},
			want: []bool{true, true, false, false},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New(tt.params, newFakeClock())
			for _, s := range tt.stores {
				c.Store(s.key, s.credentials, s.methods, s.headers, s.maxAge)
			}
			var got []bool
			for _, q := range tt.queries {
				got = append(got, q.ask(c))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("matches mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestExpiryIsExactlyAtMaxAge(t *testing.T) {
	for _, g := range []Granularity{PerEntry, WholeResult} {
		t.Run(g.String(), func(t *testing.T) {
			clock := newFakeClock()
			c := New(paramsWith(func(p *Params) { p.Granularity = g }), clock)
			c.Store(keyA, false, []string{"PUT"}, []string{"x-a"}, 5*time.Second)
			var got []bool
			for _, step := range []time.Duration{0, 4999 * time.Millisecond, time.Millisecond - 1, 1, 0} {
				clock.Advance(step)
				got = append(got, c.MatchMethod(keyA, false, "PUT"), c.MatchHeaderName(keyA, false, "x-a"))
			}
			want := []bool{true, true, true, true, true, true, false, false, false, false}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("matches at t, t+4.999 s, t+5 s-1 ns, t+5 s (-want +got):\n%s", diff)
			}
			if n := c.Len(); n != 0 {
				t.Errorf("Len() after expiry = %d, want 0", n)
			}
		})
	}
}

func TestStoreCreateAndRefresh(t *testing.T) {
	clock := newFakeClock()
	c := New(SpecParams(), clock)
	var stats []StoreStats

	stats = append(stats, c.Store(keyA, false, []string{"PUT", "PUT", "DELETE"}, []string{"X-A", "x-a"}, 5*time.Second))
	clock.Advance(3 * time.Second)
	// Refresh PUT and x-a (named in another case), create PATCH.
	stats = append(stats, c.Store(keyA, false, []string{"PUT", "PATCH"}, []string{"x-A"}, 5*time.Second))
	// A credentialed preflight gets its own entries (model choice, see Store).
	stats = append(stats, c.Store(keyA, true, []string{"PUT"}, nil, 5*time.Second))

	wantStats := []StoreStats{{Created: 3}, {Created: 1, Refreshed: 2}, {Created: 1}}
	if diff := cmp.Diff(wantStats, stats); diff != "" {
		t.Errorf("Store stats mismatch (-want +got):\n%s", diff)
	}
	at := func(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }
	wantEntries := []Entry{
		{Key: keyA, HeaderName: "X-A", Expires: at(8)}, // refreshed, keeps the case it was created with
		{Key: keyA, Method: "DELETE", Expires: at(5)},
		{Key: keyA, Method: "PATCH", Expires: at(8)},
		{Key: keyA, Method: "PUT", Expires: at(8)},
		{Key: keyA, Credentials: true, Method: "PUT", Expires: at(8)},
	}
	if diff := cmp.Diff(wantEntries, c.Entries()); diff != "" {
		t.Errorf("Entries() mismatch (-want +got):\n%s", diff)
	}

	// Refresh resets the expiry: at t+6 s DELETE is gone, PUT (refreshed at t+3 s) lives.
	clock.Advance(3 * time.Second)
	got := []bool{c.MatchMethod(keyA, false, "PUT"), c.MatchMethod(keyA, false, "DELETE"), c.MatchHeaderName(keyA, false, "x-a")}
	if diff := cmp.Diff([]bool{true, false, true}, got); diff != "" {
		t.Errorf("matches at t+6 s (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(4, c.Len()); diff != "" {
		t.Errorf("Len() at t+6 s (-want +got):\n%s", diff)
	}

	// An expired entry is created anew, not refreshed.
	st := c.Store(keyA, false, []string{"DELETE"}, nil, time.Second)
	if diff := cmp.Diff(StoreStats{Created: 1}, st); diff != "" {
		t.Errorf("Store after expiry (-want +got):\n%s", diff)
	}
}

func TestStoreWholeResultReplaces(t *testing.T) {
	clock := newFakeClock()
	c := New(paramsWith(func(p *Params) { p.Granularity = WholeResult }), clock)
	var stats []StoreStats
	stats = append(stats, c.Store(keyA, false, []string{"PUT", "DELETE"}, []string{"x-a"}, 10*time.Second))
	clock.Advance(2 * time.Second)
	stats = append(stats, c.Store(keyA, false, []string{"PATCH", "PATCH"}, nil, 10*time.Second))
	stats = append(stats, c.Store(keyB, false, []string{"PUT"}, nil, 10*time.Second))
	stats = append(stats, c.Store(keyB, false, nil, nil, 10*time.Second))
	wantStats := []StoreStats{{Created: 3}, {Created: 1, Replaced: 3}, {Created: 1}, {Replaced: 1}}
	if diff := cmp.Diff(wantStats, stats); diff != "" {
		t.Errorf("Store stats mismatch (-want +got):\n%s", diff)
	}
	want := []Entry{{Key: keyA, Method: "PATCH", Expires: t0.Add(12 * time.Second)}}
	if diff := cmp.Diff(want, c.Entries()); diff != "" {
		t.Errorf("Entries() mismatch (-want +got):\n%s", diff)
	}
	if got := c.Records(); got != 1 {
		t.Errorf("Records() = %d, want 1 (an empty result keeps no record)", got)
	}
}

func TestLookup(t *testing.T) {
	c := New(SpecParams(), newFakeClock())
	c.Store(keyA, false, []string{"PUT"}, []string{"x-a", "X-B"}, time.Minute)
	type answer struct {
		MethodMatch bool
		Unmatched   []string
	}
	tests := []struct {
		name        string
		key         Key
		credentials bool
		method      string
		names       []string
		want        answer
	}{
		{"all match", keyA, false, "PUT", []string{"x-a", "x-b"}, answer{true, nil}},
		{"no names", keyA, false, "PUT", nil, answer{true, nil}},
		{"method miss", keyA, false, "DELETE", []string{"x-b"}, answer{false, nil}},
		{"some names miss, order kept", keyA, false, "PUT", []string{"x-c", "x-a", "authorization", "x-b"}, answer{true, []string{"x-c", "authorization"}}},
		{"credentialed request sees no non-credentialed entry", keyA, true, "PUT", []string{"x-a"}, answer{false, []string{"x-a"}}},
		{"unknown key misses everything", keyB, false, "PUT", []string{"x-a", "x-b"}, answer{false, []string{"x-a", "x-b"}}},
		{"unknown key, no names", keyB, false, "PUT", nil, answer{false, nil}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			names := append([]string(nil), tt.names...)
			m, u := c.Lookup(tt.key, tt.credentials, tt.method, names)
			if diff := cmp.Diff(tt.want, answer{m, u}); diff != "" {
				t.Errorf("Lookup mismatch (-want +got):\n%s", diff)
			}
			if len(u) > 0 {
				u[0] = "changed"
				if diff := cmp.Diff(tt.names, names); diff != "" {
					t.Errorf("Lookup's answer shares memory with its input (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func TestClear(t *testing.T) {
	for _, inKey := range []bool{false, true} {
		t.Run(map[bool]string{false: "spec", true: "credentials in key"}[inKey], func(t *testing.T) {
			clock := newFakeClock()
			c := New(paramsWith(func(p *Params) { p.CredentialsInKey = inKey }), clock)
			c.Store(keyA, false, []string{"PUT"}, []string{"x-a"}, time.Minute)
			c.Store(keyA, true, []string{"DELETE"}, []string{"x-b"}, time.Minute)
			c.Store(keyA, false, []string{"PATCH"}, nil, time.Second) // expires before the clear
			c.Store(keyB, false, []string{"PUT"}, nil, time.Minute)
			clock.Advance(2 * time.Second)

			got := []int{c.Clear(keyA), c.Clear(keyA), c.Len(), c.Records()}
			if diff := cmp.Diff([]int{4, 0, 1, 1}, got); diff != "" {
				t.Errorf("Clear(keyA) twice, Len, Records (-want +got):\n%s", diff)
			}
			want := []Entry{{Key: keyB, Method: "PUT", Expires: t0.Add(time.Minute)}}
			if diff := cmp.Diff(want, c.Entries()); diff != "" {
				t.Errorf("Entries() after Clear mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCapacityEvictsLeastRecentlyUsed(t *testing.T) {
	keys := make([]Key, 5)
	for i := range keys {
		keys[i] = Key{"p", "o", string(rune('a' + i))}
	}
	clock := newFakeClock()
	c := New(paramsWith(func(p *Params) { p.Capacity = 3 }), clock)
	var evicted []int
	store := func(k Key) { evicted = append(evicted, c.Store(k, false, []string{"PUT"}, nil, time.Minute).Evicted) }

	store(keys[0])
	store(keys[1])
	store(keys[2])
	c.MatchMethod(keys[0], false, "PUT") // a is now the most recently used
	store(keys[3])                       // evicts b
	store(keys[2])                       // a refresh touches c, evicts nothing
	store(keys[4])                       // evicts a
	live := make([]bool, len(keys))
	for i, k := range keys {
		live[i] = c.MatchMethod(k, false, "PUT")
	}
	if diff := cmp.Diff([]int{0, 0, 0, 1, 0, 1}, evicted); diff != "" {
		t.Errorf("Evicted per Store (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]bool{false, false, true, true, true}, live); diff != "" {
		t.Errorf("live keys after eviction (-want +got):\n%s", diff)
	}
	if got := c.Records(); got != 3 {
		t.Errorf("Records() = %d, want 3", got)
	}

	// Records whose entries all expired make room without counting as evictions.
	c2 := New(paramsWith(func(p *Params) { p.Capacity = 1 }), clock)
	first := c2.Store(keys[0], false, []string{"PUT"}, nil, time.Second)
	clock.Advance(time.Second)
	second := c2.Store(keys[1], false, []string{"PUT"}, nil, time.Second)
	if diff := cmp.Diff([]StoreStats{{Created: 1}, {Created: 1}}, []StoreStats{first, second}); diff != "" {
		t.Errorf("stats (-want +got):\n%s", diff)
	}
}

func TestCapacityWithCredentialsInKeyCountsRecords(t *testing.T) {
	c := New(paramsWith(func(p *Params) { p.Capacity = 2; p.CredentialsInKey = true }), newFakeClock())
	c.Store(keyA, false, []string{"PUT"}, nil, time.Minute)
	c.Store(keyA, true, []string{"PUT"}, nil, time.Minute)
	st := c.Store(keyB, false, []string{"PUT"}, nil, time.Minute)
	got := []bool{c.MatchMethod(keyA, false, "PUT"), c.MatchMethod(keyA, true, "PUT"), c.MatchMethod(keyB, false, "PUT")}
	if diff := cmp.Diff([]bool{false, true, true}, got); diff != "" {
		t.Errorf("matches (-want +got):\n%s", diff)
	}
	if st.Evicted != 1 {
		t.Errorf("Evicted = %d, want 1", st.Evicted)
	}
}

func TestEntriesOrder(t *testing.T) {
	c := New(SpecParams(), newFakeClock())
	c.Store(keyB, false, []string{"PUT"}, nil, time.Minute)
	c.Store(keyA, true, nil, []string{"x-b", "x-a"}, time.Minute)
	c.Store(keyA, false, []string{"GET", "DELETE"}, []string{"z"}, 2*time.Minute)
	exp1, exp2 := t0.Add(time.Minute), t0.Add(2*time.Minute)
	want := []Entry{
		{Key: keyA, HeaderName: "z", Expires: exp2},
		{Key: keyA, Method: "DELETE", Expires: exp2},
		{Key: keyA, Method: "GET", Expires: exp2},
		{Key: keyA, Credentials: true, HeaderName: "x-a", Expires: exp1},
		{Key: keyA, Credentials: true, HeaderName: "x-b", Expires: exp1},
		{Key: keyB, Method: "PUT", Expires: exp1},
	}
	if diff := cmp.Diff(want, c.Entries()); diff != "" {
		t.Errorf("Entries() mismatch (-want +got):\n%s", diff)
	}
}

func TestNilClockAndOddParams(t *testing.T) {
	c := New(Params{Granularity: Granularity(7), Capacity: -3}, nil)
	c.Store(keyA, false, []string{"PUT"}, nil, time.Hour)
	c.Store(keyA, false, []string{"DELETE"}, nil, time.Hour)
	got := []bool{c.MatchMethod(keyA, false, "PUT"), c.MatchMethod(keyA, false, "DELETE")}
	if diff := cmp.Diff([]bool{true, true}, got); diff != "" {
		t.Errorf("an unknown granularity should act per entry (-want +got):\n%s", diff)
	}
}

func TestHugeMaxAgeSaturates(t *testing.T) {
	clock := newFakeClock()
	c := New(SpecParams(), clock)
	c.Store(keyA, false, []string{"PUT"}, nil, time.Duration(1<<63-1))
	clock.Advance(200 * 365 * 24 * time.Hour)
	if !c.MatchMethod(keyA, false, "PUT") {
		t.Errorf("an entry with the longest lifetime expired after 200 years")
	}
}
