// Command demo runs every check against the bundled simulator, healthy and
// broken, and prints each command, its first line and its exit code: what
// make demo shows a new user. The cases are testdata/e2e/*.txt, the same
// the end-to-end tests assert; demo fails when one does not hold.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/ccmon/webim-checks/lib/sim"
)

// runCase runs one check as an engine would: its own process, the
// credentials in its environment, a fresh state directory. It returns the
// exit code and what the check printed.
func runCase(path string, args, env []string) (int, string) {
	state, err := os.MkdirTemp("", "demo-state-")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(state)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "MP_STATE_PATH=" + state}, env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	var exitErr *exec.ExitError
	switch {
	case errors.As(err, &exitErr):
		return exitErr.ExitCode(), out.String()
	case err != nil:
		fail(fmt.Errorf("%s: %v (run make build first)", filepath.Base(path), err))
	}
	return 0, out.String()
}

func main() {
	bin := flag.String("bin", "bin", "directory of the built checks")
	fixtures := flag.String("fixtures", "testdata", "fixture tree of the simulator")
	only := flag.String("only", "", "run only the cases of this check")
	listen := flag.String("listen", "127.0.0.1:0", "address of the simulator (port 0: a free one)")
	flag.Parse()

	cases, err := sim.LoadCases(filepath.Join(*fixtures, "e2e"))
	if err != nil {
		fail(err)
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		fail(err)
	}
	srv := &http.Server{Handler: sim.New(os.DirFS(*fixtures), nil).Handler(""), ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()

	env := sim.Env()
	fmt.Printf("Simulator on %s (scenarios: %s/). Credentials from the environment:\n", base, base)
	for _, e := range env {
		name, _, _ := strings.Cut(e, "=")
		fmt.Printf("  export %s=...\n", name)
	}
	fmt.Println()
	bad := 0
	for _, c := range cases {
		if *only != "" && c.Check != *only {
			continue
		}
		args := c.Expand(base)
		code, out := runCase(filepath.Join(*bin, c.Check), args, env)
		first, _, _ := strings.Cut(out, "\n")
		mark := "ok"
		if code != c.Code || !c.Matches(first) {
			mark = fmt.Sprintf("MISMATCH: expected exit %d and a line starting %q (%s)", c.Code, c.Want, c.Where)
			bad++
		}
		fmt.Printf("$ %s %s\n%s\n  exit %d  %s\n\n", c.Check, strings.Join(args, " "), first, code, mark)
	}
	if bad > 0 {
		fmt.Printf("%d case(s) did not behave as expected\n", bad)
		os.Exit(1)
	}
	fmt.Println("every check behaved as expected")
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "demo:", err)
	os.Exit(2)
}
