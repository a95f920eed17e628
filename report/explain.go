package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"unicode"

	"github.com/corsim/corsim/browsers"
	"github.com/corsim/corsim/engine"
	"github.com/corsim/corsim/fetchspec"
	"github.com/corsim/corsim/scenario"
)

// wrapWidth is where explain's prose is wrapped, so a trace reads well in an 80- to
// 100-column terminal.
const wrapWidth = 96

// Explain writes corsim explain's whole story of one scenario: for each browser and fetch,
// the request as the script wrote it, every HTTP exchange as the server saw it, every step
// of the trace with its spec link, the preflight cache's events, the verdict, the reason and
// the fix. With Options.Diagram it adds the sequence diagram.
func Explain(w io.Writer, run *scenario.Run, o Options) error {
	f, err := o.check()
	if err != nil {
		return err
	}
	if run == nil {
		return fmt.Errorf("report: Explain needs a run")
	}
	switch f {
	case FormatJSON:
		return writeJSON(w, "explain", []*scenario.Run{run}, o.Diagram)
	case FormatMarkdown:
		return explainMarkdown(w, run, o.Diagram)
	}
	return explainText(w, run, o)
}

// ---- text ----

func explainText(w io.Writer, run *scenario.Run, o Options) error {
	bw := bufio.NewWriter(w)
	s := scenarioOf(run)
	c := o.Color
	title := clean(s.Title)
	if title == "" {
		title = "(untitled scenario)"
	}
	bw.WriteString(paint(c, ansiBold, title) + "\n")
	bw.WriteString(strings.Repeat("=", min(width(title), wrapWidth)) + "\n")
	if s.File != "" {
		bw.WriteString(paint(c, ansiDim, clean(s.File)) + "\n")
	}
	if d := strings.TrimSpace(s.Description); d != "" {
		bw.WriteString("\n")
		for _, l := range strings.Split(cleanBlock(d), "\n") {
			bw.WriteString(l + "\n")
		}
	}
	bw.WriteString("\nPage origin: " + clean(s.Origin) + "\n")
	if s.TopLevelOrigin != "" {
		bw.WriteString("Top-level origin: " + clean(s.TopLevelOrigin) + " (the page is in an iframe)\n")
	}
	for bi := range run.Browsers {
		br := &run.Browsers[bi]
		for fi := range br.Fetches {
			explainFetchText(bw, &br.Fetches[fi], br.Profile.Name, s, c)
		}
		if o.Diagram == DiagramMermaid {
			bw.WriteString("\n" + rule("Sequence diagram (Mermaid) · "+clean(br.Profile.Name)) + "\n")
			if err := Mermaid(bw, run, br.Profile.Name); err != nil {
				return err
			}
		}
	}
	if o.Diagram == DiagramSVG {
		for bi := range run.Browsers {
			bw.WriteString("\n")
			if err := SVG(bw, run, run.Browsers[bi].Profile.Name); err != nil {
				return err
			}
		}
	}
	return bw.Flush()
}

// rule writes a section heading as a line: "── text ─────".
func rule(text string) string {
	n := max(wrapWidth-width(text)-4, 3)
	return "── " + text + " " + strings.Repeat("─", n)
}

