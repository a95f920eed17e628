package engine

import (
	"fmt"
	"strings"

	"github.com/corsim/corsim/fetchspec"
)

// corsUnsafeRequestHeaderNames is https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names
// under the profile's safelist rules. With the standard's rules it is
// fetchspec.CORSUnsafeRequestHeaderNames itself.
func (p *Profile) corsUnsafeRequestHeaderNames(l fetchspec.HeaderList) []string {
	s := &p.Safelist
	if !s.NoBudget && !s.CombineRepeated && !s.RangeUnitCaseInsensitive && len(s.Extra) == 0 {
		return fetchspec.CORSUnsafeRequestHeaderNames(l)
	}
	// A browser that combines repeated headers judges each name once, by the value the
	// request will carry ("a, b").
	entries := l
	if s.CombineRepeated {
		entries = make(fetchspec.HeaderList, 0, len(l))
		for _, h := range l {
			if entries.Contains(h.Name) {
				continue
			}
			v, _ := l.Get(h.Name)
			entries = append(entries, fetchspec.Header{Name: h.Name, Value: v})
		}
	}
	var unsafe []string
	size := 0
	for _, h := range entries {
		if p.isSafelisted(h.Name, h.Value) {
			size += len(h.Value)
		} else {
			unsafe = append(unsafe, h.Name)
		}
	}
	if !s.NoBudget && size > 1024 {
		unsafe = unsafe[:0]
		for _, h := range entries {
			unsafe = append(unsafe, h.Name)
		}
	}
	return fetchspec.ConvertHeaderNamesToSortedLowercaseSet(unsafe)
}

// isSafelisted is the CORS-safelisted request-header test widened by the profile's extra names
// and its Range rule.
func (p *Profile) isSafelisted(name, value string) bool {
	if fetchspec.IsCORSSafelistedRequestHeader(name, value) {
		return true
	}
	if len(value) > 128 {
		return false
	}
	if p.Safelist.RangeUnitCaseInsensitive && fetchspec.ByteCaseInsensitiveMatch(name, "Range") &&
		len(value) > 6 && fetchspec.ByteCaseInsensitiveMatch(value[:6], "bytes=") {
		return fetchspec.IsCORSSafelistedRequestHeader(name, "bytes="+value[6:])
	}
	if x, ok := p.extraSafelisted(name); ok {
		return x.Value.Accepts(value)
	}
	return false
}

// whyUnsafe says, for the trace, why the profile does not safelist the header name of the list
// l: the rule its value fails (judged by the combined value where the profile combines
// repeated headers, otherwise by the first entry that fails), or that the values of the
// safelisted headers together exceed the 1024-byte budget; "" when the name is simply not a
// safelisted one.
func (p *Profile) whyUnsafe(l fetchspec.HeaderList, name string) string {
	var values []string
	spelling := name
	for _, h := range l {
		if fetchspec.ByteCaseInsensitiveMatch(h.Name, name) {
			spelling = h.Name
			values = append(values, h.Value)
		}
	}
	if p.Safelist.CombineRepeated && len(values) > 1 {
		values = []string{strings.Join(values, ", ")}
	}
	for _, v := range values {
		if p.isSafelisted(spelling, v) {
			continue
		}
		if x, ok := p.extraSafelisted(spelling); ok {
			if len(v) > 128 {
				return fetchspec.ValueTooLong.Describe(spelling, v)
			}
			return fmt.Sprintf("the %s value %q is not %s", spelling, v, x.Value.describe())
		}
		return fetchspec.CORSSafelistedRequestHeaderProblem(spelling, v).Describe(spelling, v)
	}
	return "the values of the safelisted headers add up to more than 1024 bytes, so every one of them needs the preflight"
}

// extraSafelisted finds the profile's extra safelisted header of that name.
func (p *Profile) extraSafelisted(name string) (ExtraSafelistedHeader, bool) {
	for _, x := range p.Safelist.Extra {
		if fetchspec.ByteCaseInsensitiveMatch(name, x.Name) {
			return x, true
		}
	}
	return ExtraSafelistedHeader{}, false
}
