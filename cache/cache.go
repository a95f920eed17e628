package cache

import (
	"github.com/corsim/corsim/fetchspec"

	"cmp"
	"encoding/binary"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Clock tells the cache what time it is. It is injected, as net/http/cookiejar takes "now", so
// that the engine can run a virtual browser session and tests can step over an expiry exactly
// instead of sleeping.
type Clock interface{ Now() time.Time }

// systemClock is the clock [New] falls back to when it is given none.
type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

// Key identifies what a cache entry is matched on besides credentials: the network partition
// key (https://fetch.spec.whatwg.org/#concept-cache-key), the byte-serialized origin
// (https://fetch.spec.whatwg.org/#concept-cache-origin) and the URL
// (https://fetch.spec.whatwg.org/#concept-cache-url). The fields are compared as exact bytes,
// so the caller decides how each is serialized (for example whether the URL keeps its fragment).
type Key struct{ NetworkPartitionKey, Origin, URL string }

// Granularity says what one preflight writes into the cache and what a lookup may combine.
type Granularity int

// The two granularities.
const (
	// PerEntry is the spec: one entry per method and per header name. A later preflight for the
	// same key refreshes the entries it names and adds the others, so a lookup can be answered
	// by entries that came from different preflights.
	PerEntry Granularity = iota
	// WholeResult is Chromium and WebKit: a preflight's result replaces the previous result for
	// its key as a whole, and a lookup is answered from that one result.
	WholeResult
)

// String names the granularity for traces.
func (g Granularity) String() string {
	switch g {
	case PerEntry:
		return "per entry"
	case WholeResult:
		return "whole result"
	}
	return "Granularity(" + strconv.Itoa(int(g)) + ")"
}

// Params are the cache behaviours that differ between browsers. The zero value is the spec
// except for WildcardMatchesCredentialed, whose spec value is true; [SpecParams] has it set.
type Params struct {
	// Granularity is PerEntry (the spec) or WholeResult. Any other value acts as PerEntry.
	Granularity Granularity
	// CredentialsInKey makes the request's credentials mode part of the key, so an entry serves
	// only requests of its own kind. The spec instead lets an entry made by a credentialed
	// request serve both kinds, and a non-credentialed entry only non-credentialed requests
	// (https://fetch.spec.whatwg.org/#concept-cache-match).
	CredentialsInKey bool
	// WildcardMatchesCredentialed lets a "*" method or header-name entry match a request whose
	// credentials mode is "include". The spec text says yes (true); open whatwg/fetch PR #592
	// and some engines say no.
	WildcardMatchesCredentialed bool
	// WildcardCoversAuthorization lets a "*" header-name entry match Authorization. The spec
	// says no (false); whatwg/fetch issue #1919 records that shipping browsers still say yes.
	WildcardCoversAuthorization bool
	// LiteralWildcard makes a cached "*" an ordinary name that matches no method or header: a
	// preflight answered with * allows its own request but never spares a later one its
	// preflight. The spec lets a "*" entry match (false).
	LiteralWildcard bool
	// Capacity is the most records (keys, or key and credentials) the cache holds; the least
	// recently used record goes first. 0 or negative means unbounded.
	Capacity int
}

// SpecParams returns the parameters that follow the Fetch Standard's text, with no capacity
// limit.
func SpecParams() Params { return Params{WildcardMatchesCredentialed: true} }

// Entry is one live cache entry as the spec describes it
// (https://fetch.spec.whatwg.org/#cache-entry): exactly one of Method and HeaderName is set,
// and Credentials is true iff the request that created it had credentials mode "include".
type Entry struct {
	Key         Key
	Credentials bool
	Method      string
	HeaderName  string
	Expires     time.Time // the entry stops matching at this instant
}

// StoreStats says what a [Cache.Store] did, for the trace.
type StoreStats struct {
	Created   int // new entries
	Refreshed int // existing live entries whose lifetime was restarted
	Replaced  int // live entries of a previous whole result that this one replaced
	Evicted   int // records that still had live entries, evicted to respect Capacity
}

// entry is the cache's own form of a spec entry. The key lives on the record; the credentials
// flag stays here because, without CredentialsInKey, one record holds both kinds.
type entry struct {
	name        string // the method (exact bytes) or header name (case preserved)
	expires     int64  // nanoseconds after Cache.epoch; live while now < expires
	header      bool   // name is a header name, not a method
	credentials bool
}

// record holds the entries that share one record key, and its place in the LRU list.
type record struct {
	key        string // encoded record key (appendRecordKey); "" for a free slot
	entries    []entry
	prev, next int32 // toward the more / less recently used record; none at the ends
}

// none marks the end of the LRU list.
const none int32 = -1

// maxRecords bounds the record indices, which are int32 to keep records small.
const maxRecords = math.MaxInt32

// Cache is a CORS-preflight cache (https://fetch.spec.whatwg.org/#cors-preflight-cache). It is
// safe for concurrent use. Records live in one slice and are linked into a list by index, which
// keeps them small and keeps the garbage collector's work low at a million records. With a
// Capacity the list is in least-recently-used order; without one it only serves the sweep that
// frees records whose entries have all expired.
type Cache struct {
	mu      sync.Mutex
	params  Params
	clock   Clock
	epoch   time.Time        // expiries are kept as nanoseconds after this instant
	index   map[string]int32 // record key -> position in records
	records []record
	free    []int32 // positions in records that hold no record
	head    int32   // most recently used record
	tail    int32   // least recently used record
	buf     []byte  // scratch space for encoding record keys, guarded by mu
}

// New returns an empty cache with parameters p that reads the time from clock. A nil clock
// means the system clock.
func New(p Params, clock Clock) *Cache {
	if clock == nil {
		clock = systemClock{}
	}
	return &Cache{
		params: p,
		clock:  clock,
		epoch:  clock.Now(),
		index:  make(map[string]int32),
		head:   none,
		tail:   none,
	}
}

// MatchMethod reports whether there is a method cache entry match for method: a live entry
// that matches the request under k and credentialsInclude, whose method is method (exact bytes,
// so "patch" does not match "PATCH") or "*" (unless the request is credentialed and
// Params.WildcardMatchesCredentialed is false).
// https://fetch.spec.whatwg.org/#concept-cache-match-method
func (c *Cache) MatchMethod(k Key, credentialsInclude bool, method string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	r := c.find(k, credentialsInclude, c.now())
	return r != nil && c.matchMethod(r, credentialsInclude, method)
}

// MatchHeaderName reports whether there is a header-name cache entry match for name: a live
// entry that matches the request, whose header name is byte-case-insensitively name, or is
// "*" while name is not Authorization (see Params for the two exceptions browsers make).
// https://fetch.spec.whatwg.org/#concept-cache-match-header
func (c *Cache) MatchHeaderName(k Key, credentialsInclude bool, name string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	r := c.find(k, credentialsInclude, c.now())
	return r != nil && c.matchHeader(r, credentialsInclude, name)
}

// Lookup answers the question of HTTP fetch step 4.1 (https://fetch.spec.whatwg.org/#http-fetch)
// under one lock, so the answer comes from one moment of the cache: whether method has a method
// cache entry match, and which of names (the request's CORS-unsafe request-header names) have
// no header-name cache entry match. unmatched keeps the order of names, is nil when every name
// matches, and never shares memory with names.
func (c *Cache) Lookup(k Key, credentialsInclude bool, method string, names []string) (methodMatch bool, unmatched []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r := c.find(k, credentialsInclude, c.now())
	if r == nil {
		if len(names) > 0 {
			unmatched = slices.Clone(names)
		}
		return false, unmatched
	}
	methodMatch = c.matchMethod(r, credentialsInclude, method)
	if len(names) > 16 && len(r.entries) > 16 {
		// Thousands of names against thousands of entries: index the entries once.
		return methodMatch, c.matchHeaders(r, credentialsInclude, names)
	}
	for _, n := range names {
		if !c.matchHeader(r, credentialsInclude, n) {
			unmatched = append(unmatched, n)
		}
	}
	return methodMatch, unmatched
}

// Store writes a successful preflight's result: steps 7.12-7.15 of
// https://fetch.spec.whatwg.org/#cors-preflight-fetch-0, with maxAge from
// [MaxAgePolicy.Lifetime].
//
// With PerEntry, each method and header name either restarts the lifetime of the entry this
// preflight would have created (same credentials, same method bytes or same header name in any
// case), so it expires maxAge from now, or becomes a new entry. Model choice: the spec's steps
// 7.12 and 7.14 say "matching entry", and a literal match would let a "*" entry, or an entry
// made by a credentialed request, absorb the refresh; a non-credentialed preflight could then
// prolong what a credentialed one allowed, or a listed method prolong a wildcard, without the
// server having said so. Refreshing only the entry itself avoids that and matches the same
// requests while both are live.
//
// With WholeResult, the listed methods and header names replace the record's entries.
//
// maxAge <= 0 stores nothing that can ever match; with PerEntry it also ends the entries it
// names, as setting their max-age to 0 does in the spec. Empty strings and repeated names are
// skipped.
func (c *Cache) Store(k Key, credentialsInclude bool, methods, headerNames []string, maxAge time.Duration) StoreStats {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	expires := now
	if maxAge > 0 {
		expires = addSaturating(now, int64(maxAge))
	}
	c.buf = c.appendRecordKey(c.buf[:0], k, credentialsInclude)
	i, found := c.index[string(c.buf)]
	if found {
		c.prune(&c.records[i], now)
	}
	if c.params.Granularity == WholeResult {
		return c.storeWhole(i, found, credentialsInclude, methods, headerNames, expires, maxAge > 0, now)
	}

	var st StoreStats
	if !found {
		// Nothing to refresh; without a lifetime or a name there is nothing to create either.
		if maxAge <= 0 || (!hasName(methods) && !hasName(headerNames)) {
			return st
		}
		i, st.Evicted = c.newRecord(string(c.buf), now)
		c.records[i].entries = make([]entry, 0, len(methods)+len(headerNames))
	} else {
		c.touch(i)
	}
	r := &c.records[i]
	// Long lists (a hostile Access-Control-Allow-Headers) go through an index, so the work stays
	// linear; short ones are scanned.
	var idx *entryIndex
	if len(methods)+len(headerNames) > 16 {
		idx = newEntryIndex(r.entries)
	}
	for pass, names := range [2][]string{methods, headerNames} {
		header := pass == 1
		for j, n := range names {
			if n == "" || (idx == nil && seen(names[:j], n, header)) || (idx != nil && idx.seen(n, header)) {
				continue
			}
			// Steps 7.12 and 7.14: restart the lifetime of this preflight's own entry.
			var e *entry
			if idx != nil {
				if k, ok := idx.own(n, header, credentialsInclude); ok {
					e = &r.entries[k]
				}
			} else {
				e = r.own(n, header, credentialsInclude)
			}
			if e != nil {
				e.expires = expires
				st.Refreshed++
				continue
			}
			// Steps 7.13 and 7.15: create a new cache entry
			// (https://fetch.spec.whatwg.org/#concept-cache-create-entry).
			if maxAge > 0 {
				r.entries = append(r.entries, entry{name: intern(n), expires: expires, header: header, credentials: credentialsInclude})
				if idx != nil {
					idx.add(n, header, credentialsInclude, len(r.entries)-1)
				}
				st.Created++
			}
		}
	}
	if c.prune(r, now) == 0 {
		c.remove(i)
	}
	return st
}

// storeWhole is Store for WholeResult: the record's previous result, if any, is replaced by
// this one.
func (c *Cache) storeWhole(i int32, found, credentials bool, methods, headerNames []string, expires int64, live bool, now int64) StoreStats {
	var st StoreStats
	if found {
		st.Replaced = len(c.records[i].entries)
	}
	if !live || (!hasName(methods) && !hasName(headerNames)) {
		// A result that allows nothing, or lives for no time, leaves nothing to match.
		if found {
			c.remove(i)
		}
		return st
	}
	if found {
		c.touch(i)
	} else {
		i, st.Evicted = c.newRecord(string(c.buf), now)
	}
	r := &c.records[i]
	clear(r.entries)
	r.entries = r.entries[:0]
	if n := len(methods) + len(headerNames); cap(r.entries) < n {
		r.entries = make([]entry, 0, n)
	}
	var idx *entryIndex
	if len(methods)+len(headerNames) > 16 {
		idx = newEntryIndex(nil)
	}
	for pass, names := range [2][]string{methods, headerNames} {
		header := pass == 1
		for j, n := range names {
			if n == "" || (idx == nil && seen(names[:j], n, header)) || (idx != nil && idx.seen(n, header)) {
				continue
			}
			r.entries = append(r.entries, entry{name: intern(n), expires: expires, header: header, credentials: credentials})
			st.Created++
		}
	}
	return st
}

// Clear removes every entry for k, whatever its credentials, method or header name, and says
// how many live entries went. Main fetch calls it when a request that needed a preflight ends
// in a network error.
// https://fetch.spec.whatwg.org/#concept-cache-clear
func (c *Cache) Clear(k Key) (removed int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	for _, credentials := range [2]bool{false, true} {
		if credentials && !c.params.CredentialsInKey {
			break // both kinds share the one record
		}
		c.buf = c.appendRecordKey(c.buf[:0], k, credentials)
		if i, ok := c.index[string(c.buf)]; ok {
			removed += c.prune(&c.records[i], now)
			c.remove(i)
		}
	}
	return removed
}

// Len returns the number of live entries. It visits every record, so it is for tests and
// reports, not for the request path.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	n := 0
	for i := range c.records {
		for _, e := range c.records[i].entries {
			if now < e.expires {
				n++
			}
		}
	}
	return n
}

