package report

import (
	"bufio"
	"io"
	"strings"

	"github.com/corsim/corsim/scenario"
)

// Mermaid writes one browser's session through the scenario as a Mermaid sequenceDiagram:
// participants Page (the page's origin), Browser, and one per server origin; an arrow for
// each fetch() call, preflight, request and response, with the CORS headers that decide the
// outcome; notes for preflight-cache hits and for the verdict. GitHub, GitLab and most
// documentation tools render it.
// https://mermaid.js.org/syntax/sequenceDiagram.html
func Mermaid(w io.Writer, run *scenario.Run, browser string) error {
	seq, err := buildSequence(run, browser)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	bw.WriteString("sequenceDiagram\n")
	bw.WriteString("    title " + mermaidText(seq.title) + "\n")
	for _, p := range seq.parts {
		bw.WriteString("    participant " + p.id + " as " + mermaidLines(p.label) + "\n")
	}
	for _, ev := range seq.events {
		switch ev.kind {
		case evNote:
			span := seq.parts[ev.from].id
			if ev.to != ev.from {
				span += "," + seq.parts[ev.to].id
			}
			bw.WriteString("    Note over " + span + ": " + mermaidLines(ev.lines) + "\n")
		case evArrow:
			arrow := "->>"
			switch {
			case ev.cross:
				arrow = "--x"
			case ev.dashed:
				arrow = "-->>"
			}
			bw.WriteString("    " + seq.parts[ev.from].id + arrow + seq.parts[ev.to].id + ": " + mermaidLines(ev.lines) + "\n")
		}
	}
	return bw.Flush()
}

// mermaidEscaper replaces the characters Mermaid reads as syntax inside a message (";" ends a
// statement, "#" starts an entity code, "<" and ">" would be HTML) with entity codes.
var mermaidEscaper = strings.NewReplacer(
	"#", "#35;", ";", "#59;", "<", "#60;", ">", "#62;", "&", "#38;", "%", "#37;", "\"", "#quot;",
)

// mermaidText escapes one line of a label; it is never empty, because Mermaid needs text
// after a colon.
func mermaidText(s string) string {
	s = mermaidEscaper.Replace(clean(s))
	if strings.TrimSpace(s) == "" {
		return "#160;"
	}
	return s
}

// mermaidLines joins label lines with Mermaid's line break.
func mermaidLines(lines []string) string {
	if len(lines) == 0 {
		return mermaidText("")
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = mermaidText(l)
	}
	return strings.Join(out, "<br/>")
}
