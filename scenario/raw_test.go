package scenario

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/corsim/corsim/engine"
)

func TestParseRawResponse(t *testing.T) {
	tests := []struct {
		name, text string
		want       engine.ServerResponse
		errs       []rawError
	}{
		{"status line only", "HTTP/1.1 204 No Content", engine.ServerResponse{Status: 204}, nil},
		{"no reason phrase", "HTTP/1.0 200\n", engine.ServerResponse{Status: 200}, nil},
		{"empty reason phrase", "HTTP/1.1 200 \n", engine.ServerResponse{Status: 200}, nil},
		{"headers, order and duplicates kept, body ignored",
			"HTTP/1.1 200 OK\nVary: Origin\nAccess-Control-Allow-Origin: https://a.example\nvary: Cookie\n\nX-Not: a header\n",
			engine.ServerResponse{Status: 200, Header: hl("Vary", "Origin", "Access-Control-Allow-Origin", "https://a.example", "vary", "Cookie")}, nil},
		{"CRLF and OWS", "HTTP/1.1 200 OK\r\nA:b\r\nB: \t c d \t\r\nC:\r\n\r\nbody",
			engine.ServerResponse{Status: 200, Header: hl("A", "b", "B", "c d", "C", "")}, nil},
		{"value keeps inner colons", "HTTP/1.1 301 Moved\nLocation: https://b.example:8443/x?y=z\n",
			engine.ServerResponse{Status: 301, Header: hl("Location", "https://b.example:8443/x?y=z")}, nil},
		{"empty", "", engine.ServerResponse{}, []rawError{{0, 1, "is empty; it needs a status line such as \"HTTP/1.1 200 OK\""}}},
		{"blank", " \n\n", engine.ServerResponse{}, []rawError{{0, 1, "is empty; it needs a status line such as \"HTTP/1.1 200 OK\""}}},
		{"not HTTP/1.x", "HTTP/2 200\n", engine.ServerResponse{},
			[]rawError{{0, 1, "the status line \"HTTP/2 200\" must start with HTTP/1.0 or HTTP/1.1, such as \"HTTP/1.1 200 OK\""}}},
		{"lowercase version", "http/1.1 200 OK\n", engine.ServerResponse{},
			[]rawError{{0, 1, "the status line \"http/1.1 200 OK\" must start with HTTP/1.0 or HTTP/1.1, such as \"HTTP/1.1 200 OK\""}}},
		{"no code", "HTTP/1.1\n", engine.ServerResponse{},
			[]rawError{{0, 9, "the status line \"HTTP/1.1\" has no status code, such as \"HTTP/1.1 200 OK\""}}},
		{"two-digit code", "HTTP/1.1 20 OK", engine.ServerResponse{},
			[]rawError{{0, 10, "the status line \"HTTP/1.1 20 OK\" must have a three-digit status code (100-999), such as \"HTTP/1.1 200 OK\""}}},
		{"code 099", "HTTP/1.1 099", engine.ServerResponse{},
			[]rawError{{0, 10, "the status line \"HTTP/1.1 099\" must have a three-digit status code (100-999), such as \"HTTP/1.1 200 OK\""}}},
		{"control byte in reason", "HTTP/1.1 200 O\x00K", engine.ServerResponse{},
			[]rawError{{0, 15, "the reason phrase of the status line \"HTTP/1.1 200 O\\x00K\" has a control character"}}},
		{"leading blank line", "\nHTTP/1.1 200 OK\n", engine.ServerResponse{},
			[]rawError{{0, 1, "starts with an empty line; the status line must come first"}}},
		{"every bad header line is reported; good ones kept",
			"HTTP/1.1 200 OK\nA: 1\n  folded\nB : 2\nno colon\n: empty name\nC: a\x00b\nD: 4\n",
			engine.ServerResponse{Status: 200, Header: hl("A", "1", "D", "4")},
			[]rawError{
				{2, 1, "obsolete line folding (a line starting with a space or tab continues the previous header) is not allowed; put each header on one line"},
				{3, 1, "\"B \" is not a valid header name (a token, with no space before the colon)"},
				{4, 1, "\"no colon\" is not a header line (\"Name: value\")"},
				{5, 1, "\"\" is not a valid header name (a token, with no space before the colon)"},
				{6, 4, "the value \"a\\x00b\" of header C is not a valid header value (no NUL, CR or LF)"},
			}},
		{"lone CR inside a value", "HTTP/1.1 200 OK\nA: x\ry\n", engine.ServerResponse{Status: 200},
			[]rawError{{1, 4, "the value \"x\\ry\" of header A is not a valid header value (no NUL, CR or LF)"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, errs := parseRawResponse(tt.text)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("response (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.errs, errs); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}
