package webimaccount_test

import (
	"strings"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/checks/webimaccount"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// t0 is the fixed time of every run.
var t0 = time.Date(2025, 10, 3, 17, 8, 13, 0, time.UTC)

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
		{name: "active", code: 0, first: "WEBIM ACCOUNT OK - account is active | time=0s;;;0"},
		{name: "active-python", host: func(t *testing.T) string {
			return testutil.Serve(t, 200, "text/html; charset=UTF-8", "{'blocked': False}")
		}, code: 0, first: "WEBIM ACCOUNT OK - account is active"},
		{name: "blocked", path: "/account-blocked", code: 2, first: "WEBIM ACCOUNT CRITICAL - account is blocked | time=0s;;;0"},
		{name: "blocked-python", path: "/account-blocked-python", code: 2, first: "WEBIM ACCOUNT CRITICAL - account is blocked"},
		{name: "no-blocked", path: "/account-state-empty", code: 3, first: `WEBIM ACCOUNT UNKNOWN - account-state: the answer has no blocked field ("{}")`},
		{name: "blocked-string", path: "/account-state-string", code: 3, first: `WEBIM ACCOUNT UNKNOWN - account-state: expected a JSON object with blocked true or false, got "{\"blocked\": \"false\"}": field blocked is a JSON string, not bool`},
		{name: "blocked-null", host: func(t *testing.T) string {
			return testutil.Serve(t, 200, "application/json", `{"blocked": null}`)
		}, code: 3, first: "WEBIM ACCOUNT UNKNOWN - account-state: the answer has no blocked field"},
		{name: "no-content", host: func(t *testing.T) string {
			return testutil.Serve(t, 204, "application/json", "")
		}, code: 3, first: "WEBIM ACCOUNT UNKNOWN - GET /l/i/account-state?action=get_state: HTTP 204 No Content, not the documented answer of this endpoint"},
		{name: "format-json", path: "/account-blocked", args: []string{"--format", "json"}, code: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			host := simURL + tt.path
			if tt.host != nil {
				host = tt.host(t)
			}
			args := append(append([]string{"-H", host}, tt.args...), testutil.WebimLogin()...)
			code, stdout, stderr := testutil.Run(t, webimaccount.New(), testutil.Fixed(t0), args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s", code, tt.code, stdout)
			}
			if !strings.HasPrefix(testutil.URLless(stdout), tt.first) {
				t.Errorf("first line\n  %s\nwant it to start with\n  %s", testutil.FirstLine(stdout), tt.first)
			}
			testutil.AssertNoStderr(t, stderr)
			testutil.Golden(t, "check_webim_account/"+tt.name+".txt", []byte(testutil.Hostless(stdout, host)))
		})
	}
}
