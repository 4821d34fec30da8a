package checks_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/checks/all"
	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// TestMultiCallEndToEnd runs every end-to-end case through the multi-call
// binary, both ways it is started: through a link named after the check
// (as the package installs it) and with the check as its first argument.
// It must answer exactly as the check's own binary does.
func TestMultiCallEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds binaries")
	}
	bin := buildChecks(t)
	multi := filepath.Join(bin, "webim-checks")
	links := t.TempDir()
	for _, name := range all.Names() {
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
		for _, way := range []string{"link", "argument"} {
			t.Run(way+" "+c.Where+" "+c.Check+" "+strings.Join(c.Args, " "), func(t *testing.T) {
				t.Parallel()
				path, args := filepath.Join(links, c.Check), c.Expand(srv.URL)
				if way == "argument" {
					path, args = multi, append([]string{c.Check}, args...)
				}
				ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
				defer cancel()
				cmd := exec.CommandContext(ctx, path, args...)
				cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "MP_STATE_PATH=" + t.TempDir()}, sim.Env()...)
				var stdout, stderr bytes.Buffer
				cmd.Stdout, cmd.Stderr = &stdout, &stderr
				err := cmd.Run()
				code := 0
				var exitErr *exec.ExitError
				if errors.As(err, &exitErr) {
					code = exitErr.ExitCode()
				} else if err != nil {
					t.Fatalf("run: %v", err)
				}
				first, _, _ := strings.Cut(stdout.String(), "\n")
				if code != c.Code || !strings.HasPrefix(first, c.Want) {
					t.Errorf("%s: got exit %d, first line\n  %s\nwant exit %d, first line starting\n  %s", c.Where, code, first, c.Code, c.Want)
				}
				if stderr.Len() > 0 {
					t.Errorf("%s: unexpected stderr: %s", c.Where, stderr.String())
				}
			})
		}
	}
}
