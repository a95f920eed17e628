package browserdoc

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/corsim/corsim/browsers"
	"github.com/corsim/corsim/engine"
)

var update = flag.Bool("update", false, "rewrite docs/browsers.md")

var page = filepath.Join("..", "..", "docs", "browsers.md")

// TestBrowsersPageIsCurrent fails when docs/browsers.md is not what the profiles render.
func TestBrowsersPageIsCurrent(t *testing.T) {
	got := Render(browsers.All)
	if *update {
		if err := os.WriteFile(page, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(page)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/browserdoc -update)", err)
	}
	if d := cmp.Diff(string(want), got); d != "" {
		t.Errorf("docs/browsers.md is stale; run go test ./internal/browserdoc -update (-file +rendered):\n%s", d)
	}
}

// TestEveryDeviationHasEvidence: each browser value the page shows as different from the
// standard has an Evidence entry for its field.
func TestEveryDeviationHasEvidence(t *testing.T) {
	for _, p := range browsers.All[1:] {
		have := map[string]bool{}
		for _, e := range p.Evidence {
			have[e.Field] = true
		}
		for _, f := range Fields() {
			if Differs(p, engine.Spec, f) && !have[f] {
				t.Errorf("%s: %s differs from the standard but has no evidence", p.Name, f)
			}
		}
	}
}
