package fetchspec

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseSingleRangeHeaderValue(t *testing.T) {
	tests := []struct {
		in      string
		ws      bool
		want    Range
		wantErr string // the reason; "" means success
	}{
		{"bytes=0-", false, Range{Start: 0, HasStart: true}, ""},
		{"bytes=0-99", false, Range{Start: 0, End: 99, HasStart: true, HasEnd: true}, ""},
		{"bytes=-5", false, Range{End: 5, HasEnd: true}, ""},
		{"bytes=5-5", false, Range{Start: 5, End: 5, HasStart: true, HasEnd: true}, ""},
		{"bytes=007-010", false, Range{Start: 7, End: 10, HasStart: true, HasEnd: true}, ""},
		{"bytes=9223372036854775807-", false, Range{Start: 9223372036854775807, HasStart: true}, ""},
		{"bytes=5-1", false, Range{}, "the start is greater than the end"},
		{"bytes=0-1,3-4", false, Range{}, "there is more after the range (only a single range is allowed)"},
		{"BYTES=0-1", false, Range{}, `it does not start with "bytes"`},
		{"Bytes=0-1", true, Range{}, `it does not start with "bytes"`},
		{"bytes =0-1", false, Range{}, `there is no "=" after "bytes"`},
		{"bytes= 0-1", false, Range{}, `there is no "-" after the start`},
		{"bytes=0 -1", false, Range{}, `there is no "-" after the start`},
		{"bytes=0- 1", false, Range{}, "there is more after the range (only a single range is allowed)"},
		{"bytes=0-1 ", false, Range{}, "there is more after the range (only a single range is allowed)"},
		{" bytes=0-1", true, Range{}, `it does not start with "bytes"`},
		{"bytes \t= \t0 \t- \t1", true, Range{Start: 0, End: 1, HasStart: true, HasEnd: true}, ""},
		{"bytes = - 7", true, Range{End: 7, HasEnd: true}, ""},
		{"bytes=0-1 ", true, Range{}, "there is more after the range (only a single range is allowed)"},
		{"bytes=-", false, Range{}, "both the start and the end are missing"},
		{"bytes", false, Range{}, `there is no "=" after "bytes"`},
		{"", false, Range{}, `it does not start with "bytes"`},
		{"bytes=", false, Range{}, `there is no "-" after the start`},
		{"bytes=1", false, Range{}, `there is no "-" after the start`},
		{"bytes=+1-2", false, Range{}, `there is no "-" after the start`},
		{"bytes=١-2", false, Range{}, `there is no "-" after the start`}, // Arabic-Indic digit is not an ASCII digit
		{"bytes=9223372036854775808-", false, Range{}, "a number is too large for a 64-bit integer"},
		{"bytes=0-99999999999999999999", false, Range{}, "a number is too large for a 64-bit integer"},
	}
	for _, tt := range tests {
		got, err := ParseSingleRangeHeaderValue(tt.in, tt.ws)
		if tt.wantErr == "" {
			if err != nil {
				t.Errorf("ParseSingleRangeHeaderValue(%q, %v): %v", tt.in, tt.ws, err)
			}
		} else {
			want := fmt.Sprintf("fetchspec: range %q: %s", tt.in, tt.wantErr)
			if err == nil {
				t.Errorf("ParseSingleRangeHeaderValue(%q, %v) = %+v, want error %q", tt.in, tt.ws, got, want)
			} else if diff := cmp.Diff(want, err.Error()); diff != "" {
				t.Errorf("ParseSingleRangeHeaderValue(%q, %v) error: (-want +got)\n%s", tt.in, tt.ws, diff)
			}
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ParseSingleRangeHeaderValue(%q, %v): (-want +got)\n%s", tt.in, tt.ws, diff)
		}
	}
}
