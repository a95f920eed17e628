package examples

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"

	"github.com/corsim/corsim/browsers"
	"github.com/corsim/corsim/engine"
	"github.com/corsim/corsim/scenario"
)

// galleryFiles lists the scenario files on disk, the source the embedded FS is built from.
func galleryFiles(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob("*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	if len(files) == 0 {
		t.Fatal("no *.yaml files: the gallery is empty")
	}
	return files
}

// loadGallery loads every example with the loader the corsim command uses; any load error is a
// test failure that names file:line:col.
func loadGallery(t testing.TB) []*scenario.Scenario {
	t.Helper()
	scenarios, err := scenario.LoadAll(galleryFiles(t))
	if err != nil {
		t.Fatalf("loading the gallery:\n%v", err)
	}
	return scenarios
}

var nameRE = regexp.MustCompile(`^(\d\d)-[a-z0-9]+(?:-[a-z0-9]+)*\.yaml$`)

// TestNames checks that Names lists exactly the files on disk, in order, that every name
// follows NN-short-slug.yaml, and that the numbers run 01, 02, … without gaps or repeats.
func TestNames(t *testing.T) {
	if diff := cmp.Diff(galleryFiles(t), Names()); diff != "" {
		t.Errorf("Names() differs from the *.yaml files on disk (-disk +Names):\n%s", diff)
	}
	for i, name := range Names() {
		m := nameRE.FindStringSubmatch(name)
		if m == nil {
			t.Errorf("%s: name is not NN-short-slug.yaml", name)
			continue
		}
		if n, _ := strconv.Atoi(m[1]); n != i+1 {
			t.Errorf("%s: number %02d is in position %d; numbers must run from 01 without gaps", name, n, i+1)
		}
		if _, err := fs.Stat(FS, name); err != nil {
			t.Errorf("%s: not in FS: %v", name, err)
		}
	}
}

// TestEmbeddedMatchesDisk checks that parsing the embedded copies, as the demo does, gives the
// same scenarios as loading the files from disk.
func TestEmbeddedMatchesDisk(t *testing.T) {
	fromDisk := loadGallery(t)
	type summary struct {
		Title   string
		Origin  string
		Fetches []string
	}
	summarize := func(s *scenario.Scenario) summary {
		sum := summary{Title: s.Title, Origin: s.Origin}
		for _, f := range s.Fetches {
			sum.Fetches = append(sum.Fetches, f.Request.Method+" "+f.Request.URL)
		}
		return sum
	}
	var want, got []summary
	for _, s := range fromDisk {
		want = append(want, summarize(s))
	}
	for _, name := range Names() {
		data, err := fs.ReadFile(FS, name)
		if err != nil {
			t.Fatal(err)
		}
		s, err := scenario.Parse(name, data)
		if err != nil {
			t.Fatalf("parsing embedded %s:\n%v", name, err)
		}
		got = append(got, summarize(s))
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("embedded scenarios differ from the files on disk (-disk +embedded):\n%s", diff)
	}
}

// TestGalleryIsWellFormed checks what makes the gallery useful as lessons and as a test suite:
// a title and a description on every example, an expectation with an outcome on every fetch,
// a reason exactly when the outcome is a failure, and that reason's documented outcome equal to
// the expected one.
func TestGalleryIsWellFormed(t *testing.T) {
	for _, s := range loadGallery(t) {
		if strings.TrimSpace(s.Title) == "" {
			t.Errorf("%s: no title", s.File)
		}
		if strings.TrimSpace(s.Description) == "" {
			t.Errorf("%s: no description", s.File)
		}
		if len(s.Fetches) == 0 {
			t.Errorf("%s: no fetches", s.File)
		}
		for i := range s.Fetches {
			f := &s.Fetches[i]
			if f.Expect == nil {
				t.Errorf("%s: fetch %d has no expect", f.Pos, i+1)
				continue
			}
			for _, e := range expectations(f) {
				checkExpect(t, e)
			}
		}
	}
}

