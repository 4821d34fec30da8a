// End-to-end tests: build every check binary, run each as Icinga would
// (a fresh process, credentials in the environment) against the simulator,
// and assert exit code and first line. The cases are testdata/e2e/*.txt,
// the same ones make demo shows.
package checks_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// binDir holds the binaries built once for the package's tests ("" with -short).
var binDir string

func TestMain(m *testing.M) {
	flag.Parse()
	if !testing.Short() {
		dir, err := os.MkdirTemp("", "checks-bin-")
		if err == nil {
			err = buildChecks(dir)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		binDir = dir
	}
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// buildChecks builds every checks/* binary into dir.
func buildChecks(dir string) error {
	cmd := exec.Command("go", "build", "-trimpath", "-o", dir+string(os.PathSeparator), "./checks/...")
	cmd.Dir = testutil.Root()
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, out)
	}
	return nil
}

// binaries returns the directory of the built binaries, skipping with -short.
func binaries(t *testing.T) string {
	t.Helper()
	if binDir == "" {
		t.Skip("builds binaries")
	}
	return binDir
}

// runCase runs the binary at path with args as an engine would (its own
// process, the simulator's credentials in the environment, a fresh state
// directory) and asserts the case's exit code and first line, and that
// nothing went to stderr.
func runCase(t *testing.T, c sim.Case, path string, args []string) {
	t.Helper()
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
	if code != c.Code || !c.Matches(first) {
		t.Errorf("%s: got exit %d, first line\n  %s\nwant exit %d, first line starting\n  %s\nstderr: %s", c.Where, code, first, c.Code, c.Want, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("%s: unexpected stderr without -vvv: %s", c.Where, stderr.String())
	}
}

func TestEndToEnd(t *testing.T) {
	bin := binaries(t)
	srv := testutil.Simulator(t, nil)
	cases, err := sim.LoadCases(testutil.Path("e2e"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.Where+" "+c.Check+" "+strings.Join(c.Args, " "), func(t *testing.T) {
			t.Parallel()
			runCase(t, c, filepath.Join(bin, c.Check), c.Expand(srv.URL))
		})
	}
}
