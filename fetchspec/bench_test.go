package fetchspec

import (
	"strconv"
	"strings"
	"testing"
)

const mib = 1 << 20

func BenchmarkMethods(b *testing.B) {
	for _, m := range []string{"GET", "patch", "M-SEARCH"} {
		b.Run("IsCORSSafelistedMethod/"+m, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				IsCORSSafelistedMethod(m)
			}
		})
		b.Run("NormalizeMethod/"+m, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				NormalizeMethod(m)
			}
		})
		b.Run("IsForbiddenMethod/"+m, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				IsForbiddenMethod(m)
			}
		})
	}
}

func BenchmarkIsForbiddenRequestHeader(b *testing.B) {
	for _, h := range []Header{
		{"X-Requested-With", "XMLHttpRequest"},
		{"Content-Type", "application/json"},
		{"Sec-Fetch-Mode", "cors"},
		{"X-HTTP-Method-Override", `PUT, "a,b", TRACE`},
	} {
		b.Run(h.Name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				IsForbiddenRequestHeader(h.Name, h.Value)
			}
		})
	}
	b.Run("override-1MiB", func(b *testing.B) {
		v := strings.Repeat("GET, ", mib/5)
		b.ReportAllocs()
		b.SetBytes(int64(len(v)))
		for b.Loop() {
			IsForbiddenRequestHeader("X-HTTP-Method-Override", v)
		}
	})
}

func BenchmarkIsCORSSafelistedRequestHeader(b *testing.B) {
	for _, h := range []Header{
		{"Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"},
		{"Accept-Language", "en-US,en;q=0.9,de;q=0.8"},
		{"Content-Language", "en-US"},
		{"Content-Type", "text/plain;charset=UTF-8"},
		{"Content-Type", "application/json"},
		{"Range", "bytes=0-1023"},
		{"X-Requested-With", "XMLHttpRequest"},
		{"Accept", strings.Repeat("a", mib)},
	} {
		name := h.Name + "/" + h.Value
		if len(name) > 40 {
			name = name[:40] + "/len" + strconv.Itoa(len(h.Value))
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				IsCORSSafelistedRequestHeader(h.Name, h.Value)
			}
		})
	}
}

func BenchmarkCORSUnsafeRequestHeaderNames(b *testing.B) {
	lists := map[string]HeaderList{
		"typical-safe": {
			{"Accept", "*/*"},
			{"Accept-Language", "en-US,en;q=0.9"},
			{"Content-Type", "text/plain;charset=UTF-8"},
		},
		"typical-unsafe": {
			{"Accept", "application/json"},
			{"Accept-Language", "en-US,en;q=0.9"},
			{"Content-Type", "application/json"},
			{"Authorization", "Bearer abc"},
			{"X-Requested-With", "XMLHttpRequest"},
		},
		"over-budget": budgetList(1025),
	}
	for name, l := range lists {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				CORSUnsafeRequestHeaderNames(l)
			}
		})
	}
}

func BenchmarkCORSCheck(b *testing.B) {
	const o = "https://app.example"
	resp := func(hs ...Header) HeaderList {
		return append(HeaderList{{"Content-Type", "application/json"}, {"Cache-Control", "no-store"}, {"Vary", "Origin"}}, hs...)
	}
	cases := []struct {
		name string
		l    HeaderList
		cred bool
	}{
		{"wildcard", resp(Header{"Access-Control-Allow-Origin", "*"}), false},
		{"exact", resp(Header{"Access-Control-Allow-Origin", o}), false},
		{"credentialed", resp(Header{"Access-Control-Allow-Origin", o}, Header{"Access-Control-Allow-Credentials", "true"}), true},
		{"missing", resp(), false},
		{"mismatch", resp(Header{"Access-Control-Allow-Origin", "https://other.example"}), false},
		{"two-lines", resp(Header{"Access-Control-Allow-Origin", o}, Header{"Access-Control-Allow-Origin", o}), false},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				CORSCheck(c.l, o, c.cred)
			}
		})
	}
}

