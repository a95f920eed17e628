package scenario

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/corsim/corsim/browsers"
	"github.com/corsim/corsim/engine"
	"github.com/corsim/corsim/fetchspec"
)

// Scenario is one scenario file: a page origin, a server, and the fetches the page makes, on one
// browser session per profile.
type Scenario struct {
	// File is the name the scenario was loaded from; positions refer to it.
	File string
	// Title is the one-line name shown in verdict tables.
	Title string
	// Description is the short explanation corsim explain shows before the story.
	Description string
	// Origin is the page's origin, or "null" for an opaque origin.
	Origin string
	// TopLevelOrigin is the top-level page's origin when the page is an iframe; it keys the
	// preflight cache. Empty means Origin.
	TopLevelOrigin string
	// Browsers lists profile names as written; empty means every browsers.All entry.
	Browsers []string
	// Server is what answers every request.
	Server Server
	// Fetches are run in order on one session per browser.
	Fetches []Fetch
}

// Server describes the server side of a scenario: fixed routes, answered first, and a policy
// for every request no route answers. Without either answer a request gets 404 with no headers,
// as a server that knows nothing about CORS would answer.
type Server struct {
	Routes []Route
	Policy *Policy
	// URL, when set, is a live server every request is sent to instead (server.Live): its
	// answers decide the verdicts. It excludes Routes and Policy.
	URL string
	// URLPos is where URL is written.
	URLPos Position
}

// Route is one fixed answer: the response to Method at URL. An empty Method answers every
// method that has no route of its own at that URL.
type Route struct {
	Method, URL string
	Response    engine.ServerResponse
	// Unreachable makes the route fail as a server that is down would, which the engine reports
	// as server-unreachable.
	Unreachable bool
	// Pos is where the route is written.
	Pos Position
}

// Policy answers like a typical CORS middleware (Express cors, Go rs/cors, Spring's
// CorsConfiguration): it decides from the request's Origin and, for a preflight, from the
// Access-Control-Request-* headers. Modelling the middleware instead of fixed answers lets a
// scenario show what a given configuration does for every request a page can make.
type Policy struct {
	// AllowOrigins lists exact origins, or is ["*"] (sent literally as *) or ["reflect"]
	// (echo any Origin). Empty allows no origin.
	AllowOrigins []string
	// AllowMethods is sent joined as Access-Control-Allow-Methods; nil reflects
	// Access-Control-Request-Method.
	AllowMethods []string
	// AllowHeaders is sent joined as Access-Control-Allow-Headers; nil reflects
	// Access-Control-Request-Headers.
	AllowHeaders []string
	// ExposeHeaders is sent as Access-Control-Expose-Headers on non-preflight responses.
	ExposeHeaders []string
	// AllowCredentials adds Access-Control-Allow-Credentials: true.
	AllowCredentials bool
	// Vary adds Vary: Origin (and Access-Control-Request-Headers when reflecting them).
	Vary bool
	// MaxAge, when set, is sent as Access-Control-Max-Age.
	MaxAge *int
	// PreflightStatus is the status of preflights (0 means 204); Status of every other
	// request (0 means 200).
	PreflightStatus, Status int
	// Headers are added to every non-preflight response.
	Headers fetchspec.HeaderList
}

// Fetch is one fetch() call of the page.
type Fetch struct {
	// Name labels the fetch in output; empty means none.
	Name string
	// Advance is the virtual time that passes before this fetch, so cached preflights can
	// expire without anyone waiting.
	Advance time.Duration
	// Request is what the page passes to fetch(); Origin and TopLevelOrigin come from the
	// scenario. Options keep the spelling of the file; empty means fetch()'s default.
	Request engine.Request
	// Expect, when set, makes the fetch a test for every browser.
	Expect *Expect
	// ExpectBrowsers overrides Expect field by field for one profile, keyed by profile name.
	ExpectBrowsers map[string]*Expect
	// Pos is where the fetch is written.
	Pos Position
}

