package browsers

import (
	"slices"
	"strings"

	"github.com/corsim/corsim/engine"
)

// All lists every profile corsim models, in a stable order: the standard as written first, then
// the browsers. Tools that simulate "all browsers" use it.
var All = []engine.Profile{engine.Spec, Chromium, Firefox, WebKit}

// aliases are the names users type for a browser whose profile is named otherwise: the browsers
// built on the same engine share its CORS code.
var aliases = map[string]string{
	"standard":      "spec",
	"fetch":         "spec",
	"chrome":        "chromium",
	"google-chrome": "chromium",
	"edge":          "chromium",
	"msedge":        "chromium",
	"opera":         "chromium",
	"brave":         "chromium",
	"gecko":         "firefox",
	"ff":            "firefox",
	"firefox-esr":   "firefox",
	"safari":        "webkit",
	"epiphany":      "webkit",
	"webkitgtk":     "webkit",
}

// Lookup returns the profile a user means by name: a profile's own name or one of the aliases
// (chrome and edge for Chromium, safari for WebKit, …), compared case-insensitively after
// trimming spaces.
func Lookup(name string) (engine.Profile, bool) {
	n := strings.ToLower(strings.TrimSpace(name))
	if a, ok := aliases[n]; ok {
		n = a
	}
	for _, p := range All {
		if p.Name == n {
			return p, true
		}
	}
	return engine.Profile{}, false
}

// Names lists the profiles' own names in the order of All, for help texts and error messages.
func Names() []string {
	out := make([]string, len(All))
	for i, p := range All {
		out[i] = p.Name
	}
	return out
}

// Aliases returns, for help texts, each alias with the profile name it stands for, sorted by
// alias.
func Aliases() [][2]string {
	out := make([][2]string, 0, len(aliases))
	for a, n := range aliases {
		out = append(out, [2]string{a, n})
	}
	slices.SortFunc(out, func(a, b [2]string) int { return strings.Compare(a[0], b[0]) })
	return out
}
