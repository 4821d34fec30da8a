package checks_test

// The conformance suite: every registered check, run as an engine runs it
// (built binary, credentials in the environment), against the simulator's
// generic scenarios. A check added to the registry gets the whole failure
// matrix of CONTRACT sections 1 to 6 without a line of its own; its own
// tests only cover its judging.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/checks/all"
	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// run is one finished process.
type run struct {
	code           int
	stdout, stderr string
}

// runCheck runs the binary of check with args as an engine would: its own
// process, the simulator's credentials in the environment, a fresh state
// directory.
func runCheck(t *testing.T, check string, args ...string) run {
	t.Helper()
	return runCheckIn(t, t.TempDir(), check, args...)
}

// runCheckIn is runCheck with the state directory given, for a second run
// that compares with the first.
func runCheckIn(t *testing.T, stateDir, check string, args ...string) run {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join(binaries(t), check), args...)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "MP_STATE_PATH=" + stateDir}, sim.Env()...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r := run{stdout: stdout.String(), stderr: stderr.String()}
	var exitErr *exec.ExitError
	switch {
	case errors.As(err, &exitErr):
		r.code = exitErr.ExitCode()
	case err != nil:
		t.Fatalf("run: %v", err)
	}
	return r
}

// healthyCases returns the end-to-end cases of check that exit 0, and
// whether it has one that does not.
func healthyCases(cases []sim.Case, check string) (healthy []sim.Case, problem bool) {
	for _, c := range cases {
		switch {
		case c.Check != check:
		case c.Code == 0:
			healthy = append(healthy, c)
		default:
			problem = true
		}
	}
	return healthy, problem
}

// onScenario returns args with the -H of a healthy case moved to the
// generic scenario (its path prefix), keeping a path the check needs
// after the scenario of the case.
func onScenario(args []string, base, scenario string, scenarios map[string]bool) []string {
	out := slices.Clone(args)
	for i := 0; i+1 < len(out); i++ {
		if out[i] != "-H" && out[i] != "--host" {
			continue
		}
		rest := strings.TrimPrefix(strings.TrimPrefix(out[i+1], "{sim}"), "/")
		if first, after, _ := strings.Cut(rest, "/"); scenarios[first] {
			rest = after
		}
		out[i+1] = strings.TrimSuffix(base+"/"+scenario+"/"+rest, "/")
		return out
	}
	return out
}

// conformanceRow is one generic situation and what every check must do
// in it.
type conformanceRow struct {
	name string
	// scenario is the simulator's generic scenario ("" keeps the healthy
	// case's -H); host, when set, replaces -H altogether.
	scenario string
	host     func(t *testing.T) string
	extra    []string
	code     int
	// body rows serve a 200 whose body is not the product's answer: a
	// check that judges the status only (Info.StatusOnly) says OK.
	body bool
	// summary, when set, must occur in the summary.
	summary *regexp.Regexp
}

func conformanceRows() []conformanceRow {
	re := regexp.MustCompile
	return []conformanceRow{
		{name: "401", scenario: "unauthorized", code: 3},
		{name: "403", scenario: "forbidden", code: 3},
		{name: "5xx HTML", scenario: "bad-gateway", extra: []string{"--retries", "0"}, code: 2, summary: re(`HTTP 502`)},
		{name: "200 login page", scenario: "login-page", code: 3, body: true},
		{name: "truncated JSON", scenario: "truncated", code: 3, body: true},
		{name: "huge body", scenario: "huge", code: 3, summary: re(`response too large`)},
		{name: "over --max-body", extra: []string{"--max-body", "8"}, code: 3, summary: re(`response too large`)},
		{name: "hang -t 1", scenario: "hang", extra: []string{"-t", "1"}, code: 2, summary: re(`^timed out after 1s`)},
		{name: "hang -t 1:UNKNOWN", scenario: "hang", extra: []string{"-t", "1:UNKNOWN"}, code: 3, summary: re(`^timed out after 1s`)},
		{name: "reset", scenario: "reset", extra: []string{"--retries", "0"}, code: 2},
		{name: "refused", host: func(t *testing.T) string { return "http://" + testutil.RefusedAddr(t) }, extra: []string{"--retries", "0"}, code: 2, summary: re(`connect`)},
		{name: "unknown flag", extra: []string{"--no-such-flag"}, code: 3},
		{name: "bad --max-body", extra: []string{"--max-body", "lots"}, code: 3, summary: re(`--max-body`)},
	}
}