// Expect is what a fetch should do; a nil field (or nil ReadableHeaders) is not checked.
type Expect struct {
	Outcome *engine.Outcome
	Reason  *engine.Reason
	// Preflight is whether a preflight reached the server.
	Preflight *bool
	// Status is the status script sees (0 for opaque and error responses).
	Status *int
	Type   *engine.ResponseType
	// ReadableHeaders is exactly the set of header names script can read, compared
	// case-insensitively and in any order; an empty, non-nil list means none.
	ReadableHeaders []string
	// Pos is where the expectation is written.
	Pos Position
}

// maxFileSize bounds what Parse reads: scenario files are written by hand, and a bound keeps a
// hostile file from taking the machine's memory.
const maxFileSize = 4 << 20

// Parse reads a scenario from data. file names it in positions, and decides the syntax: JSON
// when it ends in ".json", YAML otherwise (JSON is parsed by the YAML parser, which reads it as
// flow syntax, so positions work the same). Errors are *Error, or ErrorList when there are
// several.
func Parse(file string, data []byte) (*Scenario, error) {
	if len(data) > maxFileSize {
		return nil, &Error{Pos: Position{File: file, Line: 1, Col: 1},
			Msg: fmt.Sprintf("file is %d bytes; a scenario file may have at most %d", len(data), maxFileSize)}
	}
	d := newDecoder(file, data, strings.HasSuffix(strings.ToLower(file), ".json"))
	s := d.scenario()
	d.errs.sort()
	if err := d.errs.err(); err != nil {
		return nil, err
	}
	return s, nil
}

// Load reads and parses the scenario file at path.
func Load(path string) (*Scenario, error) {
	data, err := readFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{Pos: Position{File: path}, Msg: fmt.Sprintf("cannot read scenario: %v", unwrapPath(err))}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, &Error{Pos: Position{File: path}, Msg: fmt.Sprintf("cannot read scenario: %v", unwrapPath(err))}
	}
	return data, nil
}

// unwrapPath drops the path an *fs.PathError repeats, since the position already names it.
func unwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// LoadAll loads every file named in paths; a directory stands for every *.yaml, *.yml and *.json
// file under it, recursively, in lexical order. Every error of every file is collected. The
// scenarios that loaded are returned even when others failed, in the order of paths.
func LoadAll(paths []string) ([]*Scenario, error) {
	var (
		out  []*Scenario
		errs ErrorList
		seen = map[string]bool{}
	)
	add := func(path string) {
		if seen[path] {
			return
		}
		seen[path] = true
		s, err := Load(path)
		switch e := err.(type) {
		case nil:
			out = append(out, s)
		case *Error:
			errs = append(errs, e)
		case ErrorList:
			errs = append(errs, e...)
		}
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil || !info.IsDir() {
			add(p)
			continue
		}
		var files []string
		werr := filepath.WalkDir(p, func(path string, de fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, &Error{Pos: Position{File: path}, Msg: fmt.Sprintf("cannot read directory: %v", unwrapPath(err))})
				return nil
			}
			if !de.IsDir() && isScenarioFile(path) {
				files = append(files, path)
			}
			return nil
		})
		if werr != nil {
			errs = append(errs, &Error{Pos: Position{File: p}, Msg: fmt.Sprintf("cannot read directory: %v", unwrapPath(werr))})
		}
		for _, f := range files {
			add(f)
		}
	}
	return out, errs.err()
}

func isScenarioFile(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml", ".json":
		return true
	}
	return false
}

// Profiles returns the profiles the scenario runs on: those named in Browsers, or every
// browsers.All entry, so profiles added to the engine later simply appear.
func (s *Scenario) Profiles() ([]engine.Profile, error) {
	if len(s.Browsers) == 0 {
		return append([]engine.Profile(nil), browsers.All...), nil
	}
	var (
		out  []engine.Profile
		seen = map[string]bool{}
	)
	for _, name := range s.Browsers {
		p, ok := browsers.Lookup(name)
		if !ok {
			return nil, fmt.Errorf("%s: unknown browser profile %q; known profiles: %s", s.File, name, profileNames())
		}
		if seen[p.Name] {
			continue
		}
		seen[p.Name] = true
		out = append(out, p)
	}
	return out, nil
}

func profileNames() string { return strings.Join(browsers.Names(), ", ") }
