// Command corsim shows what browsers do with cross-origin requests. This first version runs
// an embedded gallery of scenarios through the engine (corsim demo); scenario files and the
// run, explain and test commands come with the CLI.
//
// Exit codes: 0 success, 1 a demo scenario did not end as documented (a bug in corsim),
// 2 bad usage.
package main

import (
	"fmt"
	"io"
	"os"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

const usage = `corsim simulates what a browser does with a cross-origin (CORS) request.

Usage:
  corsim demo [--no-color]   run the embedded gallery of scenarios and explain each one
  corsim version             print the version
  corsim help                print this help

Every verdict follows the WHATWG Fetch Standard step by step; each step names its spec anchor,
and each failure its reason code and the fix a server owner should make.

Exit codes: 0 success; 1 a demo scenario did not end as documented; 2 bad usage.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "demo":
		color := isTerminal(stdout) && os.Getenv("NO_COLOR") == ""
		for _, a := range args[1:] {
			switch a {
			case "--no-color":
				color = false
			case "-h", "--help":
				fmt.Fprint(stdout, usage)
				return 0
			default:
				fmt.Fprintf(stderr, "corsim demo: unknown flag %q\n\n%s", a, usage)
				return 2
			}
		}
		return demo(stdout, stderr, color)
	case "version", "--version":
		fmt.Fprintf(stdout, "corsim %s\n", version)
		return 0
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "corsim: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
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
