package scenario

import (
	"encoding/json"
	"os"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSchemaMatchesLoader holds scenario.schema.json and the loader to one format: the same keys
// in every mapping, the same required keys, the same enumerations and defaults.
func TestSchemaMatchesLoader(t *testing.T) {
	data, err := os.ReadFile("scenario.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatalf("schema is not JSON: %v", err)
	}
	if got := schema["$schema"]; got != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %v", got)
	}
	defs, _ := schema["$defs"].(map[string]any)
	object := func(name string) map[string]any {
		if name == "scenario" {
			return schema
		}
		o, ok := defs[name].(map[string]any)
		if !ok {
			t.Fatalf("$defs has no %q", name)
		}
		return o
	}
	objects := []struct {
		name           string
		keys, required []string
	}{
		{"scenario", scenarioKeys, scenarioRequired},
		{"server", serverKeys, nil},
		{"route", routeKeys, routeRequired},
		{"policy", policyKeys, nil},
		{"fetch", fetchKeys, fetchRequired},
		{"expect", expectKeys, nil},
	}
	for _, o := range objects {
		obj := object(o.name)
		props, _ := obj["properties"].(map[string]any)
		if diff := cmp.Diff(sorted(o.keys), sorted(keysOf(props))); diff != "" {
			t.Errorf("%s: keys differ (-loader +schema):\n%s", o.name, diff)
		}
		if diff := cmp.Diff(sorted(o.required), sorted(strs(obj["required"]))); diff != "" {
			t.Errorf("%s: required keys differ (-loader +schema):\n%s", o.name, diff)
		}
		if obj["additionalProperties"] != false {
			t.Errorf("%s: additionalProperties is not false, but the loader refuses unknown keys", o.name)
		}
		for k, v := range props {
			if p, _ := v.(map[string]any); p["description"] == nil && p["$ref"] == nil {
				t.Errorf("%s.%s has no description", o.name, k)
			}
		}
	}
	enum := func(obj, key string) []string {
		p, _ := object(obj)["properties"].(map[string]any)[key].(map[string]any)
		return strs(p["enum"])
	}
	enums := []struct {
		obj, key string
		loader   []string
	}{
		{"fetch", "mode", modeValues},
		{"fetch", "credentials", credentialsValues},
		{"fetch", "redirect", redirectValues},
		{"fetch", "cache", cacheValues},
		{"fetch", "body", bodyValues},
		{"expect", "outcome", outcomeValues},
		{"expect", "type", typeValues},
		{"expect", "reason", reasonValues()},
	}
	for _, e := range enums {
		if diff := cmp.Diff(e.loader, enum(e.obj, e.key)); diff != "" {
			t.Errorf("%s.%s: enum differs (-loader +schema):\n%s", e.obj, e.key, diff)
		}
	}
	def := func(obj, key string) any {
		p, _ := object(obj)["properties"].(map[string]any)[key].(map[string]any)
		return p["default"]
	}
	// The loader's defaults, read back from a minimal policy.
	s, err := Parse("s.yaml", []byte("title: t\norigin: https://a.example\nserver: {policy: {}}\nfetches: [{url: /}]\n"))
	if err != nil {
		t.Fatal(err)
	}
	p := s.Server.Policy
	defaults := []struct {
		obj, key string
		loader   any
	}{
		{"policy", "preflight_status", float64(p.PreflightStatus)},
		{"policy", "status", float64(p.Status)},
		{"policy", "vary", p.Vary},
		{"policy", "allow_credentials", p.AllowCredentials},
		{"fetch", "use_cors_preflight", s.Fetches[0].Request.UseCORSPreflight},
	}
	for _, d := range defaults {
		if got := def(d.obj, d.key); got != d.loader {
			t.Errorf("%s.%s: schema default %v, loader default %v", d.obj, d.key, got, d.loader)
		}
	}
}

func keysOf(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func strs(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		s, _ := x.(string)
		out = append(out, s)
	}
	return out
}

func sorted(s []string) []string {
	out := append([]string{}, s...)
	sort.Strings(out)
	return out
}
