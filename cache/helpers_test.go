package cache

import (
	"sync"
	"time"
)

// fakeClock is a Clock that moves only when a test says so; it is safe for concurrent use.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

var t0 = time.Date(2026, time.March, 1, 12, 0, 0, 0, time.UTC)

func newFakeClock() *fakeClock { return &fakeClock{t: t0} }

func (f *fakeClock) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.t
}

func (f *fakeClock) Advance(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.t = f.t.Add(d)
}

var (
	keyA = Key{NetworkPartitionKey: "https://site.example", Origin: "https://app.example", URL: "https://api.example/a"}
	keyB = Key{NetworkPartitionKey: "https://site.example", Origin: "https://app.example", URL: "https://api.example/b"}
)

// paramsWith is SpecParams changed by f.
func paramsWith(f func(*Params)) Params {
	p := SpecParams()
	if f != nil {
		f(&p)
	}
	return p
}
