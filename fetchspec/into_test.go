package fetchspec

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// The Into variants must give exactly the set the allocating functions give (nil when empty,
// no spare capacity otherwise), whatever the buffer holds and however small it is.
func TestFilteredHeaderNamesIntoAgree(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		l := genHeaderList(t)
		exposed := rapid.SliceOf(rapid.Custom(genHeaderName)).Draw(t, "exposed")
		// Each call gets its own buffer: the results live in it.
		buf := make([]string, rapid.IntRange(0, 3).Draw(t, "len"), rapid.IntRange(3, 12).Draw(t, "cap"))
		for i := range buf {
			buf[i] = "stale"
		}
		for _, c := range []struct {
			name      string
			want, got []string
		}{
			{"basic", BasicFilteredHeaderNames(l), BasicFilteredHeaderNamesInto(slices.Clip(slices.Clone(buf)), l)},
			{"cors", CORSFilteredHeaderNames(l, exposed), CORSFilteredHeaderNamesInto(buf, l, exposed)},
		} {
			if diff := cmp.Diff(c.want, c.got); diff != "" {
				t.Fatalf("%s (-want +got):\n%s", c.name, diff)
			}
			if (c.want == nil) != (c.got == nil) || cap(c.got) != len(c.got) {
				t.Fatalf("%s: got %#v (cap %d), want %#v", c.name, c.got, cap(c.got), c.want)
			}
		}
	})
}

// commonLowercase is a shortcut of byteLowercase: it must agree with the byte loop.
func TestCommonLowercase(t *testing.T) {
	for _, s := range []string{"Accept", "Accept-Language", "Authorization", "Cache-Control", "Content-Language",
		"Content-Length", "Content-Type", "Date", "ETag", "Expires", "Last-Modified", "Location", "Pragma",
		"Server", "Vary", "X-Request-Id", "X-Requested-With"} {
		got, ok := commonLowercase(s)
		want := make([]byte, len(s))
		for i := range len(s) {
			want[i] = lowerByte(s[i])
		}
		if !ok || got != string(want) {
			t.Errorf("commonLowercase(%q) = %q, %v; want %q, true", s, got, ok, want)
		}
	}
	if got, ok := commonLowercase("X-Custom"); ok {
		t.Errorf("commonLowercase(%q) = %q, true; want no shortcut", "X-Custom", got)
	}
}