// Records returns the number of records the cache holds, the quantity Params.Capacity bounds.
// A record whose entries have all expired may still be counted until it is next touched or
// reaches the end of the LRU list.
func (c *Cache) Records() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.index)
}

// Entries returns a copy of the live entries in a fixed order (key, credentials, method, header
// name), so traces and tests that print the cache are deterministic.
func (c *Cache) Entries() []Entry {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	var out []Entry
	for i := range c.records {
		r := &c.records[i]
		if r.key == "" {
			continue
		}
		k := decodeRecordKey(r.key)
		for _, e := range r.entries {
			if now >= e.expires {
				continue
			}
			x := Entry{Key: k, Credentials: e.credentials, Expires: c.epoch.Add(time.Duration(e.expires))}
			if e.header {
				x.HeaderName = e.name
			} else {
				x.Method = e.name
			}
			out = append(out, x)
		}
	}
	slices.SortFunc(out, compareEntries)
	return out
}

// compareEntries orders entries by key, credentials, method, header name, then expiry.
func compareEntries(a, b Entry) int {
	if n := cmp.Compare(a.Key.NetworkPartitionKey, b.Key.NetworkPartitionKey); n != 0 {
		return n
	}
	if n := cmp.Compare(a.Key.Origin, b.Key.Origin); n != 0 {
		return n
	}
	if n := cmp.Compare(a.Key.URL, b.Key.URL); n != 0 {
		return n
	}
	if a.Credentials != b.Credentials {
		if b.Credentials {
			return -1
		}
		return 1
	}
	if n := cmp.Compare(a.Method, b.Method); n != 0 {
		return n
	}
	if n := cmp.Compare(a.HeaderName, b.HeaderName); n != 0 {
		return n
	}
	return a.Expires.Compare(b.Expires)
}

