package webimping_test

import (
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/checks/webimping"
	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// stepping returns a clock that advances from testutil.T0 by step at every call.
func stepping(step time.Duration) func() time.Time { return testutil.Stepping(testutil.T0, step) }

func TestCheck(t *testing.T) {
	token := []string{"--auth-token", sim.WebimAuthToken}
	tests := []testutil.Case{
		{Name: "ok", Args: token, Code: 0},
		{Name: "ok-verbose", Args: append([]string{"-v", "--pinger-id", "17595"}, token...), Code: 0},
		{Name: "time-warning", Args: append([]string{"-w", "1", "-c", "5"}, token...), Clock: stepping(1500 * time.Millisecond), Code: 1},
		{Name: "time-critical", Args: append([]string{"-w", "1", "-c", "1.2"}, token...), Clock: stepping(1500 * time.Millisecond), Code: 2},
		{Name: "result-error", Path: "/ping-error", Args: token, Code: 2},
		{Name: "down", Path: "/ping-down", Args: token, Code: 2},
		{Name: "expired", Path: "/ping-expired", Args: token, Code: 3},
		{Name: "login-page", Path: "/ping-login-page", Args: token, Code: 3},
		{Name: "wrong-token", Args: []string{"--auth-token", "expired-agent-token"}, Code: 3},
		{Name: "bad-request", Path: "/ping-bad-request", Args: token, Code: 3},
		{Name: "no-token", Code: 3},
		{Name: "token-with-space", Args: []string{"--auth-token", "two words"}, Code: 3},
		{Name: "bad-pinger-id", Args: append([]string{"--pinger-id", ""}, token...), Code: 3},
		{Name: "format-json", Args: append([]string{"--format", "json"}, token...), Code: 0},
		{Name: "format-json-expired", Path: "/ping-expired", Args: append([]string{"--format", "json"}, token...), Code: 3},
	}
	testutil.RunSimCases(t, webimping.New, nil, testutil.T0, tests)
}

// TestTokenNeverShown runs with the token on the command line and the HTTP
// trace on: the token appears nowhere, accepted or rejected.
func TestTokenNeverShown(t *testing.T) {
	simURL := testutil.Simulator(t, testutil.Fixed(testutil.T0)).URL
	tests := []testutil.SecretCase{
		{Name: "rejected token", Secret: "expired-token-42", Code: 3, Want: "WEBIM PING UNKNOWN - agent token rejected (expired?)"},
		{Name: "accepted token", Secret: sim.WebimAuthToken, Code: 0, Want: "WEBIM PING OK - Chat Backend answers the agent ping"},
	}
	args := func(token string) []string { return []string{"-H", simURL, "--auth-token", token} }
	testutil.RunSecretCases(t, webimping.New, testutil.T0, "auth-token", "Cookie: ****", args, tests)
}

// TestTokenSources reads the token from the environment and from a file.
func TestTokenSources(t *testing.T) {
	simURL := testutil.Simulator(t, testutil.Fixed(testutil.T0)).URL
	t.Run("file", func(t *testing.T) {
		file := testutil.SecretFile(t, sim.WebimAuthToken+"\n")
		code, stdout, _ := testutil.Run(t, webimping.New(), testutil.Fixed(testutil.T0), "-H", simURL, "--auth-token-file", file)
		testutil.AssertFirstLinePrefix(t, code, stdout, 0, "WEBIM PING OK - ")
	})
	t.Run("environment", func(t *testing.T) {
		t.Setenv("WEBIM_AUTH_TOKEN", sim.WebimAuthToken)
		code, stdout, _ := testutil.Run(t, webimping.New(), testutil.Fixed(testutil.T0), "-H", simURL)
		testutil.AssertFirstLinePrefix(t, code, stdout, 0, "WEBIM PING OK - ")
	})
}
