// Package doccheck holds a test that keeps corsim's documentation standard: every exported
// identifier has a doc comment, and every function whose comment cites a spec algorithm links
// it by URL. It has no code of its own.
package doccheck
