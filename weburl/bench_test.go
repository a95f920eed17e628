package weburl

import "testing"

var sinkURL *URL
var sinkString string
var sinkHost Host

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		u, err := Parse("https://api.example.com:8443/v1/items?id=42#top")
		if err != nil {
			b.Fatal(err)
		}
		sinkURL = u
	}
}

func BenchmarkParseRef(b *testing.B) {
	base, _ := Parse("https://a.example/app/page.html")
	b.ReportAllocs()
	for b.Loop() {
		u, err := ParseRef("../api/data?x=1", base)
		if err != nil {
			b.Fatal(err)
		}
		sinkURL = u
	}
}

func BenchmarkString(b *testing.B) {
	u, _ := Parse("https://api.example.com:8443/v1/items?id=42#top")
	b.ReportAllocs()
	for b.Loop() {
		sinkString = u.String()
	}
}

func BenchmarkParseHost(b *testing.B) {
	for _, in := range []string{"api.example.com", "0x7f.1", "[2001:db8::1]", "faß.example"} {
		b.Run(in, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				h, err := ParseHost(in, false)
				if err != nil {
					b.Fatal(err)
				}
				sinkHost = h
			}
		})
	}
}

func BenchmarkHostString(b *testing.B) {
	h, _ := ParseHost("[2001:db8::1]", false)
	b.ReportAllocs()
	for b.Loop() {
		sinkString = h.String()
	}
}
