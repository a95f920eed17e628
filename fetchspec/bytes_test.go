package fetchspec

import "testing"

// TestByteCaseInsensitiveMatch: only A-Z fold, never other bytes that differ by the case bit,
// never non-ASCII.
func TestByteCaseInsensitiveMatch(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"", "", true},
		{"Content-Type", "content-type", true},
		{"X-K", "x-\u212a", false},
		{"\u212a", "k", false},
		{"@", "`", false}, // 0x40 and 0x60 differ by the case bit but are not letters
		{"[", "{", false},
		{"é", "É", false},
		{"ab", "abc", false},
	}
	for _, tt := range tests {
		if got := ByteCaseInsensitiveMatch(tt.a, tt.b); got != tt.want {
			t.Errorf("ByteCaseInsensitiveMatch(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
