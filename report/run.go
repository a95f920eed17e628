package report

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"github.com/corsim/corsim/scenario"
)

// ANSI escapes, used only when Options.Color is set.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

// paint wraps s in an ANSI colour when colour is on.
func paint(on bool, color, s string) string {
	if !on || color == "" || s == "" {
		return s
	}
	return color + s + ansiReset
}

// verdictColor gives each verdict its colour: green resolves, red is blocked by CORS, yellow
// is refused by fetch() itself (a bug in the page, not in the server).
func verdictColor(v string) string {
	switch v {
	case verdictAllowed:
		return ansiGreen
	case verdictBlocked:
		return ansiRed
	case verdictRefused:
		return ansiYellow
	}
	return ""
}

// row is one line of the verdict table, before formatting.
type row struct {
	scenario, fetch, browser, verdict, reason, preflight, sees, expect string
	failed                                                             bool
}

var runHeader = row{
	scenario: "SCENARIO", fetch: "FETCH", browser: "BROWSER", verdict: "VERDICT",
	reason: "REASON", preflight: "PREFLIGHT", sees: "SCRIPT SEES", expect: "EXPECTATIONS",
}

func (r *row) cells() [8]string {
	return [8]string{r.scenario, r.fetch, r.browser, r.verdict, r.reason, r.preflight, r.sees, r.expect}
}

// tableRows builds one row per fetch per browser, in scenario, browser and fetch order.
func tableRows(runs []*scenario.Run) (rows []row, withExpect bool) {
	for _, run := range runs {
		if run != nil && run.HasExpectations() {
			withExpect = true
		}
	}
	for _, run := range runs {
		if run == nil {
			continue
		}
		s := scenarioOf(run)
		first := true
		for bi := range run.Browsers {
			br := &run.Browsers[bi]
			for fi := range br.Fetches {
				fr := &br.Fetches[fi]
				res := &fr.Result
				r := row{
					fetch:     clean(strconv.Itoa(fr.Index+1) + " " + fetchName(fr)),
					browser:   clean(br.Profile.Name),
					verdict:   verdict(res),
					reason:    clean(string(res.Reason)),
					preflight: preflightSummary(res),
					sees:      scriptSees(res),
				}
				r.fetch = strings.TrimSpace(r.fetch)
				if first {
					r.scenario = clean(s.Title)
					if r.scenario == "" {
						r.scenario = clean(s.File)
					}
					first = false
				}
				if r.reason == "" {
					r.reason = "-"
				}
				if withExpect {
					r.expect = expectCell(fr)
					r.failed = len(fr.Failures) > 0
				}
				rows = append(rows, r)
			}
		}
	}
	return rows, withExpect
}

// expectCell summarizes a fetch's expectations: "-" for none, "pass", or the fields that
// failed.
func expectCell(fr *scenario.FetchRun) string {
	if len(fr.Failures) > 0 {
		fields := make([]string, 0, len(fr.Failures))
		for _, f := range fr.Failures {
			fields = append(fields, f.Field)
		}
		return "FAIL: " + strings.Join(fields, ", ")
	}
	if fr.Fetch != nil && (fr.Fetch.Expect != nil || len(fr.Fetch.ExpectBrowsers) > 0) {
		return "pass"
	}
	return "-"
}

// Run writes corsim run's verdict table: one row per fetch per browser, saying whether the
// page gets the response, why not, whether a preflight was needed, and what the script sees.
func Run(w io.Writer, runs []*scenario.Run, o Options) error {
	f, err := o.check()
	if err != nil {
		return err
	}
	switch f {
	case FormatJSON:
		return writeJSON(w, "run", runs, DiagramNone)
	case FormatMarkdown:
		return runMarkdown(w, runs)
	}
	return runText(w, runs, o.Color)
}

// Column limits of the text table, so a row fits a wide terminal: long scenario titles and
// fetch names end in "…" there (markdown, JSON and explain keep them whole).
const (
	maxScenarioWidth = 40
	maxFetchWidth    = 34
)

// truncate shortens s to at most n runes, ending in "…" when it cuts.
func truncate(s string, n int) string {
	if width(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimRight(string(r[:n-1]), " ") + "…"
}

func runText(w io.Writer, runs []*scenario.Run, color bool) error {
	rows, withExpect := tableRows(runs)
	for i := range rows {
		rows[i].scenario = truncate(rows[i].scenario, maxScenarioWidth)
		rows[i].fetch = truncate(rows[i].fetch, maxFetchWidth)
	}
	ncol := 7
	if withExpect {
		ncol = 8
	}
	var widths [8]int
	for _, r := range append([]row{runHeader}, rows...) {
		for i, c := range r.cells() {
			widths[i] = max(widths[i], width(c))
		}
	}
	bw := bufio.NewWriter(w)
	line := func(r row, header bool) {
		cells := r.cells()
		for i := 0; i < ncol; i++ {
			c := cells[i]
			pad := ""
			if i < ncol-1 {
				pad = strings.Repeat(" ", widths[i]-width(c)+2)
			}
			switch {
			case header:
				c = paint(color, ansiBold, c)
			case i == 3:
				c = paint(color, verdictColor(c), c)
			case i == 7 && r.failed:
				c = paint(color, ansiRed, c)
			case i == 7 && c == "pass":
				c = paint(color, ansiGreen, c)
			case i == 4 && c != "-":
				c = paint(color, ansiCyan, c)
			}
			bw.WriteString(c)
			bw.WriteString(pad)
		}
		bw.WriteByte('\n')
	}
	line(runHeader, true)
	for _, r := range rows {
		line(r, false)
	}
	return bw.Flush()
}

func runMarkdown(w io.Writer, runs []*scenario.Run) error {
	rows, withExpect := tableRows(runs)
	ncol := 7
	if withExpect {
		ncol = 8
	}
	bw := bufio.NewWriter(w)
	titles := [8]string{"Scenario", "Fetch", "Browser", "Verdict", "Reason", "Preflight", "Script sees", "Expectations"}
	bw.WriteString("|")
	for i := 0; i < ncol; i++ {
		bw.WriteString(" " + titles[i] + " |")
	}
	bw.WriteString("\n|")
	for i := 0; i < ncol; i++ {
		bw.WriteString(" --- |")
	}
	bw.WriteByte('\n')
	for _, r := range rows {
		cells := r.cells()
		bw.WriteString("|")
		for i := 0; i < ncol; i++ {
			c := mdCell(cells[i])
			switch {
			case i == 3 && c != "":
				c = "**" + c + "**"
			case i == 4 && c != "-" && c != "":
				c = mdCode(cells[i])
			}
			bw.WriteString(" " + c + " |")
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// mdEscaper escapes the characters that Markdown (GitHub's flavour) would read as syntax or
// HTML, so a title or a URL prints as written.
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
	`<`, `&lt;`, `>`, `&gt;`, `|`, `\|`, `#`, `\#`, `~`, `\~`, `&`, `&amp;`,
)

// mdText escapes one line of text for Markdown.
func mdText(s string) string { return mdEscaper.Replace(clean(s)) }

// mdCell escapes a table cell; a cell cannot hold a line break.
func mdCell(s string) string { return mdText(s) }

// mdCode writes s as inline code, with a fence long enough that backticks inside s survive.
func mdCode(s string) string {
	s = clean(s)
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	pad := ""
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		pad = " "
	}
	return fence + pad + s + pad + fence
}
