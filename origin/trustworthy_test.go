package origin

import (
	"testing"

	"github.com/corsim/corsim/weburl"
)

func TestIsPotentiallyTrustworthyURL(t *testing.T) {
	for _, tc := range []struct {
		url  string
		want bool
	}{
		{"https://app.example/", true},
		{"wss://app.example/", true},
		{"http://app.example/", false},
		{"ws://app.example/", false},
		{"http://127.0.0.1:8080/", true},
		{"http://127.255.0.9/", true},
		{"http://0x7f.1/", true},
		{"http://128.0.0.1/", false},
		{"http://127.example/", false},
		{"http://[::1]/", true},
		{"http://[::2]/", false},
		{"http://localhost/", true},
		{"http://LOCALHOST./", true},
		{"http://api.localhost/", true},
		{"http://localhost.example/", false},
		{"http://notlocalhost/", false},
		{"about:blank", true},
		{"about:srcdoc", true},
		{"about:config", false},
		{"data:,x", true},
		{"blob:https://app.example/1", true},
		{"blob:http://app.example/1", false},
		{"file:///etc/hosts", false}, // a file: URL's origin is opaque
		{"ftp://app.example/", false},
	} {
		u, err := weburl.Parse(tc.url)
		if err != nil {
			t.Fatalf("%s: %v", tc.url, err)
		}
		if got := IsPotentiallyTrustworthyURL(u); got != tc.want {
			t.Errorf("IsPotentiallyTrustworthyURL(%s) = %v, want %v", tc.url, got, tc.want)
		}
	}
	if IsPotentiallyTrustworthy(NewOpaque()) || IsPotentiallyTrustworthy(Origin{}) {
		t.Errorf("an opaque or zero origin is trustworthy")
	}
}
