package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/corsim/corsim/engine"
	"github.com/corsim/corsim/scenario"
)

// Format is an output format. Every command renders in each of them, so a result can go to a
// terminal, into a pull request, or to another program without a second run.
type Format string

// The formats. The empty Format means FormatText.
const (
	FormatText     Format = "text"
	FormatJSON     Format = "json"
	FormatMarkdown Format = "markdown"
)

// Diagram kinds for Options.Diagram.
const (
	DiagramNone    = ""
	DiagramMermaid = "mermaid"
	DiagramSVG     = "svg"
)

// Options chooses how a report is rendered.
type Options struct {
	// Format is the output format; empty means text.
	Format Format
	// Color adds ANSI colour to text output; callers set it only for a terminal.
	Color bool
	// Diagram adds a sequence diagram to corsim explain: "", "mermaid" or "svg".
	Diagram string
}

// format returns the format o asks for, or an error naming an unknown one, so a typo in a
// flag is reported instead of silently falling back to text.
func (o Options) format() (Format, error) {
	switch o.Format {
	case "", FormatText:
		return FormatText, nil
	case FormatJSON, FormatMarkdown:
		return o.Format, nil
	}
	return "", fmt.Errorf("report: unknown format %q (use text, json or markdown)", string(o.Format))
}

// check validates o before anything is written, so a bad option never leaves half a report.
func (o Options) check() (Format, error) {
	f, err := o.format()
	if err != nil {
		return "", err
	}
	switch o.Diagram {
	case DiagramNone, DiagramMermaid, DiagramSVG:
	default:
		return "", fmt.Errorf("report: unknown diagram %q (use mermaid or svg)", o.Diagram)
	}
	return f, nil
}

// Verdicts, as the run table shows them: the three ways a fetch() call ends.
const (
	verdictAllowed = "allowed" // fetch() resolves
	verdictBlocked = "blocked" // fetch() rejects after the browser went to the network
	verdictRefused = "refused" // fetch() rejects before anything is sent
)

// verdict names how a fetch ended in one word a reader of the table understands.
func verdict(res *engine.Result) string {
	switch res.Outcome {
	case engine.OK:
		return verdictAllowed
	case engine.TypeError:
		return verdictRefused
	}
	return verdictBlocked
}

// preflightSummary says whether a preflight was sent, or was saved by the preflight cache,
// which is the question people ask most about a CORS request.
func preflightSummary(res *engine.Result) string {
	if res.Preflighted() {
		return "yes"
	}
	for _, ev := range res.Cache {
		if ev.Kind == engine.CacheHit {
			return "cache hit"
		}
	}
	return "no"
}

// scriptSees says what the page's script gets: the response's type and status, or the
// TypeError fetch() rejects with (for both a refused and a blocked request).
func scriptSees(res *engine.Result) string {
	if res.Outcome != engine.OK {
		return "TypeError"
	}
	return string(res.Response.Type) + " " + strconv.Itoa(res.Response.Status)
}

// fetchLabel names a fetch for people: its number from 1 and its name when it has one.
func fetchLabel(fr *scenario.FetchRun) string {
	s := "fetch " + strconv.Itoa(fr.Index+1)
	if fr.Fetch != nil && fr.Fetch.Name != "" {
		s += " " + strconv.Quote(fr.Fetch.Name)
	}
	return s
}

// fetchName returns the fetch's name, or "" for a FetchRun without its Fetch.
func fetchName(fr *scenario.FetchRun) string {
	if fr.Fetch == nil {
		return ""
	}
	return fr.Fetch.Name
}

// clean makes a one-line string safe to print: control characters (which could move a
// terminal's cursor or break a table) become visible escapes and invalid UTF-8 becomes U+FFFD.
// The common case of a clean string is returned without allocating.
func clean(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	for i, w := 0, 0; i < len(s); i += w {
		r, size := utf8.DecodeRuneInString(s[i:])
		w = size
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029':
			if r < 0x100 {
				fmt.Fprintf(&b, `\x%02x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isClean reports whether s prints as itself on one line.
func isClean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f || c >= 0x80 {
			if c < 0x80 {
				return false
			}
			// Non-ASCII: check the slow way.
			for _, r := range s[i:] {
				if r == utf8.RuneError || unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
					return false
				}
			}
			return true
		}
	}
	return true
}

// cleanBlock is clean for multi-line text (a description): line breaks stay, every other
// control character is escaped.
func cleanBlock(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = clean(l)
	}
	return strings.Join(lines, "\n")
}

// width is the number of terminal cells s takes, counted as runes: the tables corsim prints
// hold ASCII, URLs and the odd accented name.
func width(s string) int { return utf8.RuneCountInString(s) }

// formatDuration writes a virtual time the way scenario files write it ("5m0s" as "5m").
func formatDuration(d time.Duration) string {
	if d == 0 {
		return "0s"
	}
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// reasonSummary returns the documented meaning of a reason code ("" when unknown or empty).
func reasonSummary(r engine.Reason) string {
	if r == "" {
		return ""
	}
	info, ok := r.Info()
	if !ok {
		return ""
	}
	return info.Summary
}

// browserRun finds one profile's run by name (case-insensitive), so callers can name a
// profile as a user types it.
func browserRun(run *scenario.Run, browser string) (*scenario.BrowserRun, error) {
	if run == nil {
		return nil, fmt.Errorf("report: no run to draw")
	}
	for i := range run.Browsers {
		if strings.EqualFold(run.Browsers[i].Profile.Name, browser) {
			return &run.Browsers[i], nil
		}
	}
	names := make([]string, 0, len(run.Browsers))
	for _, b := range run.Browsers {
		names = append(names, b.Profile.Name)
	}
	return nil, fmt.Errorf("report: browser %q is not in the run (it has %s)", browser, strings.Join(names, ", "))
}

// scenarioOf returns the run's scenario, or an empty one, so renderers need no nil checks.
func scenarioOf(run *scenario.Run) *scenario.Scenario {
	if run == nil || run.Scenario == nil {
		return &scenario.Scenario{}
	}
	return run.Scenario
}

// failurePos returns where a failed expectation should send the reader: the expectation
// itself, else the fetch, else the file.
func failurePos(f scenario.ExpectFailure, fr *scenario.FetchRun, s *scenario.Scenario) scenario.Position {
	if f.Pos.Line > 0 || f.Pos.File != "" {
		return f.Pos
	}
	if fr.Fetch != nil && (fr.Fetch.Pos.Line > 0 || fr.Fetch.Pos.File != "") {
		return fr.Fetch.Pos
	}
	return scenario.Position{File: s.File}
}