// expectations returns what the fetch expects under each profile the engine models: its
// expect merged with that profile's override, in the order of browsers.All.
func expectations(f *scenario.Fetch) []*scenario.Expect {
	out := make([]*scenario.Expect, 0, len(browsers.All))
	for _, p := range browsers.All {
		out = append(out, f.ExpectFor(p.Name))
	}
	return out
}

func checkExpect(t *testing.T, e *scenario.Expect) {
	t.Helper()
	if e == nil {
		return
	}
	if e.Outcome == nil {
		t.Errorf("%s: expect has no outcome", e.Pos)
		return
	}
	switch {
	case *e.Outcome == engine.OK && e.Reason != nil:
		t.Errorf("%s: outcome ok with reason %q", e.Pos, *e.Reason)
	case *e.Outcome != engine.OK && e.Reason == nil:
		t.Errorf("%s: outcome %s without a reason", e.Pos, *e.Outcome)
	case e.Reason != nil:
		info, ok := e.Reason.Info()
		if !ok {
			t.Errorf("%s: unknown reason %q", e.Pos, *e.Reason)
		} else if info.Outcome != *e.Outcome {
			t.Errorf("%s: reason %q is a %s, but the expected outcome is %s", e.Pos, *e.Reason, info.Outcome, *e.Outcome)
		}
	}
}

// TestGalleryPasses runs every example on every profile and reports each expectation that the
// engine does not meet, at the file:line:col of the expectation.
func TestGalleryPasses(t *testing.T) {
	for _, s := range loadGallery(t) {
		t.Run(strings.TrimSuffix(filepath.Base(s.File), ".yaml"), func(t *testing.T) {
			run, err := scenario.Execute(context.Background(), s, nil, nil)
			if err != nil {
				t.Fatalf("%s: %v", s.File, err)
			}
			if !run.HasExpectations() {
				t.Errorf("%s: the run has no expectations", s.File)
			}
			failures := 0
			for _, b := range run.Browsers {
				if len(b.Fetches) != len(s.Fetches) {
					t.Errorf("%s: %s ran %d fetches of %d", s.File, b.Profile.Name, len(b.Fetches), len(s.Fetches))
				}
				for _, fr := range b.Fetches {
					failures += len(fr.Failures)
					for _, f := range fr.Failures {
						t.Errorf("%s: %s, fetch %d %q: %s: want %s, got %s (trace: %s)",
							f.Pos, b.Profile.Name, fr.Index+1, fr.Fetch.Name, f.Field, f.Want, f.Got, failureText(fr.Result))
					}
				}
			}
			if run.Passed() != (failures == 0) {
				t.Errorf("%s: Run.Passed() = %v, but the run has %d expectation failures", s.File, run.Passed(), failures)
			}
		})
	}
}

// failureText is the failing step's words, so a broken example says why without a rerun.
func failureText(r engine.Result) string {
	if step, ok := r.Failure(); ok {
		return step.Text
	}
	return "no failure"
}

// TestReasonCoverage checks that the expectations of the gallery, taken together, name every
// reason code the engine can report, so that every failure a learner can meet has a worked
// example.
func TestReasonCoverage(t *testing.T) {
	covered := map[engine.Reason][]string{}
	for _, s := range loadGallery(t) {
		for i := range s.Fetches {
			for _, e := range expectations(&s.Fetches[i]) {
				if e != nil && e.Reason != nil {
					covered[*e.Reason] = append(covered[*e.Reason], filepath.Base(s.File))
				}
			}
		}
	}
	var missing []string
	for _, info := range engine.Reasons {
		if len(covered[info.Reason]) == 0 {
			missing = append(missing, string(info.Reason))
		}
	}
	if len(missing) > 0 {
		t.Errorf("no example expects these reason codes: %s", strings.Join(missing, ", "))
	}
}

