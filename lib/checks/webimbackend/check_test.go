package webimbackend_test

import (
	"strings"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/checks/webimbackend"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// t0 is the fixed time of every run: the simulator's healthy backend
// started 3d4h13m before it, the fixtures' on 2025-10-03 14:08:13 UTC.
var t0 = time.Date(2025, 10, 13, 17, 8, 13, 0, time.UTC)

// TestCheck runs the check's own judging against the simulator; the
// generic failures (401, 5xx, HTML, hangs, ...) are the conformance
// suite's.
func TestCheck(t *testing.T) {
	simURL := testutil.Simulator(t, testutil.Fixed(t0)).URL
	tests := []struct {
		name  string
		host  func(t *testing.T) string // nil: the simulator with path
		path  string
		args  []string
		code  int
		first string // the first line starts with this
	}{
		{name: "ok", code: 0, first: "WEBIM BACKEND OK - version 10.7.134, env wmtest107, up 3d4h, storing enabled, avg tries 0 | avg_tries=0;2;;0 uptime=274380s;;;0 time=0s;;;0"},
		{name: "seed", path: "/monitor-seed", code: 0, first: "WEBIM BACKEND OK - version 10.7.134, env wmtest107, up 10d2h, storing enabled, avg tries 0 | avg_tries=0;2;;0 uptime=874799s;;;0"},
		{name: "python-literal", path: "/monitor-python", code: 0, first: "WEBIM BACKEND OK - version 10.7.134, env wmtest107, up 10d2h, storing enabled, avg tries 0"},
		{name: "not-storing", path: "/backend-not-storing", code: 2, first: "WEBIM BACKEND CRITICAL - the Chat Backend does not write to the database (storingEnabled false); version 10.7.134, env wmtest107, up 10d2h, storing disabled, avg tries 0 |"},
		{name: "slow-polls", path: "/backend-slow-polls", code: 1, first: "WEBIM BACKEND WARNING - visitors' long polls need 3.5 attempts on average to reach the backend (> 2); version 10.7.134, env wmtest107, up 10d2h, storing enabled, avg tries 3.5 | avg_tries=3.5;2;;0"},
		{name: "slow-polls-critical", path: "/backend-slow-polls", args: []string{"--critical-tries", "3"}, code: 2, first: "WEBIM BACKEND CRITICAL - visitors' long polls need 3.5 attempts on average to reach the backend (> 3); version"},
		{name: "slow-polls-tolerated", path: "/backend-slow-polls", args: []string{"--warning-tries", "4"}, code: 0, first: "WEBIM BACKEND OK - version 10.7.134, env wmtest107, up 10d2h, storing enabled, avg tries 3.5 | avg_tries=3.5;4;;0"},
		{name: "tries-range", args: []string{"--warning-tries", "@0:0.5"}, code: 1, first: "WEBIM BACKEND WARNING - visitors' long polls need 0 attempts on average to reach the backend (inside 0..0.5)"},
		{name: "multinode", path: "/backend-multinode", code: 0, first: "WEBIM BACKEND OK - version 10.7.140-hotfix2, env wmtest107, up 5d8h, storing enabled, avg tries 1.2"},
		{name: "min-version-ok", args: []string{"--min-version", "10.7"}, code: 0, first: "WEBIM BACKEND OK - version 10.7.134"},
		{name: "min-version-equal", args: []string{"--min-version", "10.7.134"}, code: 0},
		{name: "min-version-older", args: []string{"--min-version", "10.8"}, code: 1, first: "WEBIM BACKEND WARNING - version 10.7.134 is older than --min-version 10.8; version 10.7.134, env wmtest107"},
		{name: "min-version-hotfix", path: "/backend-multinode", args: []string{"--min-version", "10.7.141"}, code: 1, first: "WEBIM BACKEND WARNING - version 10.7.140-hotfix2 is older than --min-version 10.7.141"},
		{name: "min-version-no-version", host: func(t *testing.T) string {
			return testutil.Serve(t, 200, "application/json", `{"mainInfo": {"storingEnabled": true, "avgNTries": 0.5, "version": ""}}`)
		}, args: []string{"--min-version", "10.7"}, code: 3, first: `WEBIM BACKEND UNKNOWN - the backend reports no version number ("") to compare with --min-version 10.7; storing enabled, avg tries 0.5`},
		{name: "several-problems", path: "/backend-not-storing", args: []string{"--min-version", "11", "--warning-tries", "@0"}, code: 2, first: "WEBIM BACKEND CRITICAL - the Chat Backend does not write to the database (storingEnabled false); visitors' long polls need 0 attempts on average to reach the backend (inside 0..0); version 10.7.134 is older than --min-version 11; version 10.7.134"},
		{name: "no-start-time", path: "/monitor-no-start", code: 0, first: "WEBIM BACKEND OK - version 10.7.134, env wmtest107, storing enabled, avg tries not reported | time=0s;;;0"},
		{name: "no-storing-field", path: "/backend-no-storing", code: 3, first: "WEBIM BACKEND UNKNOWN - monitor: no mainInfo.storingEnabled in the answer"},
		{name: "not-found", path: "/no-monitor", code: 3, first: "WEBIM BACKEND UNKNOWN - GET /no-monitor/l/a/monitor: HTTP 404 Not Found"},
		{name: "clock-skew", path: "/clock-skew", code: 0, first: "WEBIM BACKEND OK - version 10.7.134, env wmtest107, up 0s, storing enabled"},
		{name: "bad-min-version", args: []string{"--min-version", "latest"}, code: 3, first: `WEBIM BACKEND UNKNOWN - bad value for --min-version: "latest"`},
		{name: "bad-warning-tries", args: []string{"--warning-tries", "x"}, code: 3, first: "WEBIM BACKEND UNKNOWN - bad value for --warning-tries"},
		{name: "format-json", path: "/backend-not-storing", args: []string{"--format", "json"}, code: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			host := simURL + tt.path
			if tt.host != nil {
				host = tt.host(t)
			}
			args := append(append([]string{"-H", host}, tt.args...), testutil.WebimLogin()...)
			code, stdout, stderr := testutil.Run(t, webimbackend.New(), testutil.Fixed(t0), args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s", code, tt.code, stdout)
			}
			if tt.first != "" && !strings.HasPrefix(testutil.URLless(stdout), tt.first) {
				t.Errorf("first line\n  %s\nwant it to start with\n  %s", testutil.FirstLine(stdout), tt.first)
			}
			testutil.AssertNoStderr(t, stderr)
			testutil.Golden(t, "check_webim_backend/"+tt.name+".txt", []byte(testutil.Hostless(stdout, host)))
		})
	}
}
