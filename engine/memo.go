package engine

import (
	"sync"

	"github.com/corsim/corsim/origin"
	"github.com/corsim/corsim/weburl"
)

// memoLimit bounds each memo table: past it, new strings are parsed every time instead of
// remembered, so a session fed endless distinct URLs keeps a bounded heap.
const memoLimit = 4096

// memo remembers what a session derives from strings it has seen before — page origins and
// URLs — because test suites and scanners repeat them, and parsing dominates a fetch's cost.
// Everything stored is immutable once built. Opaque origins are never stored: each "null"
// page origin, and each data: or blob: URL's origin, must stay unique.
type memo struct {
	mu      sync.RWMutex
	origins map[string]*pageInfo
	urls    map[urlKey]*hopURL
}

// pageInfo is a page's origin with what the fetch needs of it.
type pageInfo struct {
	origin        origin.Origin
	serialization string // the origin's ASCII serialization ("null" when opaque)
	site          origin.Site
	// partitionKey is the serialized site: the network partition key when this origin is the
	// top-level one (https://fetch.spec.whatwg.org/#network-partition-keys).
	partitionKey string
	base         *weburl.URL // the URL relative fetch() URLs resolve against; nil for opaque origins
}

// hopURL is one URL of a request's URL list with its derived values.
type hopURL struct {
	url         *weburl.URL
	noFrag      string // the URL serialized without its fragment: the request target and cache key
	origin      origin.Origin
	site        origin.Site
	trustworthy bool // potentially trustworthy, for Fetch metadata
}

type urlKey struct{ input, base string }

func newMemo() *memo {
	return &memo{origins: make(map[string]*pageInfo), urls: make(map[urlKey]*hopURL)}
}

// pageOrigin parses s as a page origin ("null" or a URL whose origin is taken).
func (m *memo) pageOrigin(s string) (*pageInfo, error) {
	if s == "null" {
		o := origin.NewOpaque()
		site := origin.ObtainSite(o)
		return &pageInfo{origin: o, serialization: o.Serialize(), site: site, partitionKey: site.Serialize()}, nil
	}
	m.mu.RLock()
	p, ok := m.origins[s]
	m.mu.RUnlock()
	if ok {
		return p, nil
	}
	o, err := origin.Parse(s)
	if err != nil {
		return nil, err
	}
	site := origin.ObtainSite(o)
	p = &pageInfo{origin: o, serialization: o.Serialize(), site: site, partitionKey: site.Serialize()}
	if !o.IsOpaque() {
		p.base, _ = weburl.Parse(p.serialization + "/")
		m.store(func() {
			if len(m.origins) < memoLimit {
				m.origins[s] = p
			}
		})
	}
	return p, nil
}

// url parses input against base (which may be nil) into a hopURL.
func (m *memo) url(input string, base *weburl.URL, baseKey string) (*hopURL, error) {
	k := urlKey{input, baseKey}
	m.mu.RLock()
	h, ok := m.urls[k]
	m.mu.RUnlock()
	if ok {
		return h, nil
	}
	u, err := weburl.ParseRef(input, base)
	if err != nil {
		return nil, err
	}
	h = newHopURL(u)
	if !h.origin.IsOpaque() {
		m.store(func() {
			if len(m.urls) < memoLimit {
				m.urls[k] = h
			}
		})
	}
	return h, nil
}

func (m *memo) store(f func()) {
	m.mu.Lock()
	f()
	m.mu.Unlock()
}

func newHopURL(u *weburl.URL) *hopURL {
	o := origin.FromURL(u)
	return &hopURL{url: u, noFrag: u.StringWithoutFragment(), origin: o, site: origin.ObtainSite(o), trustworthy: origin.IsPotentiallyTrustworthyURL(u)}
}
