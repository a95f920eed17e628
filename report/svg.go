package report

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/corsim/corsim/scenario"
)

// SVG layout, in pixels. Text is monospace so its width can be computed without a font.
const (
	svgFont      = 12.0
	svgCharW     = 7.25 // advance of one monospace character at 12px
	svgLineH     = 15.0
	svgMargin    = 20.0
	svgMinGap    = 170.0 // between two lifelines
	svgWrapChars = 58    // longest label line before wrapping
	svgPadX      = 10.0
	svgBoxPadY   = 7.0
)

// svgTone holds the fill and stroke of each tone.
var svgTone = map[string][2]string{
	"":          {"#ffffff", "#333333"},
	toneFetch:   {"#eef1f5", "#8391a5"},
	toneCache:   {"#fff7d6", "#c9a227"},
	toneAllowed: {"#e3f6e8", "#2e8b57"},
	toneBlocked: {"#fde8e8", "#c0392b"},
	toneRefused: {"#fff1db", "#d68910"},
	toneError:   {"#fde8e8", "#c0392b"},
}

// SVG draws the same sequence diagram as Mermaid, as a standalone SVG document corsim lays
// out itself, so a diagram can be produced with no browser or JavaScript: lifelines, arrows
// with wrapped labels, cache notes and the verdict of every fetch.
// https://www.w3.org/TR/SVG2/
func SVG(w io.Writer, run *scenario.Run, browser string) error {
	seq, err := buildSequence(run, browser)
	if err != nil {
		return err
	}
	l := layoutSequence(seq)
	bw := bufio.NewWriter(w)
	l.write(bw, seq)
	return bw.Flush()
}

// svgLayout is where everything goes.
type svgLayout struct {
	x        []float64 // lifeline centres
	boxW     []float64
	boxH     float64
	top      float64 // y of the participant boxes
	rows     []svgRow
	width    float64
	height   float64
	bottomY  float64 // y of the bottom participant boxes
	wrapped  [][]string
	partWrap [][]string
}

type svgRow struct {
	y          float64 // arrow line, or note box top
	h          float64 // note box height
	noteX      float64 // note box left
	noteW      float64
	labelStart float64 // first label baseline (arrows)
}

func textW(s string) float64 { return float64(width(s)) * svgCharW }

func maxTextW(lines []string) float64 {
	m := 0.0
	for _, l := range lines {
		m = max(m, textW(l))
	}
	return m
}

// wrapLabel breaks label lines longer than svgWrapChars at spaces, commas or, failing those,
// anywhere.
func wrapLabel(lines []string) []string {
	var out []string
	for _, l := range lines {
		for width(l) > svgWrapChars {
			r := []rune(l)
			cut := -1
			for i := svgWrapChars; i > svgWrapChars/2; i-- {
				if r[i] == ' ' || r[i-1] == ',' || r[i-1] == ';' {
					cut = i
					break
				}
			}
			if cut < 0 {
				cut = svgWrapChars
			}
			out = append(out, strings.TrimRight(string(r[:cut]), " "))
			l = "  " + strings.TrimLeft(string(r[cut:]), " ")
		}
		out = append(out, l)
	}
	return out
}

