package itgrixstatus_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/checks/itgrixstatus"
	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
)

var now = testutil.Fixed(time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC))

func TestStatus(t *testing.T) {
	answers := testutil.JSONFixtures(t, "itgrix/status", "ok", "top-level", "mixed", "restarting", "stopped", "warning", "running-error", "odd-state", "no-fields", "free")
	long := strings.Repeat("CRM request failed: context deadline exceeded; ", 10)
	inline := map[string]string{
		"no-state-but-error":    `{"app": {"app_status": "Error", "app_err": "license server unreachable"}}`,
		"no-state-but-warning":  `{"app": {"app_status": "Warning", "app_err": "users cache is stale"}}`,
		"null-state":            `{"app_state": null, "app_status": "Ok"}`,
		"no-status":             `{"app_state": ""}`,
		"restarting-ok":         `{"app_state": "restarting", "app_status": "Ok", "app_err": ""}`,
		"restarting-error":      `{"app_state": "restarting", "app_status": "Error", "app_err": "AMI: authentication failed"}`,
		"stopped-ok":            `{"app_state": "stopped", "app_status": "Ok"}`,
		"stopped-no-err":        `{"app_state": "stopped", "app_status": "Error", "app_err": ""}`,
		"lower-case":            `{"app_state": "", "app_status": "warning", "app_err": "users cache is stale"}`,
		"odd-status":            `{"app_state": "", "app_status": "Degraded"}`,
		"restarting-odd-status": `{"app_state": "restarting", "app_status": "Degraded"}`,
		"stopped-odd-status":    `{"app_state": "stopped", "app_status": "Degraded", "app_err": "AMI down"}`,
		"no-state-odd-status":   `{"app_status": "Degraded"}`,
		"empty-status":          `{"app_state": "", "app_status": ""}`,
		"nil-err":               `{"app_state": "", "app_status": "Ok", "app_err": "<nil>"}`,
		"multi-line-err":        `{"app_state": "stopped", "app_status": "Error", "app_err": "CRM connection failed:\n401 invalid token"}`,
		"long-err":              `{"app_state": "stopped", "app_status": "Error", "app_err": "` + long + `"}`,
		"quote-in-err":          `{"app_state": "stopped", "app_status": "Error", "app_err": "field \"phone\" is required | see log"}`,
		"unknown-state-error":   `{"app_state": "paused", "app_status": "Error"}`,
	}
	for n, b := range inline {
		answers[n] = testutil.Answer{Body: []byte(b)}
	}
	srv := testutil.FixtureServer(t, "/status", answers)
	tests := []struct {
		name, fixture string
		code          int
		want          string
	}{
		{"running, everything under app", "ok", 0, "ITGRIX STATUS OK - application running (status Ok) | time=0s;;;0"},
		{"running, fields at the top level", "top-level", 0, "ITGRIX STATUS OK - application running (status Ok) | time=0s;;;0"},
		{"top level wins over app", "mixed", 0, "ITGRIX STATUS OK - application running (status Ok) | time=0s;;;0"},
		{"license fell back, still running", "free", 0, "ITGRIX STATUS OK - application running (status Ok) | time=0s;;;0"},
		{"running without app_status", "no-status", 0, "ITGRIX STATUS OK - application running | time=0s;;;0"},
		{"running, Go nil error", "nil-err", 0, "ITGRIX STATUS OK - application running (status Ok) | time=0s;;;0"},
		{"restarting", "restarting", 1, `ITGRIX STATUS WARNING - application restarting: "AMI connection lost: dial tcp 127.0.0.1:5038: connect: connection refused; reconnecting in 10s" (status Warning) | time=0s;;;0`},
		{"restarting normally", "restarting-ok", 1, "ITGRIX STATUS WARNING - application restarting (status Ok) | time=0s;;;0"},
		{"restarting on an error", "restarting-error", 2, `ITGRIX STATUS CRITICAL - application restarting: "AMI: authentication failed" (status Error) | time=0s;;;0`},
		{"stopped", "stopped", 2, `ITGRIX STATUS CRITICAL - application stopped: "CRM connection failed: 401 invalid token" (status Error) | time=0s;;;0`},
		{"stopped, status Ok", "stopped-ok", 2, "ITGRIX STATUS CRITICAL - application stopped (status Ok) | time=0s;;;0"},
		{"stopped without details", "stopped-no-err", 2, "ITGRIX STATUS CRITICAL - application stopped (status Error) | time=0s;;;0"},
		{"running, status Warning", "warning", 1, `ITGRIX STATUS WARNING - application running but reports status Warning: "click-to-call: connection to apix.itgrix.ru:9004 lost, retrying" | time=0s;;;0`},
		{"running, status Error", "running-error", 2, `ITGRIX STATUS CRITICAL - application running but reports status Error: "users cache: failed to load users from CRM: 503 Service Unavailable" | time=0s;;;0`},
		{"status in lower case", "lower-case", 1, `ITGRIX STATUS WARNING - application running but reports status warning: "users cache is stale" | time=0s;;;0`},
		{"status not understood", "odd-status", 3, `ITGRIX STATUS UNKNOWN - application running but reports status "Degraded" (not Ok, Warning or Error) | time=0s;;;0`},
		{"restarting, status not understood", "restarting-odd-status", 3, `ITGRIX STATUS UNKNOWN - application restarting; status "Degraded" (not Ok, Warning or Error) | time=0s;;;0`},
		{"stopped, status not understood", "stopped-odd-status", 2, `ITGRIX STATUS CRITICAL - application stopped: "AMI down"; status "Degraded" (not Ok, Warning or Error) | time=0s;;;0`},
		{"no app_state, status not understood", "no-state-odd-status", 3, "ITGRIX STATUS UNKNOWN - no app_state in the answer (looked at the top level and under app) | time=0s;;;0"},
		{"empty status", "empty-status", 0, "ITGRIX STATUS OK - application running | time=0s;;;0"},
		{"error on several lines", "multi-line-err", 2, `ITGRIX STATUS CRITICAL - application stopped: "CRM connection failed: 401 invalid token" (status Error) | time=0s;;;0`},
		{"quotes and a bar in the error", "quote-in-err", 2, `ITGRIX STATUS CRITICAL - application stopped: "field \"phone\" is required ¦ see log" (status Error) | time=0s;;;0`},
		{"long error cut", "long-err", 2, `ITGRIX STATUS CRITICAL - application stopped: "` + strings.TrimSpace(long)[:200] + `..." (status Error) | time=0s;;;0`},
		{"unknown app_state", "odd-state", 3, `ITGRIX STATUS UNKNOWN - unknown app_state "updating" (expected "", restarting or stopped); status Ok | time=0s;;;0`},
		{"unknown app_state, status Error", "unknown-state-error", 2, `ITGRIX STATUS CRITICAL - unknown app_state "paused" (expected "", restarting or stopped); status Error | time=0s;;;0`},
		{"no app_state", "no-fields", 3, "ITGRIX STATUS UNKNOWN - no app_state in the answer (looked at the top level and under app) | time=0s;;;0"},
		{"no app_state, status Error", "no-state-but-error", 2, `ITGRIX STATUS CRITICAL - application reports status Error: "license server unreachable"; no app_state in the answer (looked at the top level and under app) | time=0s;;;0`},
		{"no app_state, status Warning", "no-state-but-warning", 3, "ITGRIX STATUS UNKNOWN - no app_state in the answer (looked at the top level and under app) | time=0s;;;0"},
		{"null app_state", "null-state", 3, "ITGRIX STATUS UNKNOWN - no app_state in the answer (looked at the top level and under app) | time=0s;;;0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, _ := testutil.Run(t, itgrixstatus.New(), now, "-H", srv.URL+"/"+tc.fixture)
			testutil.AssertFirstLine(t, code, out, tc.code, tc.want)
		})
	}
}

