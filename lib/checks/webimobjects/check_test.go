package webimobjects_test

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/checks/webimobjects"
	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
	"github.com/stretchr/testify/assert"
)

// t0 is the time of the first run.
var t0 = time.Date(2025, 10, 3, 17, 8, 13, 0, time.UTC)

// normalize makes output independent of the port and the state directory.
func normalize(out, url, dir string) string {
	return testutil.Stateless(out, url, dir, "check_webim_objects")
}

func run(t *testing.T, now time.Time, args ...string) (int, string) {
	return testutil.RunClean(t, webimobjects.New(), now, args...)
}

// TestGolden: single runs against the simulator's scenarios, each with a
// fresh state directory.
func TestGolden(t *testing.T) {
	srv := testutil.Simulator(t, testutil.Fixed(t0))
	tests := []struct {
		name     string
		scenario string
		args     []string
		code     int
	}{
		{"largest", "healthy", nil, 0},
		{"pairs-types", "objects-pairs", []string{"--type", "dict", "--type", "list", "--type", "nosuch", "--type", "dict"}, 0},
		{"python-warning", "objects-python", []string{"-w", "40000", "-c", "60000"}, 1},
		{"python-dict-critical", "objects-python-dict", []string{"-w", "40000", "-c", "50000"}, 2},
		{"types-critical", "healthy", []string{"--type", "dict", "--type", "Chat", "-w", "500", "-c", "30000"}, 2},
		{"growth-baseline", "healthy", []string{"--type", "dict", "--warning-growth", "10"}, 0},
		{"json", "healthy", []string{"--type", "dict", "-w", "30000", "--format", "json"}, 1},
		{"empty", "objects-empty", nil, 3},
		{"bad-pair", "objects-bad-pair", nil, 3},
		{"bad-growth", "healthy", []string{"--warning-growth", "x"}, 3},
		{"bad-type", "healthy", []string{"--type", ""}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			args := append(testutil.SimArgs(srv, tt.scenario, testutil.WebimLogin(), "--state-dir", dir), tt.args...)
			code, out := run(t, t0, args...)
			assert.Equal(t, tt.code, code, out)
			testutil.Golden(t, "check_webim_objects/"+tt.name+".txt", []byte(normalize(out, srv.URL, dir)))
		})
	}
}

// fake is a Webim server whose object-stats answer the test sets from the
// fixtures of testdata/webim/object-stats.
type fake struct {
	mu      sync.Mutex
	fixture string
}

func startFake(t *testing.T) (*fake, *httptest.Server) {
	f := &fake{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u, p, ok := r.BasicAuth(); !ok || u != sim.WebimUser || p != sim.WebimPassword || r.URL.Path != "/l/a/object-stats" {
			http.Error(w, "no", http.StatusUnauthorized)
			return
		}
		f.mu.Lock()
		name := f.fixture
		f.mu.Unlock()
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		w.Write(testutil.Fixture(t, "webim/object-stats/"+name))
	}))
	t.Cleanup(srv.Close)
	return f, srv
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
			f, srv := startFake(t)
			dir := t.TempDir()
			for i, s := range seq.steps {
				f.mu.Lock()
				f.fixture = s.fixture
				f.mu.Unlock()
				args := append([]string{"-H", srv.URL, "-U", sim.WebimUser, "-P", sim.WebimPassword, "--state-dir", dir}, seq.args...)
				code, out := run(t, t0.Add(s.at), args...)
				assert.Equal(t, s.code, code, "run %d: %s", i+1, out)
				testutil.Golden(t, "check_webim_objects/seq-"+name+"-"+string(rune('1'+i))+".txt", []byte(normalize(out, srv.URL, dir)))
			}
		})
	}
}