func layoutSequence(seq *sequence) *svgLayout {
	n := len(seq.parts)
	l := &svgLayout{x: make([]float64, n), boxW: make([]float64, n)}
	maxLines := 1
	for i, p := range seq.parts {
		lines := wrapLabel(p.label)
		l.partWrap = append(l.partWrap, lines)
		l.boxW[i] = maxTextW(lines) + 2*svgPadX
		maxLines = max(maxLines, len(lines))
	}
	l.boxH = float64(maxLines)*svgLineH + 2*svgBoxPadY
	l.wrapped = make([][]string, len(seq.events))
	for i, ev := range seq.events {
		l.wrapped[i] = wrapLabel(ev.lines)
	}

	// Gaps between neighbouring lifelines: room for both boxes, then widened until every
	// arrow's label fits over the lifelines it spans (narrow spans first).
	gaps := make([]float64, max(n-1, 0))
	for i := range gaps {
		gaps[i] = max(svgMinGap, (l.boxW[i]+l.boxW[i+1])/2+24)
	}
	for span := 1; span < n; span++ {
		for i, ev := range seq.events {
			a, b := min(ev.from, ev.to), max(ev.from, ev.to)
			if ev.kind != evArrow || b-a != span {
				continue
			}
			need := maxTextW(l.wrapped[i]) + 2*svgPadX
			have := 0.0
			for g := a; g < b; g++ {
				have += gaps[g]
			}
			if need > have {
				extra := (need - have) / float64(span)
				for g := a; g < b; g++ {
					gaps[g] += extra
				}
			}
		}
	}
	left := svgMargin + l.boxW[0]/2
	for i := range l.x {
		if i > 0 {
			left += gaps[i-1]
		}
		l.x[i] = left
	}

	// Rows, top to bottom.
	y := svgMargin + 26 // title
	l.top = y
	y += l.boxH + 18
	minX, maxX := 0.0, 0.0
	for i := range l.x {
		minX = min(minX, l.x[i]-l.boxW[i]/2)
		maxX = max(maxX, l.x[i]+l.boxW[i]/2)
	}
	for i, ev := range seq.events {
		lines := l.wrapped[i]
		var r svgRow
		switch ev.kind {
		case evArrow:
			r.labelStart = y + svgFont
			r.y = y + float64(len(lines))*svgLineH + 4
			y = r.y + 14
		case evNote:
			a, b := min(ev.from, ev.to), max(ev.from, ev.to)
			w := maxTextW(lines) + 2*svgPadX
			span := l.x[b] - l.x[a] + 60
			w = max(w, span)
			mid := (l.x[a] + l.x[b]) / 2
			r.noteX, r.noteW = mid-w/2, w
			r.y = y
			r.h = float64(len(lines))*svgLineH + 2*svgBoxPadY
			y += r.h + 12
			minX = min(minX, r.noteX)
			maxX = max(maxX, r.noteX+r.noteW)
		}
		l.rows = append(l.rows, r)
	}
	l.bottomY = y + 6
	l.height = l.bottomY + l.boxH + svgMargin
	maxX = max(maxX, svgMargin+textW(seq.title))
	// Shift right if a note sticks out on the left.
	shift := 0.0
	if minX < svgMargin {
		shift = svgMargin - minX
	}
	for i := range l.x {
		l.x[i] += shift
	}
	for i := range l.rows {
		l.rows[i].noteX += shift
	}
	l.width = maxX + shift + svgMargin
	return l
}

// svgEscape writes s as XML character data; encoding/xml also replaces characters XML cannot
// hold.
func svgEscape(bw *bufio.Writer, s string) {
	_ = xml.EscapeText(bw, []byte(s))
}