func explainFetchText(bw *bufio.Writer, fr *scenario.FetchRun, browser string, s *scenario.Scenario, c bool) {
	res := &fr.Result
	head := fmt.Sprintf("%s · %s · t=%s", clean(fetchLabel(fr)), clean(browser), formatDuration(fr.At))
	bw.WriteString("\n" + paint(c, ansiBold, rule(head)) + "\n\n")

	bw.WriteString("The script calls\n")
	if fr.Fetch != nil {
		for _, l := range strings.Split(scriptCall(fr.Fetch.Request), "\n") {
			bw.WriteString("    " + l + "\n")
		}
	}
	if len(res.Dropped) > 0 {
		bw.WriteString("  The browser silently leaves out: " + clean(headerLine(res.Dropped)) + "\n")
	}

	if len(res.Exchanges) > 0 {
		bw.WriteString("\nHTTP exchanges\n")
		for i := range res.Exchanges {
			ex := &res.Exchanges[i]
			bw.WriteString(fmt.Sprintf("  #%d %s\n", i+1, ex.Kind))
			for _, l := range httpRequestLines(ex) {
				bw.WriteString("    " + paint(c, ansiCyan, "> ") + clean(l) + "\n")
			}
			if note := requestNote(ex); note != "" {
				bw.WriteString("    " + paint(c, ansiDim, "  ("+note+")") + "\n")
			}
			for _, l := range httpResponseLines(ex) {
				bw.WriteString("    " + paint(c, ansiCyan, "< ") + clean(l) + "\n")
			}
		}
	} else {
		bw.WriteString("\nNothing is sent to the server.\n")
	}

	if len(res.Trace) > 0 {
		bw.WriteString("\nWhat the browser decides, step by step\n")
		for _, st := range res.Trace {
			mark := paint(c, ansiGreen, "✓")
			if st.Failed {
				mark = paint(c, ansiRed, "✗")
			}
			text := st.Text
			if st.Exchange >= 0 {
				text += fmt.Sprintf(" [#%d]", st.Exchange+1)
			}
			lines := wrap(clean(text), wrapWidth-6)
			for i, l := range lines {
				if i == 0 {
					bw.WriteString("  " + mark + " " + l + "\n")
				} else {
					bw.WriteString("    " + l + "\n")
				}
			}
			if st.Failed && st.Reason != "" {
				bw.WriteString("    reason: " + paint(c, ansiRed, clean(string(st.Reason))) + "\n")
			}
			if st.Failed && st.Fix != "" {
				writeWrapped(bw, "    fix: ", "         ", clean(st.Fix))
			}
			bw.WriteString("    " + paint(c, ansiDim, clean(st.Anchor)) + "\n")
		}
	}

	if len(res.Cache) > 0 {
		bw.WriteString("\nPreflight cache\n")
		for _, ev := range res.Cache {
			writeWrapped(bw, fmt.Sprintf("  %-6s ", ev.Kind), "         ", clean(cacheEventText(ev)))
		}
	}

	bw.WriteString("\n")
	v := verdict(res)
	switch res.Outcome {
	case engine.OK:
		bw.WriteString("Verdict: " + paint(c, verdictColor(v), v) + ": fetch() resolves; " + clean(responseText(res)) + "\n")
	default:
		how := "fetch() rejects with a TypeError after the browser went to the network"
		if res.Outcome == engine.TypeError {
			how = "fetch() throws a TypeError before anything is sent"
		}
		bw.WriteString("Verdict: " + paint(c, verdictColor(v), v) + " (" + string(res.Outcome) + "): " + how + "\n")
		bw.WriteString("Reason:  " + paint(c, ansiRed, clean(string(res.Reason))))
		if sum := reasonSummary(res.Reason); sum != "" {
			bw.WriteString(" — " + sum)
		}
		bw.WriteString("\n")
		if res.Fix != "" {
			writeWrapped(bw, "Fix:     ", "         ", clean(res.Fix))
		}
	}
	if p, ok := browsers.Lookup(browser); ok {
		if lines := p.ConsoleMessages(*res); len(lines) > 0 {
			bw.WriteString("Console (" + clean(browser) + "):\n")
			for _, l := range lines {
				writeWrapped(bw, "  ", "  ", clean(l))
			}
		}
		if res.Outcome == engine.NetworkError && p.RejectionMessage() != "" {
			bw.WriteString("The page sees: " + clean(p.RejectionMessage()) + "\n")
		}
	}
	for _, w := range res.Warnings {
		bw.WriteString("Warning: " + paint(c, ansiYellow, string(w)))
		if info, ok := warningInfo(w); ok {
			bw.WriteString(" — " + info.Meaning + "\n")
			writeWrapped(bw, "  fix: ", "       ", info.Fix)
		} else {
			bw.WriteString("\n")
		}
	}
	if len(fr.Failures) > 0 {
		bw.WriteString(paint(c, ansiRed, "Expectations not met:") + "\n")
		for _, f := range fr.Failures {
			bw.WriteString(fmt.Sprintf("  %s: %s: want %s, got %s\n", clean(failurePos(f, fr, s).String()), f.Field, clean(f.Want), clean(f.Got)))
		}
	} else if fr.Fetch != nil && fr.Fetch.ExpectFor(browser) != nil {
		bw.WriteString("Expectations: " + paint(c, ansiGreen, "met") + "\n")
	}
}

