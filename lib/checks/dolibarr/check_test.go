package dolibarr_test

import (
	"testing"

	"github.com/ccmon/webim-checks/lib/checks/dolibarr"
	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
)

func TestCheck(t *testing.T) {
	key, token := []string{"--api-key", sim.DolibarrAPIKey}, []string{"--token", sim.DolibarrToken}
	tests := []testutil.Case{
		{Name: "serverobserver", Code: 0},
		{Name: "disk-warning", Path: "/dolibarr-disk-85", Code: 1},
		{Name: "disk-critical", Path: "/dolibarr-disk-94", Code: 2},
		{Name: "disk-thresholds", Path: "/dolibarr-disk-85", Args: []string{"--warning-disk", "90", "--critical-disk", "95"}, Code: 0},
		{Name: "data-warning", Path: "/dolibarr-large-data", Args: []string{"--warning-data", "10GiB", "--critical-data", "50GiB"}, Code: 1},
		{Name: "data-critical", Path: "/dolibarr-large-data", Args: []string{"--warning-data", "500MB", "--critical-data", "20G"}, Code: 2},
		{Name: "data-bytes", Args: []string{"--warning-data", "1048576"}, Code: 1},
		{Name: "bad-size-string", Path: "/dolibarr-bad-size", Code: 3},
		{Name: "ip-refused", Path: "/dolibarr-ip-refused", Code: 3},
		{Name: "min-version-older", Args: []string{"--min-version", "18.0"}, Code: 1},
		{Name: "min-version-ok", Args: []string{"--min-version", "17.0.3"}, Code: 0},
		{Name: "min-version-bad", Args: []string{"--min-version", "latest"}, Code: 3},
		{Name: "webobserver", Args: append([]string{"--api", "webobserver"}, token...), Code: 0},
		{Name: "webobserver-token-file", Args: []string{"--api", "webobserver", "--token-file", testutil.SecretFile(t, sim.DolibarrToken+"\n")}, Code: 0},
		{Name: "webobserver-wrong-token", Args: []string{"--api", "webobserver", "--token", "not-the-webobserver-token"}, Code: 3},
		{Name: "webobserver-clock-skew", Path: "/dolibarr-clock-skew", Args: append([]string{"--api", "webobserver"}, token...), Code: 3},
		{Name: "webobserver-no-token-configured", Path: "/dolibarr-no-token", Args: append([]string{"--api", "webobserver"}, token...), Code: 3},
		{Name: "webobserver-query-dropped", Path: "/dolibarr-query-dropped", Args: append([]string{"--api", "webobserver"}, token...), Code: 3},
		{Name: "webobserver-no-token", Args: []string{"--api", "webobserver"}, Code: 3},
		{Name: "webobserver-data", Args: append([]string{"--api", "webobserver", "--warning-data", "1GiB"}, token...), Code: 1},
		{Name: "status", Args: append([]string{"--api", "status"}, key...), Code: 0},
		{Name: "status-locked", Path: "/dolibarr-locked", Args: append([]string{"--api", "status"}, key...), Code: 1},
		{Name: "status-down", Path: "/dolibarr-api-down", Args: append([]string{"--api", "status"}, key...), Code: 2},
		{Name: "status-wrong-key", Args: []string{"--api", "status", "--api-key", "not-the-dolibarr-key"}, Code: 3},
		{Name: "status-no-key", Args: []string{"--api", "status"}, Code: 3},
		{Name: "status-min-version", Args: append([]string{"--api", "status", "--min-version", "20"}, key...), Code: 1},
		{Name: "url", Args: []string{"--api", "url", "--path", sim.DolibarrURLPath}, Code: 0},
		{Name: "url-maintenance", Path: "/dolibarr-maintenance", Args: []string{"--api", "url", "--path", sim.DolibarrURLPath}, Code: 2},
		{Name: "url-redirect", Host: func(t *testing.T) string { return testutil.Serve(t, 302, "text/html", "") }, Args: []string{"--api", "url"}, Code: 0},
		{Name: "url-not-found", Host: func(t *testing.T) string { return testutil.Serve(t, 404, "text/html", "<title>404 Not Found</title>") }, Args: []string{"--api", "url"}, Code: 3},
		{Name: "bad-api", Args: []string{"--api", "servermanager"}, Code: 3},
		{Name: "bad-data-size", Args: []string{"--warning-data", "10 apples"}, Code: 3},
		{Name: "format-json", Args: []string{"--format", "json"}, Code: 0},
		{Name: "bad-gateway", Path: "/bad-gateway", Code: 2},
		{Name: "login-page", Path: "/login-page", Args: append([]string{"--api", "status"}, key...), Code: 3},
	}
	testutil.RunSimCases(t, dolibarr.New, nil, testutil.T0, tests, sim.DolibarrToken, sim.DolibarrAPIKey)
}

// TestSecretsNeverShown: the API key and the token, from flags or files,
// appear nowhere at -vvv, and the key travels redacted in the trace.
func TestSecretsNeverShown(t *testing.T) {
	simURL := testutil.Simulator(t, testutil.Fixed(testutil.T0)).URL
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
			code, stdout, stderr := testutil.Run(t, dolibarr.New(), testutil.Fixed(testutil.T0), append([]string{"-H", simURL, "-vvv"}, tt.args...)...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d:\n%s", code, tt.code, stdout)
			}
			for _, s := range []string{sim.DolibarrAPIKey, sim.DolibarrToken, "wrong-dolibarr-key-1", "wrong-token-value-2"} {
				testutil.AssertNotPrinted(t, s, stdout, stderr)
			}
		})
	}
}
