package cache

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"
)

// benchKey is the key of the i-th record in the benchmarks: one partition and origin, many URLs,
// as a site calling one API would produce.
func benchKey(i int) Key {
	return Key{
		NetworkPartitionKey: "https://site.example",
		Origin:              "https://app.example",
		URL:                 "https://api.example/v1/items/" + strconv.Itoa(i),
	}
}

var (
	benchMethods = []string{"PUT", "DELETE"}
	benchHeaders = []string{"content-type", "x-requested-with"}
)

// benchFixture is a filled cache and keys to ask it about in a random order, so that a lookup
// at a million records pays for the memory it touches rather than hitting one hot record.
type benchFixture struct {
	c      *Cache
	hits   []Key
	misses []Key
}

var (
	fixtureOnce sync.Map // [records, bounded] -> *sync.Once
	fixtures    sync.Map // [records, bounded] -> *benchFixture
)

// fixture returns a cache with records records; capacity records too when bounded, so that every
// lookup also maintains the LRU list.
func fixture(records int, bounded bool) *benchFixture {
	id := [2]int{records, 0}
	p := SpecParams()
	if bounded {
		id[1], p.Capacity = 1, records
	}
	once, _ := fixtureOnce.LoadOrStore(id, new(sync.Once))
	once.(*sync.Once).Do(func() {
		c := New(p, frozenClock{t0})
		for i := range records {
			c.Store(benchKey(i), false, benchMethods, benchHeaders, time.Hour)
		}
		const probes = 1 << 16
		f := &benchFixture{c: c, hits: make([]Key, probes), misses: make([]Key, probes)}
		r := rand.New(rand.NewPCG(1, 2))
		for i := range probes {
			f.hits[i] = benchKey(r.IntN(records))
			f.misses[i] = benchKey(records + r.IntN(records))
		}
		fixtures.Store(id, f)
	})
	f, _ := fixtures.Load(id)
	return f.(*benchFixture)
}

var sink bool

// frozenClock is a clock that never moves and takes no lock, so benchmarks time the cache and
// not the test clock.
type frozenClock struct{ t time.Time }

func (f frozenClock) Now() time.Time { return f.t }

func BenchmarkMatchMethod(b *testing.B) {
	for _, n := range []int{1_000, 1_000_000} {
		for _, kind := range []string{"hit", "miss", "hit-lru"} {
			f := fixture(n, kind == "hit-lru")
			keys := f.hits
			if kind == "miss" {
				keys = f.misses
			}
			b.Run(fmt.Sprintf("records=%d/%s", n, kind), func(b *testing.B) {
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					sink = f.c.MatchMethod(keys[i&(len(keys)-1)], false, "DELETE")
					i++
				}
			})
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	names := []string{"content-type", "x-requested-with"}
	for _, n := range []int{1_000, 1_000_000} {
		for _, kind := range []string{"hit", "miss", "hit-lru"} {
			f := fixture(n, kind == "hit-lru")
			keys := f.hits
			if kind == "miss" {
				keys = f.misses
			}
			b.Run(fmt.Sprintf("records=%d/%s", n, kind), func(b *testing.B) {
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					m, u := f.c.Lookup(keys[i&(len(keys)-1)], false, "PUT", names)
					sink = m && u == nil
					i++
				}
			})
		}
	}
	// The same record over and over: the cost without cache misses in memory.
	b.Run("records=1000000/hit-same-key", func(b *testing.B) {
		f := fixture(1_000_000, false)
		k := f.hits[0]
		b.ReportAllocs()
		for b.Loop() {
			m, u := f.c.Lookup(k, false, "PUT", names)
			sink = m && u == nil
		}
	})
}

func BenchmarkStore(b *testing.B) {
	b.Run("refresh", func(b *testing.B) {
		c := New(SpecParams(), newFakeClock())
		k := benchKey(1)
		c.Store(k, false, benchMethods, benchHeaders, time.Hour)
		b.ReportAllocs()
		for b.Loop() {
			c.Store(k, false, benchMethods, benchHeaders, time.Hour)
		}
	})
	b.Run("whole-result", func(b *testing.B) {
		c := New(Params{Granularity: WholeResult}, newFakeClock())
		k := benchKey(1)
		b.ReportAllocs()
		for b.Loop() {
			c.Store(k, false, benchMethods, benchHeaders, time.Hour)
		}
	})
	b.Run("create-and-evict", func(b *testing.B) {
		const capacity = 1_000
		c := New(Params{Capacity: capacity}, newFakeClock())
		keys := make([]Key, 4*capacity)
		for i := range keys {
			keys[i] = benchKey(i)
		}
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			c.Store(keys[i%len(keys)], false, benchMethods, benchHeaders, time.Hour)
			i++
		}
	})
}

// BenchmarkMemoryPerRecord fills a cache with a million records of four entries each (two
// methods, two header names, a typical preflight) and reports the heap they take. key-B/record
// is the length of the cache's own copy of the key strings; overhead-B/entry is everything else
// divided by the number of entries, the figure the design keeps small.
func BenchmarkMemoryPerRecord(b *testing.B) {
	const records = 1_000_000
	keys := make([]Key, records)
	for i := range keys {
		keys[i] = benchKey(i)
	}
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		c := New(SpecParams(), newFakeClock())
		for _, k := range keys {
			c.Store(k, false, benchMethods, benchHeaders, time.Hour)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		keyBytes := 0
		for i := range c.records {
			keyBytes += len(c.records[i].key)
		}
		entries := records * (len(benchMethods) + len(benchHeaders))
		total := float64(after.HeapAlloc) - float64(before.HeapAlloc)
		b.ReportMetric(total/records, "B/record")
		b.ReportMetric(float64(keyBytes)/records, "key-B/record")
		b.ReportMetric((total-float64(keyBytes))/float64(entries), "overhead-B/entry")
		runtime.KeepAlive(c)
	}
}
