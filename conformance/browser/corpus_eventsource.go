package browser

// eventSourceCases are EventSource's requests (GET, Accept: text/event-stream, mode "cors",
// credentials "same-origin" or "include" with withCredentials) and when it reconnects: the
// lab's stream sends one event (id 7, retry 200 ms) and ends, so a browser that reconnects does
// so at once, with Last-Event-ID: 7; the page closes the source after the second message.
func eventSourceCases() []Case {
	stream := func(h ...[2]string) Route { return withBody(API, "/x", "text/event-stream", eventStream, h...) }
	out := []Case{}
	for _, a := range corsAnswers {
		out = append(out, Case{Name: "es-" + a.name,
			About:  "EventSource against a stream answering " + a.name + ", without and with withCredentials",
			Routes: []Route{stream(a.h...)},
			Calls:  []Call{eventSource(), eventSource().withCreds()}})
	}
	out = append(out,
		Case{Name: "es-same-origin", About: "EventSource on the page's origin: no CORS check, no Origin?",
			Routes: []Route{withBody(Page, "/x", "text/event-stream", eventStream)},
			Calls:  []Call{eventSource().to(urlAt("page", "/x"))}},
		Case{Name: "es-204", About: "a 204 with ACAO: the connection fails and is not reestablished",
			Routes: []Route{on("/x", 204, allowPage)}, Calls: []Call{eventSource()}},
		Case{Name: "es-wrong-type", About: "a 200 text/plain with ACAO: the connection fails",
			Routes: []Route{withBody(API, "/x", "text/plain", eventStream, allowPage)}, Calls: []Call{eventSource()}},
		Case{Name: "es-500", About: "a 500 with ACAO: the connection fails",
			Routes: []Route{on("/x", 500, allowPage)}, Calls: []Call{eventSource()}},
		Case{Name: "es-down", About: "a port nobody listens on: a network error; does the source reconnect (readyState 0) or close (2)?",
			Calls: []Call{eventSource().to("{down}{case}/x")}},
		Case{Name: "es-no-acao-retry", About: "a stream without ACAO, watched for 5 s for a second attempt",
			Routes: []Route{stream()}, Calls: []Call{func() Call { c := eventSource().wait(5000); c.Opt.Errors = 2; return c }()}},
		Case{Name: "es-redirect", About: "EventSource answered 302 -> api2, whose stream answers ACAO * (the Origin is null after the hop) and then ACAO page",
			Routes: []Route{redirectTo("api", "/x", 302, urlAt("api2", "/t"), allowPage), withBody(API2, "/t", "text/event-stream", eventStream, acao("*"))},
			Calls:  []Call{eventSource(), eventSource().answers(withBody(API2, "/t", "text/event-stream", eventStream, allowPage))}},
	)
	return out
}
