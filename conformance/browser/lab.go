package browser

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/corsim/corsim/engine"
	"github.com/corsim/corsim/fetchspec"
)

// Lab is the loopback world a browser runs the corpus in: the runner page's server, two
// scenario servers (one also reachable as localhost), and a port nobody listens on. Each
// server records every request it receives, and answers scenario requests from the corpus with
// bytes the harness writes itself, so the engine is given exactly the header list the browser
// received.
type Lab struct {
	corpus  []Case
	origins map[string]string // lab origin name -> serialized origin
	byHost  map[string]string // Host header value -> lab origin name

	listeners []net.Listener
	wg        sync.WaitGroup
	connMu    sync.Mutex
	conns     map[net.Conn]struct{}

	mu      sync.Mutex
	current string            // the call the page announced last
	started time.Time         // when the first call was announced
	calls   map[string]*trace // by call ID
	order   []string
	done    chan struct{}
	doneOne sync.Once
	page    []byte
}

// trace is what the lab saw of one call: when it started, the scenario requests it caused, and
// what the page reported.
type trace struct {
	at       time.Duration // since the first call's announcement
	wall     time.Time     // when the call was announced
	requests []SeenRequest
	result   *pageResult
}

// SeenRequest is one request a scenario server received.
type SeenRequest struct {
	// Method as received.
	Method string
	// Target is the lab origin and path, "api /x", independent of the ports.
	Target string
	// Origin, ACRM and ACRH are the Origin, Access-Control-Request-Method and
	// Access-Control-Request-Headers values, "(none)" when absent.
	Origin, ACRM, ACRH string
	// Header is every header the request carried (see recordHeaders), and Body its body as
	// recordBody keeps it. Diff does not compare them: the engine's exchanges do not model
	// every header a browser adds; the initiator record reads them.
	Header map[string]string `json:",omitempty"`
	Body   string            `json:",omitempty"`
}

// absent stands for a header the request did not carry.
const absent = "(none)"

// pageResult is what the page posts back after one call.
type pageResult struct {
	ID         string   `json:"id"`
	OK         bool     `json:"ok"`
	Status     int      `json:"status"`
	Type       string   `json:"type"`
	Redirected bool     `json:"redirected"`
	URL        string   `json:"url"`
	Headers    []string `json:"headers"`
	Error      string   `json:"error"`
	// API is what an initiator other than fetch() exposed (initiator.go).
	API *APIResult `json:"api,omitempty"`
}

// StartLab listens on loopback ports and serves the corpus. Close stops it.
func StartLab(corpus []Case) (*Lab, error) {
	if err := Validate(corpus); err != nil {
		return nil, err
	}
	l := &Lab{corpus: corpus, origins: map[string]string{}, byHost: map[string]string{}, calls: map[string]*trace{},
		done: make(chan struct{}), conns: map[net.Conn]struct{}{}}
	listen := func(name, host string, port int) (int, error) {
		ln, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(port)))
		if err != nil {
			return 0, err
		}
		l.listeners = append(l.listeners, ln)
		return ln.Addr().(*net.TCPAddr).Port, nil
	}
	fail := func(err error) (*Lab, error) {
		l.Close()
		return nil, fmt.Errorf("starting the lab: %w", err)
	}
	for _, name := range []string{Page, API, API2} {
		p, err := listen(name, "127.0.0.1", 0)
		if err != nil {
			return fail(err)
		}
		hostport := "127.0.0.1:" + strconv.Itoa(p)
		l.origins[name] = "http://" + hostport
		l.byHost[hostport] = name
		if name == API {
			// localhost may resolve to ::1 first; answer there too when the machine has IPv6.
			if _, err := listen(Host, "::1", p); err != nil && !isNoIPv6(err) {
				return fail(err)
			}
			l.origins[Host] = "http://localhost:" + strconv.Itoa(p)
			l.byHost["localhost:"+strconv.Itoa(p)] = Host
		}
	}
	// A port that was free a moment ago stands for a server that is down.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fail(err)
	}
	l.origins[Down] = "http://" + ln.Addr().String()
	ln.Close()
	page, err := runnerPage(l)
	if err != nil {
		return fail(err)
	}
	l.page = page
	// Serve only once the lab is complete: the handlers read what was set up above.
	for _, ln := range l.listeners {
		l.wg.Add(1)
		go l.serve(ln)
	}
	return l, nil
}

func isNoIPv6(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && (strings.Contains(err.Error(), "cannot assign") || strings.Contains(err.Error(), "address family"))
}

// PageURL is the URL the browser opens.
func (l *Lab) PageURL() string { return l.origins[Page] + "/" }

// Done is closed when the page has reported every call.
func (l *Lab) Done() <-chan struct{} { return l.done }

