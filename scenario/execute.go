package scenario

import (
	"context"
	"fmt"
	"github.com/corsim/corsim/fetchspec"
	"strconv"
	"strings"
	"time"

	"github.com/corsim/corsim/engine"
)

// Run is the outcome of executing a scenario: one BrowserRun per profile, in profile order.
type Run struct {
	Scenario *Scenario
	Browsers []BrowserRun
}

// BrowserRun is one profile's session through the scenario.
type BrowserRun struct {
	Profile engine.Profile
	Fetches []FetchRun
}

// FetchRun is one fetch as one profile ran it.
type FetchRun struct {
	Fetch *Fetch
	// Index is the fetch's index in Scenario.Fetches.
	Index int
	// At is the virtual time since the session started, after the fetch's Advance.
	At       time.Duration
	Result   engine.Result
	Failures []ExpectFailure
}

// ExpectFailure is one expectation the result did not meet. Field is the expect key
// ("outcome", "reason", "preflight", "status", "type", "readable_headers"); Want and Got are
// written as in a scenario file, so the message can be pasted back into it; Pos is where the
// expectation is written (the expect_browsers entry when that supplied the field).
type ExpectFailure struct {
	Field, Want, Got string
	Pos              Position
}

// Execute runs every fetch in order on one fresh engine.Browser per profile, advancing the
// virtual clock before each fetch, and checks the expectations (expect, overridden field by
// field by expect_browsers[profile.Name]). server nil means s.NewServer(); profiles nil means
// s.Profiles(). It stops with ctx's error if ctx is done between fetches.
func Execute(ctx context.Context, s *Scenario, profiles []engine.Profile, server engine.Server) (*Run, error) {
	if s == nil {
		return nil, fmt.Errorf("scenario: Execute needs a scenario")
	}
	var err error
	if profiles == nil {
		if profiles, err = s.Profiles(); err != nil {
			return nil, err
		}
	}
	if server == nil {
		if server, err = s.NewServer(); err != nil {
			return nil, err
		}
	}
	run := &Run{Scenario: s, Browsers: make([]BrowserRun, 0, len(profiles))}
	for _, p := range profiles {
		b := engine.NewBrowser(p)
		br := BrowserRun{Profile: p, Fetches: make([]FetchRun, 0, len(s.Fetches))}
		var at time.Duration
		for i := range s.Fetches {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			f := &s.Fetches[i]
			b.Advance(f.Advance)
			if f.Advance > 0 {
				at += f.Advance
			}
			req := f.Request
			if req.Origin == "" {
				req.Origin = s.Origin
			}
			if req.TopLevelOrigin == "" {
				req.TopLevelOrigin = s.TopLevelOrigin
			}
			res := b.Fetch(ctx, req, server)
			br.Fetches = append(br.Fetches, FetchRun{
				Fetch:    f,
				Index:    i,
				At:       at,
				Result:   res,
				Failures: Check(f.ExpectFor(p.Name), res),
			})
		}
		run.Browsers = append(run.Browsers, br)
	}
	return run, nil
}

// Passed reports whether no expectation failed anywhere. A run without expectations passes.
func (r *Run) Passed() bool {
	for _, b := range r.Browsers {
		for _, f := range b.Fetches {
			if len(f.Failures) > 0 {
				return false
			}
		}
	}
	return true
}

// HasExpectations reports whether any fetch of the scenario carries an expectation, which makes
// the scenario a test rather than a demonstration.
func (r *Run) HasExpectations() bool {
	if r.Scenario == nil {
		return false
	}
	for _, f := range r.Scenario.Fetches {
		if f.Expect != nil || len(f.ExpectBrowsers) > 0 {
			return true
		}
	}
	return false
}

// ExpectFor returns the expectation for one profile: Expect with each field that
// ExpectBrowsers[profile] sets replaced, or nil when the fetch expects nothing of it. Fields
// keep the position of the expect they come from.
func (f *Fetch) ExpectFor(profile string) *Expect {
	over := f.ExpectBrowsers[profile]
	if over == nil {
		for name, e := range f.ExpectBrowsers {
			if strings.EqualFold(name, profile) {
				over = e
				break
			}
		}
	}
	switch {
	case f.Expect == nil && over == nil:
		return nil
	case over == nil:
		return f.Expect
	case f.Expect == nil:
		return over
	}
	m := *f.Expect
	if over.Outcome != nil {
		m.Outcome = over.Outcome
	}
	if over.Reason != nil {
		m.Reason = over.Reason
	}
	if over.Preflight != nil {
		m.Preflight = over.Preflight
	}
	if over.Status != nil {
		m.Status = over.Status
	}
	if over.Type != nil {
		m.Type = over.Type
	}
	if over.ReadableHeaders != nil {
		m.ReadableHeaders = over.ReadableHeaders
	}
	m.Pos = over.Pos
	return &m
}

// Check compares a result with an expectation and returns what did not match, in the order of
// the expect keys. A nil expectation checks nothing.
func Check(e *Expect, res engine.Result) []ExpectFailure {
	if e == nil {
		return nil
	}
	var out []ExpectFailure
	fail := func(field, want, got string) {
		out = append(out, ExpectFailure{Field: field, Want: want, Got: got, Pos: e.Pos})
	}
	if e.Outcome != nil && *e.Outcome != res.Outcome {
		fail("outcome", string(*e.Outcome), string(res.Outcome))
	}
	if e.Reason != nil && *e.Reason != res.Reason {
		fail("reason", string(*e.Reason), orNone(string(res.Reason)))
	}
	if e.Preflight != nil && *e.Preflight != res.Preflighted() {
		fail("preflight", strconv.FormatBool(*e.Preflight), strconv.FormatBool(res.Preflighted()))
	}
	if e.Status != nil && *e.Status != res.Response.Status {
		fail("status", strconv.Itoa(*e.Status), strconv.Itoa(res.Response.Status))
	}
	if e.Type != nil && *e.Type != res.Response.Type {
		fail("type", string(*e.Type), string(res.Response.Type))
	}
	if e.ReadableHeaders != nil {
		want := fetchspec.ConvertHeaderNamesToSortedLowercaseSet(e.ReadableHeaders)
		got := fetchspec.ConvertHeaderNamesToSortedLowercaseSet(res.Response.HeaderNames)
		if !equalStrings(want, got) {
			fail("readable_headers", "["+strings.Join(want, ", ")+"]", "["+strings.Join(got, ", ")+"]")
		}
	}
	return out
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