// matchMethod is the method half of https://fetch.spec.whatwg.org/#concept-cache-match-method
// within one record.
func (c *Cache) matchMethod(r *record, credentialsInclude bool, method string) bool {
	wildcard := !c.params.LiteralWildcard && (!credentialsInclude || c.params.WildcardMatchesCredentialed)
	for i := range r.entries {
		e := &r.entries[i]
		if e.header || !serves(e, credentialsInclude) {
			continue
		}
		if e.name == method || (wildcard && e.name == "*") {
			return true
		}
	}
	return false
}

// matchHeader is https://fetch.spec.whatwg.org/#concept-cache-match-header within one record.
func (c *Cache) matchHeader(r *record, credentialsInclude bool, name string) bool {
	wildcard := !c.params.LiteralWildcard && (!credentialsInclude || c.params.WildcardMatchesCredentialed) &&
		(c.params.WildcardCoversAuthorization || !fetchspec.IsCORSNonWildcardRequestHeaderName(name))
	for i := range r.entries {
		e := &r.entries[i]
		if !e.header || !serves(e, credentialsInclude) {
			continue
		}
		if fetchspec.ByteCaseInsensitiveMatch(e.name, name) || (wildcard && e.name == "*") {
			return true
		}
	}
	return false
}

// serves is the credentials half of https://fetch.spec.whatwg.org/#concept-cache-match: an
// entry made by a credentialed request serves every request, one made without credentials
// serves only requests without. With CredentialsInKey the record already holds one kind only,
// and this rule then admits exactly that kind.
func serves(e *entry, credentialsInclude bool) bool {
	return e.credentials || !credentialsInclude
}

