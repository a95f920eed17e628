package server_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/corsim/corsim/engine"
	"github.com/corsim/corsim/examples"
	"github.com/corsim/corsim/fetchspec"
	"github.com/corsim/corsim/scenario"
	"github.com/corsim/corsim/server"
	"github.com/google/go-cmp/cmp"
)

// asHandler serves a scenario's described server as a real http.Handler, so the same answers
// can reach the engine in process and over HTTP.
func asHandler(srv engine.Server) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := *r.URL
		if u.Host == "" { // over HTTP the request line has the path only
			u.Scheme, u.Host = "https", r.Host
		}
		var h fetchspec.HeaderList
		for name, vs := range r.Header {
			for _, v := range vs {
				h = append(h, fetchspec.Header{Name: name, Value: v})
			}
		}
		resp, err := srv.Serve(r.Context(), engine.ServerRequest{Method: r.Method, URL: u.String(), Header: h})
		if err != nil {
			panic(err) // the engine reports a panicking handler as an unreachable server
		}
		for _, e := range resp.Header {
			w.Header().Add(e.Name, e.Value)
		}
		w.WriteHeader(resp.Status)
		// A described Content-Length is honoured with as many bytes, as the real server would send.
		if v := w.Header().Get("Content-Length"); v != "" && r.Method != http.MethodHead {
			if n, err := strconv.Atoi(v); err == nil && n > 0 && n < 1<<20 {
				w.Write(make([]byte, n))
			}
		}
	})
}

// verdict is what must not depend on how the server is reached. Content-Length and Date are
// left out of the readable names: net/http adds them to every answer, as a real server does.
type verdict struct {
	Outcome   engine.Outcome
	Reason    engine.Reason
	Preflight bool
	Statuses  []int
	Readable  []string
}

func verdicts(run *scenario.Run) map[string][]verdict {
	out := map[string][]verdict{}
	for _, br := range run.Browsers {
		for _, fr := range br.Fetches {
			r := fr.Result
			v := verdict{Outcome: r.Outcome, Reason: r.Reason, Preflight: r.Preflighted()}
			for _, e := range r.Exchanges {
				v.Statuses = append(v.Statuses, e.Response.Status)
			}
			for _, n := range r.Response.HeaderNames {
				if n != "content-length" && n != "date" {
					v.Readable = append(v.Readable, n)
				}
			}
			out[br.Profile.Name] = append(out[br.Profile.Name], v)
		}
	}
	return out
}

// TestGalleryThroughRealServers runs every example of the gallery three ways: with its
// described server, with the same answers from an http.Handler in process, and from that handler
// behind a real HTTP server. The verdicts agree in every profile: described, in-process and live
// servers share the engine's one code path.
func TestGalleryThroughRealServers(t *testing.T) {
	checked := 0
	defer func() {
		if checked < 35 {
			t.Errorf("only %d examples checked", checked)
		}
	}()
	for _, name := range examples.Names() {
		data, err := examples.FS.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		s, err := scenario.Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		// A described server can be down; a real handler always answers: such examples are
		// about the engine, not about the server, and are left out.
		if hasUnreachable(s) {
			continue
		}
		checked++
		described, err := s.NewServer()
		if err != nil {
			t.Fatal(err)
		}
		base, err := scenario.Execute(context.Background(), s, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		inProcess, err := scenario.Execute(context.Background(), s, nil, server.Handler(asHandler(described)))
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(asHandler(described))
		liveSrv, err := server.Live(ts.URL, server.KeepHost())
		if err != nil {
			t.Fatal(err)
		}
		live, err := scenario.Execute(context.Background(), s, nil, liveSrv)
		ts.Close()
		if err != nil {
			t.Fatal(err)
		}
		want := verdicts(base)
		if d := cmp.Diff(want, verdicts(inProcess)); d != "" {
			t.Errorf("%s: in-process handler (-described +handler):\n%s", name, d)
		}
		if d := cmp.Diff(want, verdicts(live)); d != "" {
			t.Errorf("%s: live server (-described +live):\n%s", name, d)
		}
	}
}

func hasUnreachable(s *scenario.Scenario) bool {
	for _, r := range s.Server.Routes {
		if r.Unreachable {
			return true
		}
	}
	return false
}