func BenchmarkParseMIMEType(b *testing.B) {
	inputs := map[string]string{
		"typical":         "text/plain;charset=UTF-8",
		"no-params":       "application/json",
		"quoted":          `multipart/form-data; boundary="----WebKitFormBoundary7MA4YWxkTrZu0gW"`,
		"1MiB-params":     "text/plain" + strings.Repeat(";a=b", mib/4),
		"512KiB-distinct": "text/plain" + distinctParams(mib/2),
		"1MiB-distinct":   "text/plain" + distinctParams(mib),
		"1MiB-quoted":     `text/plain;a="` + strings.Repeat(`\"`, mib/2) + `"`,
		"1MiB-bad-type":   strings.Repeat("t", mib) + "(/plain",
		"1MiB-whitespace": strings.Repeat(" ", mib/2) + "text/plain" + strings.Repeat(" ", mib/2),
	}
	for name, s := range inputs {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				ParseMIMEType(s)
			}
		})
	}
}

func BenchmarkParseSingleRangeHeaderValue(b *testing.B) {
	inputs := map[string]string{
		"typical":      "bytes=0-1023",
		"open":         "bytes=500-",
		"invalid":      "bytes=0-1,3-4",
		"1MiB-digits":  "bytes=" + strings.Repeat("0", mib) + "1-2",
		"1MiB-garbage": "bytes=0-1" + strings.Repeat("x", mib),
	}
	for name, s := range inputs {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				parseSingleRangeHeaderValue(s, false)
			}
		})
	}
}

// itemList returns an Access-Control-Allow-Headers value of n distinct items.
func itemList(n int) string {
	var sb strings.Builder
	for i := range n {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString("x-header-")
		sb.WriteString(strconv.Itoa(i))
	}
	return sb.String()
}

func BenchmarkExtractHeaderListValues(b *testing.B) {
	const name = "Access-Control-Allow-Headers"
	inputs := map[string]HeaderList{
		"typical":           {{"Content-Type", "text/plain"}, {name, "Content-Type, Authorization, X-Requested-With"}},
		"10000-items":       {{name, itemList(10000)}},
		"20000-items":       {{name, itemList(20000)}},
		"1MiB-one-item":     {{name, strings.Repeat("a", mib)}},
		"1MiB-empty-items":  {{name, strings.Repeat(", ", mib/2)}},
		"1MiB-invalid-tail": {{name, strings.Repeat("a,", mib/2) + "\"x\""}},
	}
	for n, l := range inputs {
		b.Run(n, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(l[len(l)-1].Value)))
			for b.Loop() {
				ExtractHeaderListValues(l, name)
			}
		})
	}
}

func BenchmarkGetDecodeSplit(b *testing.B) {
	inputs := map[string]HeaderList{
		"typical":     {{"Timing-Allow-Origin", `https://a.example, "x,y", https://b.example`}},
		"1MiB-quoted": {{"Timing-Allow-Origin", `"` + strings.Repeat(`a\,`, mib/3) + `"`}},
	}
	for n, l := range inputs {
		b.Run(n, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				l.GetDecodeSplit("timing-allow-origin")
			}
		})
	}
}

func BenchmarkExposedAndFiltered(b *testing.B) {
	resp := HeaderList{
		{"Access-Control-Allow-Origin", "*"},
		{"Access-Control-Expose-Headers", "X-Request-Id, ETag"},
		{"Content-Type", "application/json"},
		{"Content-Length", "42"},
		{"ETag", `"abc"`},
		{"X-Request-Id", "1"},
		{"Set-Cookie", "a=b"},
	}
	b.Run("CORSExposedHeaderNameList", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			CORSExposedHeaderNameList(resp, false)
		}
	})
	exposed, _ := CORSExposedHeaderNameList(resp, false)
	b.Run("CORSFilteredHeaderNames", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			CORSFilteredHeaderNames(resp, exposed)
		}
	})
	b.Run("BasicFilteredHeaderNames", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			BasicFilteredHeaderNames(resp)
		}
	})
	big := make(HeaderList, 0, 10000)
	for i := range 10000 {
		big = append(big, Header{"X-H-" + strconv.Itoa(i), "v"})
	}
	big = append(big, Header{"Access-Control-Expose-Headers", "*"})
	b.Run("wildcard-10000-headers", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			e, _ := CORSExposedHeaderNameList(big, false)
			CORSFilteredHeaderNames(big, e)
		}
	})
}

// distinctParams returns about n bytes of MIME parameters with distinct names.
func distinctParams(n int) string {
	var sb strings.Builder
	for i := 0; sb.Len() < n; i++ {
		sb.WriteString(";p")
		sb.WriteString(strconv.Itoa(i))
		sb.WriteString("=v")
	}
	return sb.String()
}
