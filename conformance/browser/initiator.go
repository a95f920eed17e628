package browser

import (
	"fmt"
	"mime"
	"net/http"
	"regexp"
	"sort"
	"strings"
)

// The initiators the runner page can make a call with, besides fetch(). Each builds its own
// Fetch request (mode, credentials mode, destination, use-CORS-preflight flag) and exposes
// the response in its own terms, which APIResult records.
const (
	// XHR is XMLHttpRequest: Opt.WithCredentials, Opt.UploadListener, Opt.Sync, Opt.Read.
	XHR = "xhr"
	// Beacon is navigator.sendBeacon(url, body): the page sees only the return value.
	Beacon = "beacon"
	// EventSource is new EventSource(url, {withCredentials}): Opt.Messages, Opt.Errors.
	EventSource = "eventsource"
	// Img, Script, Stylesheet, Audio and Video are elements whose src (href) is the call's
	// URL, with Opt.CrossOrigin as their crossorigin attribute; Opt.Canvas draws an image or a
	// video on a canvas and reads it back.
	Img        = "img"
	Script     = "script"
	Stylesheet = "stylesheet"
	Audio      = "audio"
	Video      = "video"
	// Font is a font face whose src is the call's URL, declared by an inline <style> of the
	// page (same-origin to it), or by the stylesheet at Opt.Sheet; the page loads it with
	// document.fonts.load.
	Font = "font"
)

// Initiators lists the APIs a call can use besides fetch().
var Initiators = []string{XHR, Beacon, EventSource, Img, Script, Stylesheet, Font, Audio, Video}

// InitiatorOptions are the options of the initiators other than fetch(). Each applies to the
// APIs its comment names; validateInitiator refuses the others.
type InitiatorOptions struct {
	// WithCredentials sets XMLHttpRequest's withCredentials, or EventSource's.
	WithCredentials bool `json:"withCredentials,omitempty"`
	// UploadListener registers listeners on xhr.upload before send(), which sets the
	// use-CORS-preflight flag (XHR).
	UploadListener bool `json:"upload,omitempty"`
	// Sync opens the XHR synchronously: send() throws instead of firing error events.
	Sync bool `json:"sync,omitempty"`
	// Read are the names the page asks getResponseHeader for (XHR).
	Read []string `json:"read,omitempty"`
	// CrossOrigin is the element's crossorigin attribute: "" leaves it out; "anonymous",
	// "use-credentials", or "empty" for the attribute present with an empty value.
	CrossOrigin string `json:"crossorigin,omitempty"`
	// Canvas draws a loaded image or video on a canvas and reads it back (img, video).
	Canvas bool `json:"canvas,omitempty"`
	// Sheet is the URL of a stylesheet that declares the font (Font): its body names the
	// family FontFamily expands to. Empty: an inline <style> declares it.
	Sheet string `json:"sheet,omitempty"`
	// Messages is how many messages an EventSource receives before the page closes it (0: 2).
	Messages int `json:"messages,omitempty"`
	// Errors is how many error events an EventSource may fire while it reconnects before the
	// page closes it (0: 1).
	Errors int `json:"errors,omitempty"`
	// WaitMS bounds how long the page waits for the API's events (0: 4000).
	WaitMS int `json:"wait,omitempty"`
}

// FontFamily is the family name a font stylesheet declares, placeholders included: the page
// loads "corsim/c/<case>".
const FontFamily = "corsim{case}"

// pageBodyKinds are the request body kinds the runner page can build besides the engine's
// (text, bytes, form, multipart): each is named for the JavaScript value it stands for.
var pageBodyKinds = map[string]bool{
	"blob":            true, // new Blob(["hello"]): no type
	"blob-text":       true, // new Blob(["hello"], {type: "text/plain"})
	"blob-json":       true, // new Blob(['{"a":1}'], {type: "application/json"})
	"blob-form":       true, // new Blob(["a=1"], {type: "application/x-www-form-urlencoded"})
	"arraybuffer":     true, // new Uint8Array([1, 2, 3]).buffer
	"json":            true, // the string '{"a":1}'
	"stream":          true, // a ReadableStream of "hello" (fetch() adds duplex: "half")
	"stream-noduplex": true, // the same stream, without duplex
	"big":             true, // a string of 65537 bytes, one more than the keepalive quota
}

