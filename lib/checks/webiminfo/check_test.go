package webiminfo_test

import (
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/checks/webiminfo"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// t0 is the fixed time of every run.
var t0 = time.Date(2026, 11, 23, 18, 0, 13, 0, time.UTC)

// noVersion is an info.php answer without a version and with a bare
// uptime line.
const noVersion = "array(1) {\n  [\"uptime\"]=>\n  string(58) \" 10:00:00 up 2 days,  1 user,  load average: 0.50, 0.40, 0.30\"\n}\n"

func TestCheck(t *testing.T) {
	tests := []testutil.Case{
		{Name: "seed", Path: "/healthy", Code: 0},
		{Name: "seed-vv-notes", Path: "/healthy", Args: []string{"-vv"}, Code: 0},
		{Name: "exact", Path: "/info-exact", Code: 0},
		{Name: "exact-thresholds-ok", Path: "/info-exact", Args: []string{"--warning-load", "8,6,4", "--critical-load", "16,12,8", "--warning-uptime", "1h", "--min-version", "10.7"}, Code: 0},
		{Name: "high-load-critical", Path: "/info-high-load", Args: []string{"--warning-load", "10,8,6", "--critical-load", "20,15,10"}, Code: 2},
		{Name: "high-load-warning", Path: "/info-high-load", Args: []string{"--warning-load", "30", "--critical-load", "40,,"}, Code: 1},
		{Name: "high-load-range", Path: "/info-high-load", Args: []string{"--warning-load", "~:10,~:30,@12:13"}, Code: 1},
		{Name: "rebooted", Path: "/info-rebooted", Args: []string{"--warning-uptime", "1h"}, Code: 1},
		{Name: "rebooted-and-loaded", Path: "/info-rebooted", Args: []string{"--warning-uptime", "1h", "--critical-load", "4"}, Code: 2},
		{Name: "old-version", Path: "/info-old-version", Args: []string{"--min-version", "10.7"}, Code: 1},
		{Name: "seed-older-than-min", Path: "/healthy", Args: []string{"--min-version", "10.8"}, Code: 1},
		{Name: "seed-x-not-older", Path: "/healthy", Args: []string{"--min-version", "10.7"}, Code: 0},
		{Name: "no-load", Path: "/info-no-load", Code: 0},
		{Name: "no-load-with-threshold", Path: "/info-no-load", Args: []string{"--warning-load", "5"}, Code: 3},
		{Name: "connections", Path: "/info-connections", Code: 0},
		{Name: "json", Path: "/info-json", Code: 3},
		{Name: "truncated", Path: "/info-truncated", Code: 3},
		{Name: "login-page", Path: "/login-page", Code: 3},
		{Name: "format-json", Path: "/info-high-load", Args: []string{"--critical-load", "20,15,10", "--format", "json"}, Code: 2},
		{Name: "no-version", Host: func(t *testing.T) string { return testutil.Serve(t, 200, "text/html", noVersion) }, Args: []string{"--min-version", "10.7"}, Code: 3},
		{Name: "no-version-no-uptime-threshold", Host: func(t *testing.T) string { return testutil.Serve(t, 200, "text/html", noVersion) }, Args: []string{"--warning-uptime", "1h"}, Code: 0},
		{Name: "other-path", Host: func(t *testing.T) string {
			return testutil.FixtureServer(t, "/info.php", map[string]testutil.Answer{"custom": {Body: testutil.Fixture(t, "webim/info/rebooted.txt")}}).URL
		}, Args: []string{"--path", "/custom/info.php", "--warning-uptime", "5m"}, Code: 0},
		{Name: "bad-load-count", Path: "/healthy", Args: []string{"--warning-load", "1,2"}, Code: 3},
		{Name: "bad-load-range", Path: "/healthy", Args: []string{"--critical-load", "1,x,3"}, Code: 3},
		{Name: "bad-uptime", Path: "/healthy", Args: []string{"--warning-uptime", "soon"}, Code: 3},
	}
	testutil.RunSimCases(t, webiminfo.New, testutil.WebimLogin(), t0, tests)
}
