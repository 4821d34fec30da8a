package checks_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ccmon/webim-checks/lib/checks/all"
	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// TestMultiCallEndToEnd runs every end-to-end case through the multi-call
// binary, both ways it is started: through a link named after the check
// (as the package installs it) and with the check as its first argument.
// It must answer exactly as the check's own binary does. The checks built
// as their own binary (all.OwnBinary) are not in it.
func TestMultiCallEndToEnd(t *testing.T) {
	bin := binaries(t)
	multi := filepath.Join(bin, "webim-checks")
	links := t.TempDir()
	own := all.OwnBinary()
	for _, name := range all.Names() {
		if slices.Contains(own, name) {
			continue
		}
		if err := os.Symlink(multi, filepath.Join(links, name)); err != nil {
			t.Fatal(err)
		}
	}
	srv := testutil.Simulator(t, nil)
	cases, err := sim.LoadCases(testutil.Path("e2e"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if slices.Contains(own, c.Check) {
			continue // run through its own binary by TestEndToEnd
		}
		for _, way := range []string{"link", "argument"} {
			t.Run(way+" "+c.Where+" "+c.Check+" "+strings.Join(c.Args, " "), func(t *testing.T) {
				t.Parallel()
				path, args := filepath.Join(links, c.Check), c.Expand(srv.URL)
				if way == "argument" {
					path, args = multi, append([]string{c.Check}, args...)
				}
				runCase(t, c, path, args)
			})
		}
	}
}
