package engine

import (
	"sync/atomic"
	"time"

	"github.com/corsim/corsim/cache"
)

// Epoch is where a Browser's virtual clock starts unless WithStartTime says otherwise. A fixed
// start makes every run, and every trace, the same.
var Epoch = time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)

// Browser is one browser session: a profile, a preflight cache and a virtual clock. Fetches on
// the same Browser share the cache, as tabs of one browser profile do; a fresh Browser is a
// fresh profile. A Browser is safe for concurrent use.
type Browser struct {
	profile Profile
	clock   *virtualClock
	cache   *cache.Cache
	memo    *memo
	tracing bool
}

// Option configures a Browser.
type Option func(*Browser)

// WithStartTime starts the virtual clock at t instead of Epoch.
func WithStartTime(t time.Time) Option {
	return func(b *Browser) { b.clock.set(t) }
}

// WithoutTrace skips building the trace and its texts, for bulk users who need only the
// verdict; everything else in the Result is unchanged.
func WithoutTrace() Option {
	return func(b *Browser) { b.tracing = false }
}

// NewBrowser starts a session of the given profile with an empty preflight cache.
func NewBrowser(p Profile, opts ...Option) *Browser {
	b := &Browser{profile: p, clock: &virtualClock{}, memo: newMemo(), tracing: true}
	b.clock.set(Epoch)
	for _, o := range opts {
		o(b)
	}
	b.cache = cache.New(p.Cache, b.clock)
	return b
}

// Profile returns the profile the session models.
func (b *Browser) Profile() Profile { return b.profile }

// Now returns the session's virtual time.
func (b *Browser) Now() time.Time { return b.clock.Now() }

// Advance moves the session's virtual time forward by d (a negative d is ignored: time does not
// run backwards), so cached preflights expire without anyone sleeping.
func (b *Browser) Advance(d time.Duration) {
	if d > 0 {
		b.clock.nanos.Add(int64(d))
	}
}

// PreflightCache returns the live entries of the session's preflight cache.
func (b *Browser) PreflightCache() []cache.Entry { return b.cache.Entries() }

// virtualClock is a clock that only moves when told to; atomic so parallel fetches can read it.
type virtualClock struct{ nanos atomic.Int64 }

func (c *virtualClock) set(t time.Time) { c.nanos.Store(t.UnixNano()) }
func (c *virtualClock) Now() time.Time  { return time.Unix(0, c.nanos.Load()).UTC() }
