// Package browsers holds the profiles of the browsers corsim models (Chromium, Firefox and
// WebKit, each as one observed version), their console tables, and the list users choose from
// by name.
//
// The profiles live apart from the algorithms on purpose: engine cannot import this package,
// so no algorithm can ask which browser it models. A browser's behaviour is only ever a value of
// engine.Profile, and a profile built outside this package works everywhere these do.
package browsers
