package fetchspec

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestMethods(t *testing.T) {
	type got struct {
		IsMethod, Forbidden, Safelisted bool
		Normalized                      string
	}
	tests := []struct {
		m    string
		want got
	}{
		{"GET", got{true, false, true, "GET"}},
		{"get", got{true, false, false, "GET"}},
		{"Head", got{true, false, false, "HEAD"}},
		{"POST", got{true, false, true, "POST"}},
		{"post", got{true, false, false, "POST"}},
		{"PUT", got{true, false, false, "PUT"}},
		{"delete", got{true, false, false, "DELETE"}},
		{"options", got{true, false, false, "OPTIONS"}},
		{"patch", got{true, false, false, "patch"}},
		{"PATCH", got{true, false, false, "PATCH"}},
		{"CONNECT", got{true, true, false, "CONNECT"}},
		{"trace", got{true, true, false, "trace"}},
		{"TrAcK", got{true, true, false, "TrAcK"}},
		{"TRAC\u212a", got{false, false, false, "TRAC\u212a"}}, // Kelvin sign is not K
		{"M-SEARCH", got{true, false, false, "M-SEARCH"}},
		{"", got{false, false, false, ""}},
		{"GET ", got{false, false, false, "GET "}},
		{"G(T", got{false, false, false, "G(T"}},
		{"GE\x00T", got{false, false, false, "GE\x00T"}},
		{"*", got{true, false, false, "*"}},
	}
	for _, tt := range tests {
		g := got{IsMethod(tt.m), IsForbiddenMethod(tt.m), IsCORSSafelistedMethod(tt.m), NormalizeMethod(tt.m)}
		if diff := cmp.Diff(tt.want, g); diff != "" {
			t.Errorf("%q: (-want +got)\n%s", tt.m, diff)
		}
	}
}