// Close stops every server of the lab, closes the connections still open, and waits.
func (l *Lab) Close() {
	for _, ln := range l.listeners {
		ln.Close()
	}
	l.connMu.Lock()
	for c := range l.conns {
		c.Close()
	}
	l.connMu.Unlock()
	l.wg.Wait()
}

// Expand replaces the placeholders of a corpus text for one case.
func (l *Lab) Expand(c Case, s string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	r := strings.NewReplacer("{page}", l.origins[Page], "{api}", l.origins[API], "{api2}", l.origins[API2],
		"{host}", l.origins[Host], "{down}", l.origins[Down], "{case}", "/c/"+c.Name)
	return r.Replace(s)
}

// Contract replaces the lab's origins in a URL by placeholders, so results from different runs
// (different ports) compare equal.
func (l *Lab) Contract(s string) string {
	for _, name := range []string{Page, API, API2, Host, Down} {
		s = strings.ReplaceAll(s, l.origins[name], "{"+name+"}")
	}
	return s
}

// locate finds the case and lab origin of an absolute URL, and the path under the case.
func (l *Lab) locate(host, path string) (origin string, c Case, rest string, ok bool) {
	origin, ok = l.byHost[host]
	if !ok {
		return "", Case{}, "", false
	}
	name, rest, found := strings.Cut(strings.TrimPrefix(path, "/c/"), "/")
	if !strings.HasPrefix(path, "/c/") || !found {
		return origin, Case{}, "", false
	}
	for _, cc := range l.corpus {
		if cc.Name == name {
			return origin, cc, "/" + rest, true
		}
	}
	return origin, Case{}, "", false
}

// callByID finds a call of the corpus by its ID.
func (l *Lab) callByID(id string) (Case, Call, bool) {
	for _, c := range l.corpus {
		for i, call := range c.Calls {
			if CallID(c, i) == id {
				return c, call, true
			}
		}
	}
	return Case{}, Call{}, false
}

// Respond is the lab's answer to a scenario request, header list included: the route's
// headers with placeholders expanded, then the framing headers the lab adds: Cache-Control:
// no-store unless the route sets Cache-Control itself (so no HTTP cache answers for the
// server; not on preflights, which no HTTP cache stores, because it changes what Firefox's
// preflight cache keeps), and Content-Length unless the status has no body. The engine's view of the server calls it too.
func (l *Lab) Respond(c Case, call Call, originName, method, path string) (int, fetchspec.HeaderList, []byte) {
	r := answer(c, call, originName, method, path)
	h := headerList(r.Header, func(s string) string { return l.Expand(c, s) })
	if method != "OPTIONS" && !h.Contains("Cache-Control") {
		h = append(h, fetchspec.Header{Name: "Cache-Control", Value: "no-store"})
	}
	var body []byte
	if r.Status != 204 && r.Status != 304 {
		body = []byte("ok")
		if r.Body != "" {
			body = []byte(l.Expand(c, r.Body))
		}
		h = append(h, fetchspec.Header{Name: "Content-Length", Value: strconv.Itoa(len(body))})
	}
	if method == "HEAD" {
		body = nil
	}
	return r.Status, h, body
}

func (l *Lab) serve(ln net.Listener) {
	defer l.wg.Done()
	var conns sync.WaitGroup
	defer conns.Wait()
	for {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		conns.Add(1)
		go func() {
			defer conns.Done()
			l.serveConn(conn)
		}()
	}
}

// serveConn answers the requests of one keep-alive connection.
func (l *Lab) serveConn(conn net.Conn) {
	l.connMu.Lock()
	l.conns[conn] = struct{}{}
	l.connMu.Unlock()
	defer func() {
		l.connMu.Lock()
		delete(l.conns, conn)
		l.connMu.Unlock()
		conn.Close()
	}()
	br := bufio.NewReader(conn)
	for {
		conn.SetReadDeadline(time.Now().Add(30 * time.Second))
		req, err := http.ReadRequest(br)
		if err != nil {
			return
		}
		body, _ := io.ReadAll(io.LimitReader(req.Body, 1<<20))
		req.Body.Close()
		status, h, out := l.handle(req, body)
		var buf bytes.Buffer
		fmt.Fprintf(&buf, "HTTP/1.1 %d %s\r\n", status, statusText(status))
		for _, kv := range h {
			fmt.Fprintf(&buf, "%s: %s\r\n", kv.Name, kv.Value)
		}
		buf.WriteString("\r\n")
		buf.Write(out)
		if _, err := conn.Write(buf.Bytes()); err != nil || req.Close {
			return
		}
	}
}

func statusText(code int) string {
	if t := http.StatusText(code); t != "" {
		return t
	}
	return "Status"
}

