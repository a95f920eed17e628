package scenario

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestReferenceExamplesLoad keeps docs/scenario.md honest: every complete scenario it shows
// (a yaml or json block starting with a title) loads.
func TestReferenceExamplesLoad(t *testing.T) {
	data, err := os.ReadFile("../docs/scenario.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```(yaml|json)\n(.*?)```").FindAllStringSubmatch(string(data), -1)
	n := 0
	for _, b := range blocks {
		src := b[2]
		if !strings.HasPrefix(src, "title:") && !strings.HasPrefix(src, "{\n  \"title\"") {
			continue
		}
		n++
		if _, err := Parse("docs/scenario.md."+b[1], []byte(src)); err != nil {
			t.Errorf("example %d does not load:\n%s\n%v", n, src, err)
		}
	}
	if n < 2 {
		t.Errorf("found %d complete examples, want at least 2", n)
	}
}
