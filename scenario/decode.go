package scenario

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/corsim/corsim/browsers"
	"github.com/corsim/corsim/server"

	"go.yaml.in/yaml/v3"

	"github.com/corsim/corsim/engine"
	"github.com/corsim/corsim/fetchspec"
	"github.com/corsim/corsim/origin"
	"github.com/corsim/corsim/weburl"
)

// nodeBudget bounds how many nodes the decoder visits. Aliases let a small file name the same
// subtree many times over (the "billion laughs" attack); the decoder reads an alias in place, so
// without a bound such a file would take exponential time.
const nodeBudget = 1 << 20

// decoder turns the yaml.Node tree of one file into a Scenario, collecting every error with the
// position of the node at fault rather than stopping at the first.
type decoder struct {
	file   string
	data   []byte
	json   bool
	lines  []string
	errs   ErrorList
	budget int
	spent  bool
}

func newDecoder(file string, data []byte, isJSON bool) *decoder {
	return &decoder{file: file, data: data, json: isJSON, budget: nodeBudget}
}

func (d *decoder) pos(n *yaml.Node) Position {
	p := Position{File: d.file, Line: n.Line, Col: n.Column}
	// The parser places an empty value at the end of the input on the line after the last,
	// which does not exist; point at the end of the file instead.
	if d.lines == nil {
		d.lines = strings.Split(yamlBreaks.Replace(string(d.data)), "\n")
	}
	if p.Line > len(d.lines) {
		p.Line, p.Col = len(d.lines), len(d.lines[len(d.lines)-1])+1
	}
	p.Line, p.Col = max(p.Line, 1), max(p.Col, 1)
	return p
}

func (d *decoder) errorAt(p Position, format string, args ...any) {
	d.errs = append(d.errs, &Error{Pos: p, Msg: fmt.Sprintf(format, args...)})
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.errorAt(d.pos(n), format, args...)
}

// deref follows an alias to the node it names and charges the node budget. It returns nil once
// the budget is spent, after reporting that once.
func (d *decoder) deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode; i++ {
		if i > 64 || n.Alias == nil {
			d.errorf(n, "alias *%s cannot be resolved", n.Value)
			return nil
		}
		n = n.Alias
	}
	if n == nil {
		return nil
	}
	d.budget--
	if d.budget < 0 {
		if !d.spent {
			d.spent = true
			d.errorf(n, "the file expands to more than %d values (too many aliases?)", nodeBudget)
		}
		return nil
	}
	return n
}

// yamlLine finds the line number in the YAML library's error messages, which carry no column.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func (d *decoder) syntaxError(err error) {
	syntax := "YAML"
	if d.json {
		syntax = "JSON"
	}
	msg := err.Error()
	line := 1
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		if n, err := strconv.Atoi(m[1]); err == nil && n > 0 {
			line = n
		}
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	d.errorAt(Position{File: d.file, Line: line, Col: 1}, "invalid %s: %s", syntax, msg)
}

// decodeDoc decodes one document, turning a panic of the YAML library into an error: a
// malformed file must never take the program down.
func decodeDoc(dec *yaml.Decoder, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: %v", r)
		}
	}()
	return dec.Decode(n)
}

// document parses the file and returns its root node, or nil after reporting why there is none.
func (d *decoder) document() *yaml.Node {
	dec := yaml.NewDecoder(bytes.NewReader(d.data))
	var doc yaml.Node
	err := decodeDoc(dec, &doc)
	if errors.Is(err, io.EOF) || (err == nil && (len(doc.Content) == 0 || isEmptyNull(doc.Content[0]))) {
		d.errorAt(Position{File: d.file, Line: 1, Col: 1}, "the file is empty; a scenario needs %s", quoteList(scenarioRequired))
		return nil
	}
	if err != nil {
		d.syntaxError(err)
		return nil
	}
	var extra yaml.Node
	switch err := decodeDoc(dec, &extra); {
	case errors.Is(err, io.EOF):
	case err != nil:
		d.syntaxError(err)
		return nil
	default:
		d.errorf(&extra, "a scenario file holds one document; a second one starts here")
		return nil
	}
	return doc.Content[0]
}

// isEmptyNull reports a document with nothing in it but "---" and comments.
func isEmptyNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null" && n.Value == ""
}

