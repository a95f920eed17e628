package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/corsim/corsim/engine"
)

// Option configures a live server.
type Option func(*live)

// Timeout bounds each request, connection included (default 10 seconds).
func Timeout(d time.Duration) Option { return func(l *live) { l.timeout = d } }

// MaxResponseBytes caps a response's body and, separately, its header block (default 1 MiB):
// a server that sends more is reported as failing, never read without bound.
func MaxResponseBytes(n int64) Option { return func(l *live) { l.maxBytes = n } }

// KeepHost sends the scenario URL's host in the Host header instead of the live server's, for
// servers that route by virtual host.
func KeepHost() Option { return func(l *live) { l.keepHost = true } }

// Client uses c's transport (for example an httptest.Server's TLS client). Its redirect
// policy and cookie jar are never used: the engine follows redirects itself, and a browser
// sends only the credentials the scenario gives.
func Client(c *http.Client) Option { return func(l *live) { l.transport = c.Transport } }

type live struct {
	base      *url.URL
	timeout   time.Duration
	maxBytes  int64
	keepHost  bool
	transport http.RoundTripper
	client    *http.Client
}

// Live returns a Server that sends each request to a running server at base. The request's
// scheme and authority are replaced by base's; base's path, if any, is put before the request's
// path; the query is kept. Redirects are never followed (the engine follows them, with a new
// preflight decision at each hop), no cookie jar is used, no compression is asked for, and the
// User-Agent is "corsim". net/http delivers response headers without their order on the wire,
// so the engine sees them sorted by name, each name's values in the order received.
func Live(base string, opts ...Option) (engine.Server, error) {
	u, err := url.Parse(base)
	switch {
	case err != nil:
		return nil, fmt.Errorf("live server URL %q: %w", base, err)
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, fmt.Errorf("live server URL %q: the scheme must be http or https", base)
	case u.Host == "":
		return nil, fmt.Errorf("live server URL %q has no host", base)
	case u.User != nil:
		return nil, fmt.Errorf("live server URL %q must not carry a username or password", base)
	case u.RawQuery != "" || u.Fragment != "":
		return nil, fmt.Errorf("live server URL %q must not have a query or fragment", base)
	}
	l := &live{base: u, timeout: 10 * time.Second, maxBytes: 1 << 20}
	for _, o := range opts {
		o(l)
	}
	if l.timeout <= 0 || l.maxBytes <= 0 {
		return nil, fmt.Errorf("live server %q: the timeout and the size cap must be positive", base)
	}
	tr, ok := l.transport.(*http.Transport)
	if l.transport == nil || !ok {
		tr = http.DefaultTransport.(*http.Transport).Clone()
	} else {
		tr = tr.Clone()
	}
	tr.DisableCompression = true
	tr.MaxResponseHeaderBytes = l.maxBytes
	tr.Proxy = nil
	l.client = &http.Client{
		Transport:     tr,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return l, nil
}

// target maps a request URL onto the live server.
func (l *live) target(raw string) (*url.URL, string, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return nil, "", fmt.Errorf("request URL %q is not an absolute URL", raw)
	}
	t := *u
	t.Scheme, t.Host, t.User = l.base.Scheme, l.base.Host, nil
	t.Path = strings.TrimSuffix(l.base.Path, "/") + u.Path
	if u.RawPath != "" {
		t.RawPath = strings.TrimSuffix(l.base.EscapedPath(), "/") + u.RawPath
	}
	return &t, u.Host, nil
}

func (l *live) Serve(ctx context.Context, req engine.ServerRequest) (engine.ServerResponse, error) {
	t, host, err := l.target(req.URL)
	if err != nil {
		return engine.ServerResponse{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, l.timeout)
	defer cancel()
	var body io.Reader = http.NoBody
	if req.Body {
		body = strings.NewReader(requestBody)
	}
	hr, err := http.NewRequestWithContext(ctx, req.Method, t.String(), body)
	if err != nil {
		return engine.ServerResponse{}, fmt.Errorf("%s %s: %w", req.Method, req.URL, err)
	}
	for _, h := range req.Header {
		hr.Header.Add(h.Name, h.Value)
	}
	hr.Header.Set("User-Agent", "corsim")
	if l.keepHost {
		hr.Host = host
	}
	resp, err := l.client.Do(hr)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return engine.ServerResponse{}, fmt.Errorf("%s %s: no answer within %s", req.Method, t, l.timeout)
		}
		return engine.ServerResponse{}, fmt.Errorf("%s %s: %w", req.Method, t, err)
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, io.LimitReader(resp.Body, l.maxBytes+1))
	if err != nil {
		return engine.ServerResponse{}, fmt.Errorf("%s %s: reading the body: %w", req.Method, t, err)
	}
	if n > l.maxBytes {
		return engine.ServerResponse{}, fmt.Errorf("%s %s: the body is larger than the %d-byte cap", req.Method, t, l.maxBytes)
	}
	return engine.ServerResponse{Status: resp.StatusCode, Header: sortedHeaderList(resp.Header)}, nil
}