// own returns this preflight's own entry for name, the one Store refreshes, or nil.
func (r *record) own(name string, header, credentials bool) *entry {
	for i := range r.entries {
		e := &r.entries[i]
		if e.header != header || e.credentials != credentials {
			continue
		}
		if e.name == name || (header && fetchspec.ByteCaseInsensitiveMatch(e.name, name)) {
			return e
		}
	}
	return nil
}

// find returns the record for k and credentials holding at least one live entry, marks it
// used, and drops its expired entries; nil if there is none.
func (c *Cache) find(k Key, credentialsInclude bool, now int64) *record {
	c.buf = c.appendRecordKey(c.buf[:0], k, credentialsInclude)
	i, ok := c.index[string(c.buf)]
	if !ok {
		return nil
	}
	if c.prune(&c.records[i], now) == 0 {
		c.remove(i)
		return nil
	}
	c.touch(i)
	return &c.records[i]
}

// prune drops r's expired entries in place and returns how many remain.
func (c *Cache) prune(r *record, now int64) int {
	j := 0
	for _, e := range r.entries {
		if now < e.expires {
			r.entries[j] = e
			j++
		}
	}
	if j < len(r.entries) {
		clear(r.entries[j:]) // let the names go
		r.entries = r.entries[:j]
	}
	return j
}