// fields is a decoded mapping: its node, for positions, and its values by key.
type fields struct {
	node *yaml.Node
	m    map[string]*yaml.Node
}

// get returns the value of key, aliases resolved, or nil when the key is absent.
func (d *decoder) get(f fields, key string) *yaml.Node {
	n, ok := f.m[key]
	if !ok {
		return nil
	}
	return d.deref(n)
}

// mapping checks that n is a mapping whose keys are all in keys, each once, and indexes it. what
// names the mapping in messages ("fetch", "route", ...).
func (d *decoder) mapping(n *yaml.Node, what string, keys []string) (fields, bool) {
	if n == nil {
		return fields{}, false
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s must be a mapping, got %s", what, describe(n))
		return fields{}, false
	}
	f := fields{node: n, m: make(map[string]*yaml.Node, len(n.Content)/2)}
	seen := make(map[string]*yaml.Node, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := d.deref(n.Content[i])
		if k == nil {
			return f, !d.spent
		}
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, "keys in %s must be strings, got %s", what, describe(k))
			continue
		}
		if k.Tag == "!!merge" {
			d.errorf(k, "merge keys (<<) are not supported in %s; write the keys out", what)
			continue
		}
		name := k.Value
		if prev, dup := seen[name]; dup {
			d.errorf(k, "duplicate key %q in %s (first at line %d)", name, what, prev.Line)
			continue
		}
		seen[name] = k
		if !contains(keys, name) {
			d.errorf(k, "unknown key %s in %s; %s", quote(name), what, suggest(name, keys))
			continue
		}
		f.m[name] = n.Content[i+1]
	}
	return f, true
}

// require reports each required key that f lacks, at the mapping's position.
func (d *decoder) require(f fields, what string, keys []string) {
	for _, k := range keys {
		if _, ok := f.m[k]; !ok {
			d.errorf(f.node, "%s is missing required key %q", what, k)
		}
	}
}

// describe names a node's type for "must be X, got Y" messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "null"
		}
		return quote(n.Value)
	}
	return "an unsupported node"
}

// quote quotes s for a message, shortened if long, so a huge value cannot flood the output.
func quote(s string) string {
	const max = 80
	if len(s) > max {
		return strconv.Quote(s[:max]) + "..."
	}
	return strconv.Quote(s)
}

// quoteList lists values as "a", "b", "c" for messages.
func quoteList(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = strconv.Quote(v)
	}
	return strings.Join(q, ", ")
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// suggest proposes the closest allowed value by edit distance, or lists them all when none is
// close, so a typo costs one look at the message.
func suggest(got string, allowed []string) string {
	best, bestD := "", -1
	for _, a := range allowed {
		if dist := editDistance(strings.ToLower(got), strings.ToLower(a)); bestD < 0 || dist < bestD {
			best, bestD = a, dist
		}
	}
	limit := max(2, len(got)/3)
	if bestD >= 0 && bestD <= limit && best != "" {
		return fmt.Sprintf("did you mean %q?", best)
	}
	return "expected one of " + quoteList(allowed)
}

// editDistance is the Levenshtein distance between a and b, in bytes. Inputs longer than 64
// bytes are not compared: no key is that long, and the cost stays bounded.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 1 << 30
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// str reads a string value. Any scalar but null is accepted as written, so title: 2024 is the
// title "2024".
func (d *decoder) str(n *yaml.Node, key string) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		d.errorf(n, "%q must be a string, got %s", key, describe(n))
		return "", false
	}
	return n.Value, true
}

// integer reads an integer value.
func (d *decoder) integer(n *yaml.Node, key string) (int, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
		d.errorf(n, "%q must be an integer, got %s", key, describe(n))
		return 0, false
	}
	var v int
	if err := n.Decode(&v); err != nil {
		d.errorf(n, "%q: %s is not an integer Go can hold", key, quote(n.Value))
		return 0, false
	}
	return v, true
}

// status reads an HTTP status; allowZero admits 0, the status script sees on opaque and error
// responses.
func (d *decoder) status(n *yaml.Node, key string, allowZero bool) (int, bool) {
	v, ok := d.integer(n, key)
	if !ok {
		return 0, false
	}
	if (v < 100 || v > 999) && !(allowZero && v == 0) {
		if allowZero {
			d.errorf(n, "%q: %d is not an HTTP status (100-999, or 0 for opaque and error responses)", key, v)
		} else {
			d.errorf(n, "%q: %d is not an HTTP status (100-999)", key, v)
		}
		return 0, false
	}
	return v, true
}

