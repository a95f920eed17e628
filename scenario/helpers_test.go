package scenario

import (
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/corsim/corsim/engine"
	"github.com/corsim/corsim/fetchspec"
)

func ptr[T any](v T) *T { return &v }

func hl(pairs ...string) fetchspec.HeaderList {
	var l fetchspec.HeaderList
	for i := 0; i+1 < len(pairs); i += 2 {
		l = append(l, fetchspec.Header{Name: pairs[i], Value: pairs[i+1]})
	}
	return l
}

func outcome(o engine.Outcome) *engine.Outcome         { return &o }
func reason(r engine.Reason) *engine.Reason            { return &r }
func rtype(t engine.ResponseType) *engine.ResponseType { return &t }

// ignorePositions compares scenarios from different syntaxes, whose positions differ.
var ignorePositions = cmp.Options{
	cmpopts.IgnoreFields(Scenario{}, "File"),
	cmpopts.IgnoreTypes(Position{}),
}