// handle answers one request: the runner protocol on the page origin, scenario requests
// everywhere.
func (l *Lab) handle(req *http.Request, body []byte) (int, fetchspec.HeaderList, []byte) {
	origin, c, rest, isCase := l.locate(req.Host, req.URL.Path)
	if isCase {
		return l.scenario(req, body, origin, c, rest)
	}
	if req.URL.Path == "/warmup" && origin != Page {
		h := fetchspec.HeaderList{{Name: "Access-Control-Allow-Origin", Value: l.origins[Page]}}
		if req.Method == "OPTIONS" {
			h = append(h, fetchspec.Header{Name: "Access-Control-Allow-Methods", Value: "PUT"}, fetchspec.Header{Name: "Access-Control-Max-Age", Value: "600"})
			return 204, h, nil
		}
		return 200, append(h, fetchspec.Header{Name: "Content-Length", Value: "0"}), nil
	}
	plain := func(status int, ctype string, b []byte) (int, fetchspec.HeaderList, []byte) {
		h := fetchspec.HeaderList{{Name: "Cache-Control", Value: "no-store"}, {Name: "Content-Length", Value: strconv.Itoa(len(b))}}
		if ctype != "" {
			h = append(h, fetchspec.Header{Name: "Content-Type", Value: ctype})
		}
		return status, h, b
	}
	if origin != Page {
		return plain(404, "", nil)
	}
	switch req.URL.Path {
	case "/":
		return plain(200, "text/html; charset=utf-8", l.page)
	case "/mark":
		l.mark(req.URL.Query().Get("id"))
		return plain(200, "text/plain", []byte("ok"))
	case "/result":
		var r pageResult
		if err := json.Unmarshal(body, &r); err != nil {
			return plain(400, "text/plain", []byte(err.Error()))
		}
		l.mu.Lock()
		if t, ok := l.calls[r.ID]; ok {
			t.result = &r
		}
		l.mu.Unlock()
		return plain(200, "text/plain", []byte("ok"))
	case "/seen":
		// How many scenario requests the lab filed under a call: the page waits on it for
		// requests it cannot observe (sendBeacon).
		l.mu.Lock()
		n := 0
		if t, ok := l.calls[req.URL.Query().Get("id")]; ok {
			n = len(t.requests)
		}
		l.mu.Unlock()
		return plain(200, "text/plain", []byte(strconv.Itoa(n)))
	case "/done":
		l.doneOne.Do(func() { close(l.done) })
		return plain(200, "text/plain", []byte("ok"))
	}
	return plain(404, "", nil)
}

// mark starts the record of a call.
func (l *Lab) mark(id string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	if l.started.IsZero() {
		l.started = now
	}
	if _, ok := l.calls[id]; !ok {
		l.order = append(l.order, id)
	}
	l.calls[id] = &trace{at: now.Sub(l.started), wall: now}
	l.current = id
}

// scenario records a scenario request against the current call and answers it.
func (l *Lab) scenario(req *http.Request, body []byte, origin string, c Case, rest string) (int, fetchspec.HeaderList, []byte) {
	get := func(name string) string {
		vs, ok := req.Header[http.CanonicalHeaderKey(name)]
		if !ok {
			return absent
		}
		return strings.Join(vs, ", ")
	}
	seen := SeenRequest{Method: req.Method, Target: origin + " " + rest, Origin: get("Origin"),
		ACRM: get("Access-Control-Request-Method"), ACRH: get("Access-Control-Request-Headers"),
		Header: l.recordHeaders(req), Body: recordBody(req, body)}
	l.mu.Lock()
	id := l.current
	t := l.calls[id]
	if t != nil {
		t.requests = append(t.requests, seen)
	}
	l.mu.Unlock()
	call := Call{}
	if cc, cl, ok := l.callByID(id); ok && cc.Name == c.Name {
		call = cl
	}
	return l.Respond(c, call, origin, req.Method, rest)
}

// Server is the engine's view of the lab for one call: the same answers, computed by the same
// function, without sockets.
func (l *Lab) Server(c Case, call Call) engine.Server { return labServer{l, c, call} }

type labServer struct {
	lab  *Lab
	c    Case
	call Call
}

func (s labServer) Serve(_ context.Context, req engine.ServerRequest) (engine.ServerResponse, error) {
	u, err := url.Parse(req.URL)
	if err != nil {
		return engine.ServerResponse{}, err
	}
	origin, c, rest, ok := s.lab.locate(u.Host, u.EscapedPath())
	if !ok {
		if _, known := s.lab.byHost[u.Host]; !known {
			return engine.ServerResponse{}, fmt.Errorf("connection refused: nobody listens at %s", u.Host)
		}
		return engine.ServerResponse{Status: 404, Header: fetchspec.HeaderList{{Name: "Cache-Control", Value: "no-store"}, {Name: "Content-Length", Value: "0"}}}, nil
	}
	call := s.call
	if c.Name != s.c.Name {
		call = Call{}
	}
	status, h, _ := s.lab.Respond(c, call, origin, req.Method, rest)
	return engine.ServerResponse{Status: status, Header: h}, nil
}
