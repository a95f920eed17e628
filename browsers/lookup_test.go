package browsers

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestLookup: profile names and the aliases users type find the right profile, whatever the
// case and surrounding spaces; unknown names are not found.
func TestLookup(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"SPEC", "spec"}, {"chromium", "chromium"}, {" Chrome ", "chromium"}, {"edge", "chromium"},
		{"firefox", "firefox"}, {"Firefox-ESR", "firefox"}, {"safari", "webkit"}, {"WebKit", "webkit"},
	} {
		p, ok := Lookup(tc.name)
		if !ok || p.Name != tc.want {
			t.Errorf("Lookup(%q) = %q, %v; want %q", tc.name, p.Name, ok, tc.want)
		}
	}
	for _, name := range []string{"netscape", "", "chrom"} {
		if p, ok := Lookup(name); ok {
			t.Errorf("Lookup(%q) found %q", name, p.Name)
		}
	}
}

// TestAliasesPointAtProfiles: every alias names a profile of All, and none shadows a profile's
// own name.
func TestAliasesPointAtProfiles(t *testing.T) {
	names := map[string]bool{}
	for _, n := range Names() {
		names[n] = true
	}
	if d := cmp.Diff([]string{"spec", "chromium", "firefox", "webkit"}, Names()); d != "" {
		t.Errorf("Names (-want +got):\n%s", d)
	}
	for _, a := range Aliases() {
		if !names[a[1]] {
			t.Errorf("alias %q points at unknown profile %q", a[0], a[1])
		}
		if names[a[0]] {
			t.Errorf("alias %q shadows a profile name", a[0])
		}
	}
}

// TestProfilesAreValid: every profile users can choose passes engine.Profile.Validate.
func TestProfilesAreValid(t *testing.T) {
	for _, p := range All {
		if err := p.Validate(); err != nil {
			t.Errorf("%v", err)
		}
	}
}
