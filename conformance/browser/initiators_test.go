package browser

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"image/png"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/corsim/corsim/browsers"
)

// The initiator corpus is under study: CORSIM_BROWSER_CASES=xhr-,beacon-,… runs it in
// TestDifferential, where it disagrees with the engine until the engine models initiators.
func init() { experimentCases = append(experimentCases, InitiatorCorpus()...) }

// TestInitiatorRecord records what each installed browser does with the initiator corpus,
// twice, and fails if the two runs differ in anything the page or the lab saw (every request
// header and body included, not only what Diff compares). It compares nothing with the engine.
// It runs only when CORSIM_INITIATORS is set; CORSIM_BROWSER_CASES narrows it to some case
// prefixes, and CORSIM_BROWSER_OUT names a directory to write <browser>-initiators.json to.
func TestInitiatorRecord(t *testing.T) {
	if os.Getenv("CORSIM_INITIATORS") == "" {
		t.Skip("set CORSIM_INITIATORS=1 to record the initiator corpus in the installed browsers")
	}
	corpus := InitiatorCorpus()
	if only := os.Getenv("CORSIM_BROWSER_CASES"); only != "" {
		corpus = selectCases(corpus, only)
	}
	if len(corpus) == 0 {
		t.Fatal("CORSIM_BROWSER_CASES selects no initiator case")
	}
	for _, d := range Drivers {
		t.Run(d.Name, func(t *testing.T) {
			bin, ok := d.Find()
			if !ok {
				t.Skipf("%s is not installed: %s", d.Name, d.Install)
			}
			var runs [2][]Observation
			for i := range runs {
				_, runs[i] = runOnce(t, d, corpus)
			}
			t.Logf("%s (%s): %d cases, %d calls", d.Name, d.Version(bin), len(corpus), len(runs[0]))
			if diffs := recordDiffs(runs[0], runs[1]); len(diffs) > 0 {
				t.Errorf("%s recorded different things in two runs:\n%s", d.Name, strings.Join(diffs, "\n"))
			}
			if dir := os.Getenv("CORSIM_BROWSER_OUT"); dir != "" {
				b, err := json.MarshalIndent(runs[0], "", "  ")
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, d.Name+"-initiators.json"), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// recordDiffs lists the calls whose whole record differs between two runs: the requests with
// every header and body, the page's result and the console, but not the start time.
func recordDiffs(a, b []Observation) []string {
	var out []string
	for i := range a {
		x, y := a[i], b[i]
		x.At, y.At = 0, 0
		if d := cmp.Diff(x, y); d != "" {
			out = append(out, fmt.Sprintf("%s (-run 1 +run 2):\n%s", x.ID, d))
		}
	}
	return out
}

// TestInitiatorCorpus checks the initiator corpus without a browser: it validates, its names
// are unique (with the main corpus too, since CORSIM_BROWSER_CASES mixes them) and carry a
// family prefix, and every family has cases.
func TestInitiatorCorpus(t *testing.T) {
	corpus := InitiatorCorpus()
	if err := Validate(corpus); err != nil {
		t.Fatal(err)
	}
	if err := Validate(append(Corpus(), corpus...)); err != nil {
		t.Fatalf("the main and initiator corpora together: %v", err)
	}
	perFamily := map[string]int{}
	for _, c := range corpus {
		fam := ""
		for _, f := range InitiatorFamilies {
			if strings.HasPrefix(c.Name, f) {
				fam = f
			}
		}
		if fam == "" {
			t.Errorf("case %q has no family prefix (%v)", c.Name, InitiatorFamilies)
		}
		perFamily[fam] += len(c.Calls)
		if c.About == "" || strings.Contains(c.About, "\n") {
			t.Errorf("case %q: About must be one line", c.Name)
		}
	}
	for _, f := range InitiatorFamilies {
		if perFamily[f] == 0 {
			t.Errorf("family %q has no calls", f)
		}
	}
	t.Logf("%d cases, %d calls: %v", len(corpus), Calls(corpus), perFamily)
}

// TestValidateInitiator: options reach only the APIs that have them.
func TestValidateInitiator(t *testing.T) {
	tests := []struct {
		name string
		call Call
		want string // "" for valid
	}{
		{"fetch plain", fetchX("PUT"), ""},
		{"fetch with an initiator option", Call{URL: apiX, Opt: InitiatorOptions{Canvas: true}}, "initiator options given to fetch()"},
		{"unknown api", Call{URL: apiX, API: "websocket"}, `api "websocket" is not fetch or one of`},
		{"xhr options", xhr("PUT", hdr("X-A", "1")).withCreds().upload().sync().read("X-A").body("blob"), ""},
		{"xhr crossorigin", Call{URL: apiX, API: XHR, Opt: InitiatorOptions{CrossOrigin: "anonymous"}}, "option CrossOrigin does not apply to xhr"},
		{"xhr fetch option", xhr("").cred("include"), "option Mode, Credentials, Redirect, Cache (fetch() options) does not apply to xhr"},
		{"img canvas", elementX(Img, "use-credentials").canvas(), ""},
		{"script canvas", elementX(Script, "").canvas(), "option Canvas does not apply to script"},
		{"bad crossorigin", elementX(Img, "include"), `crossorigin "include" is not anonymous`},
		{"beacon body", beacon("blob-json"), ""},
		{"beacon method", Call{URL: apiX, API: Beacon, Method: "PUT"}, "option Method, Header does not apply to beacon"},
		{"eventsource credentials", eventSource().withCreds(), ""},
		{"eventsource body", eventSource().body("text"), "option Body does not apply to eventsource"},
		{"img upload", Call{URL: apiX, API: Img, Opt: InitiatorOptions{UploadListener: true}}, "option UploadListener, Sync, Read does not apply to img"},
		{"font sheet", Call{URL: apiX, API: Font, Opt: InitiatorOptions{Sheet: "{api}{case}/sheet"}}, ""},
		{"negative wait", xhr("").wait(-1), "negative WaitMS"},
	}
	for _, tt := range tests {
		err := validateInitiator(tt.call)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.want)
		}
	}
	bad := []Case{{Name: "b", About: "b", Calls: []Call{{URL: apiX, Body: "parquet"}}}}
	if err := Validate(bad); err == nil || !strings.Contains(err.Error(), `body kind "parquet"`) {
		t.Errorf("Validate with an unknown body kind: %v", err)
	}
}

// TestPayloads: each payload is a well-formed file of its kind, so a failed load in a browser
// is the browser's refusal, not bad data.
func TestPayloads(t *testing.T) {
	img, err := png.Decode(strings.NewReader(pngImage))
	if err != nil {
		t.Fatalf("pngImage: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 2 || b.Dy() != 2 {
		t.Errorf("pngImage is %v, want 2×2", b)
	}
	if r, _, _, a := img.At(0, 0).RGBA(); r != 0xffff || a != 0xffff {
		t.Errorf("pngImage pixel (0,0) is not opaque red")
	}

	w := []byte(wavSound)
	if string(w[:4]) != "RIFF" || string(w[8:16]) != "WAVEfmt " || string(w[36:40]) != "data" {
		t.Fatalf("wavSound chunk ids: %q", w[:40])
	}
	if got := binary.LittleEndian.Uint32(w[4:]); int(got) != len(w)-8 {
		t.Errorf("wavSound RIFF size %d, want %d", got, len(w)-8)
	}
	if got := binary.LittleEndian.Uint32(w[40:]); int(got) != len(w)-44 {
		t.Errorf("wavSound data size %d, want %d", got, len(w)-44)
	}

	// The font: a table directory sorted by tag, tables inside the file, 4-byte aligned, with
	// correct checksums, and the whole file summing to 0xB1B0AFBA.
	f := []byte(ttfFont)
	n := int(binary.BigEndian.Uint16(f[4:]))
	if n != 10 {
		t.Fatalf("ttfFont has %d tables, want 10", n)
	}
	var tags []string
	for i := 0; i < n; i++ {
		rec := f[12+16*i:]
		tag := string(rec[:4])
		sum, off, length := binary.BigEndian.Uint32(rec[4:]), int(binary.BigEndian.Uint32(rec[8:])), int(binary.BigEndian.Uint32(rec[12:]))
		tags = append(tags, tag)
		if off%4 != 0 || off+length > len(f) {
			t.Errorf("table %s at %d+%d in a %d-byte file", tag, off, length, len(f))
			continue
		}
		padded := f[off : off+(length+3)/4*4]
		want := checksum(padded)
		if tag == "head" {
			cp := append([]byte{}, padded...)
			binary.BigEndian.PutUint32(cp[8:], 0)
			want = checksum(cp)
		}
		if sum != want {
			t.Errorf("table %s checksum %#x, want %#x", tag, sum, want)
		}
	}
	if !sort.StringsAreSorted(tags) {
		t.Errorf("ttfFont tables are not sorted: %v", tags)
	}
	if got := checksum(f); got != 0xB1B0AFBA {
		t.Errorf("ttfFont whole-file checksum %#x, want 0xB1B0AFBA", got)
	}
	if !strings.Contains(fontSheet("{api}/f"), `font-family: "corsim{case}"; src: url("{api}/f")`) {
		t.Errorf("fontSheet: %q", fontSheet("{api}/f"))
	}
}

// TestRecordHeaders: the lab keeps every header, contracts its origins, replaces a multipart
// boundary in the Content-Type and the body, and puts Transfer-Encoding back.
func TestRecordHeaders(t *testing.T) {
	l := &Lab{origins: map[string]string{Page: "http://127.0.0.1:1000", API: "http://127.0.0.1:1001", API2: "http://127.0.0.1:1002",
		Host: "http://localhost:1001", Down: "http://127.0.0.1:1003"}}
	raw := "POST /c/x/x HTTP/1.1\r\nHost: 127.0.0.1:1001\r\nOrigin: http://127.0.0.1:1000\r\nReferer: http://127.0.0.1:1000/\r\n" +
		"Content-Type: multipart/form-data; boundary=----WebKitFormBoundaryAbC123\r\nTransfer-Encoding: chunked\r\nCookie: corsim=1\r\nX-Dup: a\r\nX-Dup: b\r\n\r\n"
	chunk := "------WebKitFormBoundaryAbC123\r\nname=\"a\"\r\n\x01\r\n"
	raw += fmt.Sprintf("%x\r\n%s\r\n0\r\n\r\n", len(chunk), chunk)
	req, err := http.ReadRequest(bufio.NewReader(strings.NewReader(raw)))
	if err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	body.ReadFrom(req.Body)
	got := l.recordHeaders(req)
	want := map[string]string{"Origin": "{page}", "Referer": "{page}/", "Content-Type": "multipart/form-data; boundary={boundary}",
		"Transfer-Encoding": "chunked", "Cookie": "corsim=1", "X-Dup": "a, b"}
	if req.Header.Get("Content-Length") != "" {
		t.Fatal("a chunked request has a Content-Length")
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("recordHeaders (-want +got):\n%s", d)
	}
	if b, want := recordBody(req, body.Bytes()), "--{boundary}\r\nname=\"a\"\r\n\\x01\r\n"; b != want {
		t.Errorf("recordBody = %q, want %q", b, want)
	}
	// With a Content-Length, a multipart body's length depends on the boundary's.
	sized := "POST /c/x/x HTTP/1.1\r\nHost: 127.0.0.1:1001\r\nContent-Type: multipart/form-data; boundary=abc\r\nContent-Length: 3\r\n\r\nabc"
	req, err = http.ReadRequest(bufio.NewReader(strings.NewReader(sized)))
	if err != nil {
		t.Fatal(err)
	}
	if got := l.recordHeaders(req)["Content-Length"]; got != "{boundary-dependent}" {
		t.Errorf("multipart Content-Length recorded as %q", got)
	}
	plain := "POST /c/x/x HTTP/1.1\r\nHost: 127.0.0.1:1001\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nabc"
	req, err = http.ReadRequest(bufio.NewReader(strings.NewReader(plain)))
	if err != nil {
		t.Fatal(err)
	}
	if got := l.recordHeaders(req)["Content-Length"]; got != "3" {
		t.Errorf("text/plain Content-Length recorded as %q, want 3", got)
	}
}

// TestRunnerPageInitiators: the page carries the initiator calls with their options expanded,
// and sets the lab's cookie only when the corpus has initiator calls.
func TestRunnerPageInitiators(t *testing.T) {
	corpus := []Case{
		{Name: "f", About: "f", Routes: []Route{withBody(API, "/sheet", "text/css", fontSheet(urlAt("api", "/x")))},
			Calls: []Call{{API: Font, URL: apiX, Opt: InitiatorOptions{Sheet: urlAt("api", "/sheet")}}}},
	}
	lab, err := StartLab(corpus)
	if err != nil {
		t.Fatal(err)
	}
	defer lab.Close()
	page := string(lab.page)
	api := lab.origins[API]
	for _, want := range []string{`"api":"font"`, `"sheet":"` + api + `/c/f/sheet"`, `"family":"corsim/c/f"`,
		`<script id="cookie" type="application/json">true</script>`, "function eventSource("} {
		if !strings.Contains(page, want) {
			t.Errorf("runner page lacks %s", want)
		}
	}
	// The lab serves the route's body, placeholders expanded, with its length.
	status, h, body := lab.Respond(corpus[0], corpus[0].Calls[0], API, "GET", "/sheet")
	wantBody := `@font-face { font-family: "corsim/c/f"; src: url("` + api + `/c/f/x"); }` + "\n"
	if status != 200 || string(body) != wantBody {
		t.Errorf("Respond = %d %q, want 200 %q", status, body, wantBody)
	}
	if v, _ := h.Get("Content-Length"); v != fmt.Sprint(len(wantBody)) {
		t.Errorf("Content-Length %q, want %d", v, len(wantBody))
	}

	plain, err := StartLab(labCorpus())
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	if !strings.Contains(string(plain.page), `<script id="cookie" type="application/json">false</script>`) {
		t.Error("a fetch-only corpus sets the cookie")
	}
}

// TestDiffIgnoresRecordedHeaders: the headers and body the lab keeps are not compared with
// the engine's exchanges, which do not model them.
func TestDiffIgnoresRecordedHeaders(t *testing.T) {
	r := SeenRequest{Method: "GET", Target: "api /x", Origin: "{page}", ACRM: absent, ACRH: absent}
	b, m := Observation{ID: "c#1", Outcome: "ok", Requests: []SeenRequest{r}}, Observation{ID: "c#1", Outcome: "ok", Requests: []SeenRequest{r}}
	b.Requests = []SeenRequest{r}
	b.Requests[0].Header = map[string]string{"Cookie": "corsim=1"}
	b.Requests[0].Body = "hello"
	if d := Diff(b, m); len(d) > 0 {
		t.Errorf("Diff compares recorded headers: %v", d)
	}
	m.Requests = []SeenRequest{{Method: "POST", Target: "api /x", Origin: "{page}", ACRM: absent, ACRH: absent}}
	if d := Diff(b, m); len(d) != 1 || !strings.HasPrefix(d[0], "requests:") {
		t.Errorf("Diff misses a method difference: %v", d)
	}
}

// TestReplayInitiatorCorpus: the engine's replay of the initiator corpus (what TestDifferential
// does when CORSIM_BROWSER_CASES selects it) runs to the end and gives one observation per
// call, although it still speaks fetch() only.
func TestReplayInitiatorCorpus(t *testing.T) {
	corpus := InitiatorCorpus()
	lab, err := StartLab(corpus)
	if err != nil {
		t.Fatal(err)
	}
	defer lab.Close()
	for _, p := range browsers.All {
		if got, want := len(lab.Replay(p, nil)), Calls(corpus); got != want {
			t.Errorf("%s: %d observations, want %d", p.Name, got, want)
		}
	}
}
