package report

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"

	"github.com/corsim/corsim/engine"
	"github.com/corsim/corsim/fetchspec"
	"github.com/corsim/corsim/scenario"
)

// SchemaVersion identifies the layout of the JSON documents. It changes whenever a field
// changes meaning or disappears, so a tool that reads "corsim/v1" can rely on every field
// docs/json-output.md describes.
const SchemaVersion = "corsim/v1"

// The JSON document. Field names are snake_case and every field is always present (no
// omitempty), so a consumer never has to tell "absent" from "empty".
type (
	jsonDoc struct {
		Schema    string         `json:"schema"`
		Command   string         `json:"command"`
		Scenarios []jsonScenario `json:"scenarios"`
	}
	jsonScenario struct {
		File               string        `json:"file"`
		Title              string        `json:"title"`
		Description        string        `json:"description"`
		Origin             string        `json:"origin"`
		TopLevelOrigin     string        `json:"top_level_origin"`
		Passed             bool          `json:"passed"`
		HasExpectations    bool          `json:"has_expectations"`
		FailedExpectations int           `json:"failed_expectations"`
		Browsers           []jsonBrowser `json:"browsers"`
	}
	jsonBrowser struct {
		Name    string      `json:"name"`
		Fetches []jsonFetch `json:"fetches"`
		Diagram string      `json:"diagram"`
	}
	jsonFetch struct {
		Index               int               `json:"index"`
		Name                string            `json:"name"`
		Position            string            `json:"position"`
		AtSeconds           float64           `json:"at_seconds"`
		Request             jsonScriptRequest `json:"request"`
		Verdict             string            `json:"verdict"`
		Outcome             string            `json:"outcome"`
		Reason              string            `json:"reason"`
		ReasonSummary       string            `json:"reason_summary"`
		Fix                 string            `json:"fix"`
		Console             []string          `json:"console"`
		Rejection           string            `json:"rejection"`
		Warnings            []string          `json:"warnings"`
		Preflight           bool              `json:"preflight"`
		Response            jsonResponse      `json:"response"`
		Exchanges           []jsonExchange    `json:"exchanges"`
		Cache               []jsonCacheEvent  `json:"cache"`
		Trace               []jsonStep        `json:"trace"`
		DroppedHeaders      [][2]string       `json:"dropped_headers"`
		ExpectationFailures []jsonFailure     `json:"expectation_failures"`
	}
	jsonScriptRequest struct {
		Origin           string      `json:"origin"`
		TopLevelOrigin   string      `json:"top_level_origin"`
		URL              string      `json:"url"`
		Method           string      `json:"method"`
		Headers          [][2]string `json:"headers"`
		Mode             string      `json:"mode"`
		Credentials      string      `json:"credentials"`
		Redirect         string      `json:"redirect"`
		Cache            string      `json:"cache"`
		UseCORSPreflight bool        `json:"use_cors_preflight"`
		Body             string      `json:"body"`
	}
	jsonResponse struct {
		Type            string      `json:"type"`
		Status          int         `json:"status"`
		URL             string      `json:"url"`
		Redirected      bool        `json:"redirected"`
		Headers         [][2]string `json:"headers"`
		ReadableHeaders []string    `json:"readable_headers"`
	}
	jsonExchange struct {
		Kind     string             `json:"kind"`
		Request  jsonServerRequest  `json:"request"`
		Response jsonServerResponse `json:"response"`
		Error    string             `json:"error"`
	}
	jsonServerRequest struct {
		Method      string      `json:"method"`
		URL         string      `json:"url"`
		Headers     [][2]string `json:"headers"`
		Credentials bool        `json:"credentials"`
		Body        bool        `json:"body"`
	}
	jsonServerResponse struct {
		Status  int         `json:"status"`
		Headers [][2]string `json:"headers"`
	}
	jsonCacheEvent struct {
		Kind          string       `json:"kind"`
		Key           jsonCacheKey `json:"key"`
		Credentials   bool         `json:"credentials"`
		Method        string       `json:"method"`
		HeaderNames   []string     `json:"header_names"`
		Methods       []string     `json:"methods"`
		MaxAgeSeconds float64      `json:"max_age_seconds"`
		Created       int          `json:"created"`
		Refreshed     int          `json:"refreshed"`
		Removed       int          `json:"removed"`
	}
	jsonCacheKey struct {
		NetworkPartitionKey string `json:"network_partition_key"`
		Origin              string `json:"origin"`
		URL                 string `json:"url"`
	}
	jsonStep struct {
		Anchor   string `json:"anchor"`
		Text     string `json:"text"`
		Failed   bool   `json:"failed"`
		Reason   string `json:"reason"`
		Fix      string `json:"fix"`
		Exchange int    `json:"exchange"`
	}
	jsonFailure struct {
		Field    string `json:"field"`
		Want     string `json:"want"`
		Got      string `json:"got"`
		Position string `json:"position"`
	}
)