// boolean reads true or false; YAML 1.1's yes, no, on and off are strings in YAML 1.2 and are
// refused rather than guessed at.
func (d *decoder) boolean(n *yaml.Node, key string) (bool, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		d.errorf(n, "%q must be true or false, got %s", key, describe(n))
		return false, false
	}
	var v bool
	if err := n.Decode(&v); err != nil {
		d.errorf(n, "%q must be true or false, got %s", key, describe(n))
		return false, false
	}
	return v, true
}

// strings reads a list of strings and the node of each, for positions. An empty list gives an
// empty, non-nil slice: readable_headers: [] means "none", not "not checked".
func (d *decoder) strings(n *yaml.Node, key string) ([]string, []*yaml.Node, bool) {
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%q must be a list of strings, got %s", key, describe(n))
		return nil, nil, false
	}
	out := make([]string, 0, len(n.Content))
	nodes := make([]*yaml.Node, 0, len(n.Content))
	ok := true
	for _, item := range n.Content {
		item = d.deref(item)
		if item == nil {
			return nil, nil, false
		}
		if item.Kind != yaml.ScalarNode || item.Tag == "!!null" {
			d.errorf(item, "%q must be a list of strings; this item is %s", key, describe(item))
			ok = false
			continue
		}
		out = append(out, item.Value)
		nodes = append(nodes, item)
	}
	return out, nodes, ok
}

// enum reads a string that must be one of allowed.
func (d *decoder) enum(n *yaml.Node, key string, allowed []string, lenient bool) (string, bool) {
	v, ok := d.str(n, key)
	if !ok {
		return "", false
	}
	if !contains(allowed, v) && !lenient {
		d.errorf(n, "%q: %s is not one of %s", key, quote(v), quoteList(allowed))
		return v, false
	}
	return v, true
}

// duration reads a non-negative Go duration such as 30s or 1m30s.
func (d *decoder) duration(n *yaml.Node, key string) (time.Duration, bool) {
	v, ok := d.str(n, key)
	if !ok {
		return 0, false
	}
	dur, err := time.ParseDuration(v)
	if err != nil {
		d.errorf(n, "%q: %s is not a duration; write it as Go does, such as 30s, 5m or 1h30m", key, quote(v))
		return 0, false
	}
	if dur < 0 {
		d.errorf(n, "%q: %s is negative; virtual time only moves forward", key, quote(v))
		return 0, false
	}
	return dur, true
}

// headers reads a list of "Name: value" strings. lenient keeps invalid names and values (for a
// fetch expected to throw) instead of reporting them.
func (d *decoder) headers(n *yaml.Node, key string, lenient bool) (fetchspec.HeaderList, bool) {
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%q must be a list of \"Name: value\" strings, got %s", key, describe(n))
		return nil, false
	}
	var out fetchspec.HeaderList
	ok := true
	for _, item := range n.Content {
		item = d.deref(item)
		if item == nil {
			return nil, false
		}
		if item.Kind == yaml.MappingNode && len(item.Content) == 2 {
			d.errorf(item, "%q: write each header as a quoted string such as \"Name: value\"; unquoted, YAML reads Name: value as a mapping", key)
			ok = false
			continue
		}
		if item.Kind != yaml.ScalarNode || item.Tag == "!!null" {
			d.errorf(item, "%q must be a list of \"Name: value\" strings; this item is %s", key, describe(item))
			ok = false
			continue
		}
		h, msg := splitHeader(item.Value)
		if msg != "" && !lenient {
			d.errorf(item, "%q: %s", key, msg)
			ok = false
			continue
		}
		out = append(out, h)
	}
	return out, ok
}

// splitHeader splits "Name: value" at the first colon. The value loses surrounding spaces and
// tabs, as HTTP parsing and the Headers API both strip them. msg says what is wrong, if anything;
// the header is returned as split either way.
func splitHeader(s string) (fetchspec.Header, string) {
	name, value, found := strings.Cut(s, ":")
	value = strings.Trim(value, " \t")
	h := fetchspec.Header{Name: name, Value: value}
	switch {
	case !found:
		return h, fmt.Sprintf("%s is not a header; write it as \"Name: value\"", quote(s))
	case !fetchspec.IsHeaderName(name):
		return h, fmt.Sprintf("%s is not a valid header name (a token, no spaces before the colon)", quote(name))
	case !fetchspec.IsHeaderValue(value):
		return h, fmt.Sprintf("the value %s of header %s is not a valid header value (no NUL, CR or LF)", quote(value), name)
	}
	return h, ""
}