func (l *svgLayout) write(bw *bufio.Writer, seq *sequence) {
	fmt.Fprintf(bw, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="%.0f">`+"\n",
		l.width, l.height, l.width, l.height, svgFont)
	bw.WriteString("<title>")
	svgEscape(bw, seq.title)
	bw.WriteString("</title>\n")
	bw.WriteString(`<defs>` +
		`<marker id="head" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#333333"/></marker>` +
		`<marker id="head-error" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#c0392b"/></marker>` +
		"</defs>\n")
	fmt.Fprintf(bw, `<rect x="0" y="0" width="%.0f" height="%.0f" fill="#ffffff"/>`+"\n", l.width, l.height)
	fmt.Fprintf(bw, `<text x="%.1f" y="%.1f" font-size="14" font-weight="bold" fill="#222222">`, svgMargin, svgMargin+8)
	svgEscape(bw, seq.title)
	bw.WriteString("</text>\n")

	// Lifelines, then boxes at both ends.
	for i := range seq.parts {
		fmt.Fprintf(bw, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#9aa5b1" stroke-dasharray="4 4"/>`+"\n",
			l.x[i], l.top+l.boxH, l.x[i], l.bottomY)
	}
	for i := range seq.parts {
		l.box(bw, i, l.top)
		l.box(bw, i, l.bottomY)
	}

	for i, ev := range seq.events {
		r := l.rows[i]
		lines := l.wrapped[i]
		tone := svgTone[ev.tone]
		switch ev.kind {
		case evNote:
			fmt.Fprintf(bw, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="3" fill="%s" stroke="%s"/>`+"\n",
				r.noteX, r.y, r.noteW, r.h, tone[0], tone[1])
			for j, line := range lines {
				weight := ""
				if ev.tone == toneAllowed || ev.tone == toneBlocked || ev.tone == toneRefused {
					weight = ` font-weight="bold"`
				}
				fmt.Fprintf(bw, `<text x="%.1f" y="%.1f" text-anchor="middle" fill="#222222"%s>`,
					r.noteX+r.noteW/2, r.y+svgBoxPadY+svgFont+float64(j)*svgLineH-1, weight)
				svgEscape(bw, line)
				bw.WriteString("</text>\n")
			}
		case evArrow:
			x1, x2 := l.x[ev.from], l.x[ev.to]
			stroke, marker := "#333333", "head"
			if ev.tone == toneError {
				stroke, marker = "#c0392b", "head-error"
			}
			dash := ""
			if ev.dashed {
				dash = ` stroke-dasharray="6 4"`
			}
			end := x2
			if ev.cross {
				// Stop short and draw an X: nothing usable arrives.
				if x2 > x1 {
					end = x2 - 14
				} else {
					end = x2 + 14
				}
				fmt.Fprintf(bw, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="1.5"%s/>`+"\n",
					x1, r.y, end, r.y, stroke, dash)
				fmt.Fprintf(bw, `<path d="M%.1f,%.1f l10,10 m0,-10 l-10,10" stroke="%s" stroke-width="2" fill="none"/>`+"\n",
					end-5, r.y-5, stroke)
			} else {
				fmt.Fprintf(bw, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="1.5"%s marker-end="url(#%s)"/>`+"\n",
					x1, r.y, end, r.y, stroke, dash, marker)
			}
			mid := (x1 + x2) / 2
			for j, line := range lines {
				fill := "#222222"
				if j == 0 && ev.tone == toneError {
					fill = "#c0392b"
				}
				weight := ""
				if j == 0 {
					weight = ` font-weight="bold"`
				}
				// A white halo keeps the label readable where it crosses a lifeline.
				fmt.Fprintf(bw, `<text x="%.1f" y="%.1f" text-anchor="middle" fill="%s"%s stroke="#ffffff" stroke-width="4" stroke-linejoin="round" paint-order="stroke">`, mid, r.labelStart+float64(j)*svgLineH, fill, weight)
				svgEscape(bw, line)
				bw.WriteString("</text>\n")
			}
		}
	}
	bw.WriteString("</svg>\n")
}

// box draws a participant's name box with its top at y.
func (l *svgLayout) box(bw *bufio.Writer, i int, y float64) {
	w := l.boxW[i]
	fmt.Fprintf(bw, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="4" fill="#eaf1fb" stroke="#4a6fa5"/>`+"\n",
		l.x[i]-w/2, y, w, l.boxH)
	lines := l.partWrap[i]
	y0 := y + (l.boxH-float64(len(lines))*svgLineH)/2 + svgFont - 1
	for j, line := range lines {
		weight := ""
		if j == 0 {
			weight = ` font-weight="bold"`
		}
		fmt.Fprintf(bw, `<text x="%.1f" y="%.1f" text-anchor="middle" fill="#1f2d3d"%s>`, l.x[i], y0+float64(j)*svgLineH, weight)
		svgEscape(bw, line)
		bw.WriteString("</text>\n")
	}
}
