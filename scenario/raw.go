package scenario

import (
	"fmt"
	"strings"

	"github.com/corsim/corsim/engine"
	"github.com/corsim/corsim/fetchspec"
)

// rawError is one problem in raw HTTP response text: Line counts from 0 within the text, Col
// from 1 within the line, so the caller can map both into the scenario file.
type rawError struct {
	Line, Col int
	Msg       string
}

// parseRawResponse reads the head of an HTTP/1.x response as a server owner would paste it from
// curl -i or a proxy log: a status line "HTTP/1.1 204 No Content", then "Name: value" lines up
// to an empty line. Anything after the empty line is the body, which CORS never looks at, so it
// is ignored. Lines may end in \r\n or \n.
//
// It is stricter than a browser's HTTP parser on purpose: obsolete line folding and malformed
// lines are errors rather than silently repaired, because a scenario should describe exactly
// the bytes a server sends. Every malformed line is reported, in order.
// https://www.rfc-editor.org/rfc/rfc9112#section-4 (status line),
// https://www.rfc-editor.org/rfc/rfc9112#section-5 (field lines, obs-fold).
func parseRawResponse(text string) (engine.ServerResponse, []rawError) {
	var (
		resp engine.ServerResponse
		errs []rawError
	)
	// The status line is the first line.
	first := nthLine(text, 0)
	if strings.TrimSpace(text) == "" {
		return resp, []rawError{{0, 1, "is empty; it needs a status line such as \"HTTP/1.1 200 OK\""}}
	}
	if first == "" {
		return resp, []rawError{{0, 1, "starts with an empty line; the status line must come first"}}
	}
	status, col, msg := parseStatusLine(first)
	if msg != "" {
		errs = append(errs, rawError{0, col, msg})
	}
	resp.Status = status

	// Then one header per line up to the first empty line; the body after it is ignored.
	rest := text
	for line := 1; ; line++ {
		i := strings.IndexByte(rest, '\n')
		if i < 0 {
			break
		}
		rest = rest[i+1:]
		l := rest
		if j := strings.IndexByte(l, '\n'); j >= 0 {
			l = l[:j]
		}
		l = strings.TrimSuffix(l, "\r")
		if l == "" {
			break
		}
		if l[0] == ' ' || l[0] == '\t' {
			errs = append(errs, rawError{line, 1, "obsolete line folding (a line starting with a space or tab continues the previous header) is not allowed; put each header on one line"})
			continue
		}
		name, value, found := strings.Cut(l, ":")
		if !found {
			errs = append(errs, rawError{line, 1, fmt.Sprintf("%s is not a header line (\"Name: value\")", quote(l))})
			continue
		}
		if !fetchspec.IsHeaderName(name) {
			errs = append(errs, rawError{line, 1, fmt.Sprintf("%s is not a valid header name (a token, with no space before the colon)", quote(name))})
			continue
		}
		trimmed := strings.TrimLeft(value, " \t")
		valueCol := len(name) + 2 + len(value) - len(trimmed)
		value = strings.TrimRight(trimmed, " \t")
		if !fetchspec.IsHeaderValue(value) {
			errs = append(errs, rawError{line, valueCol, fmt.Sprintf("the value %s of header %s is not a valid header value (no NUL, CR or LF)", quote(value), name)})
			continue
		}
		resp.Header = append(resp.Header, fetchspec.Header{Name: name, Value: value})
	}
	return resp, errs
}

// parseStatusLine reads "HTTP/1.x CODE [reason]". It returns the status, and on failure the
// column at fault and why.
// https://www.rfc-editor.org/rfc/rfc9112#section-4
func parseStatusLine(l string) (status, col int, msg string) {
	const example = "such as \"HTTP/1.1 200 OK\""
	version, rest, found := strings.Cut(l, " ")
	if !isHTTPVersion(version) {
		return 0, 1, fmt.Sprintf("the status line %s must start with HTTP/1.0 or HTTP/1.1, %s", quote(l), example)
	}
	if !found {
		return 0, len(version) + 1, fmt.Sprintf("the status line %s has no status code, %s", quote(l), example)
	}
	code, reason, _ := strings.Cut(rest, " ")
	if len(code) != 3 || !isDigits(code) || code[0] == '0' {
		return 0, len(version) + 2, fmt.Sprintf("the status line %s must have a three-digit status code (100-999), %s", quote(l), example)
	}
	for i := 0; i < len(reason); i++ {
		if c := reason[i]; (c < ' ' && c != '\t') || c == 0x7f {
			return 0, len(version) + len(code) + 3 + i, fmt.Sprintf("the reason phrase of the status line %s has a control character", quote(l))
		}
	}
	return int(code[0]-'0')*100 + int(code[1]-'0')*10 + int(code[2]-'0'), 0, ""
}

func isHTTPVersion(v string) bool {
	return v == "HTTP/1.0" || v == "HTTP/1.1"
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