// firstLine is "<PREFIX> <STATE> - <summary>[ | perfdata]".
var firstLine = regexp.MustCompile(`^([A-Z][A-Z0-9 ]*) (OK|WARNING|CRITICAL|UNKNOWN) - (.+?)(?: \| (.*))?$`)

// assertNagios holds a Nagios-format output to the contract: one first
// line with the check's prefix and the state word of the exit code.
func assertNagios(t *testing.T, info plugin.Info, r run, code int, summary *regexp.Regexp) {
	t.Helper()
	first, _, _ := strings.Cut(r.stdout, "\n")
	m := firstLine.FindStringSubmatch(first)
	switch {
	case r.code != code:
		t.Errorf("exit %d, want %d; output:\n%s", r.code, code, r.stdout)
	case m == nil:
		t.Errorf("first line is not PREFIX STATE - summary:\n%s", r.stdout)
	case m[1] != info.Prefix || m[2] != plugin.State(code).String():
		t.Errorf("first line names %s %s, want %s %s", m[1], m[2], info.Prefix, plugin.State(code))
	case summary != nil && !summary.MatchString(sim.StripURLs(m[3])):
		t.Errorf("summary %q does not match %q", m[3], summary)
	}
	if r.stderr != "" {
		t.Errorf("stderr without -vvv: %q", r.stderr)
	}
}

// jsonOutput is what --format json prints.
type jsonOutput struct {
	State    string   `json:"state"`
	Code     int      `json:"code"`
	Prefix   string   `json:"prefix"`
	Summary  string   `json:"summary"`
	Long     []string `json:"long"`
	Perfdata []struct {
		Label string `json:"label"`
	} `json:"perfdata"`
}

// assertJSON holds a JSON-format output to the contract: one valid object
// whose state and code are the exit code's.
func assertJSON(t *testing.T, info plugin.Info, r run, code int) jsonOutput {
	t.Helper()
	var out jsonOutput
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	dec.DisallowUnknownFields()
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("--format json is not one JSON object (%v):\n%s", err, r.stdout)
	}
	if r.code != code || out.Code != code || out.State != plugin.State(code).String() || out.Prefix != info.Prefix || out.Summary == "" {
		t.Errorf("exit %d, JSON %s/%d prefix %q summary %q; want %d", r.code, out.State, out.Code, out.Prefix, out.Summary, code)
	}
	return out
}

func TestConformance(t *testing.T) {
	binaries(t)
	srv := testutil.Simulator(t, nil)
	cases, err := sim.LoadCases(testutil.Path("e2e"))
	if err != nil {
		t.Fatal(err)
	}
	scenarios := map[string]bool{}
	for _, sc := range sim.New(os.DirFS(testutil.Path("")), nil).Scenarios() {
		scenarios[sc.Name] = true
	}
	for _, name := range all.Names() {
		info := all.Checks()[name]().Info()
		healthy, problem := healthyCases(cases, name)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if len(healthy) == 0 || !problem {
				t.Fatalf("testdata/e2e needs at least one healthy and one problem case of %s", name)
			}
			conformCheck(t, info, healthy, srv.URL, scenarios)
		})
	}
}

