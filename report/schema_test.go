package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/corsim/corsim/scenario"
	"github.com/google/go-cmp/cmp"
)

const (
	schemaPath = "../docs/json-output.schema.json"
	docPath    = "../docs/json-output.md"
)

// schema is the subset of JSON Schema 2020-12 the output schema uses.
type schema struct {
	Ref         string             `json:"$ref"`
	Type        string             `json:"type"`
	Const       any                `json:"const"`
	Enum        []any              `json:"enum"`
	Properties  map[string]*schema `json:"properties"`
	Required    []string           `json:"required"`
	AdditProps  *bool              `json:"additionalProperties"`
	Items       json.RawMessage    `json:"items"`
	PrefixItems []*schema          `json:"prefixItems"`
	MinItems    *int               `json:"minItems"`
	MaxItems    *int               `json:"maxItems"`
	Minimum     *float64           `json:"minimum"`
	Defs        map[string]*schema `json:"$defs"`
}

func loadSchema(t testing.TB) *schema {
	t.Helper()
	data, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	var s schema
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&s); err != nil {
		t.Fatalf("%s: %v", schemaPath, err)
	}
	return &s
}

// validator checks a decoded JSON value against the schema and records which object
// properties it saw, so a test can also find documented fields the output never uses.
type validator struct {
	root *schema
	seen map[string]bool // "def.property"
}

func (v *validator) resolve(s *schema) (*schema, string, error) {
	name := ""
	for s.Ref != "" {
		def, ok := strings.CutPrefix(s.Ref, "#/$defs/")
		if !ok || v.root.Defs[def] == nil {
			return nil, "", fmt.Errorf("unresolvable $ref %q", s.Ref)
		}
		name = def
		s = v.root.Defs[def]
	}
	return s, name, nil
}

func (v *validator) validate(path string, s *schema, val any, owner string) error {
	s, def, err := v.resolve(s)
	if err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	if def != "" {
		owner = def
	}
	if s.Const != nil && !cmp.Equal(s.Const, val) {
		return fmt.Errorf("%s: %v is not the constant %v", path, val, s.Const)
	}
	if s.Enum != nil {
		found := false
		for _, e := range s.Enum {
			if cmp.Equal(e, val) {
				found = true
			}
		}
		if !found {
			return fmt.Errorf("%s: %v is not one of %v", path, val, s.Enum)
		}
	}
	switch s.Type {
	case "":
	case "string":
		if _, ok := val.(string); !ok {
			return fmt.Errorf("%s: %v is not a string", path, val)
		}
	case "boolean":
		if _, ok := val.(bool); !ok {
			return fmt.Errorf("%s: %v is not a boolean", path, val)
		}
	case "integer", "number":
		n, ok := val.(float64)
		if !ok {
			return fmt.Errorf("%s: %v is not a number", path, val)
		}
		if s.Type == "integer" && n != math.Trunc(n) {
			return fmt.Errorf("%s: %v is not an integer", path, val)
		}
		if s.Minimum != nil && n < *s.Minimum {
			return fmt.Errorf("%s: %v is below %v", path, n, *s.Minimum)
		}
	case "array":
		arr, ok := val.([]any)
		if !ok {
			return fmt.Errorf("%s: %v is not an array", path, val)
		}
		if s.MinItems != nil && len(arr) < *s.MinItems || s.MaxItems != nil && len(arr) > *s.MaxItems {
			return fmt.Errorf("%s: %d items", path, len(arr))
		}
		for i, item := range arr {
			p := fmt.Sprintf("%s[%d]", path, i)
			if i < len(s.PrefixItems) {
				if err := v.validate(p, s.PrefixItems[i], item, owner); err != nil {
					return err
				}
				continue
			}
			if string(s.Items) == "false" {
				return fmt.Errorf("%s: no item allowed here", p)
			}
			if len(s.Items) == 0 {
				return fmt.Errorf("%s: the schema says nothing about items", path)
			}
			var is schema
			if err := json.Unmarshal(s.Items, &is); err != nil {
				return fmt.Errorf("%s: items: %v", path, err)
			}
			if err := v.validate(p, &is, item, owner); err != nil {
				return err
			}
		}
	case "object":
		obj, ok := val.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: %v is not an object", path, val)
		}
		if s.AdditProps == nil || *s.AdditProps {
			return fmt.Errorf("%s: the schema must forbid additional properties", path)
		}
		for _, r := range s.Required {
			if _, ok := obj[r]; !ok {
				return fmt.Errorf("%s: documented property %q is missing", path, r)
			}
		}
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			ps, ok := s.Properties[k]
			if !ok {
				return fmt.Errorf("%s: property %q is not documented", path, k)
			}
			v.seen[owner+"."+k] = true
			if err := v.validate(path+"."+k, ps, obj[k], ownerOf(owner, k, ps)); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("%s: unknown schema type %q", path, s.Type)
	}
	return nil
}

// ownerOf names inline object schemas after their parent and property.
func ownerOf(owner, prop string, s *schema) string {
	if s.Ref != "" {
		return owner
	}
	return owner + "." + prop
}

// documented lists every property the schema defines, as "owner.property".
func documented(root *schema) map[string]bool {
	out := map[string]bool{}
	var walk func(owner string, s *schema)
	walk = func(owner string, s *schema) {
		for k, p := range s.Properties {
			out[owner+"."+k] = true
			if p.Ref == "" {
				walk(owner+"."+k, p)
			}
		}
	}
	walk("", root)
	for name, d := range root.Defs {
		walk(name, d)
	}
	return out
}