// TestStatusSimulator runs the check against the simulator's scenarios,
// through Digest authentication.
func TestStatusSimulator(t *testing.T) {
	srv := testutil.Simulator(t, now)
	tests := []struct {
		scenario string
		code     int
		want     string
	}{
		{"itgrix-ok", 0, "ITGRIX STATUS OK - application running (status Ok) | time=0s;;;0"},
		{"digest-sha256", 0, "ITGRIX STATUS OK - application running (status Ok) | time=0s;;;0"},
		{"fields-top-level", 0, "ITGRIX STATUS OK - application running (status Ok) | time=0s;;;0"},
		{"license-free", 0, "ITGRIX STATUS OK - application running (status Ok) | time=0s;;;0"},
		{"app-restarting", 1, `ITGRIX STATUS WARNING - application restarting: "AMI connection lost: dial tcp 127.0.0.1:5038: connect: connection refused; reconnecting in 10s" (status Warning) | time=0s;;;0`},
		{"app-stopped", 2, `ITGRIX STATUS CRITICAL - application stopped: "CRM connection failed: 401 invalid token" (status Error) | time=0s;;;0`},
		{"app-warning", 1, `ITGRIX STATUS WARNING - application running but reports status Warning: "click-to-call: connection to apix.itgrix.ru:9004 lost, retrying" | time=0s;;;0`},
		{"unauthorized", 3, "ITGRIX STATUS UNKNOWN - authentication failed (HTTP 401)"},
	}
	for _, tc := range tests {
		t.Run(tc.scenario, func(t *testing.T) {
			code, out, errOut := testutil.Run(t, itgrixstatus.New(), now, testutil.SimArgs(srv, tc.scenario, testutil.ItgrixLogin())...)
			testutil.AssertFirstLine(t, code, out, tc.code, tc.want)
			testutil.AssertNoStderr(t, errOut)
		})
	}
}