// writeWrapped writes text wrapped at wrapWidth, the first line after first and the others
// after indent.
func writeWrapped(bw *bufio.Writer, first, indent, text string) {
	for i, l := range wrap(text, wrapWidth-width(first)) {
		if i == 0 {
			bw.WriteString(first + l + "\n")
		} else {
			bw.WriteString(indent + l + "\n")
		}
	}
}

// wrap breaks text into lines of at most n runes at spaces; a word longer than n (a long URL)
// gets a line of its own rather than being cut.
func wrap(text string, n int) []string {
	words := strings.Fields(text)
	if len(words) == 0 {
		return []string{""}
	}
	var lines []string
	cur := words[0]
	for _, wd := range words[1:] {
		if width(cur)+1+width(wd) > n {
			lines = append(lines, cur)
			cur = wd
			continue
		}
		cur += " " + wd
	}
	return append(lines, cur)
}

// responseText says what the script can use of a response that resolved.
func responseText(res *engine.Result) string {
	r := res.Response
	var b strings.Builder
	article := "a"
	if strings.ContainsRune("aeiou", rune(firstByte(string(r.Type)))) {
		article = "an"
	}
	fmt.Fprintf(&b, "the script gets %s %s response with status %d", article, r.Type, r.Status)
	switch {
	case r.Type == engine.TypeOpaque || r.Type == engine.TypeOpaqueRedirect:
		b.WriteString(" (it can read nothing of it)")
	case len(r.HeaderNames) == 0:
		b.WriteString(" and can read no header")
	default:
		b.WriteString(" and can read " + strings.Join(r.HeaderNames, ", "))
	}
	if r.Redirected {
		b.WriteString(" (redirected to " + r.URL + ")")
	}
	return b.String()
}

func firstByte(s string) byte {
	if s == "" {
		return 0
	}
	return s[0]
}

// cacheEventText says in words what one preflight-cache event did.
func cacheEventText(ev engine.CacheEvent) string {
	var b strings.Builder
	what := methodAndHeaders(ev.Method, ev.HeaderNames)
	switch ev.Kind {
	case engine.CacheHit:
		b.WriteString("live entries allow " + what + ": no preflight")
	case engine.CacheMiss:
		b.WriteString("no live entry for " + what + ": a preflight is sent")
	case engine.CacheBypass:
		b.WriteString("this browser skips the cache for the request's cache mode: a preflight is sent")
	case engine.CacheStore:
		parts := []string{}
		if len(ev.Methods) > 0 {
			parts = append(parts, "methods "+strings.Join(ev.Methods, ", "))
		}
		if len(ev.HeaderNames) > 0 {
			parts = append(parts, "headers "+strings.Join(ev.HeaderNames, ", "))
		}
		if len(parts) == 0 {
			parts = append(parts, "the safelisted method")
		}
		fmt.Fprintf(&b, "%s, cached for %s (created %d, refreshed %d entries)",
			strings.Join(parts, "; "), formatDuration(ev.MaxAge), ev.Created, ev.Refreshed)
		return keyText(&b, ev)
	case engine.CacheClear:
		fmt.Fprintf(&b, "the failure clears the entries (%d removed)", ev.Removed)
	default:
		b.WriteString(string(ev.Kind))
	}
	return keyText(&b, ev)
}

func keyText(b *strings.Builder, ev engine.CacheEvent) string {
	if ev.Key.URL != "" {
		b.WriteString(" · " + ev.Key.URL)
	}
	if ev.Key.Origin != "" {
		b.WriteString(" from " + ev.Key.Origin)
	}
	if ev.Key.NetworkPartitionKey != "" && ev.Key.NetworkPartitionKey != ev.Key.Origin {
		b.WriteString(" (partition " + ev.Key.NetworkPartitionKey + ")")
	}
	if ev.Credentials {
		b.WriteString(" · credentialed")
	}
	return b.String()
}

// methodAndHeaders lists what a cache lookup was about.
func methodAndHeaders(method string, headers []string) string {
	var parts []string
	if method != "" {
		parts = append(parts, "method "+method)
	}
	if len(headers) > 0 {
		parts = append(parts, "headers "+strings.Join(headers, ", "))
	}
	if len(parts) == 0 {
		return "the request"
	}
	return strings.Join(parts, " and ")
}

// headerLine writes a header list on one line, "Name: value; Name: value".
func headerLine(l fetchspec.HeaderList) string {
	parts := make([]string, 0, len(l))
	for _, h := range l {
		parts = append(parts, h.Name+": "+h.Value)
	}
	return strings.Join(parts, "; ")
}

