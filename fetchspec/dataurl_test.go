package fetchspec

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestProcessDataURL: vectors in the style of the web-platform tests' data-urls.json: the
// Content-Type a data: response carries and its body bytes, or failure.
func TestProcessDataURL(t *testing.T) {
	const ascii = "text/plain;charset=US-ASCII"
	tests := []struct {
		url      string
		mimeType string // "" for failure
		body     string
	}{
		{"data:,X", ascii, "X"},
		{"data:", "", ""},
		{"data:text/html", "", ""},
		{"data://test/,X", ascii, "X"},
		{"data:text/html    ;charset=x   ,", "text/html;charset=x", ""},
		{"data:TEXT/HTML,x", "text/html", "x"},
		{"data:text/plain,hello?x=1", "text/plain", "hello?x=1"},
		{"data:,%41%zz%4", ascii, "A%zz%4"},
		{"data:;base64,WIO", ascii, "X\x83"},
		{"data:;base64;base64,WA", "text/plain", "X"},
		{"data:x/x;base64;x,WA", "x/x", "WA"},
		{"data:;base64 ,WA", ascii, "X"},
		{"data:;BASE64,WA", ascii, "X"},
		{"data:;base64,W%0CA", ascii, "X"},
		{"data:;base64,W A=", "", ""},
		{"data:;base64,W A==", ascii, "X"},
		{"data:;base64,WA==", ascii, "X"},
		{"data:;base64,WA===", "", ""},
		{"data:;base64,=", "", ""},
		{"data:;base64,W", "", ""},
		{"data:;base64,W!A", "", ""},
		{"data:image/png;base64,iVBO", "image/png", "\x89PN"},
		{"data:;charset=utf-8,x", "text/plain;charset=utf-8", "x"},
	}
	for _, tt := range tests {
		d, err := ProcessDataURL(tt.url)
		if tt.mimeType == "" {
			if err == nil {
				t.Errorf("ProcessDataURL(%q) = %v, %q; want failure", tt.url, d.MIMEType, d.Body)
			}
			continue
		}
		if err != nil {
			t.Errorf("ProcessDataURL(%q): %v", tt.url, err)
			continue
		}
		if diff := cmp.Diff([2]string{tt.mimeType, tt.body}, [2]string{d.MIMEType.String(), string(d.Body)}); diff != "" {
			t.Errorf("ProcessDataURL(%q) [MIME type, body] (-want +got):\n%s", tt.url, diff)
		}
	}
}
