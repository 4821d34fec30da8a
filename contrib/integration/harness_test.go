//go:build integration

package integration

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/contrib/packaging/engineconf"
	"github.com/ccmon/webim-checks/lib/checks/all"
	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// pluginDir builds the plugins the way the package installs them: the
// multi-call binary and a link per check, the checks of all.OwnBinary as
// their own binaries. Built once per test binary.
var pluginDir = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "webim-checks-plugins-")
	if err != nil {
		return "", err
	}
	pkgs := []string{"./checks/webim-checks"}
	for _, name := range all.OwnBinary() {
		pkgs = append(pkgs, "./checks/"+name)
	}
	cmd := exec.Command("go", append([]string{"build", "-trimpath", "-o", dir + string(os.PathSeparator)}, pkgs...)...)
	cmd.Dir = testutil.Root()
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	for _, name := range all.Names() {
		if slices.Contains(all.OwnBinary(), name) {
			continue // built above as its own binary
		}
		if err := os.Symlink("webim-checks", filepath.Join(dir, name)); err != nil {
			return "", err
		}
	}
	return dir, nil
})

func TestMain(m *testing.M) {
	code := m.Run()
	if dir, err := pluginDir(); err == nil {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

func plugins(t *testing.T) string {
	t.Helper()
	dir, err := pluginDir()
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// need fails the test unless the program is installed and we are root.
func need(t *testing.T, program, pkg string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Fatalf("the engine tests run as root (the engines run their checks as root in a temporary directory)")
	}
	p, err := exec.LookPath(program)
	if err != nil {
		t.Fatalf("%s is not installed: apt-get install -y %s", program, pkg)
	}
	return p
}

// engineCase is one end-to-end case as the engines run it.
type engineCase struct {
	sim.Case
	// ID names the service: case_001.
	ID string
	// Args are the expanded arguments.
	Args []string
	// Perf are the perfdata labels the check printed when run directly.
	Perf []string
	// Cred, when set, changes how the credential reaches the check:
	// "password-file", "token".
	Cred string
	// Steady cases answer otherwise on their first run: an engine's
	// result counts from its second run on.
	Steady bool
}

// runs is how many results of a case an engine must have produced before
// its last one is judged.
func (c engineCase) runs() int {
	if c.Steady {
		return 2
	}
	return 1
}

// run runs a plugin directly with the e2e environment and returns its
// exit code and stdout.
func run(ctx context.Context, path string, args []string, env []string) (int, string, error) {
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Env = env
	var out bytes.Buffer
	cmd.Stdout = &out
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode(), out.String(), nil
	}
	return 0, out.String(), err
}

func firstLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return first
}

func perfLabels(out string) []string {
	_, perf, ok := strings.Cut(firstLine(out), "|")
	if !ok {
		return nil
	}
	return engineconf.PerfLabels(perf)
}

// cases loads testdata/e2e for the engines, which run a service again and
// again. A case that gives the expected answer run after run is kept as it
// is. A case that is right only on a first run with a fresh state file
// (check_webim_restart --method instance-id records a baseline) is kept
// with the answer of its later runs: their exit code, and the first line
// up to the first digit after the state word (ids and times change). It
// records each case's perfdata labels and adds the credential variants.
func cases(t *testing.T, srv *httptest.Server) []engineCase {
	t.Helper()
	loaded, err := sim.LoadCases(testutil.Path("e2e"))
	if err != nil {
		t.Fatal(err)
	}
	dir := plugins(t)
	out := make([]engineCase, len(loaded))
	keep := make([]bool, len(loaded))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 16)
	for i, c := range loaded {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			ec := engineCase{Case: c, ID: fmt.Sprintf("case_%03d", i+1), Args: c.Expand(srv.URL)}
			env := append([]string{"PATH=/usr/bin:/bin", "MP_STATE_PATH=" + t.TempDir()}, sim.Env()...)
			var codes [3]int
			var lines [3]string
			for r := range 3 {
				ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
				code, stdout, err := run(ctx, filepath.Join(dir, c.Check), ec.Args, env)
				cancel()
				if err != nil {
					t.Errorf("%s: %v", c.Where, err)
					return
				}
				codes[r], lines[r] = code, firstLine(stdout)
				ec.Perf = perfLabels(stdout)
			}
			repeatable := true
			for r := range 2 {
				repeatable = repeatable && codes[r] == c.Code && c.Matches(lines[r])
			}
			switch {
			case repeatable:
				keep[i] = true
			case codes[1] == codes[2]:
				ec.Code, ec.Want, ec.Steady = codes[1], steadyPrefix(lines[1], lines[2]), true
				keep[i] = ec.Want != ""
				if keep[i] {
					t.Logf("%s: answers otherwise after its first run; an engine must show exit %d and %q...", c.Where, ec.Code, ec.Want)
				}
			}
			out[i] = ec
		}()
	}
	wg.Wait()
	var kept []engineCase
	variants := map[string]bool{}
	for i, ec := range out {
		if !keep[i] {
			t.Logf("%s: no stable answer over several runs, left out: %s %s", ec.Where, ec.Check, strings.Join(ec.Args, " "))
			continue
		}
		kept = append(kept, ec)
		// The first healthy case of a check that has a second way to get
		// its credential runs that way too.
		for _, v := range []struct{ check, cred string }{{"check_webim_db", "password-file"}, {"check_itgrix_status", "password-file"}, {"check_wa_gateway", "token"}} {
			if ec.Check == v.check && ec.Code == 0 && !variants[v.check] {
				variants[v.check] = true
				vc := ec
				vc.ID, vc.Cred = ec.ID+"_"+strings.ReplaceAll(v.cred, "-", "_"), v.cred
				kept = append(kept, vc)
			}
		}
	}
	if len(kept) < len(loaded)*3/4 {
		t.Fatalf("only %d of %d cases can be run in an engine", len(kept), len(loaded))
	}
	return kept
}

