package webimdb_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/checks/webimdb"
	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// t0 is the fixed time of every run.
var t0 = time.Date(2025, 10, 3, 17, 8, 13, 0, time.UTC)

// stepping returns a clock that advances by step at every call, so that a
// request "takes" a known time without sleeping.
func stepping(step time.Duration) func() time.Time {
	var mu sync.Mutex
	now := t0
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		now = now.Add(step)
		return now
	}
}

func TestCheck(t *testing.T) {
	simURL := testutil.Simulator(t, testutil.Fixed(t0)).URL
	tests := []struct {
		name string
		// host returns the -H value; nil means the simulator with path.
		host    func(t *testing.T) string
		path    string
		args    []string
		noLogin bool
		clock   func() time.Time
		code    int
		within  time.Duration // the run must end within this, when set
	}{
		{name: "ok-python-literal", code: 0},
		{name: "ok-json", path: "/db-json", code: 0},
		{name: "meta-down", path: "/db-down", code: 2},
		{name: "pro-down", path: "/db-pro-down", code: 2},
		{name: "odd-result", path: "/db-odd-result", code: 3},
		{name: "no-result", path: "/db-no-result", code: 3},
		{name: "time-ok", args: []string{"-w", "2", "-c", "5"}, clock: stepping(1500 * time.Millisecond), code: 0},
		{name: "time-warning", args: []string{"-w", "1", "-c", "5"}, clock: stepping(1500 * time.Millisecond), code: 1},
		{name: "time-critical", args: []string{"-w", "1", "-c", "1.2"}, clock: stepping(1500 * time.Millisecond), code: 2},
		{name: "time-range", args: []string{"-w", "@1:2"}, clock: stepping(1500 * time.Millisecond), code: 1},
		{name: "time-and-db-down", path: "/db-down", args: []string{"-w", "1"}, clock: stepping(1500 * time.Millisecond), code: 2},
		{name: "unauthorized", path: "/unauthorized", code: 3},
		{name: "no-login", noLogin: true, code: 3},
		{name: "forbidden", host: func(t *testing.T) string {
			return testutil.Serve(t, 403, "text/html", "<html><title>403 Forbidden</title></html>")
		}, code: 3},
		{name: "bad-gateway", path: "/bad-gateway", code: 2},
		{name: "login-page", path: "/login-page", code: 3},
		{name: "truncated-json", path: "/truncated", code: 3},
		{name: "broken-json", host: func(t *testing.T) string { return testutil.Serve(t, 200, "application/json", `{"result": ok}`) }, code: 3},
		{name: "huge", path: "/huge", code: 3},
		{name: "max-body", host: func(t *testing.T) string {
			return testutil.Serve(t, 200, "application/json", `{"result": "ok", "pad": "`+strings.Repeat("x", 2000)+`"}`)
		}, args: []string{"--max-body", "1KiB"}, code: 3},
		{name: "hang", path: "/hang", args: []string{"-t", "1"}, code: 2, within: 1500 * time.Millisecond},
		{name: "hang-unknown", path: "/hang", args: []string{"-t", "1:UNKNOWN"}, code: 3, within: 1500 * time.Millisecond},
		{name: "reset", path: "/reset", args: []string{"--retries", "0"}, code: 2},
		{name: "connection-refused", host: func(t *testing.T) string { return "http://" + testutil.RefusedAddr(t) }, args: []string{"--retries", "0"}, code: 2},
		{name: "format-json", args: []string{"--format", "json"}, code: 0},
		{name: "format-json-down", path: "/db-down", args: []string{"--format", "json"}, code: 2},
		{name: "bad-warning", args: []string{"-w", "abc"}, code: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			host := simURL + tt.path
			if tt.host != nil {
				host = tt.host(t)
			}
			args := append([]string{"-H", host}, tt.args...)
			if !tt.noLogin {
				// on the command line in-process; the end-to-end tests
				// pass the login through the environment
				args = append(args, testutil.WebimLogin()...)
			}
			clock := tt.clock
			if clock == nil {
				clock = testutil.Fixed(t0)
			}
			done := testutil.Within(t, tt.within)
			code, stdout, stderr := testutil.Run(t, webimdb.New(), clock, args...)
			done()
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s", code, tt.code, stdout)
			}
			testutil.AssertNoStderr(t, stderr)
			testutil.Golden(t, "check_webim_db/"+tt.name+".txt", []byte(testutil.Hostless(stdout, host)))
		})
	}
}

// TestPasswordNeverShown runs with the password on the command line and
// the HTTP trace on: the password appears nowhere, wrong or right.
func TestPasswordNeverShown(t *testing.T) {
	simURL := testutil.Simulator(t, testutil.Fixed(t0)).URL
	tests := []struct {
		name     string
		password string
		code     int
		want     string
	}{
		{"wrong password", "wrong-password-42", 3, "WEBIM DB UNKNOWN - authentication failed (HTTP 401)"},
		{"right password", sim.WebimPassword, 0, "WEBIM DB OK - Chat Backend is connected to its databases"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := testutil.Run(t, webimdb.New(), testutil.Fixed(t0),
				"-H", simURL, "-U", sim.WebimUser, "-P", tt.password, "-vvv")
			if code != tt.code || !strings.HasPrefix(stdout, tt.want) {
				t.Fatalf("exit %d, output\n%s\nwant exit %d, output starting %q", code, stdout, tt.code, tt.want)
			}
			if !strings.Contains(stderr, "> GET ") {
				t.Errorf("no HTTP trace on stderr:\n%s", stderr)
			}
			testutil.AssertRedactedAuth(t, stderr, "Basic")
			if !strings.Contains(stdout, "config: --password=****") {
				t.Errorf("-vvv does not show the configuration with the password masked:\n%s", stdout)
			}
			testutil.AssertNotPrinted(t, tt.password, stdout, stderr)
		})
	}
}

// TestPasswordFile reads the password from a file given by --password-file.
func TestPasswordFile(t *testing.T) {
	simURL := testutil.Simulator(t, testutil.Fixed(t0)).URL
	file := testutil.SecretFile(t, sim.WebimPassword+"\n")
	code, stdout, _ := testutil.Run(t, webimdb.New(), testutil.Fixed(t0), "-H", simURL, "-U", sim.WebimUser, "--password-file", file)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stdout)
	}
}