// ---- the request as the script wrote it ----

// jsString quotes s as a JavaScript string literal (JSON's syntax is valid JavaScript, and it
// escapes every control character, U+2028 and U+2029 included).
func jsString(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return strconv.Quote(s)
	}
	out := strings.TrimSuffix(b.String(), "\n")
	if isClean(out) {
		return out
	}
	// JSON leaves DEL and the C1 controls as they are; JavaScript accepts them escaped.
	var e strings.Builder
	for _, r := range out {
		if unicode.IsControl(r) {
			fmt.Fprintf(&e, `\u%04x`, r)
			continue
		}
		e.WriteRune(r)
	}
	return e.String()
}

// scriptCall writes the fetch() call a page would make for req, with only the options that
// differ from fetch()'s defaults, so the reader sees what the page author actually wrote.
func scriptCall(req engine.Request) string {
	var opts []string
	if req.Method != "" {
		opts = append(opts, "method: "+jsString(req.Method))
	}
	if len(req.Headers) > 0 {
		hs := make([]string, 0, len(req.Headers))
		for _, h := range req.Headers {
			hs = append(hs, "["+jsString(h.Name)+", "+jsString(h.Value)+"]")
		}
		opts = append(opts, "headers: ["+strings.Join(hs, ", ")+"]")
	}
	switch req.Body {
	case engine.BodyNone:
	case engine.BodyText:
		opts = append(opts, `body: "…"  // a string`)
	case engine.BodyBytes:
		opts = append(opts, "body: new Uint8Array([…])")
	case engine.BodyForm:
		opts = append(opts, "body: new URLSearchParams(…)")
	case engine.BodyMultipart:
		opts = append(opts, "body: new FormData(…)")
	case engine.BodyStream:
		opts = append(opts, "body: new ReadableStream(…)", `duplex: "half"`)
	default:
		opts = append(opts, "body: "+jsString(string(req.Body)))
	}
	for _, o := range []struct{ key, val string }{
		{"mode", string(req.Mode)},
		{"credentials", string(req.Credentials)},
		{"redirect", string(req.Redirect)},
		{"cache", string(req.Cache)},
	} {
		if o.val != "" {
			opts = append(opts, o.key+": "+jsString(o.val))
		}
	}
	call := "fetch(" + jsString(req.URL)
	if len(opts) == 0 {
		call += ")"
	} else {
		call += ", {\n  " + strings.Join(opts, ",\n  ") + "\n})"
	}
	if req.UseCORSPreflight {
		call += "\n// with the use-CORS-preflight flag set, as XMLHttpRequest does for an upload listener"
	}
	return call
}

// ---- HTTP text ----

// splitURL returns the Host header value and the request target of an absolute URL as the
// request line names them: no userinfo, no fragment, "/" for an empty path.
func splitURL(u string) (host, target string) {
	if i := strings.IndexByte(u, '#'); i >= 0 {
		u = u[:i]
	}
	i := strings.Index(u, "://")
	if i < 0 {
		return "", u
	}
	rest := u[i+3:]
	end := strings.IndexAny(rest, "/?")
	if end < 0 {
		end = len(rest)
	}
	host, target = rest[:end], rest[end:]
	if at := strings.LastIndexByte(host, '@'); at >= 0 {
		host = host[at+1:]
	}
	if !strings.HasPrefix(target, "/") {
		target = "/" + target
	}
	return host, target
}

// originOf returns the scheme://host[:port] part of a serialized URL: the participant a
// sequence diagram draws for the server that answers it.
func originOf(u string) string {
	i := strings.Index(u, "://")
	if i < 0 {
		if j := strings.IndexByte(u, ':'); j >= 0 {
			return u[:j+1]
		}
		return u
	}
	host, _ := splitURL(u)
	return u[:i+3] + host
}

// httpRequestLines writes the request as HTTP/1.1 text: the request line, Host, and every
// header the engine recorded, in order.
func httpRequestLines(ex *engine.Exchange) []string {
	host, target := splitURL(ex.Request.URL)
	lines := make([]string, 0, len(ex.Request.Header)+2)
	lines = append(lines, ex.Request.Method+" "+target+" HTTP/1.1")
	if host != "" {
		lines = append(lines, "Host: "+host)
	}
	for _, h := range ex.Request.Header {
		lines = append(lines, h.Name+": "+h.Value)
	}
	return lines
}

