package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/corsim/corsim/browsers"
)

// TestDifferential runs the corpus in each installed browser, twice, and compares every call
// with the engine's profile of that browser. Browsers that are not installed are skipped with
// the command that installs them; .ci/run installs all three.
func TestDifferential(t *testing.T) {
	corpus := Corpus()
	if only := os.Getenv("CORSIM_BROWSER_CASES"); only != "" {
		corpus = selectCases(append(corpus, experimentCases...), only)
	}
	if err := Validate(corpus); err != nil {
		t.Fatal(err)
	}
	exclusions, err := LoadExclusions("exclusions.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range Drivers {
		t.Run(d.Name, func(t *testing.T) {
			bin, ok := d.Find()
			if !ok {
				if os.Getenv("CORSIM_REQUIRE_BROWSERS") != "" {
					t.Fatalf("%s is not installed (%s) and CORSIM_REQUIRE_BROWSERS is set", d.Name, d.Install)
				}
				t.Skipf("%s is not installed: %s, then go test ./conformance/browser", d.Name, d.Install)
			}
			p, ok := browsers.Lookup(d.Name)
			if !ok {
				t.Fatalf("no engine profile named %q", d.Name)
			}
			runs := make([][]Observation, 2)
			labs := make([]*Lab, 2)
			for i := range runs {
				lab, obs := runOnce(t, d, corpus)
				labs[i], runs[i] = lab, obs
			}
			t.Logf("%s (%s): %d cases, %d calls", d.Name, d.Version(bin), len(corpus), len(runs[0]))
			if unstable := compareRuns(exclusions, d.Name, runs[0], runs[1]); len(unstable) > 0 {
				t.Errorf("%s gave different results in two runs of the same corpus:\n%s", d.Name, strings.Join(unstable, "\n"))
			}
			for i, obs := range runs {
				model := labs[i].Replay(p, obs)
				agree, excused, diffs := 0, 0, []string{}
				for j := range obs {
					ds, dropped := filterDiffs(exclusions, d.Name, obs[j].ID, Diff(obs[j], model[j]))
					switch {
					case len(ds) == 0 && dropped == 0:
						agree++
					case len(ds) == 0:
						excused++
					default:
						diffs = append(diffs, fmt.Sprintf("%s:\n    %s", obs[j].ID, strings.Join(ds, "\n    ")))
					}
				}
				t.Logf("run %d: profile %q agrees with %s on %d of %d calls; %d more differ only in documented exclusions (exclusions.json)",
					i+1, p.Name, d.Name, agree, len(obs), excused)
				if len(diffs) > 0 {
					t.Errorf("run %d: %d calls disagree:\n%s", i+1, len(diffs), strings.Join(diffs, "\n"))
				}
			}
			if dir := os.Getenv("CORSIM_BROWSER_OUT"); dir != "" {
				b, _ := json.MarshalIndent(runs[0], "", "  ")
				os.WriteFile(filepath.Join(dir, d.Name+".json"), b, 0o644)
			}
		})
	}
}

func runOnce(t *testing.T, d Driver, corpus []Case) (*Lab, []Observation) {
	t.Helper()
	lab, err := StartLab(corpus)
	if err != nil {
		t.Fatal(err)
	}
	defer lab.Close()
	console, err := d.Run(context.Background(), lab, 4*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if !d.ReportsConsole() {
		console = nil
	} else {
		t.Logf("%s printed %d console lines", d.Name, len(console))
	}
	obs, err := lab.observations(console)
	if err != nil {
		t.Fatal(err)
	}
	return lab, obs
}

// compareRuns lists the calls whose observations differ between two runs, except in fields an
// exclusion covers.
func compareRuns(xs []Exclusion, browser string, a, b []Observation) []string {
	var out []string
	for i := range a {
		ds := Diff(a[i], b[i])
		if a[i].Error != b[i].Error {
			ds = append(ds, fmt.Sprintf("error: %q, then %q", a[i].Error, b[i].Error))
		}
		if ds, _ = filterDiffs(xs, browser, a[i].ID, ds); len(ds) > 0 {
			out = append(out, fmt.Sprintf("%s: %s", a[i].ID, strings.Join(ds, "; ")))
		}
	}
	return out
}

// experimentCases are cases under study, run only when CORSIM_BROWSER_CASES selects them.
var experimentCases []Case

// selectCases keeps the cases whose name starts with one of the comma-separated prefixes.
func selectCases(corpus []Case, prefixes string) []Case {
	var out []Case
	for _, c := range corpus {
		for _, p := range strings.Split(prefixes, ",") {
			if p != "" && strings.HasPrefix(c.Name, p) {
				out = append(out, c)
				break
			}
		}
	}
	return out
}
