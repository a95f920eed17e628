package fetchspec

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"pgregory.net/rapid"
)

// genCase randomly changes the ASCII case of s's letters.
func genCase(t *rapid.T, s string, label string) string {
	b := []byte(s)
	for i, c := range b {
		if ('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') && rapid.Bool().Draw(t, label) {
			b[i] = c ^ 0x20
		}
	}
	return string(b)
}

// genHeaderName draws a name that is often one the safelist knows, in any case.
func genHeaderName(t *rapid.T) string {
	known := []string{"Accept", "Accept-Language", "Content-Language", "Content-Type", "Range",
		"X-Foo", "x-bar", "Authorization", "\u212aeep-Alive"}
	if rapid.Bool().Draw(t, "known") {
		return genCase(t, rapid.SampledFrom(known).Draw(t, "name"), "case")
	}
	return rapid.StringMatching(`[A-Za-z0-9!#$%&'*+.^_|~-]{1,12}`).Draw(t, "name")
}

// genHeaderValue draws values that are often, but not always, safelisted, and sometimes long.
func genHeaderValue(t *rapid.T) string {
	switch rapid.IntRange(0, 4).Draw(t, "kind") {
	case 0:
		return rapid.SampledFrom([]string{"*/*", "text/plain", "en-US", "bytes=0-", "bytes=-5",
			"application/json", `"x"`, "", "TEXT/PLAIN;charset=utf-8"}).Draw(t, "value")
	case 1:
		return strings.Repeat("a", rapid.IntRange(0, 200).Draw(t, "len"))
	case 2:
		return rapid.StringMatching(`[a-z0-9 ;=,/*.-]{0,40}`).Draw(t, "value")
	default:
		return string(rapid.SliceOfN(rapid.Byte(), 0, 30).Draw(t, "bytes"))
	}
}

func genHeaderList(t *rapid.T) HeaderList {
	n := rapid.IntRange(0, 20).Draw(t, "n")
	l := make(HeaderList, 0, n)
	for i := 0; i < n; i++ {
		l = append(l, Header{genHeaderName(t), genHeaderValue(t)})
	}
	return l
}

func isSortedLowercaseSet(s []string) bool {
	for i, n := range s {
		if byteLowercase(n) != n || i > 0 && s[i-1] >= n {
			return false
		}
	}
	return true
}

func TestPropCORSUnsafeRequestHeaderNames(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		l := genHeaderList(t)
		got := CORSUnsafeRequestHeaderNames(l)
		if got != nil && len(got) == 0 {
			t.Fatalf("empty non-nil result")
		}
		if !isSortedLowercaseSet(got) {
			t.Fatalf("not a sorted lowercase set: %q", got)
		}
		size := 0
		for _, h := range l {
			if IsCORSSafelistedRequestHeader(h.Name, h.Value) {
				size += len(h.Value)
			} else if _, found := slices.BinarySearch(got, byteLowercase(h.Name)); !found {
				t.Fatalf("unsafe %q missing from %q", h.Name, got)
			}
		}
		for _, n := range got {
			if !l.Contains(n) {
				t.Fatalf("%q is not a name of the list", n)
			}
		}
		// Over budget every name is unsafe; within it, safelisted entries are not.
		if size > 1024 {
			for _, h := range l {
				if _, found := slices.BinarySearch(got, byteLowercase(h.Name)); !found {
					t.Fatalf("over budget (%d) but %q missing from %q", size, h.Name, got)
				}
			}
		}
	})
}

func TestPropSafelistedWithinBudgetIsSafe(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var l HeaderList
		total := 0
		for range rapid.IntRange(0, 30).Draw(t, "n") {
			name := genCase(t, rapid.SampledFrom([]string{"accept", "accept-language", "content-language", "content-type", "range"}).Draw(t, "name"), "case")
			var v string
			switch byteLowercase(name) {
			case "accept", "accept-language", "content-language":
				v = rapid.StringMatching(`[a-z0-9 ,;=*.-]{0,128}`).Draw(t, "v")
			case "content-type":
				v = rapid.SampledFrom([]string{"text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded"}).Draw(t, "v")
			default:
				v = "bytes=" + strconv.Itoa(rapid.IntRange(0, 1000).Draw(t, "start")) + "-"
			}
			if total+len(v) > 1024 {
				break
			}
			total += len(v)
			l = append(l, Header{name, v})
		}
		if got := CORSUnsafeRequestHeaderNames(l); got != nil {
			t.Fatalf("%d safelisted bytes gave unsafe names %q", total, got)
		}
	})
}

