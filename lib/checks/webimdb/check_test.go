package webimdb_test

import (
	"strings"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/checks/webimdb"
	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// stepping returns a clock that advances from testutil.T0 by step at every call.
func stepping(step time.Duration) func() time.Time { return testutil.Stepping(testutil.T0, step) }

func TestCheck(t *testing.T) {
	tests := []testutil.Case{
		{Name: "ok-python-literal", Code: 0},
		{Name: "ok-json", Path: "/db-json", Code: 0},
		{Name: "meta-down", Path: "/db-down", Code: 2},
		{Name: "pro-down", Path: "/db-pro-down", Code: 2},
		{Name: "odd-result", Path: "/db-odd-result", Code: 3},
		{Name: "no-result", Path: "/db-no-result", Code: 3},
		{Name: "time-ok", Args: []string{"-w", "2", "-c", "5"}, Clock: stepping(1500 * time.Millisecond), Code: 0},
		{Name: "time-warning", Args: []string{"-w", "1", "-c", "5"}, Clock: stepping(1500 * time.Millisecond), Code: 1},
		{Name: "time-critical", Args: []string{"-w", "1", "-c", "1.2"}, Clock: stepping(1500 * time.Millisecond), Code: 2},
		{Name: "time-range", Args: []string{"-w", "@1:2"}, Clock: stepping(1500 * time.Millisecond), Code: 1},
		{Name: "time-and-db-down", Path: "/db-down", Args: []string{"-w", "1"}, Clock: stepping(1500 * time.Millisecond), Code: 2},
		{Name: "unauthorized", Path: "/unauthorized", Code: 3},
		{Name: "no-login", NoLogin: true, Code: 3},
		{Name: "forbidden", Host: func(t *testing.T) string {
			return testutil.Serve(t, 403, "text/html", "<html><title>403 Forbidden</title></html>")
		}, Code: 3},
		{Name: "bad-gateway", Path: "/bad-gateway", Code: 2},
		{Name: "login-page", Path: "/login-page", Code: 3},
		{Name: "truncated-json", Path: "/truncated", Code: 3},
		{Name: "broken-json", Host: func(t *testing.T) string { return testutil.Serve(t, 200, "application/json", `{"result": ok}`) }, Code: 3},
		{Name: "huge", Path: "/huge", Code: 3},
		{Name: "max-body", Host: func(t *testing.T) string {
			return testutil.Serve(t, 200, "application/json", `{"result": "ok", "pad": "`+strings.Repeat("x", 2000)+`"}`)
		}, Args: []string{"--max-body", "1KiB"}, Code: 3},
		{Name: "hang", Path: "/hang", Args: []string{"-t", "1"}, Code: 2, Within: 1500 * time.Millisecond},
		{Name: "hang-unknown", Path: "/hang", Args: []string{"-t", "1:UNKNOWN"}, Code: 3, Within: 1500 * time.Millisecond},
		{Name: "reset", Path: "/reset", Args: []string{"--retries", "0"}, Code: 2},
		{Name: "connection-refused", Host: func(t *testing.T) string { return "http://" + testutil.RefusedAddr(t) }, Args: []string{"--retries", "0"}, Code: 2},
		{Name: "format-json", Args: []string{"--format", "json"}, Code: 0},
		{Name: "format-json-down", Path: "/db-down", Args: []string{"--format", "json"}, Code: 2},
		{Name: "bad-warning", Args: []string{"-w", "abc"}, Code: 3},
	}
	testutil.RunSimCases(t, webimdb.New, testutil.WebimLogin(), testutil.T0, tests)
}

// TestPasswordNeverShown runs with the password on the command line and
// the HTTP trace on: the password appears nowhere, wrong or right.
func TestPasswordNeverShown(t *testing.T) {
	simURL := testutil.Simulator(t, testutil.Fixed(testutil.T0)).URL
	tests := []testutil.SecretCase{
		{Name: "wrong password", Secret: "wrong-password-42", Code: 3, Want: "WEBIM DB UNKNOWN - authentication failed (HTTP 401)"},
		{Name: "right password", Secret: sim.WebimPassword, Code: 0, Want: "WEBIM DB OK - Chat Backend is connected to its databases"},
	}
	args := func(password string) []string { return []string{"-H", simURL, "-U", sim.WebimUser, "-P", password} }
	testutil.RunSecretCases(t, webimdb.New, testutil.T0, "password", "Authorization: Basic ****", args, tests)
}

// TestPasswordFile reads the password from a file given by --password-file.
func TestPasswordFile(t *testing.T) {
	simURL := testutil.Simulator(t, testutil.Fixed(testutil.T0)).URL
	file := testutil.SecretFile(t, sim.WebimPassword+"\n")
	code, stdout, _ := testutil.Run(t, webimdb.New(), testutil.Fixed(testutil.T0), "-H", simURL, "-U", sim.WebimUser, "--password-file", file)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stdout)
	}
}
