package testutil

import (
	"strings"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/plugin"
)

// Case is one row of a check's golden table: a single in-process run
// against the simulator (or a server of the case's own), its expected exit
// code and, optionally, the start of its first line. The output, with the
// server's address shown as HOST, is compared with the golden file
// testdata/golden/<check name>/<Name>.txt.
type Case struct {
	// Name names the subtest and the golden file.
	Name string
	// Path is appended to the simulator's URL to make -H ("" for its
	// default, healthy answers; "/scenario" for another).
	Path string
	// Host, when set, returns the -H value instead (a server of the
	// test's own); Path is then unused.
	Host func(t *testing.T) string
	// Args are the flags after -H, before the login.
	Args []string
	// NoLogin leaves the login off the command line.
	NoLogin bool
	// Code is the expected exit code.
	Code int
	// First, when set, is what the output starts with; URLs are compared
	// without their scheme and address (see [URLless]).
	First string
	// Clock is the run's clock; nil means fixed at the table's time.
	Clock func() time.Time
	// Within, when set, is the longest the run may take.
	Within time.Duration
	// State gives the run a fresh state directory (--state-dir, before
	// Args, which may name another one), shown in the output as
	// $STATE_DIR, its state file as CHECK-SIM.json (see [Stateless]).
	State bool
	// Output, when set, checks the output further.
	Output func(t testing.TB, stdout string)
}

// RunCases runs each case as a parallel subtest: check newCheck() with
// "-H", base+Path (or Host), then --state-dir if State, then Args, then
// login (unless NoLogin), the clock fixed at now (or the case's Clock). Each run must exit with Code,
// start with First, write nothing on stderr, print none of notPrinted, pass
// Output, and match its golden file byte for byte (with the server's
// address shown as HOST and paths in the repository relative to its root).
func RunCases[C plugin.Check](t *testing.T, newCheck func() C, base string, login []string, now time.Time, cases []Case, notPrinted ...string) {
	t.Helper()
	name := newCheck().Info().Name
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			t.Parallel()
			runCase(t, newCheck(), name, base, login, now, tc, notPrinted)
		})
	}
}

// runCase is one subtest of [RunCases].
func runCase(t *testing.T, c plugin.Check, name, base string, login []string, now time.Time, tc Case, notPrinted []string) {
	t.Helper()
	host := base + tc.Path
	if tc.Host != nil {
		host = tc.Host(t)
	}
	args := []string{"-H", host}
	var dir string
	if tc.State {
		dir = t.TempDir()
		args = append(args, "--state-dir", dir)
	}
	args = append(args, tc.Args...)
	if !tc.NoLogin {
		args = append(args, login...)
	}
	clock := tc.Clock
	if clock == nil {
		clock = Fixed(now)
	}
	done := Within(t, tc.Within)
	code, stdout, stderr := Run(t, c, clock, args...)
	done()
	if code != tc.Code {
		t.Errorf("exit %d, want %d\n%s", code, tc.Code, stdout)
	}
	if tc.First != "" && !strings.HasPrefix(URLless(stdout), URLless(tc.First)) {
		t.Errorf("first line\n  %s\nwant it to start with\n  %s", FirstLine(stdout), tc.First)
	}
	AssertNoStderr(t, stderr)
	for _, s := range notPrinted {
		AssertNotPrinted(t, s, stdout)
	}
	if tc.Output != nil {
		tc.Output(t, stdout)
	}
	out := Hostless(stdout, host)
	if tc.State {
		out = Stateless(stdout, host, dir, name)
	}
	out = strings.ReplaceAll(out, Root()+"/", "")
	Golden(t, name+"/"+tc.Name+".txt", []byte(out))
}

// T0 is the fixed time of most tests against the simulator:
// 2025-10-03 17:08:13 UTC, the time of its fixtures.
var T0 = time.Date(2025, 10, 3, 17, 8, 13, 0, time.UTC)

// RunSimCases runs the cases with [RunCases] against a simulator of the
// test's own, its clock fixed at now.
func RunSimCases[C plugin.Check](t *testing.T, newCheck func() C, login []string, now time.Time, cases []Case, notPrinted ...string) {
	t.Helper()
	RunCases(t, newCheck, Simulator(t, Fixed(now)).URL, login, now, cases, notPrinted...)
}
