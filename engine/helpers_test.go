package engine

import (
	"context"
	"testing"

	"github.com/corsim/corsim/fetchspec"
)

const (
	pageOrigin = "https://app.example"
	apiURL     = "https://api.example"
)

// hl builds a header list from name, value pairs.
func hl(pairs ...string) fetchspec.HeaderList {
	var l fetchspec.HeaderList
	for i := 0; i+1 < len(pairs); i += 2 {
		l = append(l, fetchspec.Header{Name: pairs[i], Value: pairs[i+1]})
	}
	return l
}

// tb is the part of testing.TB the helpers need; *rapid.T has it too.
type tb interface {
	Helper()
	Errorf(format string, args ...any)
	Fatal(args ...any)
}

// sent is what a test checks of one request the server received.
type sent struct {
	Method      string
	URL         string
	Origin      string // "-" when absent
	ACRM        string // "-" when absent
	ACRH        string // "-" when absent
	Credentials bool
}

func summarizeSent(ex []Exchange) []sent {
	var out []sent
	for _, e := range ex {
		get := func(n string) string {
			if v, ok := e.Request.Header.Get(n); ok {
				return v
			}
			return "-"
		}
		out = append(out, sent{
			Method: e.Request.Method, URL: e.Request.URL, Origin: get("Origin"),
			ACRM: get("Access-Control-Request-Method"), ACRH: get("Access-Control-Request-Headers"),
			Credentials: e.Request.Credentials,
		})
	}
	return out
}

// verdict is what a test checks of a result.
type verdict struct {
	Outcome     Outcome
	Reason      Reason
	Type        ResponseType
	Status      int
	HeaderNames []string
	Sent        []sent
}

func summarize(r Result) verdict {
	return verdict{
		Outcome: r.Outcome, Reason: r.Reason, Type: r.Response.Type, Status: r.Response.Status,
		HeaderNames: r.Response.HeaderNames, Sent: summarizeSent(r.Exchanges),
	}
}

func mustServer(t tb, routes ...Route) *StaticServer {
	t.Helper()
	s, err := NewStaticServer(routes...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func route(method, url string, status int, header ...string) Route {
	return Route{Method: method, URL: url, Response: ServerResponse{Status: status, Header: hl(header...)}}
}

func fetch(t testing.TB, b *Browser, req Request, srv Server) Result {
	t.Helper()
	res := b.Fetch(context.Background(), req, srv)
	checkResultInvariants(t, req, res)
	return res
}

// checkResultInvariants asserts what must hold of every result, whatever the request.
func checkResultInvariants(t tb, req Request, res Result) {
	t.Helper()
	switch res.Outcome {
	case OK:
		if res.Reason != "" || res.Fix != "" {
			t.Errorf("ok result carries reason %q / fix %q", res.Reason, res.Fix)
		}
		if res.Response.Type == TypeNetworkError {
			t.Errorf("ok result has an error response")
		}
	case NetworkError, TypeError:
		if res.Reason == "" || res.Fix == "" {
			t.Errorf("failed result (%s) without reason or fix: %+v", res.Outcome, res)
		}
		if res.Response.Type != TypeNetworkError || res.Response.Status != 0 || len(res.Response.Header) != 0 {
			t.Errorf("failed result exposes a response: %+v", res.Response)
		}
		if info, ok := res.Reason.Info(); !ok || info.Outcome != res.Outcome {
			t.Errorf("reason %q is not documented with outcome %s", res.Reason, res.Outcome)
		}
		if res.Trace != nil {
			if st, ok := res.Failure(); !ok || st.Reason != res.Reason {
				t.Errorf("trace has no failed step for reason %q", res.Reason)
			}
		}
	default:
		t.Errorf("unknown outcome %q", res.Outcome)
	}
	if res.Outcome == TypeError && len(res.Exchanges) != 0 {
		t.Errorf("a TypeError sent %d requests", len(res.Exchanges))
	}
	if res.Response.Type == TypeOpaque || res.Response.Type == TypeOpaqueRedirect {
		if res.Response.Status != 0 || len(res.Response.Header) != 0 || len(res.Response.HeaderNames) != 0 {
			t.Errorf("opaque response exposes status or headers: %+v", res.Response)
		}
	}
	for _, n := range res.Response.HeaderNames {
		if fetchspec.IsForbiddenResponseHeaderName(n) {
			t.Errorf("script can read %s", n)
		}
	}
	for _, e := range res.Exchanges {
		if e.Kind == ExchangePreflight {
			if e.Request.Method != "OPTIONS" || e.Request.Credentials || e.Request.Body {
				t.Errorf("preflight is not a bare OPTIONS without credentials: %+v", e.Request)
			}
			if v, _ := e.Request.Header.Get("Accept"); v != "*/*" {
				t.Errorf("preflight Accept = %q", v)
			}
			if !e.Request.Header.Contains("Origin") {
				t.Errorf("preflight without Origin")
			}
		}
		for _, hd := range e.Request.Header {
			if fetchspec.IsForbiddenRequestHeader(hd.Name, hd.Value) && !isBrowserHeader(hd.Name) {
				t.Errorf("a forbidden header the script set was sent: %s", hd.Name)
			}
		}
	}
	for i, st := range res.Trace {
		if st.Anchor == "" || st.Text == "" {
			t.Errorf("trace step %d lacks an anchor or text: %+v", i, st)
		}
		if st.Exchange >= len(res.Exchanges) {
			t.Errorf("trace step %d points at exchange %d of %d", i, st.Exchange, len(res.Exchanges))
		}
	}
}

// isBrowserHeader lists the forbidden names the browser itself sets.
func isBrowserHeader(name string) bool {
	for _, n := range []string{"Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers", "Sec-Fetch-Dest", "Sec-Fetch-Mode", "Sec-Fetch-Site"} {
		if fetchspec.ByteCaseInsensitiveMatch(n, name) {
			return true
		}
	}
	return false
}