// newRecord makes room if needed and adds an empty record for key at the front of the LRU
// list. evicted counts records with live entries that had to go.
func (c *Cache) newRecord(key string, now int64) (i int32, evicted int) {
	// Sweep: drop expired records at the cold end, so memory and capacity go to live ones.
	// Without a capacity the list order carries no meaning, so a live record there moves to
	// the front and the sweep goes on next time; over many stores it visits every record.
	for range 2 {
		t := c.tail
		if t == none {
			break
		}
		if c.prune(&c.records[t], now) == 0 {
			c.remove(t)
			continue
		}
		if c.params.Capacity > 0 {
			break
		}
		c.moveToFront(t)
	}
	limit := maxRecords
	if c.params.Capacity > 0 && c.params.Capacity < limit {
		limit = c.params.Capacity
	}
	for len(c.index) >= limit && c.tail != none {
		if c.prune(&c.records[c.tail], now) > 0 {
			evicted++
		}
		c.remove(c.tail)
	}
	if n := len(c.free); n > 0 {
		i = c.free[n-1]
		c.free = c.free[:n-1]
	} else {
		c.records = append(c.records, record{})
		i = int32(len(c.records) - 1)
	}
	c.records[i] = record{key: key, prev: none, next: none}
	c.index[key] = i
	c.pushFront(i)
	return i, evicted
}

// remove deletes record i from the index and the LRU list and frees its slot.
func (c *Cache) remove(i int32) {
	delete(c.index, c.records[i].key)
	c.unlink(i)
	c.records[i] = record{}
	c.free = append(c.free, i)
}

// touch makes record i the most recently used. Without a capacity nothing is ever evicted, so
// recency is not kept: that saves two writes to unrelated records, each a likely miss in
// memory, on every lookup. The list is then in creation order, which is all sweeping needs.
func (c *Cache) touch(i int32) {
	if c.params.Capacity > 0 {
		c.moveToFront(i)
	}
}

// moveToFront puts record i at the head of the list.
func (c *Cache) moveToFront(i int32) {
	if c.head == i {
		return
	}
	c.unlink(i)
	c.pushFront(i)
}

func (c *Cache) pushFront(i int32) {
	r := &c.records[i]
	r.prev, r.next = none, c.head
	if c.head != none {
		c.records[c.head].prev = i
	}
	c.head = i
	if c.tail == none {
		c.tail = i
	}
}

func (c *Cache) unlink(i int32) {
	r := &c.records[i]
	if r.prev != none {
		c.records[r.prev].next = r.next
	} else if c.head == i {
		c.head = r.next
	}
	if r.next != none {
		c.records[r.next].prev = r.prev
	} else if c.tail == i {
		c.tail = r.prev
	}
	r.prev, r.next = none, none
}

// now is the clock's time as nanoseconds after the epoch, saturating far from it.
func (c *Cache) now() int64 { return int64(c.clock.Now().Sub(c.epoch)) }

// addSaturating adds without wrapping past the largest int64.
func addSaturating(a, b int64) int64 {
	if b > 0 && a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}

// appendRecordKey encodes the record key: the credentials flag (always 0 unless
// CredentialsInKey), then the partition key and the origin each preceded by its length, then
// the URL. Length prefixes keep any bytes in the fields unambiguous, and one string per record
// is one hash per lookup. The map is indexed with string(buf), which Go does without allocating.
func (c *Cache) appendRecordKey(buf []byte, k Key, credentials bool) []byte {
	var flag byte
	if credentials && c.params.CredentialsInKey {
		flag = 1
	}
	buf = append(buf, flag)
	buf = binary.AppendUvarint(buf, uint64(len(k.NetworkPartitionKey)))
	buf = append(buf, k.NetworkPartitionKey...)
	buf = binary.AppendUvarint(buf, uint64(len(k.Origin)))
	buf = append(buf, k.Origin...)
	return append(buf, k.URL...)
}

