package browser

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
)

// pageCall is one call as the runner page receives it: placeholders expanded, fetch()'s init
// ready to pass.
type pageCall struct {
	ID      string      `json:"id"`
	PauseMS int         `json:"pause,omitempty"`
	URL     string      `json:"url"`
	Method  string      `json:"method,omitempty"`
	Header  [][2]string `json:"headers,omitempty"`
	Mode    string      `json:"mode,omitempty"`
	Cred    string      `json:"credentials,omitempty"`
	Redir   string      `json:"redirect,omitempty"`
	Cache   string      `json:"cache,omitempty"`
	Body    string      `json:"body,omitempty"`
	// API and Opt choose another initiator than fetch() (initiator.go); Family is the font
	// family a Font call loads.
	API    string            `json:"api,omitempty"`
	Opt    *InitiatorOptions `json:"opt,omitempty"`
	Family string            `json:"family,omitempty"`
}

// runnerScript makes the calls one after another. Before each call it tells the lab which call
// starts (so the lab files the requests it sees under it) and writes a console marker (so
// console lines can be filed too); after it, it posts what fetch() resolved to.
const runnerScript = `
const calls = JSON.parse(document.getElementById("calls").textContent);
const sleep = ms => new Promise(r => setTimeout(r, ms));
function body(kind) {
  switch (kind) {
  case "text": return "hello";
  case "bytes": return new Uint8Array([1, 2, 3]);
  case "form": return new URLSearchParams("a=1");
  case "multipart": { const f = new FormData(); f.append("a", "1"); return f; }
  }
  return pageBody(kind);
}
async function post(path, data) {
  await fetch(path, {method: "POST", body: data === undefined ? "" : JSON.stringify(data)});
}
// Warm-up: the first preflight cache entries of a fresh Firefox are not reused (seen in
// Firefox ESR 153), so every origin gets a preflighted request, twice, before the corpus runs.
async function warmUp() {
  for (const o of JSON.parse(document.getElementById("warmup").textContent)) {
    for (let i = 0; i < 2; i++) {
      try { await fetch(o + "/warmup", {method: "PUT"}); } catch (e) {}
    }
  }
}
async function run() {
  await warmUp();
  if (JSON.parse(document.getElementById("cookie").textContent)) document.cookie = "corsim=1; path=/";
  for (const c of calls) {
    if (c.pause) await sleep(c.pause);
    await post("/mark?id=" + encodeURIComponent(c.id));
    console.log("corsim-call " + c.id);
    const r = {id: c.id, ok: false, status: 0, type: "", redirected: false, url: "", headers: [], error: ""};
    if (c.api && c.api !== "fetch") {
      await initiate(c, r);
      await post("/result", r);
      continue;
    }
    try {
      const init = {};
      for (const k of ["method", "mode", "credentials", "redirect", "cache"]) if (c[k]) init[k] = c[k];
      if (c.headers) init.headers = c.headers;
      if (c.body) init.body = body(c.body);
      if (c.body === "stream") init.duplex = "half";
      const resp = await fetch(c.url, init);
      r.ok = true; r.status = resp.status; r.type = resp.type; r.redirected = resp.redirected;
      r.url = resp.url; r.headers = [...resp.headers.keys()];
      try { await resp.arrayBuffer(); } catch (e) {}
    } catch (e) {
      r.error = String(e);
    }
    await post("/result", r);
  }
  console.log("corsim-call done");
  await post("/done");
}
run();
`

var pageTemplate = template.Must(template.New("page").Parse(`<!doctype html>
<html><head><meta charset="utf-8"><title>corsim differential runner</title>
<link rel="icon" href="data:,"></head>
<body><p>corsim differential runner: {{.N}} calls.</p>
<script id="calls" type="application/json">{{.Calls}}</script>
<script id="warmup" type="application/json">{{.Warmup}}</script>
<script id="cookie" type="application/json">{{.Cookie}}</script>
<script>{{.Script}}</script>
</body></html>
`))

// runnerPage renders the page that runs the whole corpus.
func runnerPage(l *Lab) ([]byte, error) {
	var calls []pageCall
	// A corpus with initiator calls sets a cookie on the lab's host, so the lab sees which
	// requests carry credentials (cookies ignore ports: api shares the page's host).
	cookie := false
	for _, c := range l.corpus {
		for i, call := range c.Calls {
			h := make([][2]string, len(call.Header))
			for j, kv := range call.Header {
				h[j] = [2]string{kv[0], l.Expand(c, kv[1])}
			}
			if len(h) == 0 {
				h = nil
			}
			pc := pageCall{ID: CallID(c, i), PauseMS: call.PauseMS, URL: l.Expand(c, call.URL),
				Method: call.Method, Header: h, Mode: call.Mode, Cred: call.Credentials, Redir: call.Redirect,
				Cache: call.Cache, Body: call.Body}
			if call.API != "" && call.API != "fetch" {
				opt := call.Opt
				opt.Sheet = l.Expand(c, opt.Sheet)
				pc.API, pc.Opt, pc.Family = call.API, &opt, l.Expand(c, FontFamily)
				cookie = true
			}
			calls = append(calls, pc)
		}
	}
	js, err := json.Marshal(calls)
	if err != nil {
		return nil, err
	}
	warm, err := json.Marshal([]string{l.origins[API], l.origins[API2], l.origins[Host]})
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err = pageTemplate.Execute(&buf, struct {
		N      int
		Calls  template.JS
		Warmup template.JS
		Cookie template.JS
		Script template.JS
	}{len(calls), template.JS(js), template.JS(warm), template.JS(fmt.Sprint(cookie)), template.JS(runnerScript + initiatorScript)})
	return buf.Bytes(), err
}