// scenario decodes the whole file.
func (d *decoder) scenario() *Scenario {
	root := d.deref(d.document())
	f, ok := d.mapping(root, "scenario", scenarioKeys)
	if !ok {
		return nil
	}
	d.require(f, "scenario", scenarioRequired)
	s := &Scenario{File: d.file}
	if n := d.get(f, "title"); n != nil {
		if v, ok := d.str(n, "title"); ok {
			if strings.TrimSpace(v) == "" {
				d.errorf(n, "\"title\" must not be empty")
			}
			s.Title = v
		}
	}
	if n := d.get(f, "description"); n != nil {
		s.Description, _ = d.str(n, "description")
	}
	originNode := d.get(f, "origin")
	originOK := false
	if originNode != nil {
		s.Origin, originOK = d.originValue(originNode, "origin")
	}
	var topNode *yaml.Node
	if topNode = d.get(f, "top_level_origin"); topNode != nil {
		if v, ok := d.originValue(topNode, "top_level_origin"); ok {
			if err := checkOrigin(v); err != nil {
				d.errorf(topNode, "%q: %s", "top_level_origin", err)
			}
			s.TopLevelOrigin = v
		}
	}
	if n := d.get(f, "browsers"); n != nil {
		s.Browsers = d.browsers(n)
	}
	if n := d.get(f, "server"); n != nil {
		s.Server = d.server(n)
	}

	// The page origin decides how relative fetch URLs resolve; an invalid one is allowed only
	// when every fetch is expected to throw (invalid-origin).
	var base *weburl.URL
	originErr := error(nil)
	if originOK {
		originErr = checkOrigin(s.Origin)
		if originErr == nil && s.Origin != "null" {
			if o, err := origin.Parse(s.Origin); err == nil && !o.IsOpaque() {
				base, _ = weburl.Parse(o.Serialize() + "/")
			}
		}
	}
	allLenient := true
	if n := d.get(f, "fetches"); n != nil {
		if n.Kind != yaml.SequenceNode {
			d.errorf(n, "\"fetches\" must be a list of fetches, got %s", describe(n))
			allLenient = false
		} else if len(n.Content) == 0 {
			d.errorf(n, "\"fetches\" must list at least one fetch")
			allLenient = false
		}
		if n.Kind == yaml.SequenceNode {
			for _, item := range n.Content {
				item = d.deref(item)
				if item == nil {
					break
				}
				fe, lenient, ok := d.fetch(item, s, base, base == nil)
				allLenient = allLenient && lenient
				if ok {
					s.Fetches = append(s.Fetches, fe)
				}
			}
		}
	} else {
		allLenient = false
	}
	if originErr != nil && !allLenient {
		d.errorf(originNode, "%q: %s", "origin", originErr)
	}
	return s
}

// originValue reads an origin, taking YAML's bare null as the opaque origin "null" that a
// sandboxed iframe has, since that is what a writer of origin: null means.
func (d *decoder) originValue(n *yaml.Node, key string) (string, bool) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" && strings.EqualFold(n.Value, "null") {
		return "null", true
	}
	return d.str(n, key)
}

// checkOrigin accepts "null" and whatever the engine takes as a page origin.
func checkOrigin(v string) error {
	if v == "null" {
		return nil
	}
	if v == "" {
		return errors.New("the origin is empty; write it as scheme://host[:port], or null for an opaque origin")
	}
	if _, err := origin.Parse(v); err != nil {
		return fmt.Errorf("%s is not an origin (scheme://host[:port], or null): %v", quote(v), err)
	}
	return nil
}

func (d *decoder) browsers(n *yaml.Node) []string {
	names, nodes, ok := d.strings(n, "browsers")
	if !ok {
		return names
	}
	seen := map[string]int{}
	for i, name := range names {
		p, found := browsers.Lookup(name)
		if !found {
			d.errorf(nodes[i], "unknown browser profile %s; %s", quote(name), suggest(name, browsers.Names()))
			continue
		}
		if line, dup := seen[p.Name]; dup {
			d.errorf(nodes[i], "browser profile %s is listed twice (first at line %d)", quote(name), line)
			continue
		}
		seen[p.Name] = nodes[i].Line
	}
	return names
}

