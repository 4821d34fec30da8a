package webimobjects_test

import (
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/checks/webimobjects"
	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// TestGolden: single runs against the simulator's scenarios, each with a
// fresh state directory.
func TestGolden(t *testing.T) {
	tests := []testutil.Case{
		{Name: "largest", Path: "/healthy", Code: 0, State: true},
		{Name: "pairs-types", Path: "/objects-pairs", Args: []string{"--type", "dict", "--type", "list", "--type", "nosuch", "--type", "dict"}, Code: 0, State: true},
		{Name: "python-warning", Path: "/objects-python", Args: []string{"-w", "40000", "-c", "60000"}, Code: 1, State: true},
		{Name: "python-dict-critical", Path: "/objects-python-dict", Args: []string{"-w", "40000", "-c", "50000"}, Code: 2, State: true},
		{Name: "types-critical", Path: "/healthy", Args: []string{"--type", "dict", "--type", "Chat", "-w", "500", "-c", "30000"}, Code: 2, State: true},
		{Name: "growth-baseline", Path: "/healthy", Args: []string{"--type", "dict", "--warning-growth", "10"}, Code: 0, State: true},
		{Name: "json", Path: "/healthy", Args: []string{"--type", "dict", "-w", "30000", "--format", "json"}, Code: 1, State: true},
		{Name: "empty", Path: "/objects-empty", Code: 3, State: true},
		{Name: "bad-pair", Path: "/objects-bad-pair", Code: 3, State: true},
		{Name: "bad-growth", Path: "/healthy", Args: []string{"--warning-growth", "x"}, Code: 3, State: true},
		{Name: "bad-type", Path: "/healthy", Args: []string{"--type", ""}, Code: 3, State: true},
	}
	testutil.RunSimCases(t, webimobjects.New, testutil.WebimLogin(), testutil.T0, tests)
}

// TestGrowth runs the check several times against one state file while
// the counts change.
func TestGrowth(t *testing.T) {
	type step struct {
		fixture string
		at      time.Duration
		code    int
	}
	sequences := map[string]struct {
		args  []string
		steps []step
	}{
		"leak": {[]string{"--type", "dict", "--type", "VisitSession", "--warning-growth", "10", "--critical-growth", "20"}, []step{
			{"dict.json", 0, 0}, {"dict.txt", 15 * time.Minute, 0}, {"grown.json", 30 * time.Minute, 2}, {"grown.json", 45 * time.Minute, 0}, {"dict.json", time.Hour, 0},
		}},
		"largest": {[]string{"--warning-growth", "10"}, []step{
			{"pairs.txt", 0, 0}, {"grown.json", 15 * time.Minute, 0},
		}},
	}
	for name, seq := range sequences {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			// the object-stats answers come from the fixtures of
			// testdata/webim/object-stats.
			url, set := testutil.FixtureSwitch(t, "/l/a/object-stats", sim.WebimUser, sim.WebimPassword, "text/html; charset=UTF-8", "webim/object-stats")
			steps := make([]testutil.Step, len(seq.steps))
			for i, s := range seq.steps {
				steps[i] = testutil.Step{Set: func() { set(s.fixture) }, At: s.at, Args: seq.args, Code: s.code}
			}
			testutil.RunSteps(t, webimobjects.New, url, testutil.WebimLogin(), testutil.T0, "seq-"+name+"-", steps)
		})
	}
}
