package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"

	"github.com/corsim/corsim/scenario"
)

// Test writes corsim test's results for CI: a "PASS title (file)" line per passing scenario,
// one "file:line:col: FAIL fetch N "name" [browser]: field: want X, got Y" line per failed
// expectation (the position first, so editors and CI annotators link it), and a last line
// "N passed, M failed" counting scenarios, which CI tools read.
func Test(w io.Writer, runs []*scenario.Run, o Options) error {
	f, err := o.check()
	if err != nil {
		return err
	}
	switch f {
	case FormatJSON:
		return writeJSON(w, "test", runs, DiagramNone)
	case FormatMarkdown:
		return testMarkdown(w, runs)
	}
	return testText(w, runs, o.Color)
}

// failureLine formats one failed expectation for CI.
func failureLine(fr *scenario.FetchRun, browser string, f scenario.ExpectFailure, s *scenario.Scenario) (pos, msg string) {
	pos = clean(failurePos(f, fr, s).String())
	msg = "fetch " + strconv.Itoa(fr.Index+1)
	if n := fetchName(fr); n != "" {
		msg += " " + strconv.Quote(n)
	}
	msg = clean(fmt.Sprintf("%s [%s]: %s: want %s, got %s", msg, browser, f.Field, f.Want, f.Got))
	return pos, msg
}

// counts returns how many scenarios passed and failed.
func counts(runs []*scenario.Run) (passed, failed int) {
	for _, r := range runs {
		if r == nil {
			continue
		}
		if r.Passed() {
			passed++
		} else {
			failed++
		}
	}
	return passed, failed
}

func testText(w io.Writer, runs []*scenario.Run, c bool) error {
	bw := bufio.NewWriter(w)
	for _, run := range runs {
		if run == nil {
			continue
		}
		s := scenarioOf(run)
		if run.Passed() {
			line := paint(c, ansiGreen, "PASS") + " " + clean(s.Title) + " (" + clean(s.File) + ")"
			if !run.HasExpectations() {
				line += paint(c, ansiDim, " (no expectations)")
			}
			bw.WriteString(line + "\n")
			continue
		}
		for bi := range run.Browsers {
			br := &run.Browsers[bi]
			for fi := range br.Fetches {
				fr := &br.Fetches[fi]
				for _, f := range fr.Failures {
					pos, msg := failureLine(fr, br.Profile.Name, f, s)
					bw.WriteString(pos + ": " + paint(c, ansiRed, "FAIL") + " " + msg + "\n")
				}
			}
		}
	}
	p, f := counts(runs)
	fmt.Fprintf(bw, "%d passed, %d failed\n", p, f)
	return bw.Flush()
}

func testMarkdown(w io.Writer, runs []*scenario.Run) error {
	bw := bufio.NewWriter(w)
	for _, run := range runs {
		if run == nil {
			continue
		}
		s := scenarioOf(run)
		if run.Passed() {
			line := "- ✅ **PASS** " + mdText(s.Title) + " (" + mdCode(s.File) + ")"
			if !run.HasExpectations() {
				line += " (no expectations)"
			}
			bw.WriteString(line + "\n")
			continue
		}
		bw.WriteString("- ❌ **FAIL** " + mdText(s.Title) + " (" + mdCode(s.File) + ")\n")
		for bi := range run.Browsers {
			br := &run.Browsers[bi]
			for fi := range br.Fetches {
				fr := &br.Fetches[fi]
				for _, f := range fr.Failures {
					pos, msg := failureLine(fr, br.Profile.Name, f, s)
					bw.WriteString("  - " + mdCode(pos) + ": " + mdText(msg) + "\n")
				}
			}
		}
	}
	p, f := counts(runs)
	fmt.Fprintf(bw, "\n%d passed, %d failed\n", p, f)
	return bw.Flush()
}
