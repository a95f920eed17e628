package examples

import (
	"embed"
	"io/fs"
	"sort"
)

// FS holds the gallery's scenario files, embedded so that `corsim demo` works from the binary
// alone. The files sit at its root, named NN-short-slug.yaml so that their names sort into the
// order in which a learner should read them.
//
//go:embed *.yaml
var FS embed.FS

// Names lists the gallery's files in reading order (by their numeric prefix, which is also
// name order). Each name can be opened in FS.
func Names() []string {
	// The embedded directory is known to exist, so ReadDir cannot fail; an empty list is what a
	// caller would see if it somehow did, rather than a panic.
	entries, err := fs.ReadDir(FS, ".")
	if err != nil {
		return nil
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if !e.IsDir() {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names
}
