package webimenvs_test

import (
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/checks/webimenvs"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// t0 is the fixed time of every run.
var t0 = time.Date(2026, 11, 23, 18, 0, 13, 0, time.UTC)

func TestCheck(t *testing.T) {
	srv := testutil.Simulator(t, testutil.Fixed(t0))
	tests := []struct {
		name     string
		scenario string
		args     []string
		code     int
	}{
		{name: "seed", scenario: "healthy", code: 0},
		{name: "seed-expected", scenario: "healthy", args: []string{"--env", "eta", "--env", "epsilon"}, code: 0},
		{name: "one-missing", scenario: "healthy", args: []string{"--env", "eta", "--env", "zeta"}, code: 2},
		{name: "two-missing", scenario: "healthy", args: []string{"--env", "zeta", "--env", "iota", "--env", "zeta"}, code: 2},
		{name: "case-matters", scenario: "healthy", args: []string{"--env", "ETA"}, code: 2},
		{name: "many", scenario: "envs-many", args: []string{"--env", "iota"}, code: 0},
		{name: "python", scenario: "envs-python", code: 0},
		{name: "empty", scenario: "envs-empty", code: 3},
		{name: "object", scenario: "envs-object", code: 3},
		{name: "no-name", scenario: "envs-no-name", code: 3},
		{name: "format-json", scenario: "healthy", args: []string{"--env", "zeta", "--format", "json"}, code: 2},
		{name: "empty-env-flag", scenario: "healthy", args: []string{"--env", " "}, code: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			args := testutil.SimArgs(srv, tt.scenario, testutil.WebimLogin(), tt.args...)
			code, out, stderr := testutil.Run(t, webimenvs.New(), testutil.Fixed(t0), args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s", code, tt.code, out)
			}
			testutil.AssertNoStderr(t, stderr)
			testutil.Golden(t, "check_webim_envs/"+tt.name+".txt", []byte(testutil.Hostless(out, srv.URL)))
		})
	}
}