func (d *decoder) server(n *yaml.Node) Server {
	var srv Server
	f, ok := d.mapping(n, "server", serverKeys)
	if !ok {
		return srv
	}
	if len(f.m) == 0 {
		d.errorf(f.node, "server needs routes, a policy, or both, or the url of a live server")
	}
	if un := d.get(f, "url"); un != nil {
		if v, ok := d.str(un, "url"); ok {
			srv.URL, srv.URLPos = v, d.pos(un)
			if _, err := server.Live(v); err != nil {
				d.errorf(un, "%q: %v", "url", err)
			}
			if d.get(f, "routes") != nil || d.get(f, "policy") != nil {
				d.errorf(un, "%q names a live server, which answers every request: it cannot be combined with routes or a policy", "url")
			}
		}
	}
	if rn := d.get(f, "routes"); rn != nil {
		if rn.Kind != yaml.SequenceNode {
			d.errorf(rn, "\"routes\" must be a list of routes, got %s", describe(rn))
		} else {
			seen := map[routeKey]int{}
			for _, item := range rn.Content {
				item = d.deref(item)
				if item == nil {
					break
				}
				r, key, ok := d.route(item)
				if !ok {
					continue
				}
				if line, dup := seen[key]; dup {
					d.errorAt(r.Pos, "a route for %s %s already exists (line %d)", orAnyMethod(r.Method), key.url, line)
					continue
				}
				seen[key] = r.Pos.Line
				srv.Routes = append(srv.Routes, r)
			}
		}
	}
	if pn := d.get(f, "policy"); pn != nil {
		srv.Policy = d.policy(pn)
	}
	return srv
}

func orAnyMethod(m string) string {
	if m == "" {
		return "any method"
	}
	return m
}

func (d *decoder) route(n *yaml.Node) (Route, routeKey, bool) {
	var r Route
	f, ok := d.mapping(n, "route", routeKeys)
	if !ok {
		return r, routeKey{}, false
	}
	r.Pos = d.pos(f.node)
	nerr := len(d.errs)
	d.require(f, "route", routeRequired)
	var key routeKey
	if mn := d.get(f, "method"); mn != nil {
		if v, ok := d.str(mn, "method"); ok {
			if !fetchspec.IsMethod(v) {
				d.errorf(mn, "%q: %s is not an HTTP method (a token such as GET or PUT)", "method", quote(v))
			}
			r.Method = v
		}
	}
	if un := d.get(f, "url"); un != nil {
		if v, ok := d.str(un, "url"); ok {
			r.URL = v
			u, err := weburl.Parse(v)
			if err != nil {
				d.errorf(un, "%q: %s is not an absolute URL: %v", "url", quote(v), err)
			} else {
				key = routeKey{r.Method, u.StringWithoutFragment()}
			}
		}
	}
	sn, hn, rn, xn := d.get(f, "status"), d.get(f, "headers"), d.get(f, "response"), d.get(f, "unreachable")
	if xn != nil {
		r.Unreachable, _ = d.boolean(xn, "unreachable")
	}
	switch {
	case rn != nil && (sn != nil || hn != nil):
		d.errorf(rn, "a route has either status and headers, or response, not both")
	case r.Unreachable && (sn != nil || hn != nil || rn != nil):
		d.errorf(xn, "an unreachable route has no status, headers or response")
	case sn == nil && rn == nil && !r.Unreachable:
		if hn != nil {
			d.errorf(f.node, "route has headers but no status")
		} else {
			d.errorf(f.node, "route needs status (and optional headers), response, or unreachable: true")
		}
	}
	if sn != nil {
		r.Response.Status, _ = d.status(sn, "status", false)
	}
	if hn != nil {
		r.Response.Header, _ = d.headers(hn, "headers", false)
	}
	if rn != nil {
		if text, ok := d.str(rn, "response"); ok {
			r.Response = d.rawResponse(rn, text)
		}
	}
	return r, key, len(d.errs) == nerr
}