// TestREADMEIndexesEveryExample keeps the index in README.md in step with the files: each
// example is listed, and every reason code the example expects appears on its row.
func TestREADMEIndexesEveryExample(t *testing.T) {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		if !strings.HasPrefix(line, "|") {
			continue
		}
		for _, name := range Names() {
			if strings.Contains(line, "("+name+")") {
				rows[name] = line
			}
		}
	}
	for _, s := range loadGallery(t) {
		name := filepath.Base(s.File)
		row, ok := rows[name]
		if !ok {
			t.Errorf("README.md has no index row linking %s", name)
			continue
		}
		for i := range s.Fetches {
			for _, e := range expectations(&s.Fetches[i]) {
				if e != nil && e.Reason != nil && !strings.Contains(row, "`"+string(*e.Reason)+"`") {
					t.Errorf("README.md: the row of %s does not list `%s`", name, *e.Reason)
				}
			}
		}
	}
}

// verdict is what a fetch decided, in the terms an expectation can check.
type verdict struct {
	Outcome     engine.Outcome
	Reason      engine.Reason
	Preflighted bool
	Type        engine.ResponseType
	Status      int
	HeaderNames []string
	Exchanges   int
}

func verdicts(run *scenario.Run) [][]verdict {
	out := make([][]verdict, len(run.Browsers))
	for i, b := range run.Browsers {
		for _, fr := range b.Fetches {
			r := fr.Result
			out[i] = append(out[i], verdict{r.Outcome, r.Reason, r.Preflighted(), r.Response.Type,
				r.Response.Status, r.Response.HeaderNames, len(r.Exchanges)})
		}
	}
	return out
}

// TestPrefixRunsAgree is a property of sessions: a fetch's result depends only on what came
// before it, so running the first k fetches of an example gives, for those k, exactly what the
// full run gives. A shared cache between runs, or a session that did not start fresh, breaks it.
func TestPrefixRunsAgree(t *testing.T) {
	gallery := loadGallery(t)
	full := make([][][]verdict, len(gallery))
	for i, s := range gallery {
		run, err := scenario.Execute(context.Background(), s, nil, nil)
		if err != nil {
			t.Fatalf("%s: %v", s.File, err)
		}
		full[i] = verdicts(run)
	}
	rapid.Check(t, func(rt *rapid.T) {
		i := rapid.IntRange(0, len(gallery)-1).Draw(rt, "example")
		s := *gallery[i]
		k := rapid.IntRange(1, len(s.Fetches)).Draw(rt, "fetches")
		s.Fetches = s.Fetches[:k]
		run, err := scenario.Execute(context.Background(), &s, nil, nil)
		if err != nil {
			rt.Fatalf("%s: %v", s.File, err)
		}
		got := verdicts(run)
		want := make([][]verdict, len(full[i]))
		for b := range full[i] {
			want[b] = full[i][b][:k]
		}
		if diff := cmp.Diff(want, got); diff != "" {
			rt.Fatalf("%s: the first %d fetches run alone differ from the full run (-full +prefix):\n%s", s.File, k, diff)
		}
	})
}

// BenchmarkGallery measures executing the whole gallery on every profile, which is what
// `corsim test examples/` does in CI.
func BenchmarkGallery(b *testing.B) {
	gallery := loadGallery(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range gallery {
			if _, err := scenario.Execute(ctx, s, nil, nil); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkParseGallery measures parsing every embedded example, which the demo does at start.
func BenchmarkParseGallery(b *testing.B) {
	names := Names()
	data := make([][]byte, len(names))
	for i, name := range names {
		d, err := fs.ReadFile(FS, name)
		if err != nil {
			b.Fatal(err)
		}
		data[i] = d
	}
	b.ReportAllocs()
	for b.Loop() {
		for i, name := range names {
			if _, err := scenario.Parse(name, data[i]); err != nil {
				b.Fatal(fmt.Errorf("%s: %w", name, err))
			}
		}
	}
}
