package webimbackend_test

import (
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
	tests := []testutil.Case{
		{Name: "ok", Code: 0, First: "WEBIM BACKEND OK - version 10.7.134, env wmtest107, up 3d4h, storing enabled, avg tries 0 | avg_tries=0;2;;0 uptime=274380s;;;0 time=0s;;;0"},
		{Name: "seed", Path: "/monitor-seed", Code: 0, First: "WEBIM BACKEND OK - version 10.7.134, env wmtest107, up 10d2h, storing enabled, avg tries 0 | avg_tries=0;2;;0 uptime=874799s;;;0"},
		{Name: "python-literal", Path: "/monitor-python", Code: 0, First: "WEBIM BACKEND OK - version 10.7.134, env wmtest107, up 10d2h, storing enabled, avg tries 0"},
		{Name: "not-storing", Path: "/backend-not-storing", Code: 2, First: "WEBIM BACKEND CRITICAL - the Chat Backend does not write to the database (storingEnabled false); version 10.7.134, env wmtest107, up 10d2h, storing disabled, avg tries 0 |"},
		{Name: "slow-polls", Path: "/backend-slow-polls", Code: 1, First: "WEBIM BACKEND WARNING - visitors' long polls need 3.5 attempts on average to reach the backend (> 2); version 10.7.134, env wmtest107, up 10d2h, storing enabled, avg tries 3.5 | avg_tries=3.5;2;;0"},
		{Name: "slow-polls-critical", Path: "/backend-slow-polls", Args: []string{"--critical-tries", "3"}, Code: 2, First: "WEBIM BACKEND CRITICAL - visitors' long polls need 3.5 attempts on average to reach the backend (> 3); version"},
		{Name: "slow-polls-tolerated", Path: "/backend-slow-polls", Args: []string{"--warning-tries", "4"}, Code: 0, First: "WEBIM BACKEND OK - version 10.7.134, env wmtest107, up 10d2h, storing enabled, avg tries 3.5 | avg_tries=3.5;4;;0"},
		{Name: "tries-range", Args: []string{"--warning-tries", "@0:0.5"}, Code: 1, First: "WEBIM BACKEND WARNING - visitors' long polls need 0 attempts on average to reach the backend (inside 0..0.5)"},
		{Name: "multinode", Path: "/backend-multinode", Code: 0, First: "WEBIM BACKEND OK - version 10.7.140-hotfix2, env wmtest107, up 5d8h, storing enabled, avg tries 1.2"},
		{Name: "min-version-ok", Args: []string{"--min-version", "10.7"}, Code: 0, First: "WEBIM BACKEND OK - version 10.7.134"},
		{Name: "min-version-equal", Args: []string{"--min-version", "10.7.134"}, Code: 0},
		{Name: "min-version-older", Args: []string{"--min-version", "10.8"}, Code: 1, First: "WEBIM BACKEND WARNING - version 10.7.134 is older than --min-version 10.8; version 10.7.134, env wmtest107"},
		{Name: "min-version-hotfix", Path: "/backend-multinode", Args: []string{"--min-version", "10.7.141"}, Code: 1, First: "WEBIM BACKEND WARNING - version 10.7.140-hotfix2 is older than --min-version 10.7.141"},
		{Name: "min-version-no-version", Host: func(t *testing.T) string {
			return testutil.Serve(t, 200, "application/json", `{"mainInfo": {"storingEnabled": true, "avgNTries": 0.5, "version": ""}}`)
		}, Args: []string{"--min-version", "10.7"}, Code: 3, First: `WEBIM BACKEND UNKNOWN - the backend reports no version number ("") to compare with --min-version 10.7; storing enabled, avg tries 0.5`},
		{Name: "several-problems", Path: "/backend-not-storing", Args: []string{"--min-version", "11", "--warning-tries", "@0"}, Code: 2, First: "WEBIM BACKEND CRITICAL - the Chat Backend does not write to the database (storingEnabled false); visitors' long polls need 0 attempts on average to reach the backend (inside 0..0); version 10.7.134 is older than --min-version 11; version 10.7.134"},
		{Name: "no-start-time", Path: "/monitor-no-start", Code: 0, First: "WEBIM BACKEND OK - version 10.7.134, env wmtest107, storing enabled, avg tries not reported | time=0s;;;0"},
		{Name: "no-storing-field", Path: "/backend-no-storing", Code: 3, First: "WEBIM BACKEND UNKNOWN - monitor: no mainInfo.storingEnabled in the answer"},
		{Name: "not-found", Path: "/no-monitor", Code: 3, First: "WEBIM BACKEND UNKNOWN - GET /no-monitor/l/a/monitor: HTTP 404 Not Found"},
		{Name: "clock-skew", Path: "/clock-skew", Code: 0, First: "WEBIM BACKEND OK - version 10.7.134, env wmtest107, up 0s, storing enabled"},
		{Name: "bad-min-version", Args: []string{"--min-version", "latest"}, Code: 3, First: `WEBIM BACKEND UNKNOWN - bad value for --min-version: "latest"`},
		{Name: "bad-warning-tries", Args: []string{"--warning-tries", "x"}, Code: 3, First: "WEBIM BACKEND UNKNOWN - bad value for --warning-tries"},
		{Name: "format-json", Path: "/backend-not-storing", Args: []string{"--format", "json"}, Code: 2},
	}
	testutil.RunSimCases(t, webimbackend.New, testutil.WebimLogin(), t0, tests)
}
