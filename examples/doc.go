// Package examples is corsim's gallery of scenario files: situations people meet with CORS in
// practice, each a small YAML file with a page origin, a server and the fetch() calls a page
// makes, explained in a few sentences and pinned down by an expectation on every fetch.
//
// The gallery is two things at once. For a learner it is a set of worked examples that
// `corsim explain` tells step by step; for the project it is a test suite that says what the
// Fetch Standard decides, which examples_test.go checks against the engine and which must
// together reach every reason code in engine.Reasons. The files are embedded so that the
// corsim binary can show them without a checkout.
//
// Spec: https://fetch.spec.whatwg.org/
package examples