func TestStatusCredentials(t *testing.T) {
	srv := testutil.Simulator(t, now)
	const wrong = "Wr0ng-Passw0rd!"
	for _, scenario := range []string{"itgrix-ok", "digest-sha256"} {
		t.Run(scenario, func(t *testing.T) {
			t.Setenv("ITGRIX_USER", sim.ItgrixUser)
			t.Setenv("ITGRIX_PASSWORD", sim.ItgrixPassword)
			code, out, errOut := testutil.Run(t, itgrixstatus.New(), now, "-H", srv.URL+"/"+scenario)
			if code != 0 || errOut != "" {
				t.Errorf("credentials from the environment: exit %d\n%s%s", code, out, errOut)
			}
			t.Setenv("ITGRIX_PASSWORD", wrong)
			code, out, errOut = testutil.Run(t, itgrixstatus.New(), now, "-H", srv.URL+"/"+scenario, "-vvv")
			testutil.AssertFirstLine(t, code, out, 3, "ITGRIX STATUS UNKNOWN - authentication failed (HTTP 401)")
			testutil.AssertNotPrinted(t, wrong, out, errOut)
			testutil.AssertRedactedAuth(t, errOut, "Digest")
		})
	}
}

func TestStatusBadAnswers(t *testing.T) {
	simSrv := testutil.Simulator(t, now)
	answers := testutil.ItgrixBadAnswers(t)
	answers["plain"] = testutil.Answer{ContentType: "text/plain", Body: testutil.Fixture(t, "bad/text.txt")}
	answers["json-list"] = testutil.Answer{Body: []byte(`["app_state", ""]`)}
	answers["bad-type"] = testutil.Answer{Body: []byte(`{"app": {"app_state": false}}`)}
	srv := testutil.FixtureServer(t, "/status", answers)
	refused := testutil.RefusedAddr(t)
	login := testutil.ItgrixLogin()
	tests := []testutil.LineCase{
		{Name: "HTML login page", Args: []string{"-H", srv.URL + "/login"}, Code: 3, Want: "ITGRIX STATUS UNKNOWN - status: expected a JSON object with app_state, app_status and license, got an HTML page titled"},
		{Name: "truncated JSON", Args: []string{"-H", srv.URL + "/truncated"}, Code: 3, Want: "ITGRIX STATUS UNKNOWN - status: expected a JSON object with app_state, app_status and license, got "},
		{Name: "Python literal", Args: []string{"-H", srv.URL + "/python"}, Code: 3, Want: "ITGRIX STATUS UNKNOWN - status: expected a JSON object with app_state, app_status and license, got \"{'app'"},
		{Name: "plain text", Args: []string{"-H", srv.URL + "/plain"}, Code: 3, Want: `ITGRIX STATUS UNKNOWN - status: expected a JSON object with app_state, app_status and license, got "not json at all"`},
		{Name: "JSON list", Args: []string{"-H", srv.URL + "/json-list"}, Code: 3, Want: `ITGRIX STATUS UNKNOWN - status: expected a JSON object with app_state, app_status and license, got "[\"app_state\", \"\"]"`},
		{Name: "app_state of the wrong type", Args: []string{"-H", srv.URL + "/bad-type"}, Code: 3, Want: "ITGRIX STATUS UNKNOWN - status: field app.app_state is a JSON bool, not a string"},
		{Name: "502 HTML page", Args: []string{"-H", srv.URL + "/502"}, Code: 2, Want: `ITGRIX STATUS CRITICAL - GET /502/status: HTTP 502 Bad Gateway (an HTML page titled "502 Bad Gateway")`},
		{Name: "huge body", Args: append([]string{"-H", simSrv.URL + "/huge"}, login...), Code: 3, Want: "ITGRIX STATUS UNKNOWN - GET /huge/status: response too large (more than 4 MiB; raise --max-body if this is expected)"},
		{Name: "huge body, smaller cap", Args: append([]string{"-H", simSrv.URL + "/huge", "--max-body", "64KiB"}, login...), Code: 3, Want: "ITGRIX STATUS UNKNOWN - GET /huge/status: response too large (more than 64 KiB;"},
		{Name: "trickle", Args: append([]string{"-H", simSrv.URL + "/trickle", "-t", "1"}, login...), Code: 2, Want: "ITGRIX STATUS CRITICAL - timed out after 1s waiting for the rest of the answer to GET /trickle/status"},
		{Name: "connection refused", Args: []string{"-H", refused, "--retries", "0"}, Code: 2, Want: "ITGRIX STATUS CRITICAL - cannot connect to " + refused + ": connection refused"},
		{Name: "connection refused, port from -p", Args: []string{"-H", "127.0.0.1", "-p", strings.TrimPrefix(refused, "127.0.0.1:"), "--retries", "0"}, Code: 2, Want: "ITGRIX STATUS CRITICAL - cannot connect to " + refused + ": connection refused"},
	}
	testutil.RunLineCases(t, itgrixstatus.New, now, 3*time.Second, tests)
}

func TestStatusGolden(t *testing.T) {
	srv := testutil.FixtureServer(t, "/status", testutil.JSONFixtures(t, "itgrix/status", "ok", "top-level", "restarting", "stopped", "warning", "running-error", "odd-state", "no-fields"))
	tests := []struct {
		name, fixture string
		args          []string
	}{
		{"ok", "ok", nil},
		{"ok-verbose", "top-level", []string{"-v"}},
		{"restarting", "restarting", nil},
		{"stopped", "stopped", nil},
		{"warning", "warning", nil},
		{"running-error", "running-error", nil},
		{"odd-state", "odd-state", nil},
		{"no-app-state", "no-fields", nil},
		{"json", "stopped", []string{"--format", "json"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"-H", srv.URL + "/" + tc.fixture}, tc.args...)
			_, out, _ := testutil.Run(t, itgrixstatus.New(), now, args...)
			testutil.Golden(t, filepath.Join("check_itgrix_status", tc.name+".txt"), []byte(out))
		})
	}
}
