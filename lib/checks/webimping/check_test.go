package webimping_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/checks/webimping"
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
	token := []string{"--auth-token", sim.WebimAuthToken}
	tests := []struct {
		name  string
		path  string
		args  []string
		clock func() time.Time
		code  int
	}{
		{name: "ok", args: token, code: 0},
		{name: "ok-verbose", args: append([]string{"-v", "--pinger-id", "17595"}, token...), code: 0},
		{name: "time-warning", args: append([]string{"-w", "1", "-c", "5"}, token...), clock: stepping(1500 * time.Millisecond), code: 1},
		{name: "time-critical", args: append([]string{"-w", "1", "-c", "1.2"}, token...), clock: stepping(1500 * time.Millisecond), code: 2},
		{name: "result-error", path: "/ping-error", args: token, code: 2},
		{name: "down", path: "/ping-down", args: token, code: 2},
		{name: "expired", path: "/ping-expired", args: token, code: 3},
		{name: "login-page", path: "/ping-login-page", args: token, code: 3},
		{name: "wrong-token", args: []string{"--auth-token", "expired-agent-token"}, code: 3},
		{name: "bad-request", path: "/ping-bad-request", args: token, code: 3},
		{name: "no-token", code: 3},
		{name: "token-with-space", args: []string{"--auth-token", "two words"}, code: 3},
		{name: "bad-pinger-id", args: append([]string{"--pinger-id", ""}, token...), code: 3},
		{name: "format-json", args: append([]string{"--format", "json"}, token...), code: 0},
		{name: "format-json-expired", path: "/ping-expired", args: append([]string{"--format", "json"}, token...), code: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			host := simURL + tt.path
			clock := tt.clock
			if clock == nil {
				clock = testutil.Fixed(t0)
			}
			code, stdout, stderr := testutil.Run(t, webimping.New(), clock, append([]string{"-H", host}, tt.args...)...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s", code, tt.code, stdout)
			}
			testutil.AssertNoStderr(t, stderr)
			testutil.Golden(t, "check_webim_ping/"+tt.name+".txt", []byte(testutil.Hostless(stdout, host)))
		})
	}
}

// TestTokenNeverShown runs with the token on the command line and the HTTP
// trace on: the token appears nowhere, accepted or rejected.
func TestTokenNeverShown(t *testing.T) {
	simURL := testutil.Simulator(t, testutil.Fixed(t0)).URL
	tests := []struct {
		name  string
		token string
		code  int
		want  string
	}{
		{"rejected token", "expired-token-42", 3, "WEBIM PING UNKNOWN - agent token rejected (expired?)"},
		{"accepted token", sim.WebimAuthToken, 0, "WEBIM PING OK - Chat Backend answers the agent ping"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := testutil.Run(t, webimping.New(), testutil.Fixed(t0), "-H", simURL, "--auth-token", tt.token, "-vvv")
			if code != tt.code || !strings.HasPrefix(stdout, tt.want) {
				t.Fatalf("exit %d, output\n%s\nwant exit %d, output starting %q", code, stdout, tt.code, tt.want)
			}
			if !strings.Contains(stderr, "> Cookie: ****") {
				t.Errorf("the -vvv trace lacks the redacted Cookie header:\n%s", stderr)
			}
			if !strings.Contains(stdout, "config: --auth-token=****") {
				t.Errorf("-vvv does not show the configuration with the token masked:\n%s", stdout)
			}
			testutil.AssertNotPrinted(t, tt.token, stdout, stderr)
		})
	}
}

// TestTokenSources reads the token from the environment and from a file.
func TestTokenSources(t *testing.T) {
	simURL := testutil.Simulator(t, testutil.Fixed(t0)).URL
	t.Run("file", func(t *testing.T) {
		file := testutil.SecretFile(t, sim.WebimAuthToken+"\n")
		code, stdout, _ := testutil.Run(t, webimping.New(), testutil.Fixed(t0), "-H", simURL, "--auth-token-file", file)
		testutil.AssertFirstLinePrefix(t, code, stdout, 0, "WEBIM PING OK - ")
	})
	t.Run("environment", func(t *testing.T) {
		t.Setenv("WEBIM_AUTH_TOKEN", sim.WebimAuthToken)
		code, stdout, _ := testutil.Run(t, webimping.New(), testutil.Fixed(t0), "-H", simURL)
		testutil.AssertFirstLinePrefix(t, code, stdout, 0, "WEBIM PING OK - ")
	})
}