// decodeRecordKey undoes appendRecordKey. The cache only decodes keys it encoded, but a
// malformed key still yields a Key (with whatever fields could be read) rather than a panic.
func decodeRecordKey(s string) Key {
	var k Key
	if len(s) == 0 {
		return k
	}
	s = s[1:]
	for _, field := range []*string{&k.NetworkPartitionKey, &k.Origin} {
		n, w := binary.Uvarint([]byte(s[:min(len(s), binary.MaxVarintLen64)]))
		if w <= 0 || n > uint64(len(s)-w) {
			return k
		}
		*field = s[w : w+int(n)]
		s = s[w+int(n):]
	}
	k.URL = s
	return k
}

// hasName reports whether names has a non-empty element.
func hasName(names []string) bool {
	return slices.ContainsFunc(names, func(n string) bool { return n != "" })
}

// seen reports whether n already occurs in earlier: exactly for methods, in any case for
// header names.
func seen(earlier []string, n string, header bool) bool {
	for _, m := range earlier {
		if m == n || (header && fetchspec.ByteCaseInsensitiveMatch(m, n)) {
			return true
		}
	}
	return false
}

// intern returns a copy of name that does not keep the caller's memory (often a whole header
// value) alive, sharing one copy for the names preflights list most often.
func intern(name string) string {
	if s, ok := internTable[name]; ok {
		return s
	}
	return strings.Clone(name)
}

// internTable holds the shared copies intern hands out.
var internTable = func() map[string]string {
	m := make(map[string]string)
	for _, s := range []string{"*", "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS",
		"content-type", "authorization", "x-requested-with", "Content-Type", "Authorization"} {
		m[s] = s
	}
	return m
}()

// entryIndex finds entries by name in a long record, and remembers which names a Store call has
// already handled, so a preflight listing thousands of names costs linear time.
type entryIndex struct {
	entries map[indexKey]int
	done    map[indexKey]struct{}
}

// indexKey is an entry's identity: header names are matched case-insensitively, methods exactly.
type indexKey struct {
	name        string
	header      bool
	credentials bool
}

func keyOf(name string, header, credentials bool) indexKey {
	if header {
		name = strings.ToLower(name)
	}
	return indexKey{name, header, credentials}
}

func newEntryIndex(entries []entry) *entryIndex {
	x := &entryIndex{entries: make(map[indexKey]int, len(entries)), done: map[indexKey]struct{}{}}
	for i, e := range entries {
		k := keyOf(e.name, e.header, e.credentials)
		if _, dup := x.entries[k]; !dup {
			x.entries[k] = i
		}
	}
	return x
}

// seen reports whether this Store call already handled name, and marks it handled.
func (x *entryIndex) seen(name string, header bool) bool {
	k := keyOf(name, header, false)
	if _, ok := x.done[k]; ok {
		return true
	}
	x.done[k] = struct{}{}
	return false
}

func (x *entryIndex) own(name string, header, credentials bool) (int, bool) {
	i, ok := x.entries[keyOf(name, header, credentials)]
	return i, ok
}

func (x *entryIndex) add(name string, header, credentials bool, i int) {
	x.entries[keyOf(name, header, credentials)] = i
}

// matchHeaders is matchHeader for many names at once: the record's header entries that serve
// the request are indexed once.
func (c *Cache) matchHeaders(r *record, credentialsInclude bool, names []string) (unmatched []string) {
	wildcardOK := !c.params.LiteralWildcard && (!credentialsInclude || c.params.WildcardMatchesCredentialed)
	set := make(map[string]struct{}, len(r.entries))
	wildcard := false
	for i := range r.entries {
		e := &r.entries[i]
		if !e.header || !serves(e, credentialsInclude) {
			continue
		}
		if e.name == "*" && wildcardOK {
			wildcard = true
		}
		set[strings.ToLower(e.name)] = struct{}{}
	}
	for _, n := range names {
		if _, ok := set[strings.ToLower(n)]; ok {
			continue
		}
		if wildcard && (c.params.WildcardCoversAuthorization || !fetchspec.IsCORSNonWildcardRequestHeaderName(n)) {
			continue
		}
		unmatched = append(unmatched, n)
	}
	return unmatched
}
