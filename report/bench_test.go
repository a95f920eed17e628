package report

import (
	"io"
	"testing"

	"github.com/corsim/corsim/scenario"
)

// The hot paths are the renderers over a whole gallery (corsim demo renders every example),
// and clean, which every printed string goes through.

func benchRender(b *testing.B, f func(w io.Writer, runs []*scenario.Run) error) {
	runs := allRuns(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if err := f(io.Discard, runs); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRunText(b *testing.B) {
	benchRender(b, func(w io.Writer, runs []*scenario.Run) error { return Run(w, runs, Options{}) })
}

func BenchmarkRunMarkdown(b *testing.B) {
	benchRender(b, func(w io.Writer, runs []*scenario.Run) error { return Run(w, runs, Options{Format: FormatMarkdown}) })
}

func BenchmarkRunJSON(b *testing.B) {
	benchRender(b, func(w io.Writer, runs []*scenario.Run) error { return Run(w, runs, Options{Format: FormatJSON}) })
}

func BenchmarkTestText(b *testing.B) {
	benchRender(b, func(w io.Writer, runs []*scenario.Run) error { return Test(w, runs, Options{}) })
}

func BenchmarkExplainText(b *testing.B) {
	benchRender(b, func(w io.Writer, runs []*scenario.Run) error { return Explain(w, runs[0], Options{}) })
}

func BenchmarkExplainMarkdown(b *testing.B) {
	benchRender(b, func(w io.Writer, runs []*scenario.Run) error {
		return Explain(w, runs[0], Options{Format: FormatMarkdown})
	})
}

func BenchmarkMermaid(b *testing.B) {
	benchRender(b, func(w io.Writer, runs []*scenario.Run) error { return Mermaid(w, runs[0], "spec") })
}

func BenchmarkSVG(b *testing.B) {
	benchRender(b, func(w io.Writer, runs []*scenario.Run) error { return SVG(w, runs[0], "spec") })
}

var sink string

func BenchmarkCleanASCII(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sink = clean("https://api.example/items/1 is cross-origin and the request is not simple")
	}
}

func BenchmarkCleanEscapes(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sink = clean("title with \x1b[31mcolour\x1b[0m and a\nbreak")
	}
}