// rawResponse parses raw HTTP response text and reports its errors at the line inside the
// file: for a literal block scalar (response: |) each line of the text is one line of the file.
func (d *decoder) rawResponse(n *yaml.Node, text string) engine.ServerResponse {
	resp, errs := parseRawResponse(text)
	for _, e := range errs {
		p, exact := d.blockPos(n, e.Line, e.Col)
		if exact {
			d.errorAt(p, "response: %s", e.Msg)
		} else {
			d.errorAt(p, "response line %d: %s", e.Line+1, e.Msg)
		}
	}
	return resp
}

// blockPos maps line (0-based) and col (1-based) inside a scalar's text to the file. It is exact
// for literal block scalars, whose lines are the file's lines; other styles fold or escape line
// breaks, so their errors point at the scalar itself.
func (d *decoder) blockPos(n *yaml.Node, line, col int) (Position, bool) {
	if n.Style&yaml.LiteralStyle == 0 {
		return d.pos(n), false
	}
	if d.lines == nil {
		d.lines = strings.Split(yamlBreaks.Replace(string(d.data)), "\n")
	}
	fileLine := n.Line + 1 + line
	if fileLine < 1 || fileLine > len(d.lines) {
		return d.pos(n), false
	}
	src := d.lines[fileLine-1]
	content := nthLine(n.Value, line)
	indent := len(src) - len(content)
	if indent < 0 || !strings.HasSuffix(src, content) {
		return d.pos(n), false
	}
	return Position{File: d.file, Line: fileLine, Col: indent + col}, true
}

// yamlBreaks turns every line break the YAML parser counts (CR LF, CR, LF, NEL, LS, PS) into
// LF, so that file lines are numbered as the parser numbers them.
var yamlBreaks = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u0085", "\n", "\u2028", "\n", "\u2029", "\n")

// nthLine returns line i (0-based) of s, split at "\n", without allocating.
func nthLine(s string, i int) string {
	for ; i > 0; i-- {
		j := strings.IndexByte(s, '\n')
		if j < 0 {
			return ""
		}
		s = s[j+1:]
	}
	if j := strings.IndexByte(s, '\n'); j >= 0 {
		s = s[:j]
	}
	return strings.TrimSuffix(s, "\r")
}

func (d *decoder) policy(n *yaml.Node) *Policy {
	f, ok := d.mapping(n, "policy", policyKeys)
	if !ok {
		return nil
	}
	p := &Policy{PreflightStatus: defaultPreflightStatus, Status: defaultStatus, Vary: true}
	if an := d.get(f, "allow_origins"); an != nil {
		if list, nodes, ok := d.strings(an, "allow_origins"); ok {
			p.AllowOrigins = list
			for i, v := range list {
				switch {
				case v == "*" || v == "reflect":
					if len(list) > 1 {
						d.errorf(nodes[i], "%q: %s must be the only entry", "allow_origins", quote(v))
					}
				default:
					if err := checkOrigin(v); err != nil {
						d.errorf(nodes[i], "%q: %s", "allow_origins", err)
					}
				}
			}
		}
	}
	tokens := func(key, what string, check func(string) bool) []string {
		tn := d.get(f, key)
		if tn == nil {
			return nil
		}
		list, nodes, ok := d.strings(tn, key)
		if !ok {
			return nil
		}
		for i, v := range list {
			if !check(v) {
				d.errorf(nodes[i], "%q: %s is not %s", key, quote(v), what)
			}
		}
		return list
	}
	p.AllowMethods = tokens("allow_methods", "an HTTP method (a token such as PUT)", fetchspec.IsMethod)
	p.AllowHeaders = tokens("allow_headers", "a header name", fetchspec.IsHeaderName)
	p.ExposeHeaders = tokens("expose_headers", "a header name", fetchspec.IsHeaderName)
	if bn := d.get(f, "allow_credentials"); bn != nil {
		p.AllowCredentials, _ = d.boolean(bn, "allow_credentials")
	}
	if mn := d.get(f, "max_age"); mn != nil {
		if v, ok := d.integer(mn, "max_age"); ok {
			p.MaxAge = &v
		}
	}
	if sn := d.get(f, "preflight_status"); sn != nil {
		if v, ok := d.status(sn, "preflight_status", false); ok {
			p.PreflightStatus = v
		}
	}
	if sn := d.get(f, "status"); sn != nil {
		if v, ok := d.status(sn, "status", false); ok {
			p.Status = v
		}
	}
	if hn := d.get(f, "headers"); hn != nil {
		p.Headers, _ = d.headers(hn, "headers", false)
	}
	if vn := d.get(f, "vary"); vn != nil {
		if v, ok := d.boolean(vn, "vary"); ok {
			p.Vary = v
		}
	}
	return p
}

