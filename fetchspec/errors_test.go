package fetchspec

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseErrors(t *testing.T) {
	long := strings.Repeat("x", 300)
	_, mimeErr := ParseMIMEType(long)
	_, rangeErr := ParseSingleRangeHeaderValue("bytes=5-1", false)
	_, longRangeErr := ParseSingleRangeHeaderValue(long, true)
	tests := []struct {
		err  error
		want ParseError
		msg  string
	}{
		{mimeErr, ParseError{"MIME type", long, `there is no "/" after the type`},
			`fetchspec: MIME type "` + strings.Repeat("x", 200) + `"... (300 bytes): there is no "/" after the type`},
		{rangeErr, ParseError{"range", "bytes=5-1", "the start is greater than the end"},
			`fetchspec: range "bytes=5-1": the start is greater than the end`},
		{longRangeErr, ParseError{"range", long, `it does not start with "bytes"`},
			`fetchspec: range "` + strings.Repeat("x", 200) + `"... (300 bytes): it does not start with "bytes"`},
	}
	for _, tt := range tests {
		var pe *ParseError
		if !errors.As(tt.err, &pe) {
			t.Errorf("%v (%T) is not a *ParseError", tt.err, tt.err)
			continue
		}
		if diff := cmp.Diff(tt.want, *pe); diff != "" {
			t.Errorf("(-want +got)\n%s", diff)
		}
		if diff := cmp.Diff(tt.msg, tt.err.Error()); diff != "" {
			t.Errorf("message (-want +got)\n%s", diff)
		}
	}
	e := &ExtractError{Header: "Access-Control-Allow-Headers", Value: long + ", a b", Item: "a b", Reason: "is not a header name (a token)"}
	want := `Access-Control-Allow-Headers: "a b" in value "` + strings.Repeat("x", 200) + `"... (305 bytes) is not a header name (a token)`
	if diff := cmp.Diff(want, e.Error()); diff != "" {
		t.Errorf("ExtractError (-want +got)\n%s", diff)
	}
}