// requestNote says what the request carries besides headers.
func requestNote(ex *engine.Exchange) string {
	var parts []string
	if ex.Request.Credentials {
		parts = append(parts, "with cookies and other credentials")
	} else {
		parts = append(parts, "no credentials")
	}
	if ex.Request.Body {
		parts = append(parts, "with a body")
	}
	return strings.Join(parts, ", ")
}

// httpResponseLines writes the answer as HTTP/1.1 text, or says that none came.
func httpResponseLines(ex *engine.Exchange) []string {
	if ex.Error != "" {
		return []string{"(no response: " + ex.Error + ")"}
	}
	lines := make([]string, 0, len(ex.Response.Header)+1)
	lines = append(lines, statusLine(ex.Response.Status))
	for _, h := range ex.Response.Header {
		lines = append(lines, h.Name+": "+h.Value)
	}
	return lines
}

// statusLine writes "HTTP/1.1 204 No Content", the reason phrase from the status code.
func statusLine(status int) string {
	s := "HTTP/1.1 " + strconv.Itoa(status)
	if t := http.StatusText(status); t != "" {
		s += " " + t
	}
	return s
}

// ---- markdown ----

func explainMarkdown(w io.Writer, run *scenario.Run, diagram string) error {
	bw := bufio.NewWriter(w)
	s := scenarioOf(run)
	title := s.Title
	if title == "" {
		title = "(untitled scenario)"
	}
	bw.WriteString("# " + mdText(title) + "\n\n")
	var meta []string
	if s.File != "" {
		meta = append(meta, mdCode(s.File))
	}
	meta = append(meta, "page origin "+mdCode(s.Origin))
	if s.TopLevelOrigin != "" {
		meta = append(meta, "top-level origin "+mdCode(s.TopLevelOrigin)+" (the page is in an iframe)")
	}
	bw.WriteString(strings.Join(meta, " · ") + "\n")
	if d := strings.TrimSpace(s.Description); d != "" {
		bw.WriteString("\n")
		for _, l := range strings.Split(cleanBlock(d), "\n") {
			bw.WriteString(mdText(l) + "\n")
		}
	}
	for bi := range run.Browsers {
		br := &run.Browsers[bi]
		bw.WriteString("\n## Browser: " + mdText(br.Profile.Name) + "\n")
		for fi := range br.Fetches {
			explainFetchMarkdown(bw, &br.Fetches[fi], br.Profile.Name, s)
		}
		switch diagram {
		case DiagramMermaid:
			bw.WriteString("\n### Sequence diagram\n\n```mermaid\n")
			if err := Mermaid(bw, run, br.Profile.Name); err != nil {
				return err
			}
			bw.WriteString("```\n")
		case DiagramSVG:
			bw.WriteString("\n### Sequence diagram\n\n")
			if err := SVG(bw, run, br.Profile.Name); err != nil {
				return err
			}
		}
	}
	return bw.Flush()
}

// mdFence returns a code fence longer than any run of backticks in body.
func mdFence(body string) string {
	fence := "```"
	for strings.Contains(body, fence) {
		fence += "`"
	}
	return fence
}

func mdBlock(bw *bufio.Writer, lang string, lines []string) {
	for i, l := range lines {
		lines[i] = clean(l)
	}
	body := strings.Join(lines, "\n")
	f := mdFence(body)
	bw.WriteString(f + lang + "\n" + body + "\n" + f + "\n")
}

