package plugin

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// MultiName is the name of the multi-call binary that holds every check.
const MultiName = Suite

// MainMulti is what the main of the multi-call binary calls: it runs the
// check named by the base name of argv[0] (check_webim_db as a symlink to
// the binary) or, failing that, by the first argument
// (webim-checks check_webim_db -H ...), and returns the exit code.
func MainMulti(checks map[string]func() Check) int {
	tuneGC()
	sig, stop := notifySignals()
	defer stop()
	r := Runner{Stdout: os.Stdout, Stderr: os.Stderr, Signals: sig}
	return r.RunMulti(context.Background(), os.Args, checks)
}

// RunMulti is [MainMulti] with the command line (argv[0] included) and the
// streams of r; r.Args is ignored. Besides a check name it understands
// --list (the check names, one a line, exit 0), and --help and --version
// (exit 3, as for every check). Anything else is a usage error: UNKNOWN,
// exit 3, with the list of checks.
func (r Runner) RunMulti(ctx context.Context, argv []string, checks map[string]func() Check) int {
	var self string
	if len(argv) > 0 {
		self = filepath.Base(argv[0])
		argv = argv[1:]
	}
	if newCheck, ok := checks[self]; ok {
		r.Args = argv
		return r.Run(ctx, newCheck())
	}
	if len(argv) > 0 {
		if newCheck, ok := checks[argv[0]]; ok {
			r.Args = argv[1:]
			return r.Run(ctx, newCheck())
		}
	}
	names := make([]string, 0, len(checks))
	for n := range checks {
		names = append(names, n)
	}
	slices.Sort(names)
	if strings.HasPrefix(self, "check_") {
		// A link named after a check this binary does not hold.
		return multiUsage(r.Stdout, MultiName, names, fmt.Sprintf("this %s holds no check named %q", MultiName, self))
	}
	if self == "" {
		self = MultiName
	}
	switch {
	case len(argv) == 0:
		return multiUsage(r.Stdout, self, names, "name the check to run")
	case argv[0] == "--list":
		for _, n := range names {
			fmt.Fprintln(r.Stdout, n)
		}
		return OK.Code()
	case argv[0] == "--version" || argv[0] == "-V":
		fmt.Fprintf(r.Stdout, "%s %s\n", self, Version)
		return Unknown.Code()
	case argv[0] == "--help" || argv[0] == "-h":
		fmt.Fprintf(r.Stdout, "%s %s: every check of the suite in one binary.\n", self, Version)
		writeMultiUsage(r.Stdout, self, names)
		return Unknown.Code()
	}
	return multiUsage(r.Stdout, self, names, fmt.Sprintf("no check named %q", argv[0]))
}

func multiUsage(w io.Writer, self string, names []string, msg string) int {
	fmt.Fprintf(w, "%s UNKNOWN - %s\n", strings.ToUpper(self), msg)
	writeMultiUsage(w, self, names)
	return Unknown.Code()
}

func writeMultiUsage(w io.Writer, self string, names []string) {
	fmt.Fprintf(w, "Usage: %s CHECK [OPTIONS], or run it through a link named after the check\n", self)
	fmt.Fprintf(w, "Checks: %s\n", strings.Join(names, " "))
	fmt.Fprintf(w, "Run '%s CHECK --help' for the options of a check.\n", self)
}
