package engine

import (
	"context"
	"errors"

	"github.com/corsim/corsim/fetchspec"
	"github.com/corsim/corsim/origin"
	"github.com/corsim/corsim/weburl"
)

// Fetch runs fetch() for req against srv and reports everything the browser did and decided.
// It never panics and never returns a Go error: a request the browser refuses is an Outcome of
// TypeError, a failure on the network or in the CORS protocol is NetworkError.
// https://fetch.spec.whatwg.org/#concept-fetch
func (b *Browser) Fetch(ctx context.Context, req Request, srv Server) Result {
	// One allocation holds what a typical fetch needs: the result, two exchanges, two cache
	// events and room for the header lists; slices outgrow it only for unusual fetches.
	mem := new(fetchMemory)
	res := &mem.result
	r := run{b: b, srv: srv, ctx: ctx, res: res, tracing: b.tracing, mem: mem}
	if r.tracing {
		res.Trace = make(Trace, 0, 16)
	}
	res.Exchanges = mem.exchanges[:0]
	res.Cache = mem.cacheEvents[:0]
	r.urlList = mem.urls[:0]
	r.header = r.headerList(len(req.Headers) + 2)
	if r.srv == nil {
		r.srv = noServer{}
	}
	if r.ctx == nil {
		r.ctx = context.Background()
	}
	// The Request constructor and fetch()'s own checks: a TypeError ends the fetch before
	// anything is sent.
	if !r.newRequest(req) {
		res.Outcome = TypeError
		res.Blocked = Blocked{}
		res.Response = Response{Type: TypeNetworkError}
		return *res
	}
	// Step 12: a request without Accept gets Accept: */*. Step 14: the browser may add
	// Accept-Language. Both are in the header list the CORS-unsafe names are computed from.
	if !r.header.Contains("Accept") {
		r.header.Append("Accept", "*/*")
	}
	if al := b.profile.AcceptLanguage; al != "" && !r.header.Contains("Accept-Language") {
		r.header.Append("Accept-Language", al)
	}
	r.hop()
	// Step 17: main fetch; the response it returns is filtered for the script.
	r.finish(r.mainFetch())
	return *res
}

// run is the state of one fetch: the request as it evolves through redirects, and the result
// being written.
type run struct {
	b       *Browser
	srv     Server
	ctx     context.Context
	res     *Result
	tracing bool

	// The request's origin (the page's) and what derives from it; a redirect never changes
	// these, only how the origin is serialized on the wire.
	origin              origin.Origin
	originSite          origin.Site
	originSerialization string      // the ASCII serialization of origin ("null" when opaque)
	partitionKey        string      // the top-level site: the preflight cache's network partition key
	page                *weburl.URL // the page's URL, or its origin's root; nil for an opaque origin
	untrusted           bool        // the page's origin is marked untrusted

	urlList          []*hopURL
	method           string
	header           fetchspec.HeaderList
	mode             Mode
	credentials      Credentials
	redirect         Redirect
	cacheMode        CacheMode
	useCORSPreflight bool
	body             Body
	tainting         tainting
	redirectCount    int
	preflightBranch  bool              // an earlier hop took main fetch's preflight branch
	firstSpelling    map[string]string // lowercase name -> first spelling, for long header lists

	// unsafeNames and serializedRequestOrigin are, for the current hop, the CORS-unsafe
	// request-header names of the header list and the byte-serialized request origin ("null"
	// once redirects tainted it); hop recomputes them whenever a redirect changes the URL list
	// or the header list.
	unsafeNames             []string
	serializedRequestOrigin string

	// preflight is the preflight request while CORS-preflight fetch runs, so failures are
	// reported with the origin the preflight carried.
	preflight *preflightRequest

	mem *fetchMemory
}

// hop recomputes what depends on the URL list and the header list, once per hop instead of at
// every use.
func (r *run) hop() {
	r.unsafeNames = r.b.profile.corsUnsafeRequestHeaderNames(r.header)
	r.serializedRequestOrigin = r.byteSerializeRequestOrigin()
}

// failingOrigin is the serialized origin of the request being processed: the preflight's while
// CORS-preflight fetch runs, otherwise the request's.
func (r *run) failingOrigin() string {
	if r.preflight != nil {
		return r.preflight.origin
	}
	return r.serializedRequestOrigin
}

// currentURL is the last URL of the URL list.
// https://fetch.spec.whatwg.org/#concept-request-current-url
func (r *run) currentURL() *weburl.URL { return r.cur().url }

// cur is the current URL with its derived values.
func (r *run) cur() *hopURL { return r.urlList[len(r.urlList)-1] }

// tainting is a request's response tainting
// (https://fetch.spec.whatwg.org/#concept-request-response-tainting).
type tainting uint8

const (
	taintBasic tainting = iota
	taintCORS
	taintOpaque
)

// response is an internal response, or a network error.
type response struct {
	networkError   bool
	opaqueRedirect bool
	status         int
	header         fetchspec.HeaderList
	exchange       int // index in Result.Exchanges, -1 when no exchange produced it
}

var networkError = response{networkError: true, exchange: -1}

// noServer answers nothing: a fetch without a server is a fetch to an unreachable host.
type noServer struct{}

func (noServer) Serve(context.Context, ServerRequest) (ServerResponse, error) {
	return ServerResponse{}, errNoServer
}

var errNoServer = errors.New("no server was given to the simulation")

// fetchMemory is the memory of one typical fetch, allocated at once.
type fetchMemory struct {
	result      Result
	exchanges   [2]Exchange
	cacheEvents [2]CacheEvent
	warnings    [2]Warning
	headers     [16]fetchspec.Header
	used        int // headers handed out by headerList
	urls        [1]*hopURL
	names       [4]string // the readable header names of a typical response
}

// headerList returns an empty header list with room for n entries, from the fetch's memory
// while it lasts. Lists handed out never overlap, so appending within n never clobbers another.
func (r *run) headerList(n int) fetchspec.HeaderList {
	m := r.mem
	if m.used+n <= len(m.headers) {
		l := m.headers[m.used : m.used : m.used+n]
		m.used += n
		return l
	}
	return make(fetchspec.HeaderList, 0, n)
}
