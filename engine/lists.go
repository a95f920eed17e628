package engine

import (
	"strings"

	"github.com/corsim/corsim/fetchspec"
)

// containsFold compares byte-case-insensitively, as header names are compared.
func containsFold(list []string, s string) bool {
	for _, v := range list {
		if fetchspec.ByteCaseInsensitiveMatch(v, s) {
			return true
		}
	}
	return false
}

// foldSet returns a byte-case-insensitive membership test for list: a scan for short lists, a
// map for long ones, so hostile lists of thousands of names stay linear.
func foldSet(list []string) func(string) bool {
	if len(list) <= 16 {
		return func(s string) bool { return containsFold(list, s) }
	}
	set := make(map[string]struct{}, len(list))
	for _, v := range list {
		set[strings.ToLower(v)] = struct{}{}
	}
	return func(s string) bool {
		_, ok := set[strings.ToLower(s)]
		return ok
	}
}

// firstBadToken returns the first item of a comma-separated list that is not an HTTP token.
func firstBadToken(list string) string {
	for item := range strings.SplitSeq(list, ",") {
		item = strings.Trim(item, " \t")
		if item != "" && !fetchspec.IsMethod(item) {
			return item
		}
	}
	return ""
}
