package webimchannels_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/checks/webimchannels"
	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func run(t *testing.T, now time.Time, args ...string) (int, string) {
	return testutil.RunClean(t, webimchannels.New(), now, args...)
}

// TestGolden: single runs against the simulator's scenarios, each with a
// fresh state directory (so --mode new records a baseline).
func TestGolden(t *testing.T) {
	tests := []testutil.Case{
		{Name: "baseline", Path: "/healthy", Code: 0, State: true},
		{Name: "baseline-python", Path: "/channels-python", Code: 0, State: true},
		{Name: "baseline-none", Path: "/channels-none", Code: 0, State: true},
		{Name: "baseline-channel", Path: "/channels-more", Args: []string{"--channel", "whatsapp"}, Code: 0, State: true},
		{Name: "total-warning", Path: "/channels-more", Args: []string{"--mode", "total"}, Code: 1, State: true},
		{Name: "total-critical", Path: "/channels-more", Args: []string{"--mode", "total", "-c", "5"}, Code: 2, State: true},
		{Name: "total-within", Path: "/channels-more", Args: []string{"--mode", "total", "-w", "10"}, Code: 0, State: true},
		{Name: "total-channel", Path: "/channels-more", Args: []string{"--mode", "total", "--channel", "vk", "--channel", "nosuch"}, Code: 1, State: true},
		{Name: "total-json", Path: "/channels-more", Args: []string{"--mode", "total", "-w", "2", "--format", "json"}, Code: 1, State: true},
		{Name: "total-none", Path: "/channels-none", Args: []string{"--mode", "total"}, Code: 0, State: true},
		{Name: "no-channels-object", Path: "/channels-no-object", Code: 3, State: true},
		{Name: "negative", Path: "/channels-negative", Code: 3, State: true},
		{Name: "bad-mode", Path: "/healthy", Args: []string{"--mode", "rate"}, Code: 3, State: true},
		{Name: "state-unusable", Path: "/healthy", Args: []string{"--state-dir", "/dev/null/sub"}, Code: 3, State: true},
	}
	testutil.RunSimCases(t, webimchannels.New, testutil.WebimLogin(), testutil.T0, tests)
}

// startFake starts a Webim server whose channels answer the test sets
// from the fixtures of testdata/webim/channels, seed.json at first.
func startFake(t *testing.T) (url string, set func(fixture string)) {
	url, set = testutil.FixtureSwitch(t, "/l/a/monitor/zabbix/channels", sim.WebimUser, sim.WebimPassword, "application/json", "webim/channels")
	set("seed.json")
	return url, set
}

// TestSequences runs the check several times against one state file, the
// answer changing between runs: new errors, counter resets, channels that
// appear and disappear.
func TestSequences(t *testing.T) {
	type step struct {
		fixture string
		at      time.Duration
		args    []string
		code    int
	}
	sequences := map[string][]step{
		"grow-reset-grow": {
			{"seed.json", 0, nil, 0},
			{"seed.json", 5 * time.Minute, nil, 0},
			{"more.json", 10 * time.Minute, nil, 1},
			{"restart.json", 15 * time.Minute, nil, 0},
			{"more.json", 20 * time.Minute, nil, 1},
		},
		"critical": {
			{"seed.json", 0, nil, 0},
			{"more.json", 5 * time.Minute, []string{"-c", "4"}, 2},
		},
		"tolerated": {
			{"seed.json", 0, nil, 0},
			{"more.json", time.Hour, []string{"-w", "5"}, 0},
		},
		"one-channel": {
			{"seed.json", 0, []string{"--channel", "vk"}, 0},
			{"more.json", 5 * time.Minute, []string{"--channel", "vk"}, 0},
			{"more.json", 6 * time.Minute, []string{"--channel", "telegram"}, 0},
		},
		"all-gone": {
			{"more.json", 0, nil, 0},
			{"none.json", 5 * time.Minute, nil, 0},
		},
	}
	for name, seq := range sequences {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			url, set := startFake(t)
			steps := make([]testutil.Step, len(seq))
			for i, s := range seq {
				steps[i] = testutil.Step{Set: func() { set(s.fixture) }, At: s.at, Args: s.args, Code: s.code}
			}
			testutil.RunSteps(t, webimchannels.New, url, testutil.WebimLogin(), testutil.T0, "seq-"+name+"-", steps)
		})
	}
}

// TestCorruptState: a state file that cannot be read back is replaced by a
// fresh baseline, and the output says so.
func TestCorruptState(t *testing.T) {
	url, _ := startFake(t)
	dir := t.TempDir()
	args := []string{"-H", url, "-U", sim.WebimUser, "-P", sim.WebimPassword, "--state-dir", dir}
	code, out := run(t, testutil.T0, args...)
	require.Equal(t, 0, code, out)
	files, err := filepath.Glob(filepath.Join(dir, "check_webim_channels-*.json"))
	require.NoError(t, err)
	require.Len(t, files, 1)
	require.NoError(t, os.WriteFile(files[0], []byte(`{"schema": 1, "key": {`), 0o600))
	code, out = run(t, testutil.T0.Add(time.Minute), args...)
	assert.Equal(t, 0, code, out)
	assert.Contains(t, testutil.FirstLine(out), "WEBIM CHANNELS OK - fresh baseline recorded: the state file was corrupt (truncated JSON); 2 channels report 2 errors in total")
	code, out = run(t, testutil.T0.Add(2*time.Minute), args...)
	assert.Equal(t, 0, code, out)
	assert.Contains(t, testutil.FirstLine(out), "WEBIM CHANNELS OK - no new errors since the last run (1m ago)")
}
