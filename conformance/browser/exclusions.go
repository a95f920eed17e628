package browser

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

// Exclusion is a documented disagreement between a browser and its profile: a behaviour the
// engine does not model, or a race inside the browser that no model can predict. Each one
// names the call and the compared field it covers, and says why, with the evidence.
type Exclusion struct {
	// Browser is the driver name ("chromium", "firefox", "webkit").
	Browser string `json:"browser"`
	// Call is a call ID ("name#2") or a case name (every call of the case).
	Call string `json:"call"`
	// Field is the compared field ("requests", "outcome", "status", "type", "redirected",
	// "url", "headers", "error", "console") or "*".
	Field string `json:"field"`
	// Why says what the browser does and why the engine does not follow it.
	Why string `json:"why"`
}

// LoadExclusions reads an exclusions file and checks every entry is complete.
func LoadExclusions(path string) ([]Exclusion, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var xs []Exclusion
	if err := json.Unmarshal(b, &xs); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for i, x := range xs {
		if x.Browser == "" || x.Call == "" || x.Field == "" || strings.TrimSpace(x.Why) == "" {
			return nil, fmt.Errorf("%s: entry %d: browser, call, field and why are all required", path, i+1)
		}
	}
	return xs, nil
}

// excluded reports whether a diff line (as Diff writes it, "field: …") of a call is covered.
func excluded(xs []Exclusion, browser, callID, diff string) bool {
	field, _, _ := strings.Cut(diff, ":")
	caseName, _, _ := strings.Cut(callID, "#")
	for _, x := range xs {
		if x.Browser != browser || (x.Call != callID && x.Call != caseName) {
			continue
		}
		if x.Field == "*" || x.Field == field {
			return true
		}
	}
	return false
}

// filterDiffs keeps the diff lines no exclusion covers.
func filterDiffs(xs []Exclusion, browser, callID string, diffs []string) (kept []string, dropped int) {
	for _, d := range diffs {
		if excluded(xs, browser, callID, d) {
			dropped++
			continue
		}
		kept = append(kept, d)
	}
	return kept, dropped
}