func pageBodyKindList() string {
	ks := make([]string, 0, len(pageBodyKinds))
	for k := range pageBodyKinds {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return strings.Join(ks, ", ")
}

// validateInitiator refuses an unknown API and options the API does not have, so a corpus
// never silently asks for something the page ignores.
func validateInitiator(c Call) error {
	o := c.Opt
	api := c.API
	if api == "" || api == "fetch" {
		if o.hasAny() {
			return fmt.Errorf("initiator options given to fetch()")
		}
		return nil
	}
	known := false
	for _, a := range Initiators {
		known = known || a == api
	}
	if !known {
		return fmt.Errorf("api %q is not fetch or one of %s", api, strings.Join(Initiators, ", "))
	}
	bad := func(opt string) error { return fmt.Errorf("option %s does not apply to %s", opt, api) }
	element := api == Img || api == Script || api == Stylesheet || api == Audio || api == Video
	switch {
	case o.WithCredentials && api != XHR && api != EventSource:
		return bad("WithCredentials")
	case (o.UploadListener || o.Sync || len(o.Read) > 0) && api != XHR:
		return bad("UploadListener, Sync, Read")
	case o.CrossOrigin != "" && !element:
		return bad("CrossOrigin")
	case o.Canvas && api != Img && api != Video:
		return bad("Canvas")
	case o.Sheet != "" && api != Font:
		return bad("Sheet")
	case (o.Messages != 0 || o.Errors != 0) && api != EventSource:
		return bad("Messages, Errors")
	case o.WaitMS < 0 || o.Messages < 0 || o.Errors < 0:
		return fmt.Errorf("negative WaitMS, Messages or Errors")
	}
	switch o.CrossOrigin {
	case "", "anonymous", "use-credentials", "empty":
	default:
		return fmt.Errorf("crossorigin %q is not anonymous, use-credentials or empty", o.CrossOrigin)
	}
	// Only fetch() and XHR choose a method and headers; beacon always POSTs.
	if (c.Method != "" || len(c.Header) > 0) && api != XHR {
		return bad("Method, Header")
	}
	if c.Body != "" && api != XHR && api != Beacon {
		return bad("Body")
	}
	if c.Mode != "" || c.Credentials != "" || c.Redirect != "" || c.Cache != "" {
		return bad("Mode, Credentials, Redirect, Cache (fetch() options)")
	}
	return nil
}

func (o InitiatorOptions) hasAny() bool {
	return o.WithCredentials || o.UploadListener || o.Sync || len(o.Read) > 0 || o.CrossOrigin != "" ||
		o.Canvas || o.Sheet != "" || o.Messages != 0 || o.Errors != 0 || o.WaitMS != 0
}

// APIResult is what an initiator other than fetch() exposed to the page. Fields an API does
// not have stay empty.
type APIResult struct {
	// Events are the events the API fired, in order, with repeats of the same event in a row
	// folded into one: "readystatechange 4", "load", "loadend", "upload.loadstart", "error 0"
	// (an EventSource error with its readyState), "message 7 hi" (lastEventId, data),
	// "corsim-timeout" when the page stopped waiting. XHR progress events are left out (their
	// number depends on chunking).
	Events []string `json:"events,omitempty"`
	// Exception is "Name: message" of what the call threw, if it threw.
	Exception string `json:"exception,omitempty"`
	// Status, StatusText, ResponseURL, AllHeaders (getAllResponseHeaders(), exactly) and Read
	// (getResponseHeader of each Opt.Read name; nil for null) are XHR's view of the response;
	// Text is its responseText.
	Status      int                `json:"status,omitempty"`
	StatusText  string             `json:"statusText,omitempty"`
	ResponseURL string             `json:"responseURL,omitempty"`
	AllHeaders  string             `json:"allHeaders,omitempty"`
	Read        map[string]*string `json:"read,omitempty"`
	Text        string             `json:"text,omitempty"`
	// Returned is sendBeacon's return value ("true", "false").
	Returned string `json:"returned,omitempty"`
	// ReadyState is an EventSource's readyState when the page stopped (before close()).
	ReadyState *int `json:"readyState,omitempty"`
	// Canvas is what reading a canvas back gave after drawing the image or video on it:
	// "getImageData ok; toDataURL ok", or the exceptions' names ("SecurityError").
	Canvas string `json:"canvas,omitempty"`
	// Sheet is what reading the stylesheet's cssRules gave: "2 rules" or an exception name.
	Sheet string `json:"sheet,omitempty"`
	// ScriptErrors are the messages of the error events the window received during the call
	// ("Script error." when a cross-origin script's errors are muted).
	ScriptErrors []string `json:"scriptErrors,omitempty"`
	// Font is the FontFace's status after document.fonts.load ("loaded", "error"), and
	// FontsLoad what load() settled with ("resolved 1", "rejected NetworkError").
	Font      string `json:"font,omitempty"`
	FontsLoad string `json:"fontsLoad,omitempty"`
}

// contract replaces the lab's origins in every URL-bearing field.
func (a *APIResult) contract(l *Lab) *APIResult {
	if a == nil {
		return nil
	}
	b := *a
	b.Exception = l.Contract(a.Exception)
	b.ResponseURL = l.Contract(a.ResponseURL)
	b.AllHeaders = l.Contract(a.AllHeaders)
	b.Text = l.Contract(a.Text)
	if a.Read != nil {
		b.Read = map[string]*string{}
		for k, v := range a.Read {
			if v != nil {
				s := l.Contract(*v)
				v = &s
			}
			b.Read[k] = v
		}
	}
	b.ScriptErrors = nil
	for _, m := range a.ScriptErrors {
		b.ScriptErrors = append(b.ScriptErrors, l.Contract(m))
	}
	return &b
}

// boundary matches the random part of a multipart boundary, which differs on every request.
var boundary = regexp.MustCompile(`(?i)(boundary=)("?)([^";,\s]+)`)

// recordHeaders keeps every header of a received request, keyed by canonical name (HTTP/1.1
// servers cannot see the order or case browsers wrote them in once net/http has parsed the
// request; the values are kept as sent), values of repeated names joined with ", ". The lab's
// origins become placeholders, a multipart boundary becomes "{boundary}" (and the
// Content-Length of that body "{boundary-dependent}"), and Transfer-Encoding, which net/http
// moves out of the header map, is put back.
func (l *Lab) recordHeaders(req *http.Request) map[string]string {
	out := make(map[string]string, len(req.Header)+1)
	for name, vs := range req.Header {
		v := l.Contract(strings.Join(vs, ", "))
		if name == "Content-Type" {
			v = boundary.ReplaceAllString(v, "${1}${2}{boundary}")
		}
		out[name] = v
	}
	if len(req.TransferEncoding) > 0 {
		out["Transfer-Encoding"] = strings.Join(req.TransferEncoding, ", ")
	}
	// The boundary's length varies in some browsers (Firefox), and the body's with it.
	if _, ok := out["Content-Length"]; ok && strings.Contains(out["Content-Type"], "{boundary}") {
		out["Content-Length"] = "{boundary-dependent}"
	}
	return out
}

// recordBody keeps a request body as text, with a multipart body's boundary replaced as in
// recordHeaders, and binary bytes written as \xNN.
func recordBody(req *http.Request, body []byte) string {
	s := string(body)
	if mt, params, err := mime.ParseMediaType(req.Header.Get("Content-Type")); err == nil && strings.HasPrefix(mt, "multipart/") && params["boundary"] != "" {
		s = strings.ReplaceAll(s, params["boundary"], "{boundary}")
	}
	var b strings.Builder
	for _, r := range []byte(s) {
		if r >= 0x20 && r < 0x7f || r == '\r' || r == '\n' || r == '\t' {
			b.WriteByte(r)
		} else {
			fmt.Fprintf(&b, `\x%02x`, r)
		}
	}
	return b.String()
}
