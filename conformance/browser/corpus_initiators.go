package browser

// InitiatorCorpus is the corpus of initiators other than fetch() (XMLHttpRequest, sendBeacon,
// EventSource, elements with and without crossorigin, fonts) and of the request bodies fetch()
// can send. The engine does not model these yet, so they are not part of Corpus(): they run
// when CORSIM_BROWSER_CASES selects them (experimentCases) and in TestInitiatorRecord, which
// records what each browser does. Every case name starts with its family's prefix: "xhr-",
// "beacon-", "es-", "img-", "script-", "sheet-", "font-", "media-", "body-".
func InitiatorCorpus() []Case {
	var out []Case
	for _, part := range [][]Case{
		xhrCases(),
		beaconCases(),
		eventSourceCases(),
		elementCases(),
		fontCases(),
		bodyCases(),
	} {
		out = append(out, part...)
	}
	return out
}

// InitiatorFamilies are the case name prefixes of InitiatorCorpus, one per family.
var InitiatorFamilies = []string{"xhr-", "beacon-", "es-", "img-", "script-", "sheet-", "font-", "media-", "body-"}

// Constructors of initiator calls, chained like fetch calls: xhr("PUT").withCreds().upload().

// xhr is an XMLHttpRequest to {api}{case}/x with a method ("" for GET) and request headers.
func xhr(method string, h ...[2]string) Call {
	return Call{API: XHR, URL: apiX, Method: method, Header: h}
}

// beacon is navigator.sendBeacon({api}{case}/x, body of the given kind).
func beacon(kind string) Call { return Call{API: Beacon, URL: apiX, Body: kind} }

// eventSource is new EventSource({api}{case}/x).
func eventSource() Call { return Call{API: EventSource, URL: apiX} }

// elementX is an element of the given API loading {api}{case}/x, with a crossorigin
// attribute ("" for none).
func elementX(api, crossorigin string) Call {
	return Call{API: api, URL: apiX, Opt: InitiatorOptions{CrossOrigin: crossorigin}}
}

func (c Call) withCreds() Call           { c.Opt.WithCredentials = true; return c }
func (c Call) upload() Call              { c.Opt.UploadListener = true; return c }
func (c Call) sync() Call                { c.Opt.Sync = true; return c }
func (c Call) read(names ...string) Call { c.Opt.Read = names; return c }
func (c Call) canvas() Call              { c.Opt.Canvas = true; return c }
func (c Call) wait(ms int) Call          { c.Opt.WaitMS = ms; return c }

// crossOriginValues are the crossorigin attribute states every element case tries: absent,
// anonymous, use-credentials.
var crossOriginValues = []string{"", "anonymous", "use-credentials"}

// coName names a crossorigin state in case names.
func coName(v string) string {
	if v == "" {
		return "none"
	}
	return v
}

// corsAnswers are the answers of a server to a GET that matter for CORS: no ACAO, ACAO *,
// ACAO naming the page, and that with ACAC true.
var corsAnswers = []struct {
	name string
	h    [][2]string
}{
	{"no-acao", nil},
	{"star", [][2]string{acao("*")}},
	{"page", [][2]string{allowPage}},
	{"page-acac", [][2]string{allowPage, acac("true")}},
}

// withBody is a route answering every method at path on origin with a body and its
// Content-Type, plus extra headers.
func withBody(origin, path, ctype, body string, extra ...[2]string) Route {
	h := append([][2]string{hdr("Content-Type", ctype)}, extra...)
	return Route{Origin: origin, Path: path, Status: 200, Header: h, Body: body}
}
