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
	tests := []testutil.Case{
		{Name: "seed", Path: "/healthy", Code: 0},
		{Name: "seed-expected", Path: "/healthy", Args: []string{"--env", "eta", "--env", "epsilon"}, Code: 0},
		{Name: "one-missing", Path: "/healthy", Args: []string{"--env", "eta", "--env", "zeta"}, Code: 2},
		{Name: "two-missing", Path: "/healthy", Args: []string{"--env", "zeta", "--env", "iota", "--env", "zeta"}, Code: 2},
		{Name: "case-matters", Path: "/healthy", Args: []string{"--env", "ETA"}, Code: 2},
		{Name: "many", Path: "/envs-many", Args: []string{"--env", "iota"}, Code: 0},
		{Name: "python", Path: "/envs-python", Code: 0},
		{Name: "empty", Path: "/envs-empty", Code: 3},
		{Name: "object", Path: "/envs-object", Code: 3},
		{Name: "no-name", Path: "/envs-no-name", Code: 3},
		{Name: "format-json", Path: "/healthy", Args: []string{"--env", "zeta", "--format", "json"}, Code: 2},
		{Name: "empty-env-flag", Path: "/healthy", Args: []string{"--env", " "}, Code: 3},
	}
	testutil.RunSimCases(t, webimenvs.New, testutil.WebimLogin(), t0, tests)
}