// conformCheck runs the failure matrix, -q, -vvv and the perfdata
// declaration over one check.
func conformCheck(t *testing.T, info plugin.Info, healthy []sim.Case, base string, scenarios map[string]bool) {
	args := healthy[0].Args
	for _, row := range conformanceRows() {
		for _, format := range []string{"nagios", "json"} {
			t.Run(row.name+" "+format, func(t *testing.T) {
				t.Parallel()
				a := onScenario(args, base, row.scenario, scenarios)
				if row.scenario == "" {
					a = healthy[0].Expand(base)
				}
				if row.host != nil {
					a = onScenario(args, "", "", nil)
					a[slices.Index(a, "-H")+1] = row.host(t)
				}
				a = append(a, row.extra...)
				code, summary := row.code, row.summary
				if row.body && info.StatusOnly {
					code = 0
				}
				if format == "json" {
					a = append(a, "--format", "json")
					assertJSON(t, info, runCheck(t, info.Name, a...), code)
					return
				}
				assertNagios(t, info, runCheck(t, info.Name, a...), code, summary)
			})
		}
	}
	t.Run("json before a bad flag", func(t *testing.T) {
		t.Parallel()
		a := append([]string{"--format", "json"}, healthy[0].Expand(base)...)
		assertJSON(t, info, runCheck(t, info.Name, append(a, "--no-such-flag")...), 3)
	})
	t.Run("quiet when OK", func(t *testing.T) {
		t.Parallel()
		r := runCheck(t, info.Name, append(healthy[0].Expand(base), "-q")...)
		if r.code != 0 || r.stdout != "" || r.stderr != "" {
			t.Errorf("-q on a healthy run: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
		}
	})
	t.Run("bad -w", func(t *testing.T) {
		t.Parallel()
		r := runCheck(t, info.Name, append(healthy[0].Expand(base), "-w", "abc")...)
		if strings.Contains(r.stdout, "unknown flag") {
			t.Skip("no -w")
		}
		assertNagios(t, info, r, 3, regexp.MustCompile(`-w`))
	})
	t.Run("secrets at -vvv", func(t *testing.T) {
		t.Parallel()
		r := runCheck(t, info.Name, append(healthy[0].Expand(base), "-vvv")...)
		for _, kv := range sim.Env() {
			_, secret, _ := strings.Cut(kv, "=")
			if strings.Contains(kv, "_USER=") {
				continue
			}
			testutil.AssertNotPrinted(t, secret, r.stdout, r.stderr)
		}
	})
	t.Run("perfdata as declared", func(t *testing.T) {
		t.Parallel()
		conformPerf(t, info, healthy, base)
	})
}

// conformPerf runs every healthy case in JSON, twice with one state
// directory (a check that compares with its last run reports some values
// from the second run on), and holds the labels emitted equal to the
// check's declaration: each emitted label is declared, each declared one
// is emitted by some healthy case.
func conformPerf(t *testing.T, info plugin.Info, healthy []sim.Case, base string) {
	if len(info.Perf) == 0 {
		t.Fatalf("%s declares no perfdata (plugin.Info.Perf)", info.Name)
	}
	seen := make([]bool, len(info.Perf))
	for _, c := range healthy {
		state := t.TempDir()
		for run := range 2 {
			r := runCheckIn(t, state, info.Name, append(c.Expand(base), "--format", "json")...)
			want := 0
			if run == 1 {
				want = r.code // the second run may see a change (a new instance id)
			}
			out := assertJSON(t, info, r, want)
			for _, p := range out.Perfdata {
				if i := declaration(info.Perf, p.Label); i >= 0 {
					seen[i] = true
				} else {
					t.Errorf("%s: perfdata %q is not declared in plugin.Info.Perf", c.Where, p.Label)
				}
			}
		}
	}
	for i, d := range info.Perf {
		if !seen[i] {
			t.Errorf("perfdata %q is declared but no healthy end-to-end case emits it", d.Label)
		}
	}
}

// declaration returns the index of the declaration of label: the one that
// names it exactly, else the first pattern it fits; -1 for none.
func declaration(decls []plugin.PerfDef, label string) int {
	if i := slices.IndexFunc(decls, func(d plugin.PerfDef) bool { return d.Label == label }); i >= 0 {
		return i
	}
	return slices.IndexFunc(decls, func(d plugin.PerfDef) bool { return d.Matches(label) })
}
