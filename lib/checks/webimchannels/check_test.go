package webimchannels_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/checks/webimchannels"
	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// t0 is the time of the first run.
var t0 = time.Date(2025, 10, 3, 17, 8, 13, 0, time.UTC)

// normalize makes output independent of the port and the state directory.
func normalize(out, url, dir string) string {
	return testutil.Stateless(out, url, dir, "check_webim_channels")
}

func run(t *testing.T, now time.Time, args ...string) (int, string) {
	return testutil.RunClean(t, webimchannels.New(), now, args...)
}

// TestGolden: single runs against the simulator's scenarios, each with a
// fresh state directory (so --mode new records a baseline).
func TestGolden(t *testing.T) {
	srv := testutil.Simulator(t, testutil.Fixed(t0))
	tests := []struct {
		name     string
		scenario string
		args     []string
		code     int
	}{
		{"baseline", "healthy", nil, 0},
		{"baseline-python", "channels-python", nil, 0},
		{"baseline-none", "channels-none", nil, 0},
		{"baseline-channel", "channels-more", []string{"--channel", "whatsapp"}, 0},
		{"total-warning", "channels-more", []string{"--mode", "total"}, 1},
		{"total-critical", "channels-more", []string{"--mode", "total", "-c", "5"}, 2},
		{"total-within", "channels-more", []string{"--mode", "total", "-w", "10"}, 0},
		{"total-channel", "channels-more", []string{"--mode", "total", "--channel", "vk", "--channel", "nosuch"}, 1},
		{"total-json", "channels-more", []string{"--mode", "total", "-w", "2", "--format", "json"}, 1},
		{"total-none", "channels-none", []string{"--mode", "total"}, 0},
		{"no-channels-object", "channels-no-object", nil, 3},
		{"negative", "channels-negative", nil, 3},
		{"bad-mode", "healthy", []string{"--mode", "rate"}, 3},
		{"state-unusable", "healthy", []string{"--state-dir", "/dev/null/sub"}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			args := append(testutil.SimArgs(srv, tt.scenario, testutil.WebimLogin(), "--state-dir", dir), tt.args...)
			code, out := run(t, t0, args...)
			assert.Equal(t, tt.code, code, out)
			testutil.Golden(t, "check_webim_channels/"+tt.name+".txt", []byte(normalize(out, srv.URL, dir)))
		})
	}
}

// fake is a Webim server whose channels answer the test sets from the
// fixtures of testdata/webim/channels.
type fake struct {
	mu      sync.Mutex
	fixture string
}

func (f *fake) set(t *testing.T, fixture string) {
	f.mu.Lock()
	f.fixture = fixture
	f.mu.Unlock()
}

func startFake(t *testing.T) (*fake, *httptest.Server) {
	f := &fake{fixture: "seed.json"}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u, p, ok := r.BasicAuth(); !ok || u != sim.WebimUser || p != sim.WebimPassword || r.URL.Path != "/l/a/monitor/zabbix/channels" {
			http.Error(w, "no", http.StatusUnauthorized)
			return
		}
		f.mu.Lock()
		name := f.fixture
		f.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.Write(testutil.Fixture(t, "webim/channels/"+name))
	}))
	t.Cleanup(srv.Close)
	return f, srv
}

// step is one run of a sequence: the answer, the time since the first
// run, extra flags, and the expected exit code; each output is a golden.
type step struct {
	fixture string
	at      time.Duration
	args    []string
	code    int
}

// TestSequences runs the check several times against one state file, the
// answer changing between runs: new errors, counter resets, channels that
// appear and disappear.
func TestSequences(t *testing.T) {
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
	for name, steps := range sequences {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f, srv := startFake(t)
			dir := t.TempDir()
			for i, s := range steps {
				f.set(t, s.fixture)
				args := append([]string{"-H", srv.URL, "-U", sim.WebimUser, "-P", sim.WebimPassword, "--state-dir", dir}, s.args...)
				code, out := run(t, t0.Add(s.at), args...)
				assert.Equal(t, s.code, code, "run %d: %s", i+1, out)
				testutil.Golden(t, "check_webim_channels/seq-"+name+"-"+string(rune('1'+i))+".txt", []byte(normalize(out, srv.URL, dir)))
			}
		})
	}
}

// TestCorruptState: a state file that cannot be read back is replaced by a
// fresh baseline, and the output says so.
func TestCorruptState(t *testing.T) {
	_, srv := startFake(t)
	dir := t.TempDir()
	args := []string{"-H", srv.URL, "-U", sim.WebimUser, "-P", sim.WebimPassword, "--state-dir", dir}
	code, out := run(t, t0, args...)
	require.Equal(t, 0, code, out)
	files, err := filepath.Glob(filepath.Join(dir, "check_webim_channels-*.json"))
	require.NoError(t, err)
	require.Len(t, files, 1)
	require.NoError(t, os.WriteFile(files[0], []byte(`{"schema": 1, "key": {`), 0o600))
	code, out = run(t, t0.Add(time.Minute), args...)
	assert.Equal(t, 0, code, out)
	assert.Contains(t, testutil.FirstLine(out), "WEBIM CHANNELS OK - fresh baseline recorded: the state file was corrupt (truncated JSON); 2 channels report 2 errors in total")
	code, out = run(t, t0.Add(2*time.Minute), args...)
	assert.Equal(t, 0, code, out)
	assert.Contains(t, testutil.FirstLine(out), "WEBIM CHANNELS OK - no new errors since the last run (1m ago)")
}