// fetch decodes one fetch. noBase says that relative URLs cannot be resolved (opaque or invalid
// page origin). lenient reports whether the fetch is expected to throw, in which case its
// request values were kept as written.
func (d *decoder) fetch(n *yaml.Node, s *Scenario, base *weburl.URL, noBase bool) (fe Fetch, lenient, ok bool) {
	f, ok := d.mapping(n, "fetch", fetchKeys)
	if !ok {
		return fe, false, false
	}
	nerr := len(d.errs)
	fe.Pos = d.pos(f.node)
	d.require(f, "fetch", fetchRequired)
	fe.Request.Origin, fe.Request.TopLevelOrigin = s.Origin, s.TopLevelOrigin

	// The expectations come first: a fetch expected to throw keeps its invalid values.
	if en := d.get(f, "expect"); en != nil {
		fe.Expect = d.expect(en, "expect")
		lenient = lenient || expectsTypeError(fe.Expect)
	}
	if bn := d.get(f, "expect_browsers"); bn != nil {
		fe.ExpectBrowsers = d.expectBrowsers(bn)
		for _, e := range fe.ExpectBrowsers {
			lenient = lenient || expectsTypeError(e)
		}
	}

	if nn := d.get(f, "name"); nn != nil {
		fe.Name, _ = d.str(nn, "name")
	}
	if an := d.get(f, "advance"); an != nil {
		fe.Advance, _ = d.duration(an, "advance")
	}
	if un := d.get(f, "url"); un != nil {
		if v, ok := d.str(un, "url"); ok {
			fe.Request.URL = v
			if !lenient {
				d.checkFetchURL(un, v, base, noBase)
			}
		}
	}
	if mn := d.get(f, "method"); mn != nil {
		if v, ok := d.str(mn, "method"); ok {
			fe.Request.Method = v
			switch {
			case lenient:
			case !fetchspec.IsMethod(v):
				d.errorf(mn, "%q: %s is not an HTTP method (a token such as GET or PUT)", "method", quote(v))
			case fetchspec.IsForbiddenMethod(v):
				d.errorf(mn, "%q: %s is a forbidden method: fetch() throws (add expect: {outcome: type-error} to show that)", "method", quote(v))
			}
		}
	}
	if hn := d.get(f, "headers"); hn != nil {
		fe.Request.Headers, _ = d.headers(hn, "headers", lenient)
	}
	if v, ok := d.optEnum(f, "mode", modeValues, lenient); ok {
		fe.Request.Mode = engine.Mode(v)
	}
	if v, ok := d.optEnum(f, "credentials", credentialsValues, lenient); ok {
		fe.Request.Credentials = engine.Credentials(v)
	}
	if v, ok := d.optEnum(f, "redirect", redirectValues, lenient); ok {
		fe.Request.Redirect = engine.Redirect(v)
	}
	if v, ok := d.optEnum(f, "cache", cacheValues, lenient); ok {
		fe.Request.Cache = engine.CacheMode(v)
	}
	if v, ok := d.optEnum(f, "body", bodyValues, lenient); ok {
		fe.Request.Body = engine.Body(v)
	}
	if bn := d.get(f, "untrusted"); bn != nil {
		fe.Request.UntrustedOrigin, _ = d.boolean(bn, "untrusted")
	}
	if bn := d.get(f, "use_cors_preflight"); bn != nil {
		fe.Request.UseCORSPreflight, _ = d.boolean(bn, "use_cors_preflight")
	}
	return fe, lenient, len(d.errs) == nerr
}

func (d *decoder) optEnum(f fields, key string, allowed []string, lenient bool) (string, bool) {
	n := d.get(f, key)
	if n == nil {
		return "", false
	}
	return d.enum(n, key, allowed, lenient)
}

