package server

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/corsim/corsim/engine"
	"github.com/corsim/corsim/fetchspec"
)

// RemoteAddr is the client address an in-process handler sees: TEST-NET-1 (RFC 5737), which
// no real client has.
const RemoteAddr = "192.0.2.1:49152"

// requestBody is what a handler reads when the browser sends a body: the engine models that a
// body is sent, not its bytes.
const requestBody = "corsim"

// Handler returns a Server that calls h in process for every request the engine sends: no
// sockets, no goroutines. The handler sees the request as it would arrive from a browser: the
// method, the absolute URL and Host, the engine's header list (names canonicalised as net/http
// does, repeated names as several values in order), a small body when the request has one, and
// the fetch's context. A panic in the handler is an error, which the engine reports as
// server-unreachable.
func Handler(h http.Handler) engine.Server { return handlerServer{h} }

type handlerServer struct{ h http.Handler }

func (s handlerServer) Serve(ctx context.Context, req engine.ServerRequest) (resp engine.ServerResponse, err error) {
	r, err := newRequest(ctx, req)
	if err != nil {
		return engine.ServerResponse{}, err
	}
	w := &recorder{header: http.Header{}}
	defer func() {
		if p := recover(); p != nil {
			resp, err = engine.ServerResponse{}, fmt.Errorf("the handler panicked on %s %s: %v", req.Method, req.URL, p)
		}
	}()
	s.h.ServeHTTP(w, r)
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	w.finish(req.Method)
	if err := checkHeader(w.sent); err != nil {
		return engine.ServerResponse{}, fmt.Errorf("the handler's answer to %s %s: %w", req.Method, req.URL, err)
	}
	return engine.ServerResponse{Status: w.status, Header: w.sent}, nil
}

// newRequest builds the *http.Request a server receives for one engine request.
func newRequest(ctx context.Context, req engine.ServerRequest) (*http.Request, error) {
	u, err := url.Parse(req.URL)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("request URL %q is not an absolute URL", req.URL)
	}
	r := &http.Request{
		Method:     req.Method,
		URL:        u,
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header:     http.Header{},
		Host:       u.Host,
		RemoteAddr: RemoteAddr,
		RequestURI: u.RequestURI(),
		Body:       http.NoBody,
	}
	for _, h := range req.Header {
		r.Header.Add(h.Name, h.Value)
	}
	if req.Body {
		r.Body = io.NopCloser(strings.NewReader(requestBody))
		r.ContentLength = int64(len(requestBody))
	}
	return r.WithContext(ctx), nil
}

// recorder is the ResponseWriter a handler writes to: it keeps the status and the header list
// as they were when the handler committed them, and adds what net/http's server adds to them:
// Content-Length for a small body written before the handler returned, and a sniffed
// Content-Type when the handler set none. (net/http also adds Date; it takes no part in CORS
// and would make answers differ from run to run, so it is left out.)
type recorder struct {
	header  http.Header
	headers http.Header // the header map when WriteHeader was called
	sent    fetchspec.HeaderList
	status  int
	wrote   bool
	flushed bool
	body    int64
	sniff   []byte // the first bytes of the body, for Content-Type sniffing
}

// bufferBeforeChunking is how much body net/http buffers before it must commit to chunked
// encoding; a handler that writes less gets a Content-Length.
const bufferBeforeChunking = 2048

// finish computes the header list the server would send.
func (w *recorder) finish(method string) {
	h := w.headers
	bodyAllowed := w.status >= 200 && w.status != 204 && w.status != 304
	if bodyAllowed && w.body > 0 {
		if _, ok := h["Content-Type"]; !ok && h.Get("Transfer-Encoding") == "" {
			h.Set("Content-Type", http.DetectContentType(w.sniff))
		}
	}
	if bodyAllowed && !w.flushed && h.Get("Content-Length") == "" && h.Get("Transfer-Encoding") == "" &&
		w.body <= bufferBeforeChunking && (method != http.MethodHead || w.body > 0) {
		h.Set("Content-Length", strconv.FormatInt(w.body, 10))
	}
	w.sent = sortedHeaderList(h)
}

func (w *recorder) Header() http.Header { return w.header }

func (w *recorder) WriteHeader(status int) {
	if w.wrote {
		return
	}
	w.wrote, w.status = true, status
	w.headers = w.header.Clone()
}

func (w *recorder) Write(b []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	if n := 512 - len(w.sniff); n > 0 {
		w.sniff = append(w.sniff, b[:min(n, len(b))]...)
	}
	w.body += int64(len(b))
	return len(b), nil
}

// Flush lets handlers that stream call http.Flusher; there is nothing to flush.
func (w *recorder) Flush() {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	w.flushed = true
}

// Hijack refuses: the engine speaks HTTP only.
func (w *recorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	return nil, nil, fmt.Errorf("corsim's in-process server does not support hijacking")
}

// sortedHeaderList turns an http.Header into a header list in a stable order: names sorted,
// each value its own line in the order given. net/http keeps no order between names, so none
// can be reproduced.
func sortedHeaderList(h http.Header) fetchspec.HeaderList {
	names := make([]string, 0, len(h))
	for n := range h {
		names = append(names, n)
	}
	sort.Strings(names)
	var out fetchspec.HeaderList
	for _, n := range names {
		for _, v := range h[n] {
			out = append(out, fetchspec.Header{Name: n, Value: v})
		}
	}
	return out
}

// checkHeader rejects a header list no HTTP/1.1 server could send.
func checkHeader(l fetchspec.HeaderList) error {
	for _, h := range l {
		if !fetchspec.IsHeaderName(h.Name) {
			return fmt.Errorf("header name %q is not a token", h.Name)
		}
		if strings.ContainsAny(h.Value, "\r\n\x00") {
			return fmt.Errorf("header %s has a value with CR, LF or NUL: %q", h.Name, h.Value)
		}
	}
	return nil
}