// writeJSON writes the document for one command, indented, with a final newline.
func writeJSON(w io.Writer, command string, runs []*scenario.Run, diagram string) error {
	doc := jsonDoc{Schema: SchemaVersion, Command: command, Scenarios: make([]jsonScenario, 0, len(runs))}
	for _, run := range runs {
		js, err := toJSONScenario(run, diagram)
		if err != nil {
			return err
		}
		doc.Scenarios = append(doc.Scenarios, js)
	}
	return writeDoc(w, doc)
}

// writeDoc encodes a document: indented, HTML characters as themselves, arrays of strings on
// one line, and a final newline.
func writeDoc(w io.Writer, doc jsonDoc) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := w.Write(compactStringArrays(buf.Bytes()))
	return err
}

// compactStringArrays puts arrays of strings on one line, so header lists read as
// [["Origin", "https://app.example"], ...] rather than four lines per header. It only
// changes whitespace between tokens, so the document means the same. doc is the output of
// an indenting json.Encoder: strings hold no raw line breaks.
func compactStringArrays(doc []byte) []byte {
	out := make([]byte, 0, len(doc))
	inString := false
	for i := 0; i < len(doc); i++ {
		c := doc[i]
		if inString {
			out = append(out, c)
			switch c {
			case '\\':
				if i+1 < len(doc) {
					i++
					out = append(out, doc[i])
				}
			case '"':
				inString = false
			}
			continue
		}
		if c == '"' {
			inString = true
		}
		if c == '[' {
			if end, ok := appendStringArray(&out, doc, i); ok {
				i = end
				continue
			}
		}
		out = append(out, c)
	}
	return out
}

// appendStringArray appends the array starting at doc[start] on one line if it holds only
// strings, and returns the index of its closing bracket.
func appendStringArray(out *[]byte, doc []byte, start int) (end int, ok bool) {
	mark := len(*out)
	*out = append(*out, '[')
	i := start + 1
	for n := 0; ; n++ {
		i = skipSpace(doc, i)
		if i >= len(doc) {
			break
		}
		if doc[i] == ']' && n > 0 {
			*out = append(*out, ']')
			return i, true
		}
		if doc[i] != '"' {
			break
		}
		// Copy one string.
		j := i + 1
		for j < len(doc) && doc[j] != '"' {
			if doc[j] == '\\' {
				j++
			}
			j++
		}
		if j >= len(doc) {
			break
		}
		if n > 0 {
			*out = append(*out, ',', ' ')
		}
		*out = append(*out, doc[i:j+1]...)
		i = skipSpace(doc, j+1)
		if i < len(doc) && doc[i] == ',' {
			i++
		}
	}
	*out = (*out)[:mark]
	return start, false
}

func skipSpace(doc []byte, i int) int {
	for i < len(doc) && (doc[i] == ' ' || doc[i] == '\n') {
		i++
	}
	return i
}

func toJSONScenario(run *scenario.Run, diagram string) (jsonScenario, error) {
	s := scenarioOf(run)
	js := jsonScenario{
		File:           s.File,
		Title:          s.Title,
		Description:    s.Description,
		Origin:         s.Origin,
		TopLevelOrigin: s.TopLevelOrigin,
		Passed:         true,
		Browsers:       []jsonBrowser{},
	}
	if run == nil {
		return js, nil
	}
	js.Passed = run.Passed()
	js.HasExpectations = run.HasExpectations()
	for bi := range run.Browsers {
		br := &run.Browsers[bi]
		jb := jsonBrowser{Name: br.Profile.Name, Fetches: make([]jsonFetch, 0, len(br.Fetches))}
		for fi := range br.Fetches {
			fr := &br.Fetches[fi]
			js.FailedExpectations += len(fr.Failures)
			jb.Fetches = append(jb.Fetches, toJSONFetch(fr, s, br.Profile))
		}
		if diagram != DiagramNone {
			var sb strings.Builder
			var err error
			if diagram == DiagramMermaid {
				err = Mermaid(&sb, run, br.Profile.Name)
			} else {
				err = SVG(&sb, run, br.Profile.Name)
			}
			if err != nil {
				return js, err
			}
			jb.Diagram = sb.String()
		}
		js.Browsers = append(js.Browsers, jb)
	}
	return js, nil
}

