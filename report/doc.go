// Package report renders scenario runs, the output of the corsim command: a verdict table
// (corsim run), the whole story of one scenario with every exchange, trace step and cache
// event (corsim explain), CI-friendly results (corsim test), and sequence diagrams as Mermaid
// source or as standalone SVG drawn by corsim itself.
//
// Every command has three formats. Text is for a terminal and uses ANSI colour only when asked.
// Markdown is for issues, pull requests and documentation. JSON is for programs: one document
// per command, {"schema": "corsim/v1", "command": ..., "scenarios": [...]}, whose every field
// is described in docs/json-output.md and docs/json-output.schema.json; the schema version
// changes whenever a field changes meaning or disappears, so tools can rely on it.
//
// The renderers only read what the engine recorded. They never decide anything about CORS
// themselves: the verdict, the reason, the fix, the trace texts and the spec links all come
// from the engine's Result, so the report can never disagree with the simulation.
//
// Everything a scenario file contributes (titles, names, URLs, header values) is escaped for
// the output it lands in: control characters are shown as escapes in text, so a scenario
// cannot move a terminal's cursor, and SVG and Mermaid text is entity-escaped.
package report
