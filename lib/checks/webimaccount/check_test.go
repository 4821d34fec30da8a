package webimaccount_test

import (
	"testing"

	"github.com/ccmon/webim-checks/lib/checks/webimaccount"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// TestCheck runs the check's own judging against the simulator; the
// generic failures (401, 5xx, HTML, hangs, ...) are the conformance
// suite's.
func TestCheck(t *testing.T) {
	tests := []testutil.Case{
		{Name: "active", Code: 0, First: "WEBIM ACCOUNT OK - account is active | time=0s;;;0"},
		{Name: "active-python", Host: func(t *testing.T) string {
			return testutil.Serve(t, 200, "text/html; charset=UTF-8", "{'blocked': False}")
		}, Code: 0, First: "WEBIM ACCOUNT OK - account is active"},
		{Name: "blocked", Path: "/account-blocked", Code: 2, First: "WEBIM ACCOUNT CRITICAL - account is blocked | time=0s;;;0"},
		{Name: "blocked-python", Path: "/account-blocked-python", Code: 2, First: "WEBIM ACCOUNT CRITICAL - account is blocked"},
		{Name: "no-blocked", Path: "/account-state-empty", Code: 3, First: `WEBIM ACCOUNT UNKNOWN - account-state: the answer has no blocked field ("{}")`},
		{Name: "blocked-string", Path: "/account-state-string", Code: 3, First: `WEBIM ACCOUNT UNKNOWN - account-state: expected a JSON object with blocked true or false, got "{\"blocked\": \"false\"}": field blocked is a JSON string, not bool`},
		{Name: "blocked-null", Host: func(t *testing.T) string {
			return testutil.Serve(t, 200, "application/json", `{"blocked": null}`)
		}, Code: 3, First: "WEBIM ACCOUNT UNKNOWN - account-state: the answer has no blocked field"},
		{Name: "no-content", Host: func(t *testing.T) string {
			return testutil.Serve(t, 204, "application/json", "")
		}, Code: 3, First: "WEBIM ACCOUNT UNKNOWN - GET /l/i/account-state?action=get_state: HTTP 204 No Content, not the documented answer of this endpoint"},
		{Name: "format-json", Path: "/account-blocked", Args: []string{"--format", "json"}, Code: 2},
	}
	testutil.RunSimCases(t, webimaccount.New, testutil.WebimLogin(), testutil.T0, tests)
}