// checkFetchURL reports a URL fetch() would throw on: one that does not parse against the page,
// or that carries a username or password.
func (d *decoder) checkFetchURL(n *yaml.Node, v string, base *weburl.URL, noBase bool) {
	u, err := weburl.ParseRef(v, base)
	if err != nil {
		if noBase {
			d.errorf(n, "%q: %s is not an absolute URL (a relative URL needs a page origin that is not null): %v", "url", quote(v), err)
		} else {
			d.errorf(n, "%q: %s is not a valid URL: %v", "url", quote(v), err)
		}
		return
	}
	if u.IncludesCredentials() {
		d.errorf(n, "%q: %s includes a username or password, which fetch() refuses (add expect: {outcome: type-error} to show that)", "url", quote(v))
	}
}

// expectsTypeError reports whether e says fetch() throws: outcome type-error, or a reason
// whose outcome is type-error.
func expectsTypeError(e *Expect) bool {
	if e == nil {
		return false
	}
	if e.Outcome != nil && *e.Outcome == engine.TypeError {
		return true
	}
	if e.Reason != nil {
		if info, ok := e.Reason.Info(); ok && info.Outcome == engine.TypeError {
			return true
		}
	}
	return false
}

func (d *decoder) expect(n *yaml.Node, what string) *Expect {
	f, ok := d.mapping(n, what, expectKeys)
	if !ok {
		return nil
	}
	e := &Expect{Pos: d.pos(f.node)}
	if on := d.get(f, "outcome"); on != nil {
		if v, ok := d.enum(on, "outcome", outcomeValues, false); ok {
			o := engine.Outcome(v)
			e.Outcome = &o
		}
	}
	if rn := d.get(f, "reason"); rn != nil {
		if v, ok := d.str(rn, "reason"); ok {
			r := engine.Reason(v)
			info, known := r.Info()
			switch {
			case !known:
				d.errorf(rn, "%q: %s is not a reason code; %s", "reason", quote(v), suggest(v, reasonValues()))
			case e.Outcome != nil && *e.Outcome != info.Outcome:
				d.errorf(rn, "%q: %s is a %s reason, but outcome is %q", "reason", quote(v), info.Outcome, *e.Outcome)
			default:
				e.Reason = &r
			}
		}
	}
	if pn := d.get(f, "preflight"); pn != nil {
		if v, ok := d.boolean(pn, "preflight"); ok {
			e.Preflight = &v
		}
	}
	if sn := d.get(f, "status"); sn != nil {
		if v, ok := d.status(sn, "status", true); ok {
			e.Status = &v
		}
	}
	if tn := d.get(f, "type"); tn != nil {
		if v, ok := d.enum(tn, "type", typeValues, false); ok {
			t := engine.ResponseType(v)
			e.Type = &t
		}
	}
	if hn := d.get(f, "readable_headers"); hn != nil {
		if list, nodes, ok := d.strings(hn, "readable_headers"); ok {
			for i, v := range list {
				if !fetchspec.IsHeaderName(v) {
					d.errorf(nodes[i], "%q: %s is not a header name", "readable_headers", quote(v))
				}
			}
			e.ReadableHeaders = list
		}
	}
	return e
}

// expectBrowsers decodes the per-profile overrides, keyed by the profile's own name so that
// Execute finds them whatever case the file used.
func (d *decoder) expectBrowsers(n *yaml.Node) map[string]*Expect {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "\"expect_browsers\" must be a mapping from browser profile to expectations, got %s", describe(n))
		return nil
	}
	out := map[string]*Expect{}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := d.deref(n.Content[i])
		if k == nil {
			return out
		}
		if k.Kind != yaml.ScalarNode || k.Tag == "!!null" {
			d.errorf(k, "keys in expect_browsers must be browser profile names, got %s", describe(k))
			continue
		}
		p, ok := browsers.Lookup(k.Value)
		if !ok {
			d.errorf(k, "unknown browser profile %s in expect_browsers; %s", quote(k.Value), suggest(k.Value, browsers.Names()))
			continue
		}
		if line, dup := seen[p.Name]; dup {
			d.errorf(k, "duplicate key %q in expect_browsers (first at line %d)", k.Value, line)
			continue
		}
		seen[p.Name] = k.Line
		v := d.deref(n.Content[i+1])
		if v == nil {
			return out
		}
		if e := d.expect(v, "expect_browsers."+p.Name); e != nil {
			out[p.Name] = e
		}
	}
	return out
}
