// Package servers holds corsim's proofs against third-party CORS implementations: Go middleware
// (rs/cors, go-chi/cors) run in process as http.Handlers, and real nginx and Express servers
// started on loopback. Each test names the bug class it shows and the upstream issue where
// users met it, and asserts what each browser does, as corsim models it.
package servers
