// Command corsim shows what browsers do with cross-origin requests. It runs scenario files —
// a page origin, a server, and the fetch() calls the page makes — through corsim's model of the
// Fetch Standard and prints verdicts, step-by-step explanations, diagrams and test results.
//
// Exit codes: 0 success; 1 an expectation failed (corsim test, or a demo scenario that did not
// end as documented); 2 bad usage or a malformed scenario file.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/corsim/corsim/browsers"
	"github.com/corsim/corsim/engine"
	"github.com/corsim/corsim/examples"
	"github.com/corsim/corsim/report"
	"github.com/corsim/corsim/scenario"
	"github.com/corsim/corsim/server"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// Exit codes.
const (
	exitOK       = 0
	exitFailed   = 1
	exitBadInput = 2
)

const usage = `corsim simulates what a browser does with a cross-origin (CORS) request.

Usage:
  corsim run     [flags] FILE|DIR...   a verdict per fetch per browser, as a table
  corsim explain [flags] FILE          the whole story: every step, its spec link, the HTTP
                                       exchanges, and the fix
  corsim test    [flags] FILE|DIR...   check the scenarios' expectations (exit 1 on a failure)
  corsim demo    [flags] [NAME]        run the embedded example gallery; with a NAME (such as 07
                                       or 07-two-origins-in-allow-origin), explain that example
  corsim version                       print the version
  corsim help                          print this help

Flags:
  --browser NAMES    comma-separated profiles to simulate (default: the scenario's, or all): %s
  --format FORMAT    text, json or markdown (default text)
  --diagram KIND     mermaid or svg: add a sequence diagram (explain, demo NAME)
  --no-color         no ANSI colour (also when NO_COLOR is set or output is not a terminal)
  --server URL       send every request to the live server at URL (scheme, host, port and path
                     prefix) instead of the scenario's described server; the scenario's URLs
                     still decide origins, preflights and the cache

Scenario files are YAML or JSON; see docs/scenario.md. JSON output is documented in
docs/json-output.md.

Exit codes: 0 success; 1 an expectation failed; 2 bad usage or a malformed scenario file.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func profileNames() string { return strings.Join(browsers.Names(), ", ") }

func printUsage(w io.Writer) { fmt.Fprintf(w, usage, profileNames()) }

// options are the flags every command shares.
type options struct {
	browsers []engine.Profile
	report   report.Options
	server   engine.Server // nil: each scenario's own server
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		printUsage(stderr)
		return exitBadInput
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "help", "-h", "--help":
		printUsage(stdout)
		return exitOK
	case "version", "--version":
		fmt.Fprintf(stdout, "corsim %s\n", version)
		return exitOK
	case "run", "explain", "test", "demo":
	default:
		fmt.Fprintf(stderr, "corsim: unknown command %q\n\n", cmd)
		printUsage(stderr)
		return exitBadInput
	}
	opts, paths, help, err := parseFlags(cmd, rest, stdout)
	if help {
		printUsage(stdout)
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "corsim %s: %v\n", cmd, err)
		return exitBadInput
	}
	switch cmd {
	case "run", "test":
		if len(paths) == 0 {
			fmt.Fprintf(stderr, "corsim %s: give at least one scenario file or directory\n", cmd)
			return exitBadInput
		}
		scenarios, err := scenario.LoadAll(paths)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return exitBadInput
		}
		return execute(cmd, scenarios, opts, cmd == "test", stdout, stderr)
	case "explain":
		if len(paths) != 1 {
			fmt.Fprintln(stderr, "corsim explain: give exactly one scenario file")
			return exitBadInput
		}
		s, err := scenario.Load(paths[0])
		if err != nil {
			fmt.Fprintln(stderr, err)
			return exitBadInput
		}
		return execute(cmd, []*scenario.Scenario{s}, opts, false, stdout, stderr)
	default: // demo
		return demo(paths, opts, stdout, stderr)
	}
}

// parseFlags accepts flags before, between and after file names, in -flag or --flag form.
func parseFlags(cmd string, args []string, stdout io.Writer) (opts options, paths []string, help bool, err error) {
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	browser := fs.String("browser", "", "")
	format := fs.String("format", "text", "")
	diagram := fs.String("diagram", "", "")
	noColor := fs.Bool("no-color", false, "")
	live := fs.String("server", "", "")
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return opts, nil, true, nil
			}
			return opts, nil, false, err
		}
		if fs.NArg() == 0 {
			break
		}
		paths = append(paths, fs.Arg(0))
		args = fs.Args()[1:]
	}
	switch report.Format(*format) {
	case "text", "json", "markdown":
		opts.report.Format = report.Format(*format)
	default:
		return opts, nil, false, fmt.Errorf("--format %q: use text, json or markdown", *format)
	}
	switch *diagram {
	case "", "mermaid", "svg":
		opts.report.Diagram = *diagram
	default:
		return opts, nil, false, fmt.Errorf("--diagram %q: use mermaid or svg", *diagram)
	}
	if *browser != "" {
		for _, name := range strings.Split(*browser, ",") {
			p, ok := browsers.Lookup(strings.TrimSpace(name))
			if !ok {
				return opts, nil, false, fmt.Errorf("--browser %q: unknown profile; known: %s", name, profileNames())
			}
			opts.browsers = append(opts.browsers, p)
		}
	}
	if *live != "" {
		srv, err := server.Live(*live)
		if err != nil {
			return opts, nil, false, fmt.Errorf("--server: %v", err)
		}
		opts.server = srv
	}
	opts.report.Color = opts.report.Format == "text" && !*noColor && os.Getenv("NO_COLOR") == "" && isTerminal(stdout)
	return opts, paths, false, nil
}

// execute runs the scenarios, renders them for cmd, and returns the exit code. failOnMismatch
// makes a failed expectation exit 1 (test, and the demo whose gallery documents its results).
func execute(cmd string, scenarios []*scenario.Scenario, opts options, failOnMismatch bool, stdout, stderr io.Writer) int {
	var runs []*scenario.Run
	for _, s := range scenarios {
		r, err := scenario.Execute(context.Background(), s, opts.browsers, opts.server)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return exitBadInput
		}
		runs = append(runs, r)
	}
	var err error
	switch cmd {
	case "run":
		err = report.Run(stdout, runs, opts.report)
	case "explain":
		err = report.Explain(stdout, runs[0], opts.report)
	case "test":
		err = report.Test(stdout, runs, opts.report)
	}
	if err != nil {
		fmt.Fprintf(stderr, "corsim %s: %v\n", cmd, err)
		return exitFailed
	}
	for _, r := range runs {
		if failOnMismatch && !r.Passed() {
			if cmd != "test" {
				fmt.Fprintf(stderr, "corsim %s: %s did not end as its expectations say\n", cmd, r.Scenario.File)
			}
			return exitFailed
		}
	}
	return exitOK
}

// demo runs the embedded gallery: a verdict table of every example, or one example explained.
func demo(names []string, opts options, stdout, stderr io.Writer) int {
	if len(names) > 1 {
		fmt.Fprintln(stderr, "corsim demo: give at most one example name")
		return exitBadInput
	}
	var scenarios []*scenario.Scenario
	for _, name := range examples.Names() {
		if len(names) == 1 && !matchesExample(name, names[0]) {
			continue
		}
		data, err := examples.FS.ReadFile(name)
		if err != nil {
			fmt.Fprintf(stderr, "corsim demo: %v\n", err)
			return exitFailed
		}
		s, err := scenario.Parse("examples/"+name, data)
		if err != nil {
			fmt.Fprintf(stderr, "corsim demo: %v\n", err)
			return exitFailed
		}
		scenarios = append(scenarios, s)
	}
	if len(names) == 1 {
		if len(scenarios) != 1 {
			fmt.Fprintf(stderr, "corsim demo: no single example matches %q; examples are:\n  %s\n", names[0], strings.Join(examples.Names(), "\n  "))
			return exitBadInput
		}
		return execute("explain", scenarios, opts, true, stdout, stderr)
	}
	code := execute("run", scenarios, opts, true, stdout, stderr)
	if opts.report.Format == "text" {
		fmt.Fprintln(stdout, "\nEach row is one fetch() in one simulated browser. To see the whole story of an example,")
		fmt.Fprintln(stdout, "with every spec step, the HTTP exchanges and the fix: corsim demo 07 (or any number above).")
	}
	return code
}

// matchesExample reports whether query names the gallery file name: its number ("7", "07"),
// its slug, or the whole file name.
func matchesExample(name, query string) bool {
	base := strings.TrimSuffix(name, ".yaml")
	num, slug, _ := strings.Cut(base, "-")
	q := strings.TrimSuffix(query, ".yaml")
	return q == base || q == slug || q == num || strings.TrimLeft(q, "0") == strings.TrimLeft(num, "0") && q != ""
}

// isTerminal reports whether w is a character device, so colour is used only on a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
