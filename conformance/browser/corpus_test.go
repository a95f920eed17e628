package browser

import (
	"strings"
	"testing"
)

// TestCorpus checks the corpus without a browser: it validates, is big enough, its names are
// unique and URL-safe, and its pauses fit the time budget (the corpus runs six times per CI run).
func TestCorpus(t *testing.T) {
	corpus := Corpus()
	if err := Validate(corpus); err != nil {
		t.Fatal(err)
	}
	if n := len(corpus); n < 130 {
		t.Errorf("%d cases, want at least 130", n)
	}
	if n := Calls(corpus); n < 280 {
		t.Errorf("%d calls, want at least 280", n)
	}
	names := map[string]bool{}
	pause := 0
	for _, c := range corpus {
		if names[c.Name] {
			t.Errorf("case name %q is used twice", c.Name)
		}
		names[c.Name] = true
		for _, r := range c.Name {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_.", r)) {
				t.Errorf("case name %q: %q is not URL-safe", c.Name, r)
				break
			}
		}
		if c.About == "" || strings.Contains(c.About, "\n") {
			t.Errorf("case %q: About must be one line", c.Name)
		}
		for i, call := range c.Calls {
			if call.PauseMS < 0 {
				t.Errorf("%s: negative pause", CallID(c, i))
			}
			pause += call.PauseMS
		}
	}
	if pause >= 25000 {
		t.Errorf("the pauses add up to %d ms, want under 25000", pause)
	}
	t.Logf("%d cases, %d calls, %d ms of pauses", len(corpus), Calls(corpus), pause)
}
