package dolibarr_test

import (
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/checks/dolibarr"
	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// t0 is the fixed time of every run, the simulator's too, so that the
// WebObserver hash is valid.
var t0 = time.Date(2025, 10, 3, 17, 8, 13, 0, time.UTC)

func TestCheck(t *testing.T) {
	simURL := testutil.Simulator(t, testutil.Fixed(t0)).URL
	key, token := []string{"--api-key", sim.DolibarrAPIKey}, []string{"--token", sim.DolibarrToken}
	tests := []struct {
		name, scenario string
		host           func(t *testing.T) string
		args           []string
		code           int
	}{
		{name: "serverobserver", code: 0},
		{name: "disk-warning", scenario: "dolibarr-disk-85", code: 1},
		{name: "disk-critical", scenario: "dolibarr-disk-94", code: 2},
		{name: "disk-thresholds", scenario: "dolibarr-disk-85", args: []string{"--warning-disk", "90", "--critical-disk", "95"}, code: 0},
		{name: "data-warning", scenario: "dolibarr-large-data", args: []string{"--warning-data", "10GiB", "--critical-data", "50GiB"}, code: 1},
		{name: "data-critical", scenario: "dolibarr-large-data", args: []string{"--warning-data", "500MB", "--critical-data", "20G"}, code: 2},
		{name: "data-bytes", args: []string{"--warning-data", "1048576"}, code: 1},
		{name: "bad-size-string", scenario: "dolibarr-bad-size", code: 3},
		{name: "ip-refused", scenario: "dolibarr-ip-refused", code: 3},
		{name: "min-version-older", args: []string{"--min-version", "18.0"}, code: 1},
		{name: "min-version-ok", args: []string{"--min-version", "17.0.3"}, code: 0},
		{name: "min-version-bad", args: []string{"--min-version", "latest"}, code: 3},
		{name: "webobserver", args: append([]string{"--api", "webobserver"}, token...), code: 0},
		{name: "webobserver-token-file", args: []string{"--api", "webobserver", "--token-file", testutil.SecretFile(t, sim.DolibarrToken+"\n")}, code: 0},
		{name: "webobserver-wrong-token", args: []string{"--api", "webobserver", "--token", "not-the-webobserver-token"}, code: 3},
		{name: "webobserver-clock-skew", scenario: "dolibarr-clock-skew", args: append([]string{"--api", "webobserver"}, token...), code: 3},
		{name: "webobserver-no-token-configured", scenario: "dolibarr-no-token", args: append([]string{"--api", "webobserver"}, token...), code: 3},
		{name: "webobserver-query-dropped", scenario: "dolibarr-query-dropped", args: append([]string{"--api", "webobserver"}, token...), code: 3},
		{name: "webobserver-no-token", args: []string{"--api", "webobserver"}, code: 3},
		{name: "webobserver-data", args: append([]string{"--api", "webobserver", "--warning-data", "1GiB"}, token...), code: 1},
		{name: "status", args: append([]string{"--api", "status"}, key...), code: 0},
		{name: "status-locked", scenario: "dolibarr-locked", args: append([]string{"--api", "status"}, key...), code: 1},
		{name: "status-down", scenario: "dolibarr-api-down", args: append([]string{"--api", "status"}, key...), code: 2},
		{name: "status-wrong-key", args: []string{"--api", "status", "--api-key", "not-the-dolibarr-key"}, code: 3},
		{name: "status-no-key", args: []string{"--api", "status"}, code: 3},
		{name: "status-min-version", args: append([]string{"--api", "status", "--min-version", "20"}, key...), code: 1},
		{name: "url", args: []string{"--api", "url", "--path", sim.DolibarrURLPath}, code: 0},
		{name: "url-maintenance", scenario: "dolibarr-maintenance", args: []string{"--api", "url", "--path", sim.DolibarrURLPath}, code: 2},
		{name: "url-redirect", host: func(t *testing.T) string { return testutil.Serve(t, 302, "text/html", "") }, args: []string{"--api", "url"}, code: 0},
		{name: "url-not-found", host: func(t *testing.T) string { return testutil.Serve(t, 404, "text/html", "<title>404 Not Found</title>") }, args: []string{"--api", "url"}, code: 3},
		{name: "bad-api", args: []string{"--api", "servermanager"}, code: 3},
		{name: "bad-data-size", args: []string{"--warning-data", "10 apples"}, code: 3},
		{name: "format-json", args: []string{"--format", "json"}, code: 0},
		{name: "bad-gateway", scenario: "bad-gateway", code: 2},
		{name: "login-page", scenario: "login-page", args: append([]string{"--api", "status"}, key...), code: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			host := simURL
			if tt.scenario != "" {
				host += "/" + tt.scenario
			}
			if tt.host != nil {
				host = tt.host(t)
			}
			code, stdout, stderr := testutil.Run(t, dolibarr.New(), testutil.Fixed(t0), append([]string{"-H", host}, tt.args...)...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s", code, tt.code, stdout)
			}
			testutil.AssertNoStderr(t, stderr)
			testutil.AssertNotPrinted(t, sim.DolibarrToken, stdout)
			testutil.AssertNotPrinted(t, sim.DolibarrAPIKey, stdout)
			testutil.Golden(t, "check_dolibarr/"+tt.name+".txt", []byte(testutil.Hostless(stdout, host)))
		})
	}
}

// TestSecretsNeverShown: the API key and the token, from flags or files,
// appear nowhere at -vvv, and the key travels redacted in the trace.
func TestSecretsNeverShown(t *testing.T) {
	simURL := testutil.Simulator(t, testutil.Fixed(t0)).URL
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"status key", []string{"--api", "status", "--api-key", sim.DolibarrAPIKey}, 0},
		{"status key file", []string{"--api", "status", "--api-key-file", testutil.SecretFile(t, sim.DolibarrAPIKey)}, 0},
		{"status wrong key", []string{"--api", "status", "--api-key", "wrong-dolibarr-key-1"}, 3},
		{"webobserver token", []string{"--api", "webobserver", "--token", sim.DolibarrToken}, 0},
		{"webobserver wrong token", []string{"--api", "webobserver", "--token", "wrong-token-value-2"}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := testutil.Run(t, dolibarr.New(), testutil.Fixed(t0), append([]string{"-H", simURL, "-vvv"}, tt.args...)...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d:\n%s", code, tt.code, stdout)
			}
			for _, s := range []string{sim.DolibarrAPIKey, sim.DolibarrToken, "wrong-dolibarr-key-1", "wrong-token-value-2"} {
				testutil.AssertNotPrinted(t, s, stdout, stderr)
			}
		})
	}
}
