package fetchspec

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestExtractHeaderListValues(t *testing.T) {
	tests := []struct {
		desc    string
		list    HeaderList
		name    string
		want    []string
		wantErr *ExtractError
	}{
		{"absent", HeaderList{{"X", "1"}}, "Access-Control-Allow-Methods", nil, nil},
		{"simple", HeaderList{{"Access-Control-Allow-Methods", "PUT"}}, "Access-Control-Allow-Methods", []string{"PUT"}, nil},
		{"case kept", HeaderList{{"access-control-allow-methods", "put, Patch,DELETE"}}, "Access-Control-Allow-Methods",
			[]string{"put", "Patch", "DELETE"}, nil},
		{"empty items skipped", HeaderList{{"Access-Control-Allow-Headers", "a,,b"}}, "Access-Control-Allow-Headers", []string{"a", "b"}, nil},
		{"only separators", HeaderList{{"Access-Control-Allow-Headers", " , "}}, "Access-Control-Allow-Headers", []string{}, nil},
		{"empty value", HeaderList{{"Access-Control-Allow-Headers", ""}}, "Access-Control-Allow-Headers", []string{}, nil},
		{"whitespace", HeaderList{{"Access-Control-Allow-Headers", " \tX-A\t ,  x-b  "}}, "Access-Control-Allow-Headers", []string{"X-A", "x-b"}, nil},
		{"leading and trailing commas", HeaderList{{"Access-Control-Expose-Headers", ",a,"}}, "Access-Control-Expose-Headers", []string{"a"}, nil},
		{"wildcard", HeaderList{{"Access-Control-Expose-Headers", "*"}}, "Access-Control-Expose-Headers", []string{"*"}, nil},
		{"lines concatenated", HeaderList{{"Access-Control-Allow-Methods", "PUT"}, {"X", "y"}, {"ACCESS-CONTROL-ALLOW-METHODS", "patch, "}},
			"Access-Control-Allow-Methods", []string{"PUT", "patch"}, nil},
		{"duplicates kept", HeaderList{{"A", "x, x"}}, "a", []string{"x", "x"}, nil},
		{"inner space", HeaderList{{"Access-Control-Allow-Headers", "x-a x-b"}}, "Access-Control-Allow-Headers", nil,
			&ExtractError{Header: "Access-Control-Allow-Headers", Value: "x-a x-b", Item: "x-a x-b", Reason: "is not a header name (a token)"}},
		{"quoted string", HeaderList{{"Access-Control-Expose-Headers", `"x-a"`}}, "Access-Control-Expose-Headers", nil,
			&ExtractError{Header: "Access-Control-Expose-Headers", Value: `"x-a"`, Item: `"x-a"`, Reason: "is not a header name (a token)"}},
		{"bad method", HeaderList{{"Access-Control-Allow-Methods", "GET, P(T"}}, "Access-Control-Allow-Methods", nil,
			&ExtractError{Header: "Access-Control-Allow-Methods", Value: "GET, P(T", Item: "P(T", Reason: "is not a method (a token)"}},
		{"second line bad", HeaderList{{"X-List", "a"}, {"x-list", "b;c"}}, "X-List", nil,
			&ExtractError{Header: "X-List", Value: "b;c", Item: "b;c", Reason: "is not a token"}},
		{"kelvin", HeaderList{{"Access-Control-Allow-Headers", "\u212a"}}, "Access-Control-Allow-Headers", nil,
			&ExtractError{Header: "Access-Control-Allow-Headers", Value: "\u212a", Item: "\u212a", Reason: "is not a header name (a token)"}},
		{"newline", HeaderList{{"Access-Control-Allow-Headers", "a\r\n b"}}, "Access-Control-Allow-Headers", nil,
			&ExtractError{Header: "Access-Control-Allow-Headers", Value: "a\r\n b", Item: "a\r\n b", Reason: "is not a header name (a token)"}},
	}
	for _, tt := range tests {
		got, err := ExtractHeaderListValues(tt.list, tt.name)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: (-want +got)\n%s", tt.desc, diff)
		}
		var gotErr *ExtractError
		if err != nil && !errors.As(err, &gotErr) {
			t.Errorf("%s: error %v is not an *ExtractError", tt.desc, err)
		}
		if diff := cmp.Diff(tt.wantErr, gotErr); diff != "" {
			t.Errorf("%s: error (-want +got)\n%s", tt.desc, diff)
		}
		// Present and parsable: never nil, so "present but empty" differs from "absent".
		if err == nil && tt.list.Contains(tt.name) && got == nil {
			t.Errorf("%s: got nil for a present header", tt.desc)
		}
	}
}

func TestExtractErrorMessage(t *testing.T) {
	tests := []struct {
		e    ExtractError
		want string
	}{
		{ExtractError{Header: "Access-Control-Allow-Headers", Value: "a, b c", Item: "b c", Reason: "is not a header name (a token)"},
			`Access-Control-Allow-Headers: "b c" in value "a, b c" is not a header name (a token)`},
		{ExtractError{Header: "Access-Control-Max-Age", Value: "-1", Reason: "is negative"},
			`Access-Control-Max-Age: value "-1" is negative`},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.e.Error()); diff != "" {
			t.Errorf("(-want +got)\n%s", diff)
		}
	}
}
