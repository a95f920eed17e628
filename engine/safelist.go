package engine

import (
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
	for _, x := range p.Safelist.Extra {
		if fetchspec.ByteCaseInsensitiveMatch(name, x.Name) {
			return x.Value.Accepts(value)
		}
	}
	return false
}
