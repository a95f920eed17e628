package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/corsim/corsim/scenario"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden with the current output")

// golden compares got with testdata/name.golden, or rewrites the file with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs from the golden file (-want +got); if the change is intended, run go test ./report -update:\n%s", path, diff)
	}
}

func TestGolden(t *testing.T) {
	runs := allRuns(t)
	byName := map[string]*scenario.Run{"preflight": runs[0], "blocked": runs[1], "mixed": runs[2]}
	type render func(*bytes.Buffer) error
	cases := map[string]render{
		"run.txt":        func(b *bytes.Buffer) error { return Run(b, runs, Options{}) },
		"run-color.txt":  func(b *bytes.Buffer) error { return Run(b, runs, Options{Color: true}) },
		"run.md":         func(b *bytes.Buffer) error { return Run(b, runs, Options{Format: FormatMarkdown}) },
		"run.json":       func(b *bytes.Buffer) error { return Run(b, runs, Options{Format: FormatJSON}) },
		"test.txt":       func(b *bytes.Buffer) error { return Test(b, runs, Options{Format: FormatText}) },
		"test-color.txt": func(b *bytes.Buffer) error { return Test(b, runs, Options{Color: true}) },
		"test.md":        func(b *bytes.Buffer) error { return Test(b, runs, Options{Format: FormatMarkdown}) },
		"test.json":      func(b *bytes.Buffer) error { return Test(b, runs, Options{Format: FormatJSON}) },
		"explain-preflight-mermaid.md": func(b *bytes.Buffer) error {
			return Explain(b, runs[0], Options{Format: FormatMarkdown, Diagram: DiagramMermaid})
		},
		"explain-blocked-color.txt": func(b *bytes.Buffer) error { return Explain(b, runs[1], Options{Color: true}) },
		"explain-mixed-mermaid.json": func(b *bytes.Buffer) error {
			return Explain(b, runs[2], Options{Format: FormatJSON, Diagram: DiagramMermaid})
		},
	}
	for name, run := range byName {
		cases["explain-"+name+".txt"] = func(b *bytes.Buffer) error { return Explain(b, run, Options{}) }
		cases["explain-"+name+".md"] = func(b *bytes.Buffer) error { return Explain(b, run, Options{Format: FormatMarkdown}) }
		cases["explain-"+name+".json"] = func(b *bytes.Buffer) error { return Explain(b, run, Options{Format: FormatJSON}) }
		cases["mermaid-"+name+".mmd"] = func(b *bytes.Buffer) error { return Mermaid(b, run, "spec") }
		cases["svg-"+name+".svg"] = func(b *bytes.Buffer) error { return SVG(b, run, "spec") }
	}
	for name, r := range cases {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := r(&b); err != nil {
				t.Fatal(err)
			}
			golden(t, name, b.Bytes())
		})
	}
}