func toJSONFetch(fr *scenario.FetchRun, s *scenario.Scenario, p engine.Profile) jsonFetch {
	res := &fr.Result
	jf := jsonFetch{
		Console:             consoleLines(p, res),
		Rejection:           rejection(p, res),
		Warnings:            warnings(res),
		Index:               fr.Index,
		Name:                fetchName(fr),
		AtSeconds:           fr.At.Seconds(),
		Verdict:             verdict(res),
		Outcome:             string(res.Outcome),
		Reason:              string(res.Reason),
		ReasonSummary:       reasonSummary(res.Reason),
		Fix:                 res.Fix,
		Preflight:           res.Preflighted(),
		Exchanges:           make([]jsonExchange, 0, len(res.Exchanges)),
		Cache:               make([]jsonCacheEvent, 0, len(res.Cache)),
		Trace:               make([]jsonStep, 0, len(res.Trace)),
		DroppedHeaders:      pairs(res.Dropped),
		ExpectationFailures: make([]jsonFailure, 0, len(fr.Failures)),
	}
	if fr.Fetch != nil {
		if fr.Fetch.Pos.Line > 0 {
			jf.Position = fr.Fetch.Pos.String()
		}
		jf.Request = toJSONScriptRequest(effectiveRequest(fr, s))
	} else {
		jf.Request = toJSONScriptRequest(engine.Request{Origin: s.Origin, TopLevelOrigin: s.TopLevelOrigin})
	}
	jf.Response = jsonResponse{
		Type:            string(res.Response.Type),
		Status:          res.Response.Status,
		URL:             res.Response.URL,
		Redirected:      res.Response.Redirected,
		Headers:         pairs(res.Response.Header),
		ReadableHeaders: nonNil(res.Response.HeaderNames),
	}
	for _, ex := range res.Exchanges {
		jf.Exchanges = append(jf.Exchanges, jsonExchange{
			Kind: string(ex.Kind),
			Request: jsonServerRequest{
				Method:      ex.Request.Method,
				URL:         ex.Request.URL,
				Headers:     pairs(ex.Request.Header),
				Credentials: ex.Request.Credentials,
				Body:        ex.Request.Body,
			},
			Response: jsonServerResponse{Status: ex.Response.Status, Headers: pairs(ex.Response.Header)},
			Error:    ex.Error,
		})
	}
	for _, ev := range res.Cache {
		jf.Cache = append(jf.Cache, jsonCacheEvent{
			Kind: string(ev.Kind),
			Key: jsonCacheKey{
				NetworkPartitionKey: ev.Key.NetworkPartitionKey,
				Origin:              ev.Key.Origin,
				URL:                 ev.Key.URL,
			},
			Credentials:   ev.Credentials,
			Method:        ev.Method,
			HeaderNames:   nonNil(ev.HeaderNames),
			Methods:       nonNil(ev.Methods),
			MaxAgeSeconds: ev.MaxAge.Seconds(),
			Created:       ev.Created,
			Refreshed:     ev.Refreshed,
			Removed:       ev.Removed,
		})
	}
	for _, st := range res.Trace {
		jf.Trace = append(jf.Trace, jsonStep{
			Anchor: st.Anchor, Text: st.Text, Failed: st.Failed,
			Reason: string(st.Reason), Fix: st.Fix, Exchange: st.Exchange,
		})
	}
	for _, f := range fr.Failures {
		jf.ExpectationFailures = append(jf.ExpectationFailures, jsonFailure{
			Field: f.Field, Want: f.Want, Got: f.Got, Position: failurePos(f, fr, s).String(),
		})
	}
	return jf
}

// effectiveRequest is the request as the engine received it: the fetch's request with the
// scenario's page origin filled in, as scenario.Execute does.
func effectiveRequest(fr *scenario.FetchRun, s *scenario.Scenario) engine.Request {
	req := fr.Fetch.Request
	if req.Origin == "" {
		req.Origin = s.Origin
	}
	if req.TopLevelOrigin == "" {
		req.TopLevelOrigin = s.TopLevelOrigin
	}
	return req
}

// toJSONScriptRequest writes the request with fetch()'s defaults spelled out, so a consumer
// does not need to know that an empty mode means "cors".
func toJSONScriptRequest(r engine.Request) jsonScriptRequest {
	return jsonScriptRequest{
		Origin:           r.Origin,
		TopLevelOrigin:   r.TopLevelOrigin,
		URL:              r.URL,
		Method:           orDefault(r.Method, "GET"),
		Headers:          pairs(r.Headers),
		Mode:             orDefault(string(r.Mode), string(engine.ModeCORS)),
		Credentials:      orDefault(string(r.Credentials), string(engine.CredentialsSameOrigin)),
		Redirect:         orDefault(string(r.Redirect), string(engine.RedirectFollow)),
		Cache:            orDefault(string(r.Cache), string(engine.CacheDefault)),
		UseCORSPreflight: r.UseCORSPreflight,
		Body:             string(r.Body),
	}
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// pairs writes a header list as [name, value] pairs, keeping order and duplicates, which an
// object keyed by name could not.
func pairs(l fetchspec.HeaderList) [][2]string {
	out := make([][2]string, 0, len(l))
	for _, h := range l {
		out = append(out, [2]string{h.Name, h.Value})
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// consoleLines is what the browser prints in the console for the fetch (never nil).
func consoleLines(p engine.Profile, res *engine.Result) []string {
	lines := p.ConsoleMessages(*res)
	if lines == nil {
		lines = []string{}
	}
	return lines
}

// rejection is String(error) in the page when fetch() rejects, as the browser words it.
func rejection(p engine.Profile, res *engine.Result) string {
	switch res.Outcome {
	case engine.NetworkError:
		if r := p.RejectionMessage(); r != "" {
			return r
		}
		return "TypeError"
	case engine.TypeError:
		return "TypeError"
	}
	return ""
}

func warnings(res *engine.Result) []string {
	out := make([]string, 0, len(res.Warnings))
	for _, w := range res.Warnings {
		out = append(out, string(w))
	}
	return out
}
