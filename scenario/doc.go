// Package scenario reads scenario files, the corsim command's input, and runs them.
//
// A scenario is one page origin, one server and a sequence of fetch() calls made on one browser
// session per simulated profile. It is written in YAML, or in JSON with the same schema
// (scenario.schema.json in this directory describes it; docs/scenario.md is the reference).
// The file is the lesson: a learner or a server owner writes what the page asks for and what the
// server answers, and corsim says what each browser does with it, step by step.
//
// Loading validates everything a browser would refuse before sending a request, and everything
// the simulation itself needs, and reports every problem of a file at once, each as
// "file:line:col: message" naming the offending value, because a scenario file is written by
// hand and fixing one error per run is tedious. The one exception is deliberate: a fetch whose
// expectation is "outcome: type-error" keeps its invalid values, so a scenario can show fetch()
// throwing.
//
// A scenario's server is data: routes (fixed answers, including raw HTTP response text pasted
// from a real server) answered first, then an optional Policy that behaves like a typical CORS
// middleware. Execute runs the fetches on a fresh engine.Browser per profile, with virtual time,
// and checks the expectations that make a scenario a test.
//
// Spec: https://fetch.spec.whatwg.org/ (what the browser does), https://yaml.org/spec/1.2.2/
// (the file syntax).
package scenario