// steadyPrefix is the common beginning of two first lines, without the
// perfdata, cut before the first digit after " - ": what later runs of a
// case always say.
func steadyPrefix(a, b string) string {
	a, _, _ = strings.Cut(a, " | ")
	b, _, _ = strings.Cut(b, " | ")
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	p := a[:n]
	dash := strings.Index(p, " - ")
	if dash < 0 {
		return ""
	}
	cut := len(p) - dash
	if d := strings.IndexAny(p[dash:], "0123456789"); d >= 0 {
		cut = d
	}
	// a time without a digit: "since the last run (just now)" reads
	// "(2s ago)" when the engine runs the check again a little later
	if d := strings.Index(p[dash:], "just now"); d >= 0 && d < cut {
		cut = d
	}
	return p[:dash+cut]
}

// matchFirstLine compares what an engine shows as the output (perfdata
// split off) and the perfdata with a case's expected first line, which
// may include perfdata (" | ...").
func matchFirstLine(output string, perf []string, want string) bool {
	text, wantPerf, hasPerf := strings.Cut(sim.StripURLs(want), " | ")
	first := sim.StripURLs(strings.TrimRight(firstLine(output), " "))
	if !hasPerf {
		return strings.HasPrefix(first, text)
	}
	return first == text && strings.HasPrefix(strings.Join(perf, " "), wantPerf)
}

// setsCredential reports whether a case passes a credential on its
// command line (a secret, its file or a login): the engine configurations
// pass their own, so such a case is about something else than the engine.
func setsCredential(check string, args []string) bool {
	for _, o := range plugin.Options(plugin.NewParser(all.Checks()[check]())) {
		_, secret := o.Value().(plugin.Secret)
		if !secret && !slices.Contains([]string{"user", "password-file", "api-key-file", "token-file"}, o.LongName) {
			continue
		}
		for _, a := range args {
			a, _, _ = strings.Cut(a, "=")
			if a == "--"+o.LongName || (o.ShortName != 0 && a == "-"+string(o.ShortName)) {
				return true
			}
		}
	}
	return false
}

// caseName names a case's subtest: stable, without the simulator's port.
func caseName(c engineCase) string {
	n := c.ID + " " + c.Check + " " + strings.Join(c.Case.Args, " ")
	if c.Cred != "" {
		n += " (" + c.Cred + ")"
	}
	return n
}

// secretsFiles writes the credentials the simulator accepts into files,
// as an operator would for --password-file and friends.
func secretsFiles(t *testing.T) map[string]string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"webim.pw":          sim.WebimPassword,
		"itgrix.pw":         sim.ItgrixPassword,
		"wa.key":            sim.WAAPIKey,
		"wa.token":          sim.WAToken,
		"webim-agent.token": sim.WebimAuthToken,
		"crm.pw":            sim.WebimHandlerPassword,
		"webim.key":         sim.WebimPrivateKey,
		"dolibarr.key":      sim.DolibarrAPIKey,
		"dolibarr.token":    sim.DolibarrToken,
	}
	out := map[string]string{}
	for name, secret := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(secret+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		out[name] = p
	}
	return out
}

// daemon is an engine process in its own process group.
type daemon struct {
	cmd  *exec.Cmd
	done chan error
}

func startDaemon(t *testing.T, env []string, logFile string, name string, args ...string) *daemon {
	t.Helper()
	log, err := os.Create(logFile)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(name, args...)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	d := &daemon{cmd: cmd, done: make(chan error, 1)}
	go func() { d.done <- cmd.Wait(); log.Close() }()
	t.Cleanup(func() { d.stop(t) })
	return d
}

// stop sends SIGTERM and waits for the daemon; if it does not end within
// 30 seconds its whole process group is killed.
func (d *daemon) stop(t *testing.T) {
	if d.cmd.ProcessState != nil {
		return
	}
	_ = d.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-d.done:
	case <-time.After(30 * time.Second):
		t.Errorf("%s did not stop on SIGTERM; killing it", d.cmd.Path)
		_ = syscall.Kill(-d.cmd.Process.Pid, syscall.SIGKILL)
		<-d.done
	}
	// the engine's own children (Icinga's process spawner, Nagios'
	// workers) go with it
	_ = syscall.Kill(-d.cmd.Process.Pid, syscall.SIGKILL)
}

// exited reports whether the daemon ended on its own, and how.
func (d *daemon) exited() (bool, error) {
	select {
	case err := <-d.done:
		d.done <- err
		return true, err
	default:
		return false, nil
	}
}

// product of a check: webim, itgrix, wa.
func product(check string) string {
	p, _, _ := strings.Cut(strings.TrimPrefix(check, "check_"), "_")
	return p
}

// users are the logins the simulator accepts, by product.
var users = map[string]string{"webim": sim.WebimUser, "itgrix": sim.ItgrixUser}

// userOf is the login the simulator accepts for a check: its product's,
// except for the CRM handler, which has its own.
func userOf(check string) (string, bool) {
	if check == "check_webim_handler" {
		return sim.WebimHandlerUser, true
	}
	u, ok := users[product(check)]
	return u, ok
}

// secretValues are the secrets, which must never show in a process's
// command line.
var secretValues = []string{sim.WebimPassword, sim.ItgrixPassword, sim.WAAPIKey, sim.WAToken,
	sim.WebimHandlerPassword, sim.WebimPrivateKey, sim.DolibarrAPIKey, sim.DolibarrToken}
