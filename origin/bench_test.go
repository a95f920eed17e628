package origin

import "testing"

var (
	sinkOrigin Origin
	sinkBool   bool
	sinkString string
)

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		o, err := Parse("https://api.example.com:8443/v1/items?id=42#top")
		if err != nil {
			b.Fatal(err)
		}
		sinkOrigin = o
	}
}

func BenchmarkParseHeader(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		o, err := ParseHeader("https://app.example.com")
		if err != nil {
			b.Fatal(err)
		}
		sinkOrigin = o
	}
}

func BenchmarkSerialize(b *testing.B) {
	o, _ := Parse("https://api.example.com:8443/")
	b.ReportAllocs()
	for b.Loop() {
		sinkString = o.Serialize()
	}
}

func BenchmarkSameOrigin(b *testing.B) {
	x, _ := Parse("https://api.example.com/a")
	y, _ := Parse("https://api.example.com/b")
	b.ReportAllocs()
	for b.Loop() {
		sinkBool = SameOrigin(x, y)
	}
}

func BenchmarkSameSite(b *testing.B) {
	for _, c := range []struct{ name, x, y string }{
		{"same-host", "https://api.example.co.uk/a", "https://api.example.co.uk:8443/b"},
		{"sibling-subdomains", "https://api.example.co.uk/a", "https://www.example.co.uk/b"},
	} {
		x, _ := Parse(c.x)
		y, _ := Parse(c.y)
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkBool = SameSite(x, y)
			}
		})
	}
}