func explainFetchMarkdown(bw *bufio.Writer, fr *scenario.FetchRun, browser string, s *scenario.Scenario) {
	res := &fr.Result
	head := "Fetch " + strconv.Itoa(fr.Index+1)
	if n := fetchName(fr); n != "" {
		head += ": " + mdText(n)
	}
	bw.WriteString("\n### " + head + "\n\n")
	v := verdict(res)
	line := "**Verdict: " + v + "**"
	if res.Outcome == engine.OK {
		line += ": fetch() resolves; " + mdText(responseText(res)) + "."
	} else {
		line += " (" + string(res.Outcome) + "): " + mdCode(string(res.Reason))
		if sum := reasonSummary(res.Reason); sum != "" {
			line += " — " + mdText(sum)
		}
	}
	bw.WriteString(line + "\n")
	if res.Fix != "" {
		bw.WriteString("\n**Fix:** " + mdText(res.Fix) + "\n")
	}
	if p, ok := browsers.Lookup(browser); ok {
		if lines := p.ConsoleMessages(*res); len(lines) > 0 {
			bw.WriteString("\n**Console (" + mdText(browser) + "):**\n\n")
			mdBlock(bw, "text", lines)
		}
		if res.Outcome == engine.NetworkError && p.RejectionMessage() != "" {
			bw.WriteString("\nThe page sees `" + strings.ReplaceAll(p.RejectionMessage(), "`", "'") + "`.\n")
		}
	}
	for _, w := range res.Warnings {
		bw.WriteString("\n**Warning:** `" + string(w) + "`")
		if info, ok := warningInfo(w); ok {
			bw.WriteString(" — " + mdText(info.Meaning) + " " + mdText(info.Fix))
		}
		bw.WriteString("\n")
	}
	bw.WriteString("\nVirtual time: " + formatDuration(fr.At) + ". The script calls:\n\n")
	if fr.Fetch != nil {
		mdBlock(bw, "js", strings.Split(scriptCall(fr.Fetch.Request), "\n"))
	}
	if len(res.Dropped) > 0 {
		bw.WriteString("\nThe browser silently leaves out: " + mdCode(headerLine(res.Dropped)) + "\n")
	}
	if len(res.Exchanges) > 0 {
		bw.WriteString("\n#### HTTP exchanges\n")
		for i := range res.Exchanges {
			ex := &res.Exchanges[i]
			bw.WriteString(fmt.Sprintf("\n%d. %s (%s)\n\n", i+1, ex.Kind, requestNote(ex)))
			lines := httpRequestLines(ex)
			lines = append(lines, "")
			lines = append(lines, httpResponseLines(ex)...)
			for j := range lines {
				lines[j] = "   " + lines[j]
			}
			bw.WriteString("   ")
			f := mdFence(strings.Join(lines, "\n"))
			bw.WriteString(f + "http\n")
			for _, l := range lines {
				bw.WriteString(strings.TrimRight(clean(l), " ") + "\n")
			}
			bw.WriteString("   " + f + "\n")
		}
	} else {
		bw.WriteString("\nNothing is sent to the server.\n")
	}
	if len(res.Trace) > 0 {
		bw.WriteString("\n#### What the browser decides, step by step\n\n")
		for i, st := range res.Trace {
			mark := "✅"
			if st.Failed {
				mark = "❌"
			}
			text := mdText(st.Text)
			if st.Failed {
				text = "**" + text + "**"
			}
			line := fmt.Sprintf("%d. %s %s ([spec](%s))", i+1, mark, text, mdURL(st.Anchor))
			if st.Exchange >= 0 {
				line += fmt.Sprintf(" — exchange %d", st.Exchange+1)
			}
			bw.WriteString(line + "\n")
			if st.Failed && st.Reason != "" {
				bw.WriteString("   - reason: " + mdCode(string(st.Reason)) + "\n")
			}
			if st.Failed && st.Fix != "" {
				bw.WriteString("   - fix: " + mdText(st.Fix) + "\n")
			}
		}
	}
	if len(res.Cache) > 0 {
		bw.WriteString("\n#### Preflight cache\n\n")
		for _, ev := range res.Cache {
			bw.WriteString("- **" + string(ev.Kind) + "**: " + mdText(cacheEventText(ev)) + "\n")
		}
	}
	if len(fr.Failures) > 0 {
		bw.WriteString("\n#### Expectations not met\n\n")
		for _, f := range fr.Failures {
			bw.WriteString(fmt.Sprintf("- %s: %s: want %s, got %s\n", mdCode(failurePos(f, fr, s).String()), f.Field, mdCode(f.Want), mdCode(f.Got)))
		}
	} else if fr.Fetch != nil && fr.Fetch.ExpectFor(browser) != nil {
		bw.WriteString("\nExpectations: met.\n")
	}
}

// mdURL makes a link target safe: spaces, parentheses and angle brackets would end or break
// it.
func mdURL(u string) string { return urlEscaper.Replace(clean(u)) }

var urlEscaper = strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E")

// warningInfo documents a warning code.
func warningInfo(w engine.Warning) (engine.WarningInfo, bool) {
	for _, info := range engine.Warnings {
		if info.Warning == w {
			return info, true
		}
	}
	return engine.WarningInfo{}, false
}
