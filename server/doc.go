// Package server connects the engine to real server code: an http.Handler called in process
// (Handler) or a live server reached over HTTP (Live). Both implement engine.Server, the same
// interface described responses implement, so a scenario, a test or an audit runs the one
// engine code path whatever answers it: the engine builds every request a browser would send,
// preflights included, follows redirects itself, and judges the answers.
package server
