package scenario

import (
	"fmt"
	"sort"
	"strings"
)

// Position is a place in a scenario file, so that every error and every failed expectation can
// send the reader to the line that caused it. Line and Col count from 1; a zero Line means the
// whole file.
type Position struct {
	File      string
	Line, Col int
}

// String gives the position as "file:line:col", the form editors and terminals turn into links.
func (p Position) String() string {
	if p.Line <= 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Error is one problem in a scenario file, at the position of the offending value.
type Error struct {
	Pos Position
	Msg string
}

// Error formats the problem as "file:line:col: message" ("file: message" for a problem with
// the whole file, and the bare message for a scenario built in Go, which has no file).
func (e *Error) Error() string {
	p := e.Pos.String()
	if p == "" {
		return e.Msg
	}
	return p + ": " + e.Msg
}

// ErrorList holds every problem found in one or more files, in file order, so a whole file can
// be fixed in one pass. Parse and Load return an ErrorList only when there are several errors
// and a lone *Error otherwise.
type ErrorList []*Error

// Error gives one error per line.
func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// sort puts errors in file order; errors at the same place keep the order they were found.
func (l ErrorList) sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// err returns nil, the single error, or the list.
func (l ErrorList) err() error {
	switch len(l) {
	case 0:
		return nil
	case 1:
		return l[0]
	}
	return l
}
