package browser

// initiatorScript is the part of the runner page that makes calls with an initiator other than
// fetch(). Each fills r.api (APIResult) with what the API exposed, and the fetch-shaped fields
// of r where the API has them (ok: the API reported success; status, url and header names for
// XHR), so Diff can compare what is comparable once the engine models the initiator.
//
// Elements and fonts get a unique query (?corsim=<call>) on their URL: the image cache and
// the font cache of a document answer a URL they hold without a request, whatever its
// Cache-Control. The lab files requests by path, so the query changes no target.
const initiatorScript = `
function pageBody(kind) {
  switch (kind) {
  case "blob": return new Blob(["hello"]);
  case "blob-text": return new Blob(["hello"], {type: "text/plain"});
  case "blob-json": return new Blob(['{"a":1}'], {type: "application/json"});
  case "blob-form": return new Blob(["a=1"], {type: "application/x-www-form-urlencoded"});
  case "arraybuffer": return new Uint8Array([1, 2, 3]).buffer;
  case "json": return '{"a":1}';
  case "big": return "x".repeat(65537);
  case "stream": case "stream-noduplex": return new ReadableStream({start(ctl) { ctl.enqueue(new TextEncoder().encode("hello")); ctl.close(); }});
  }
  return undefined;
}
const exc = e => (e && e.name ? e.name + ": " + e.message : String(e));
const uniq = (url, id) => url + (url.includes("?") ? "&" : "?") + "corsim=" + encodeURIComponent(id);
async function initiate(c, r) {
  const a = {events: []};
  r.api = a;
  const ev = s => { if (a.events[a.events.length - 1] !== s) a.events.push(s); };
  const wait = c.opt.wait || 4000;
  const errors = [];
  const onErr = e => errors.push(e.message);
  window.addEventListener("error", onErr);
  try {
    switch (c.api) {
    case "xhr": await xhr(c, r, a, ev, wait); break;
    case "beacon": await beacon(c, r, a); break;
    case "eventsource": await eventSource(c, r, a, wait); break;
    case "font": await font(c, r, a, ev, wait); break;
    default: await element(c, r, a, ev, wait);
    }
  } catch (e) {
    a.exception = exc(e);
  }
  window.removeEventListener("error", onErr);
  if (errors.length) a.scriptErrors = errors;
}
function xhr(c, r, a, ev, wait) {
  return new Promise(resolve => {
    const o = c.opt, x = new XMLHttpRequest();
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      a.status = x.status; a.statusText = x.statusText; a.responseURL = x.responseURL;
      a.allHeaders = x.getAllResponseHeaders();
      if (o.read) { a.read = {}; for (const n of o.read) a.read[n] = x.getResponseHeader(n); }
      try { a.text = x.responseText; } catch (e) {}
      r.ok = !a.exception && (o.sync ? x.readyState === 4 : a.events.includes("load"));
      r.status = x.status; r.url = x.responseURL;
      r.headers = a.allHeaders.split("\r\n").filter(l => l).map(l => l.slice(0, l.indexOf(":")));
      if (!r.ok) r.error = a.exception || a.events.filter(e => ["error", "abort", "timeout", "corsim-timeout"].includes(e)).join(" ");
      resolve();
    };
    x.addEventListener("readystatechange", () => ev("readystatechange " + x.readyState));
    for (const t of ["loadstart", "load", "error", "abort", "timeout", "loadend"]) {
      x.addEventListener(t, () => { ev(t); if (t === "loadend" && !o.sync) setTimeout(finish, 0); });
    }
    if (o.upload) {
      for (const t of ["loadstart", "progress", "load", "error", "abort", "timeout", "loadend"]) {
        x.upload.addEventListener(t, () => { if (t !== "progress") ev("upload." + t); });
      }
    }
    try {
      x.open(c.method || "GET", c.url, !o.sync);
      if (o.withCredentials) x.withCredentials = true;
      for (const [k, v] of c.headers || []) x.setRequestHeader(k, v);
      x.send(c.body ? body(c.body) : null);
    } catch (e) {
      a.exception = exc(e);
    }
    if (o.sync || a.exception) finish();
    else setTimeout(() => { if (!settled) { ev("corsim-timeout"); finish(); } }, wait);
  });
}
// The page cannot see a beacon's response: it waits until the lab has filed a request under
// the call and no other for 400 ms (a preflight and its request), 3 s at most.
async function beacon(c, r, a) {
  try {
    a.returned = String(navigator.sendBeacon(c.url, c.body ? body(c.body) : undefined));
  } catch (e) {
    a.exception = exc(e);
  }
  const start = Date.now();
  let n = -1, since = start;
  while (Date.now() - start < 3000) {
    const m = Number(await (await fetch("/seen?id=" + encodeURIComponent(c.id))).text());
    if (m !== n) { n = m; since = Date.now(); } else if (n > 0 && Date.now() - since >= 400) break;
    await sleep(50);
  }
  r.ok = a.returned === "true";
  if (!r.ok) r.error = a.exception || "sendBeacon returned " + a.returned;
}
// An EventSource is closed once it has delivered opt.messages messages (2: the stream's one
// event, then the same after reconnecting), or after opt.errors error events (1) before any
// message, or when an error leaves it CLOSED, or after the wait. An error after a message is
// the stream's normal end and does not count.
function eventSource(c, r, a, wait) {
  return new Promise(resolve => {
    const o = c.opt, want = o.messages || 2, maxErr = o.errors || 1;
    let msgs = 0, errs = 0, done = false;
    const es = new EventSource(c.url, o.withCredentials ? {withCredentials: true} : undefined);
    const stop = why => {
      if (done) return;
      done = true;
      if (why) a.events.push(why);
      a.readyState = es.readyState;
      es.close();
      r.ok = msgs > 0;
      if (!r.ok) r.error = a.events.join(" ");
      resolve();
    };
    es.onopen = () => a.events.push("open");
    es.onmessage = e => { a.events.push("message " + e.lastEventId + " " + e.data); if (++msgs >= want) stop(); };
    es.onerror = () => {
      a.events.push("error " + es.readyState);
      if (es.readyState === 2 || (msgs === 0 && ++errs >= maxErr)) stop();
    };
    setTimeout(() => stop("corsim-timeout"), wait);
  });
}
function readCanvas(el) {
  const cv = document.createElement("canvas");
  cv.width = 2; cv.height = 2;
  const ctx = cv.getContext("2d");
  try { ctx.drawImage(el, 0, 0); } catch (e) { return "drawImage " + e.name; }
  const out = [];
  try { out.push("getImageData ok red=" + ctx.getImageData(0, 0, 1, 1).data[0]); } catch (e) { out.push("getImageData " + e.name); }
  try { cv.toDataURL(); out.push("toDataURL ok"); } catch (e) { out.push("toDataURL " + e.name); }
  return out.join("; ");
}
// Elements: media wait for loadeddata, the others for load; error ends every one.
function element(c, r, a, ev, wait) {
  return new Promise(resolve => {
    const o = c.opt, media = c.api === "audio" || c.api === "video", ok = media ? "loadeddata" : "load";
    let el;
    if (c.api === "stylesheet") { el = document.createElement("link"); el.rel = "stylesheet"; } else el = document.createElement(c.api);
    if (o.crossorigin) el.setAttribute("crossorigin", o.crossorigin === "empty" ? "" : o.crossorigin);
    if (media) { el.muted = true; el.preload = "auto"; }
    let done = false;
    const finish = why => {
      if (done) return;
      done = true;
      if (why) ev(why);
      r.ok = a.events.includes(ok);
      if (!r.ok) r.error = a.events.join(" ");
      if (r.ok && o.canvas) a.canvas = readCanvas(el);
      if (r.ok && c.api === "stylesheet") { try { a.sheet = el.sheet.cssRules.length + " rules"; } catch (e) { a.sheet = e.name; } }
      el.remove();
      resolve();
    };
    for (const t of [ok, "error"]) el.addEventListener(t, () => { ev(t); setTimeout(finish, 0); });
    const url = uniq(c.url, c.id);
    if (c.api === "stylesheet") el.href = url; else el.src = url;
    if (c.api !== "img") document.body.appendChild(el);
    setTimeout(() => finish("corsim-timeout"), wait);
  });
}
async function font(c, r, a, ev, wait) {
  const o = c.opt, fam = c.family;
  let el;
  if (o.sheet) {
    el = document.createElement("link");
    el.rel = "stylesheet";
    await new Promise(res => {
      el.onload = res;
      el.onerror = () => { ev("sheet error"); res(); };
      el.href = o.sheet;
      document.head.appendChild(el);
      setTimeout(res, wait);
    });
  } else {
    el = document.createElement("style");
    el.textContent = '@font-face { font-family: "' + fam + '"; src: url("' + uniq(c.url, c.id) + '"); }';
    document.head.appendChild(el);
  }
  try {
    const fs = await Promise.race([document.fonts.load('16px "' + fam + '"'), sleep(wait).then(() => "timeout")]);
    a.fontsLoad = fs === "timeout" ? "corsim-timeout" : "resolved " + fs.length;
  } catch (e) {
    a.fontsLoad = "rejected " + e.name;
  }
  const face = [...document.fonts].find(f => f.family.replace(/"/g, "") === fam);
  a.font = face ? face.status : "no face";
  r.ok = a.font === "loaded";
  if (!r.ok) r.error = a.font;
  el.remove();
}
`
