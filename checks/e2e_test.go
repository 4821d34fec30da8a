// End-to-end tests: build every check binary, run each as Icinga would
// (a fresh process, credentials in the environment) against the simulator,
// and assert exit code and first line. The cases are testdata/e2e/*.txt,
// the same ones make demo shows.
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

	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// buildChecks builds every checks/* binary into a temporary directory.
func buildChecks(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command("go", "build", "-trimpath", "-o", dir+string(os.PathSeparator), "./checks/...")
	cmd.Dir = testutil.Root()
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return dir
}

func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds binaries")
	}
	bin := buildChecks(t)
	srv := testutil.Simulator(t, nil)
	cases, err := sim.LoadCases(testutil.Path("e2e"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		name := c.Where + " " + c.Check + " " + strings.Join(c.Args, " ")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(bin, c.Check)
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, path, c.Expand(srv.URL)...)
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
				t.Errorf("%s: got exit %d, first line\n  %s\nwant exit %d, first line starting\n  %s\nstderr: %s", c.Where, code, first, c.Code, c.Want, stderr.String())
			}
			if stderr.Len() > 0 {
				t.Errorf("%s: unexpected stderr without -vvv: %s", c.Where, stderr.String())
			}
		})
	}
}