func TestPropConvertIdempotent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		names := rapid.SliceOf(rapid.OneOf(rapid.StringMatching(`[A-Za-z-]{0,6}`), rapid.String())).Draw(t, "names")
		once := ConvertHeaderNamesToSortedLowercaseSet(names)
		if !isSortedLowercaseSet(once) {
			t.Fatalf("not a sorted lowercase set: %q", once)
		}
		if diff := cmp.Diff(once, ConvertHeaderNamesToSortedLowercaseSet(once)); diff != "" {
			t.Fatalf("not idempotent: (-once +twice)\n%s", diff)
		}
		for _, n := range names {
			if _, found := slices.BinarySearch(once, byteLowercase(n)); !found {
				t.Fatalf("%q lost", n)
			}
		}
	})
}

// genOrigin draws a serialized origin; never "*", which no origin serializes to.
func genOrigin(t *rapid.T) string {
	return rapid.SampledFrom([]string{"https://a.example", "http://a.example:8080", "null",
		"https://A.example", "https://a.example/", "https://b.example"}).Draw(t, "origin")
}

func TestPropCORSCheck(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		origin := genOrigin(t)
		var resp HeaderList
		for range rapid.IntRange(0, 4).Draw(t, "n") {
			name := rapid.SampledFrom([]string{"Access-Control-Allow-Origin", "access-control-allow-origin",
				"Access-Control-Allow-Credentials", "X-Other"}).Draw(t, "hname")
			value := rapid.OneOf(rapid.SampledFrom([]string{"*", "true", "True", "", "*, *"}), rapid.Just(origin),
				rapid.Custom(genOrigin)).Draw(t, "hvalue")
			resp = append(resp, Header{name, value})
		}
		cred := rapid.Bool().Draw(t, "cred")
		got := CORSCheck(resp, origin, cred)
		acao, ok := resp.Get("Access-Control-Allow-Origin")
		acac, _ := resp.Get("Access-Control-Allow-Credentials")
		// The spec's steps, restated.
		wantOK := ok && (!cred && (acao == "*" || acao == origin) || cred && acao == origin && acac == "true")
		if (got == CORSCheckOK) != wantOK {
			t.Fatalf("CORSCheck(%v, %q, %v) = %q, spec says ok=%v", resp, origin, cred, got, wantOK)
		}
		if cred && acao == "*" && got == CORSCheckOK {
			t.Fatalf("credentialed request passed with ACAO *")
		}
		if (got == MissingAllowOrigin) != !ok {
			t.Fatalf("got %q with ACAO present=%v", got, ok)
		}
		if len(resp.Values("Access-Control-Allow-Origin")) > 1 && got != MultipleAllowOrigin {
			t.Fatalf("several ACAO lines gave %q", got)
		}
	})
}

func TestPropMIMERoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genMIMEString(t)
		m, err := ParseMIMEType(s)
		if err != nil {
			return
		}
		ser := m.String()
		m2, err := ParseMIMEType(ser)
		if err != nil {
			t.Fatalf("serialization %q of %q does not parse: %v", ser, s, err)
		}
		if diff := cmp.Diff(m, m2); diff != "" {
			t.Fatalf("%q -> %q: (-first +second)\n%s", s, ser, diff)
		}
		if ser2 := m2.String(); ser2 != ser {
			t.Fatalf("serialization not stable: %q then %q", ser, ser2)
		}
	})
}

// genMIMEString draws strings made of the pieces MIME types are made of.
func genMIMEString(t *rapid.T) string {
	pieces := rapid.SliceOf(rapid.SampledFrom([]string{
		"text", "PLAIN", "/", ";", "=", `"`, `\`, " ", "\t", "\n", "charset", "utf-8", "a", "B",
		"\xff", "\x7f", "\x00", "(", ",", "*",
	})).Draw(t, "pieces")
	return strings.Join(pieces, "")
}

func TestPropExtractHeaderListValues(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var l HeaderList
		for range rapid.IntRange(0, 3).Draw(t, "lines") {
			v := strings.Join(rapid.SliceOf(rapid.SampledFrom([]string{"a", "X-B", ",", " ", "\t", "*", `"`, "é", ";"})).Draw(t, "v"), "")
			l = append(l, Header{"Access-Control-Allow-Headers", v})
		}
		items, err := ExtractHeaderListValues(l, "access-control-allow-headers")
		if err != nil {
			if items != nil {
				t.Fatalf("error with items %q", items)
			}
			return
		}
		if (items == nil) != (len(l) == 0) {
			t.Fatalf("items %#v for %d lines", items, len(l))
		}
		for _, it := range items {
			if !isToken(it) {
				t.Fatalf("item %q is not a token", it)
			}
		}
		if len(l) == 0 {
			return
		}
		// The items, written back as one line, extract to the same items.
		again, err := ExtractHeaderListValues(HeaderList{{"Access-Control-Allow-Headers", strings.Join(items, ", ")}}, "Access-Control-Allow-Headers")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(items, again); diff != "" {
			t.Fatalf("round trip: (-first +second)\n%s", diff)
		}
	})
}

func TestPropRangeRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := Range{HasStart: rapid.Bool().Draw(t, "hasStart")}
		r.HasEnd = !r.HasStart || rapid.Bool().Draw(t, "hasEnd")
		if r.HasStart {
			r.Start = rapid.Int64Min(0).Draw(t, "start")
		}
		if r.HasEnd {
			r.End = rapid.Int64Min(r.Start).Draw(t, "end")
		}
		s := "bytes="
		if r.HasStart {
			s += strconv.FormatInt(r.Start, 10)
		}
		s += "-"
		if r.HasEnd {
			s += strconv.FormatInt(r.End, 10)
		}
		got, err := ParseSingleRangeHeaderValue(s, rapid.Bool().Draw(t, "ws"))
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		if diff := cmp.Diff(r, got); diff != "" {
			t.Fatalf("%q: (-want +got)\n%s", s, diff)
		}
		if IsCORSSafelistedRequestHeader("Range", s) != (r.HasStart && len(s) <= 128) {
			t.Fatalf("safelisting of %q disagrees with the parse", s)
		}
	})
}

func TestPropHeaderListOps(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		l := genHeaderList(t)
		name := genHeaderName(t)
		value := genHeaderValue(t)
		if v, ok := l.Get(name); ok != l.Contains(name) || v != strings.Join(l.Values(name), ", ") {
			t.Fatalf("Get(%q) = %q, %v disagrees with Values %q", name, v, ok, l.Values(name))
		}
		others := func(l HeaderList) HeaderList {
			var out HeaderList
			for _, h := range l {
				if !ByteCaseInsensitiveMatch(h.Name, name) {
					out = append(out, h)
				}
			}
			return out
		}
		before := others(l)

		a := l.Clone()
		a.Append(name, value)
		if got := a.Values(name); got[len(got)-1] != value || len(a) != len(l)+1 {
			t.Fatalf("Append: %v", a)
		}

		s := l.Clone()
		s.Set(name, value)
		if diff := cmp.Diff([]string{value}, s.Values(name)); diff != "" {
			t.Fatalf("Set: (-want +got)\n%s", diff)
		}
		if diff := cmp.Diff(before, others(s)); diff != "" {
			t.Fatalf("Set touched other headers: (-want +got)\n%s", diff)
		}

		d := l.Clone()
		d.Delete(name)
		if d.Contains(name) {
			t.Fatalf("Delete left %q in %v", name, d)
		}
		if diff := cmp.Diff(before, others(d)); diff != "" {
			t.Fatalf("Delete touched other headers: (-want +got)\n%s", diff)
		}
	})
}

func TestPropMethods(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := rapid.OneOf(rapid.String(), rapid.Custom(func(t *rapid.T) string {
			return genCase(t, rapid.SampledFrom([]string{"get", "post", "patch", "trace", "connect", "track", "options"}).Draw(t, "m"), "case")
		})).Draw(t, "method")
		n := NormalizeMethod(m)
		if NormalizeMethod(n) != n {
			t.Fatalf("NormalizeMethod not idempotent on %q", m)
		}
		if !ByteCaseInsensitiveMatch(n, m) {
			t.Fatalf("NormalizeMethod(%q) = %q changed more than case", m, n)
		}
		if IsCORSSafelistedMethod(n) != slices.Contains([]string{"GET", "HEAD", "POST"}, string(upperASCII(m))) {
			t.Fatalf("safelisting of normalized %q", m)
		}
		if IsForbiddenMethod(m) != slices.Contains([]string{"CONNECT", "TRACE", "TRACK"}, string(upperASCII(m))) {
			t.Fatalf("IsForbiddenMethod(%q)", m)
		}
	})
}

// upperASCII upper-cases ASCII letters only, unlike strings.ToUpper.
func upperASCII(s string) []byte {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 0x20
		}
	}
	return b
}
