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
	srv := testutil.Simulator(t, testutil.Fixed(t0))
	tests := []struct {
		name     string
		scenario string
		host     func(t *testing.T) string
		args     []string
		code     int
	}{
		{name: "seed", scenario: "healthy", code: 0},
		{name: "seed-vv-notes", scenario: "healthy", args: []string{"-vv"}, code: 0},
		{name: "exact", scenario: "info-exact", code: 0},
		{name: "exact-thresholds-ok", scenario: "info-exact", args: []string{"--warning-load", "8,6,4", "--critical-load", "16,12,8", "--warning-uptime", "1h", "--min-version", "10.7"}, code: 0},
		{name: "high-load-critical", scenario: "info-high-load", args: []string{"--warning-load", "10,8,6", "--critical-load", "20,15,10"}, code: 2},
		{name: "high-load-warning", scenario: "info-high-load", args: []string{"--warning-load", "30", "--critical-load", "40,,"}, code: 1},
		{name: "high-load-range", scenario: "info-high-load", args: []string{"--warning-load", "~:10,~:30,@12:13"}, code: 1},
		{name: "rebooted", scenario: "info-rebooted", args: []string{"--warning-uptime", "1h"}, code: 1},
		{name: "rebooted-and-loaded", scenario: "info-rebooted", args: []string{"--warning-uptime", "1h", "--critical-load", "4"}, code: 2},
		{name: "old-version", scenario: "info-old-version", args: []string{"--min-version", "10.7"}, code: 1},
		{name: "seed-older-than-min", scenario: "healthy", args: []string{"--min-version", "10.8"}, code: 1},
		{name: "seed-x-not-older", scenario: "healthy", args: []string{"--min-version", "10.7"}, code: 0},
		{name: "no-load", scenario: "info-no-load", code: 0},
		{name: "no-load-with-threshold", scenario: "info-no-load", args: []string{"--warning-load", "5"}, code: 3},
		{name: "connections", scenario: "info-connections", code: 0},
		{name: "json", scenario: "info-json", code: 3},
		{name: "truncated", scenario: "info-truncated", code: 3},
		{name: "login-page", scenario: "login-page", code: 3},
		{name: "format-json", scenario: "info-high-load", args: []string{"--critical-load", "20,15,10", "--format", "json"}, code: 2},
		{name: "no-version", host: func(t *testing.T) string { return testutil.Serve(t, 200, "text/html", noVersion) }, args: []string{"--min-version", "10.7"}, code: 3},
		{name: "no-version-no-uptime-threshold", host: func(t *testing.T) string { return testutil.Serve(t, 200, "text/html", noVersion) }, args: []string{"--warning-uptime", "1h"}, code: 0},
		{name: "other-path", host: func(t *testing.T) string {
			return testutil.FixtureServer(t, "/info.php", map[string]testutil.Answer{"custom": {Body: testutil.Fixture(t, "webim/info/rebooted.txt")}}).URL
		}, args: []string{"--path", "/custom/info.php", "--warning-uptime", "5m"}, code: 0},
		{name: "bad-load-count", scenario: "healthy", args: []string{"--warning-load", "1,2"}, code: 3},
		{name: "bad-load-range", scenario: "healthy", args: []string{"--critical-load", "1,x,3"}, code: 3},
		{name: "bad-uptime", scenario: "healthy", args: []string{"--warning-uptime", "soon"}, code: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			host := srv.URL + "/" + tt.scenario
			if tt.host != nil {
				host = tt.host(t)
			}
			args := append(append([]string{"-H", host}, testutil.WebimLogin()...), tt.args...)
			code, out, stderr := testutil.Run(t, webiminfo.New(), testutil.Fixed(t0), args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s", code, tt.code, out)
			}
			testutil.AssertNoStderr(t, stderr)
			testutil.Golden(t, "check_webim_info/"+tt.name+".txt", []byte(testutil.Hostless(out, host)))
		})
	}
}