// TestSchemaObjectsRequireEveryProperty pins the promise that every field is always present:
// an object schema whose required list differs from its properties would let the output
// drop a field.
func TestSchemaObjectsRequireEveryProperty(t *testing.T) {
	root := loadSchema(t)
	var walk func(where string, s *schema)
	walk = func(where string, s *schema) {
		if s.Type == "object" {
			var props []string
			for k := range s.Properties {
				props = append(props, k)
			}
			sort.Strings(props)
			req := append([]string(nil), s.Required...)
			sort.Strings(req)
			if diff := cmp.Diff(props, req); diff != "" {
				t.Errorf("%s: required differs from properties (-properties +required):\n%s", where, diff)
			}
		}
		for k, p := range s.Properties {
			walk(where+"."+k, p)
		}
	}
	walk("document", root)
	for name, d := range root.Defs {
		walk(name, d)
	}
}

// TestJSONMatchesSchema renders every command as JSON for the fixtures and checks that the
// documents use exactly the documented fields, with the documented types, and that together
// they use every documented field.
func TestJSONMatchesSchema(t *testing.T) {
	root := loadSchema(t)
	v := &validator{root: root, seen: map[string]bool{"": true}}
	runs := allRuns(t)
	docs := map[string]func(*bytes.Buffer) error{
		"run":  func(b *bytes.Buffer) error { return Run(b, runs, Options{Format: FormatJSON}) },
		"test": func(b *bytes.Buffer) error { return Test(b, runs, Options{Format: FormatJSON}) },
		"explain": func(b *bytes.Buffer) error {
			return Explain(b, runs[2], Options{Format: FormatJSON, Diagram: DiagramSVG})
		},
		"explain-preflight": func(b *bytes.Buffer) error {
			return Explain(b, runs[0], Options{Format: FormatJSON})
		},
		"empty": func(b *bytes.Buffer) error { return Run(b, nil, Options{Format: FormatJSON}) },
		"no-browsers": func(b *bytes.Buffer) error {
			return Test(b, []*scenario.Run{{Scenario: &scenario.Scenario{Title: "x"}}}, Options{Format: FormatJSON})
		},
	}
	for name, render := range docs {
		var b bytes.Buffer
		if err := render(&b); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var val any
		if err := json.Unmarshal(b.Bytes(), &val); err != nil {
			t.Fatalf("%s: output is not JSON: %v", name, err)
		}
		if err := v.validate(name, root, val, ""); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	var unused []string
	for p := range documented(root) {
		if !v.seen[p] {
			unused = append(unused, p)
		}
	}
	sort.Strings(unused)
	if len(unused) > 0 {
		t.Errorf("documented properties no fixture emits (the schema or the fixtures are stale): %v", unused)
	}
}

// TestValidatorRejects makes sure the validator itself can fail: an undocumented field, a
// missing field and a wrong type are each reported.
func TestValidatorRejects(t *testing.T) {
	root := loadSchema(t)
	var b bytes.Buffer
	if err := Run(&b, allRuns(t)[:1], Options{Format: FormatJSON}); err != nil {
		t.Fatal(err)
	}
	mutations := map[string]func(doc map[string]any){
		"extra":   func(doc map[string]any) { doc["extra"] = 1 },
		"missing": func(doc map[string]any) { delete(doc, "command") },
		"type": func(doc map[string]any) {
			sc := doc["scenarios"].([]any)[0].(map[string]any)
			sc["passed"] = "yes"
		},
		"nested-extra": func(doc map[string]any) {
			f := doc["scenarios"].([]any)[0].(map[string]any)["browsers"].([]any)[0].(map[string]any)["fetches"].([]any)[0].(map[string]any)
			f["response"].(map[string]any)["body"] = ""
		},
		"header-pair": func(doc map[string]any) {
			f := doc["scenarios"].([]any)[0].(map[string]any)["browsers"].([]any)[0].(map[string]any)["fetches"].([]any)[0].(map[string]any)
			f["request"].(map[string]any)["headers"] = []any{[]any{"a", "b", "c"}}
		},
		"enum": func(doc map[string]any) { doc["command"] = "walk" },
	}
	for name, mutate := range mutations {
		var doc map[string]any
		if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		mutate(doc)
		v := &validator{root: root, seen: map[string]bool{}}
		if err := v.validate("doc", root, any(doc), ""); err == nil {
			t.Errorf("%s: the validator accepted a document that breaks the schema", name)
		}
	}
}

// TestJSONDocMentionsEveryField keeps docs/json-output.md in step with the schema.
func TestJSONDocMentionsEveryField(t *testing.T) {
	root := loadSchema(t)
	data, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	for p := range documented(root) {
		name := p[strings.LastIndexByte(p, '.')+1:]
		if !strings.Contains(doc, "`"+name+"`") {
			t.Errorf("%s does not document the field `%s` (%s)", docPath, name, p)
		}
	}
}

// TestJSONDocExampleMatchesSchema keeps the full example in docs/json-output.md valid.
func TestJSONDocExampleMatchesSchema(t *testing.T) {
	root := loadSchema(t)
	data, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(data), "```json\n")
	if !ok {
		t.Fatalf("%s has no ```json example", docPath)
	}
	example, _, ok := strings.Cut(rest, "\n```")
	if !ok {
		t.Fatalf("%s: the json example is not closed", docPath)
	}
	var val any
	if err := json.Unmarshal([]byte(example), &val); err != nil {
		t.Fatalf("%s: the example is not JSON: %v", docPath, err)
	}
	v := &validator{root: root, seen: map[string]bool{}}
	if err := v.validate("example", root, val, ""); err != nil {
		t.Errorf("%s: the example breaks the schema: %v", docPath, err)
	}
}
