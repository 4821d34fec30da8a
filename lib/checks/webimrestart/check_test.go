package webimrestart_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/checks/webimrestart"
	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// t0 is the fixed "now" of the tests.
var t0 = time.Date(2026, 11, 23, 18, 0, 13, 0, time.UTC)

const (
	idA = "9b5ad6b158354197bcfb949c55756c4c"
	idB = "0f3c2a11d6e84b7fa5e0c1d2b3a49f70"
)

// clock is a settable clock shared by the check and the test server.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock(t time.Time) *clock { return &clock{now: t} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

// run runs a fresh check in-process.
func run(t *testing.T, now func() time.Time, args ...string) (int, string) {
	t.Helper()
	code, out, stderr := testutil.Run(t, webimrestart.New(), now, args...)
	testutil.AssertNoStderr(t, stderr)
	return code, out
}

var stateFileRE = regexp.MustCompile(`check_webim_restart-\S+\.json`)

// normalize makes output independent of the port and the temporary state
// directory, for goldens.
func normalize(out, url, stateDir string) string {
	if stateDir != "" {
		out = strings.ReplaceAll(out, stateDir, "$STATE_DIR")
	}
	out = strings.ReplaceAll(out, url, "http://SIM")
	out = strings.ReplaceAll(out, strings.TrimPrefix(url, "http://"), "SIM")
	return stateFileRE.ReplaceAllString(out, "check_webim_restart-SIM.json")
}

func TestGolden(t *testing.T) {
	srv := testutil.Simulator(t, testutil.Fixed(t0))
	tests := []struct {
		name     string
		scenario string
		args     []string
		code     int
	}{
		{"uptime-ok", "healthy", nil, 0},
		{"uptime-warning", "restart-recent", nil, 1},
		{"uptime-critical", "restart-recent", []string{"-c", "5m"}, 2},
		{"uptime-node", "restart-node", []string{"-w", "1h", "-c", "300"}, 2},
		{"uptime-clock-skew", "clock-skew", nil, 1},
		{"uptime-seed", "monitor-seed", []string{"--method", "uptime"}, 0},
		{"uptime-json", "restart-recent", []string{"--format", "json"}, 1},
		{"uptime-no-monitor", "no-monitor", []string{"--method", "uptime"}, 3},
		{"fallback-baseline", "no-monitor", nil, 0},
		{"fallback-no-start", "monitor-no-start", nil, 0},
		{"instance-baseline", "healthy", []string{"--method", "instance-id"}, 0},
		{"instance-id-garbage", "instance-id-garbage", nil, 3},
		{"bad-gateway-instance-id", "bad-gateway", []string{"--retries", "0", "--method", "instance-id"}, 2},
		{"login-page-instance-id", "login-page", []string{"--method", "instance-id"}, 3},
		{"bad-warning", "healthy", []string{"-w", "abc"}, 3},
		{"bad-method", "healthy", []string{"--method", "pid"}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			args := append(testutil.SimArgs(srv, tt.scenario, testutil.WebimLogin(), tt.args...), "--state-dir", dir)
			code, out := run(t, testutil.Fixed(t0), args...)
			assert.Equal(t, tt.code, code, out)
			testutil.Golden(t, "check_webim_restart/"+tt.name+".txt", []byte(normalize(out, srv.URL, dir)))
		})
	}
}

func TestHelp(t *testing.T) {
	code, out := run(t, testutil.Fixed(t0), "--help")
	assert.Equal(t, 3, code)
	for _, want := range []string{
		"--method=METHOD", "(default: auto)",
		"-w, --warning=DURATION", "(default: 15m)",
		"-c, --critical=DURATION",
		"--state-dir=DIR", "/var/tmp/webim-checks", "[$MP_STATE_PATH]",
		"[$WEBIM_USER]", "[$WEBIM_PASSWORD]",
	} {
		assert.Contains(t, out, want)
	}
}

func TestVerboseConfig(t *testing.T) {
	srv := startFake(t, &fake{monitorStatus: 200, monitorBody: monitorAt(t0.Add(-time.Hour))})
	for _, tt := range []struct {
		args []string
		want string
	}{
		{nil, "\nconfig: --warning=15m\n"},
		{[]string{"-c", "5m"}, "\nconfig: --critical=5m\n"},
	} {
		code, out := run(t, testutil.Fixed(t0), append([]string{"-H", srv.URL, "-vv"}, tt.args...)...)
		assert.Equal(t, 0, code, out)
		assert.Contains(t, out, tt.want)
		assert.NotContains(t, out, "internal error")
	}
}

// fake is a Webim server whose answers the test sets.
type fake struct {
	mu            sync.Mutex
	monitorStatus int
	monitorBody   string
	id            string
	idStatus      int
	idRequests    int
}

func (f *fake) set(fn func(f *fake)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fn(f)
}

func (f *fake) requests() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.idRequests
}

func startFake(t *testing.T, f *fake) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		defer f.mu.Unlock()
		switch r.URL.Path {
		case "/l/a/monitor":
			st := f.monitorStatus
			if st == 0 {
				st = http.StatusNotFound
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(st)
			fmt.Fprint(w, f.monitorBody)
		case "/l/i/instance-id":
			f.idRequests++
			st := f.idStatus
			if st == 0 {
				st = http.StatusOK
			}
			w.Header().Set("Content-Type", "text/html; charset=UTF-8")
			w.WriteHeader(st)
			fmt.Fprint(w, f.id)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func monitorAt(start time.Time) string { return string(sim.MonitorBody(start, "")) }

func TestUptimeBoundaries(t *testing.T) {
	tests := []struct {
		name   string
		uptime time.Duration // negative: start time in the future
		args   []string
		code   int
		want   string // start of the summary
		perf   string
	}{
		{"just under -w", 899*time.Second + 999*time.Millisecond, nil, 1, "Chat Backend restarted 14m59s ago", "uptime=899s;900:;;0"},
		{"at -w", 900 * time.Second, nil, 0, "Chat Backend up 15m since", "uptime=900s;900:;;0"},
		{"over -w", 900*time.Second + 500*time.Millisecond, nil, 0, "Chat Backend up 15m since", "uptime=900s;900:;;0"},
		{"-w in seconds", 899 * time.Second, []string{"-w", "900"}, 1, "Chat Backend restarted 14m59s ago", "uptime=899s;900:;;0"},
		{"-w 1h30m", 89 * time.Minute, []string{"-w", "1h30m"}, 1, "Chat Backend restarted 1h29m ago", "uptime=5340s;5400:;;0"},
		{"just under -c", 299 * time.Second, []string{"-c", "5m"}, 2, "Chat Backend restarted 4m59s ago", "uptime=299s;900:;300:;0"},
		{"at -c", 300 * time.Second, []string{"-c", "5m"}, 1, "Chat Backend restarted 5m ago", "uptime=300s;900:;300:;0"},
		{"-c longer than -w", 20 * time.Minute, []string{"-c", "1h"}, 2, "Chat Backend restarted 20m ago", "uptime=1200s;900:;3600:;0"},
		{"-w 0", 1 * time.Second, []string{"-w", "0"}, 0, "Chat Backend up 1s since", "uptime=1s;;;0"},
		{"-w 0 -c 0", 1 * time.Second, []string{"-w", "0", "-c", "0"}, 0, "Chat Backend up 1s since", "uptime=1s;;;0"},
		{"now", 0, nil, 1, "Chat Backend restarted just now", "uptime=0s;900:;;0"},
		{"half a second ahead", -500 * time.Millisecond, nil, 1, "Chat Backend restarted just now", "uptime=0s;900:;;0"},
		{"clock skew", -10 * time.Minute, nil, 1, "Chat Backend start time 2026-11-23 18:10:13 UTC is 10m in the future (clock skew between this host and the server?)", "uptime=0s;900:;;0"},
		{"clock skew, -w 0", -10 * time.Minute, []string{"-w", "0"}, 0, "Chat Backend start time 2026-11-23 18:10:13 UTC is 10m in the future", "uptime=0s;;;0"},
		{"years", 2*365*24*time.Hour + 3*time.Hour, nil, 0, "Chat Backend up 730d3h since 2024-11-23 15:00:13 UTC", "uptime=63082800s;900:;;0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fake{monitorStatus: 200, monitorBody: monitorAt(t0.Add(-tt.uptime))}
			srv := startFake(t, f)
			code, out := run(t, testutil.Fixed(t0), append([]string{"-H", srv.URL, "--state-dir", t.TempDir()}, tt.args...)...)
			assert.Equal(t, tt.code, code, out)
			first, _, _ := strings.Cut(out, "\n")
			assert.True(t, strings.HasPrefix(first, "WEBIM RESTART "+[]string{"OK", "WARNING", "CRITICAL", "UNKNOWN"}[tt.code]+" - "), first)
			assert.Contains(t, first, " - "+tt.want, first)
			assert.Contains(t, first, "| "+tt.perf+" time=0s;;;0", first)
			assert.Zero(t, f.requests(), "the uptime method does not ask for the instance id")
		})
	}
}

// TestAutoFallback: which answers of /l/a/monitor make --method auto
// compare the instance id, and which are reported.
func TestAutoFallback(t *testing.T) {
	tests := []struct {
		name     string
		status   int
		body     string
		code     int
		want     string
		fallback bool
	}{
		{"404", 404, "<html><title>404: Not Found</title><body>404: Not Found</body></html>", 0, "Chat Backend instance id " + idA + "; baseline recorded", true},
		{"no mainInfo", 200, `{"host": "wmtest107.webim.ru"}`, 0, "Chat Backend instance id " + idA + "; baseline recorded", true},
		{"mainInfo null", 200, `{"mainInfo": null}`, 0, "Chat Backend instance id " + idA + "; baseline recorded", true},
		{"no startTs", 200, `{"mainInfo": {"env": "wmtest107", "version": "10.7.134"}}`, 0, "Chat Backend instance id " + idA + "; baseline recorded", true},
		{"startTs", 200, monitorAt(t0.Add(-time.Hour)), 0, "Chat Backend up 1h since", false},
		{"401", 401, `{"error": "unauthorized"}`, 3, "authentication failed (HTTP 401); no service login given", false},
		{"403", 403, `forbidden`, 3, "authentication failed (HTTP 403)", false},
		{"500", 500, `{"error": "boom"}`, 2, "GET /l/a/monitor: HTTP 500 Internal Server Error", false},
		{"503", 503, `down`, 2, "GET /l/a/monitor: HTTP 503 Service Unavailable", false},
		{"400", 400, `bad`, 3, "GET /l/a/monitor: HTTP 400 Bad Request", false},
		{"HTML page", 200, `<!DOCTYPE html><html><head><title>Sign in</title></head><body></body></html>`, 3, `monitor: expected a JSON object with mainInfo, got an HTML page titled "Sign in"`, false},
		{"broken JSON", 200, `{"mainInfo": {"startTs": 17595`, 3, "monitor: expected a JSON object with mainInfo", false},
		{"startTs not a number", 200, `{"mainInfo": {"startTs": "yesterday"}}`, 3, "field mainInfo.startTs is a JSON string", false},
		{"startTs in milliseconds", 200, `{"mainInfo": {"startTs": 1759500493748}}`, 3, "monitor: mainInfo.startTs 1759500493748 is not a Unix time in seconds", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fake{monitorStatus: tt.status, monitorBody: tt.body, id: idA + "\n"}
			srv := startFake(t, f)
			code, out := run(t, testutil.Fixed(t0), "-H", srv.URL, "--state-dir", t.TempDir(), "--retries", "0")
			assert.Equal(t, tt.code, code, out)
			assert.Contains(t, testutil.URLless(out), tt.want)
			if tt.fallback {
				assert.Equal(t, 1, f.requests(), "asked for the instance id")
				assert.Contains(t, out, "\ncompared the instance id because ")
			} else {
				assert.Zero(t, f.requests(), "did not fall back")
			}
		})
	}
}

// TestAutoFallbackInstanceIDFails: when the fallback fails too, the error
// says why the instance id was asked for.
func TestAutoFallbackInstanceIDFails(t *testing.T) {
	f := &fake{monitorStatus: 404, idStatus: 404, id: "no such page"}
	srv := startFake(t, f)
	code, out := run(t, testutil.Fixed(t0), "-H", srv.URL, "--state-dir", t.TempDir())
	assert.Equal(t, 3, code)
	assert.Equal(t, `WEBIM RESTART UNKNOWN - GET /l/i/instance-id: HTTP 404 Not Found (an HTML page) (compared the instance id because GET /l/a/monitor: HTTP 404 Not Found: the server does not report the backend start time)`+"\n", testutil.URLless(out))
}

// step is one run in a sequence against one state directory.
type step struct {
	name   string
	at     time.Duration // after t0
	id     string
	args   []string
	code   int
	want   string // the first line after the state word, up to " | "
	golden string // golden file of the whole output, if any
}

func runSteps(t *testing.T, steps []step) {
	t.Helper()
	clk := newClock(t0)
	f := &fake{}
	srv := startFake(t, f)
	dir := t.TempDir()
	for _, s := range steps {
		// sequential on purpose: each step reads the state of the one before
		t.Run(s.name, func(t *testing.T) {
			clk.Set(t0.Add(s.at))
			f.set(func(f *fake) { f.id = s.id })
			args := append([]string{"-H", srv.URL, "--method", "instance-id", "--state-dir", dir}, s.args...)
			code, out := run(t, clk.Now, args...)
			assert.Equal(t, s.code, code, out)
			first, _, _ := strings.Cut(out, "\n")
			summary, _, _ := strings.Cut(first, " | ")
			assert.Equal(t, s.want, summary)
			if s.golden != "" {
				testutil.Golden(t, "check_webim_restart/"+s.golden+".txt", []byte(normalize(out, srv.URL, dir)))
			}
		})
	}
}

func TestInstanceRestartHeldThenReleased(t *testing.T) {
	runSteps(t, []step{
		{"first run", 0, idA, nil, 0, "WEBIM RESTART OK - Chat Backend instance id " + idA + "; baseline recorded", ""},
		{"unchanged", time.Minute, idA, nil, 0, "WEBIM RESTART OK - Chat Backend instance id " + idA + ", no restart seen since 2026-11-23 18:00:13 UTC (1m ago)", "instance-unchanged"},
		{"changed", 2 * time.Minute, idB, nil, 1, "WEBIM RESTART WARNING - Chat Backend restarted: instance id changed from " + idA + " to " + idB, "instance-changed"},
		{"held", 2*time.Minute + 14*time.Minute + 59*time.Second, idB, nil, 1, "WEBIM RESTART WARNING - Chat Backend restarted: instance id changed from " + idA + " to " + idB + ", first seen 14m59s ago (2026-11-23 18:02:13 UTC)", "instance-held"},
		{"released after -w", 2*time.Minute + 15*time.Minute, idB, nil, 0, "WEBIM RESTART OK - Chat Backend instance id " + idB + ", no restart seen since 2026-11-23 18:02:13 UTC (15m ago)", "instance-released"},
		{"still released", 3 * time.Hour, idB, nil, 0, "WEBIM RESTART OK - Chat Backend instance id " + idB + ", no restart seen since 2026-11-23 18:02:13 UTC (2h58m ago)", ""},
		{"changed back", 4 * time.Hour, idA, nil, 1, "WEBIM RESTART WARNING - Chat Backend restarted: instance id changed from " + idB + " to " + idA, ""},
	})
}

func TestInstanceReportedOnceWithW0(t *testing.T) {
	runSteps(t, []step{
		{"first run", 0, idA, []string{"-w", "0"}, 0, "WEBIM RESTART OK - Chat Backend instance id " + idA + "; baseline recorded", ""},
		{"changed", time.Minute, idB, []string{"-w", "0"}, 1, "WEBIM RESTART WARNING - Chat Backend restarted: instance id changed from " + idA + " to " + idB, "instance-once"},
		{"next run, same instant", time.Minute, idB, []string{"-w", "0"}, 0, "WEBIM RESTART OK - Chat Backend instance id " + idB + ", no restart seen since 2026-11-23 18:01:13 UTC (just now)", ""},
		{"next run", 2 * time.Minute, idB, []string{"-w", "0"}, 0, "WEBIM RESTART OK - Chat Backend instance id " + idB + ", no restart seen since 2026-11-23 18:01:13 UTC (1m ago)", ""},
	})
}

func TestInstanceCritical(t *testing.T) {
	args := []string{"-w", "15m", "-c", "5m"}
	changed := "Chat Backend restarted: instance id changed from " + idA + " to " + idB
	runSteps(t, []step{
		{"first run", 0, idA, args, 0, "WEBIM RESTART OK - Chat Backend instance id " + idA + "; baseline recorded", ""},
		{"changed", time.Minute, idB, args, 2, "WEBIM RESTART CRITICAL - " + changed, "instance-critical"},
		{"within -c", time.Minute + 4*time.Minute + 59*time.Second, idB, args, 2, "WEBIM RESTART CRITICAL - " + changed + ", first seen 4m59s ago (2026-11-23 18:01:13 UTC)", ""},
		{"after -c, within -w", time.Minute + 5*time.Minute, idB, args, 1, "WEBIM RESTART WARNING - " + changed + ", first seen 5m ago (2026-11-23 18:01:13 UTC)", ""},
		{"after -w", time.Minute + 15*time.Minute, idB, args, 0, "WEBIM RESTART OK - Chat Backend instance id " + idB + ", no restart seen since 2026-11-23 18:01:13 UTC (15m ago)", ""},
	})
	runSteps(t, []step{
		{"first run", 0, idA, []string{"-w", "0", "-c", "0"}, 0, "WEBIM RESTART OK - Chat Backend instance id " + idA + "; baseline recorded", ""},
		{"changed: critical once", time.Minute, idB, []string{"-w", "0", "-c", "0"}, 2, "WEBIM RESTART CRITICAL - " + changed, ""},
		{"next run", 2 * time.Minute, idB, []string{"-w", "0", "-c", "0"}, 0, "WEBIM RESTART OK - Chat Backend instance id " + idB + ", no restart seen since 2026-11-23 18:01:13 UTC (1m ago)", ""},
	})
}

func TestInstanceClockWentBack(t *testing.T) {
	runSteps(t, []step{
		{"first run", time.Hour, idA, nil, 0, "WEBIM RESTART OK - Chat Backend instance id " + idA + "; baseline recorded", ""},
		{"changed", time.Hour + time.Minute, idB, nil, 1, "WEBIM RESTART WARNING - Chat Backend restarted: instance id changed from " + idA + " to " + idB, ""},
		// the clock is set back a day: hold for -w from now, not a day
		{"clock back", -24 * time.Hour, idB, nil, 1, "WEBIM RESTART WARNING - Chat Backend restarted: instance id changed from " + idA + " to " + idB + ", first seen just now (2026-11-22 18:00:13 UTC)", ""},
		{"released", -24*time.Hour + 15*time.Minute, idB, nil, 0, "WEBIM RESTART OK - Chat Backend instance id " + idB + ", no restart seen since 2026-11-22 18:00:13 UTC (15m ago)", ""},
	})
}

// stateFiles returns the state files (not the lock files) in dir.
func stateFiles(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	require.NoError(t, err)
	return files
}

func TestCorruptStateFile(t *testing.T) {
	tests := []struct {
		name    string
		content string
		reason  string
	}{
		{"garbage", "\x00garbage", "invalid JSON at byte 1"},
		{"empty", "", "empty file"},
		{"truncated", `{"schema": 1, "key": {"check": "check_webim_restart"`, "truncated JSON"},
		{"other schema", `{"schema": 2, "data": {}}`, "schema version 2, this version reads 1"},
		{"bad id", "", "no valid instance id in it"}, // filled in below
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fake{id: idA}
			srv := startFake(t, f)
			dir := t.TempDir()
			args := []string{"-H", srv.URL, "--method", "instance-id", "--state-dir", dir}
			code, _ := run(t, testutil.Fixed(t0), args...)
			require.Equal(t, 0, code)
			files := stateFiles(t, dir)
			require.Len(t, files, 1)
			content := tt.content
			if tt.name == "bad id" {
				b, err := os.ReadFile(files[0])
				require.NoError(t, err)
				content = strings.Replace(string(b), idA, "../../etc/passwd", 1)
			}
			require.NoError(t, os.WriteFile(files[0], []byte(content), 0o600))

			code, out := run(t, testutil.Fixed(t0.Add(time.Minute)), args...)
			assert.Equal(t, 0, code, out)
			assert.True(t, strings.HasPrefix(out, "WEBIM RESTART OK - Chat Backend instance id "+idA+"; fresh baseline recorded: the state file was corrupt ("+tt.reason+") | "), out)
			if tt.name == "garbage" {
				testutil.Golden(t, "check_webim_restart/instance-corrupt.txt", []byte(normalize(out, srv.URL, dir)))
			}
			// the fresh baseline is used by the next run
			code, out = run(t, testutil.Fixed(t0.Add(2*time.Minute)), args...)
			assert.Equal(t, 0, code, out)
			assert.True(t, strings.HasPrefix(out, "WEBIM RESTART OK - Chat Backend instance id "+idA+", no restart seen since 2026-11-23 18:01:13 UTC (1m ago)"), out)
		})
	}
}

func TestUnwritableStateDirectory(t *testing.T) {
	// tests run as root, who may write anywhere: a path under a regular
	// file cannot be a directory for anyone
	base := t.TempDir()
	file := filepath.Join(base, "file")
	require.NoError(t, os.WriteFile(file, nil, 0o600))
	dir := filepath.Join(file, "sub")
	f := &fake{id: idA}
	srv := startFake(t, f)
	code, out := run(t, testutil.Fixed(t0), "-H", srv.URL, "--method", "instance-id", "--state-dir", dir)
	assert.Equal(t, 3, code)
	assert.Equal(t, "WEBIM RESTART UNKNOWN - cannot use state directory "+dir+": not a directory (set --state-dir or MP_STATE_PATH to a writable directory)\n", out)
	testutil.Golden(t, "check_webim_restart/state-unwritable.txt", []byte(normalize(out, srv.URL, base)))

	// nor when --method auto falls back to the instance id
	code, out = run(t, testutil.Fixed(t0), "-H", srv.URL, "--state-dir", dir)
	assert.Equal(t, 3, code)
	assert.Equal(t, "WEBIM RESTART UNKNOWN - cannot use state directory "+dir+": not a directory (set --state-dir or MP_STATE_PATH to a writable directory)\n", out)

	// the uptime method does not use the state directory
	f.set(func(f *fake) { f.monitorStatus, f.monitorBody = 200, monitorAt(t0.Add(-time.Hour)) })
	code, out = run(t, testutil.Fixed(t0), "-H", srv.URL, "--state-dir", dir)
	assert.Equal(t, 0, code, out)
}

func TestStateFileModeAndContent(t *testing.T) {
	f := &fake{id: idA}
	srv := startFake(t, f)
	dir := filepath.Join(t.TempDir(), "new", "state")
	code, out := run(t, testutil.Fixed(t0), "-H", srv.URL, "--method", "instance-id", "--state-dir", dir)
	require.Equal(t, 0, code, out)
	fi, err := os.Stat(dir)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o700), fi.Mode().Perm(), "directory created 0700")
	files := stateFiles(t, dir)
	require.Len(t, files, 1)
	for _, p := range []string{files[0], files[0] + ".lock"} {
		fi, err := os.Stat(p)
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm(), p)
	}
	b, err := os.ReadFile(files[0])
	require.NoError(t, err)
	var got struct {
		Schema int `json:"schema"`
		Key    struct {
			Check string   `json:"check"`
			Host  string   `json:"host"`
			Args  []string `json:"args"`
		} `json:"key"`
		Data struct {
			ID    string    `json:"id"`
			Since time.Time `json:"since"`
		} `json:"data"`
	}
	require.NoError(t, json.Unmarshal(b, &got), "%s", b)
	assert.Equal(t, 1, got.Schema)
	assert.Equal(t, "check_webim_restart", got.Key.Check)
	assert.Equal(t, srv.URL, got.Key.Host)
	assert.Equal(t, []string{"method=instance-id"}, got.Key.Args)
	assert.Equal(t, idA, got.Data.ID)
	assert.Equal(t, t0, got.Data.Since)
}

func TestStateEnvironmentVariable(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("MP_STATE_PATH", dir)
	srv := startFake(t, &fake{id: idA})
	code, out := run(t, testutil.Fixed(t0), "-H", srv.URL, "--method", "instance-id")
	require.Equal(t, 0, code, out)
	assert.Len(t, stateFiles(t, dir), 1)
	assert.Contains(t, out, "\nstate file: "+dir+"/check_webim_restart-127.0.0.1_")
}

// TestStateKey: auto (falling back) and --method instance-id share one
// baseline for a host; another host, or another prefix, has its own.
func TestStateKey(t *testing.T) {
	srv := testutil.Simulator(t, testutil.Fixed(t0))
	dir := t.TempDir()
	code, out := run(t, testutil.Fixed(t0), testutil.SimArgs(srv, "no-monitor", testutil.WebimLogin(), "--state-dir", dir)...)
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, "baseline recorded")
	code, out = run(t, testutil.Fixed(t0), testutil.SimArgs(srv, "no-monitor", testutil.WebimLogin(), "--state-dir", dir, "--method", "instance-id")...)
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, "no restart seen since")
	code, out = run(t, testutil.Fixed(t0), testutil.SimArgs(srv, "healthy", testutil.WebimLogin(), "--state-dir", dir, "--method", "instance-id")...)
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, "baseline recorded", "another prefix is another host")
	assert.Len(t, stateFiles(t, dir), 2)
}

// TestNotSavedOnFailure: a run that cannot judge leaves the state alone.
func TestNotSavedOnFailure(t *testing.T) {
	f := &fake{id: idA}
	srv := startFake(t, f)
	dir := t.TempDir()
	args := []string{"-H", srv.URL, "--method", "instance-id", "--state-dir", dir, "--retries", "0"}
	code, _ := run(t, testutil.Fixed(t0), args...)
	require.Equal(t, 0, code)
	files := stateFiles(t, dir)
	require.Len(t, files, 1)
	before, err := os.ReadFile(files[0])
	require.NoError(t, err)

	for _, bad := range []struct {
		status int
		body   string
		code   int
	}{{502, "<html><title>502 Bad Gateway</title></html>", 2}, {401, "no", 3}, {200, "<html><title>Login</title></html>", 3}, {200, "not an id", 3}} {
		f.set(func(f *fake) { f.idStatus, f.id = bad.status, bad.body })
		code, out := run(t, testutil.Fixed(t0.Add(time.Minute)), args...)
		assert.Equal(t, bad.code, code, out)
		after, err := os.ReadFile(files[0])
		require.NoError(t, err)
		assert.Equal(t, string(before), string(after), "state untouched after %d %q", bad.status, bad.body)
	}

	// nothing is created when the first run fails
	empty := filepath.Join(t.TempDir(), "state")
	code, _ = run(t, testutil.Fixed(t0), "-H", srv.URL, "--method", "instance-id", "--state-dir", empty, "--retries", "0")
	assert.Equal(t, 3, code)
	assert.NoDirExists(t, empty)
}

// TestParallelRunsAgreeOnOneBaseline: 20 runs at once against one state
// directory and an unchanging id: exactly one records the baseline, the
// others see it, and the file is valid JSON afterwards.
func TestParallelRunsAgreeOnOneBaseline(t *testing.T) {
	srv := testutil.Simulator(t, testutil.Fixed(t0))
	dir := t.TempDir()
	outs := parallelRuns(t, 20, testutil.SimArgs(srv, "healthy", testutil.WebimLogin(), "--method", "instance-id", "--state-dir", dir))
	baselines := 0
	for _, o := range outs {
		require.Equal(t, 0, o.code, o.out)
		switch {
		case strings.Contains(o.out, "; baseline recorded"):
			baselines++
		default:
			assert.Contains(t, o.out, "WEBIM RESTART OK - Chat Backend instance id "+sim.WebimInstanceID+", no restart seen since 2026-11-23 18:00:13 UTC")
		}
	}
	assert.Equal(t, 1, baselines, "one baseline")
	assertValidState(t, dir, sim.WebimInstanceID)
}

// TestParallelRunsLoseNoChange: 20 runs at once, each getting a new id.
// With the lock held from read to write every run compares with the id
// the run before it saved: the changes form one chain through all ids,
// from the one baseline to the id left in the file.
func TestParallelRunsLoseNoChange(t *testing.T) {
	srv := testutil.Simulator(t, testutil.Fixed(t0))
	dir := t.TempDir()
	const n = 20
	outs := parallelRuns(t, n, testutil.SimArgs(srv, "instance-changes", testutil.WebimLogin(), "--state-dir", dir))
	baselineRE := regexp.MustCompile(`instance id ([0-9a-f]{32}); baseline recorded`)
	changeRE := regexp.MustCompile(`instance id changed from ([0-9a-f]{32}) to ([0-9a-f]{32})`)
	next := map[string]string{}
	first := ""
	for _, o := range outs {
		if m := baselineRE.FindStringSubmatch(o.out); m != nil {
			require.Empty(t, first, "one baseline")
			require.Equal(t, 0, o.code, o.out)
			first = m[1]
			continue
		}
		m := changeRE.FindStringSubmatch(o.out)
		require.NotNil(t, m, o.out)
		require.Equal(t, 1, o.code, o.out)
		_, dup := next[m[1]]
		require.False(t, dup, "two runs compared with %s", m[1])
		next[m[1]] = m[2]
	}
	require.NotEmpty(t, first)
	seen := map[string]bool{first: true}
	last := first
	for id, ok := next[last]; ok; id, ok = next[last] {
		require.False(t, seen[id], "a loop at %s", id)
		seen[id] = true
		last = id
	}
	assert.Len(t, seen, n, "every id is in the chain")
	assertValidState(t, dir, last)
}

type outcome struct {
	code int
	out  string
}

func parallelRuns(t *testing.T, n int, args []string) []outcome {
	t.Helper()
	outs := make([]outcome, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			code, out, _ := testutil.Run(t, webimrestart.New(), testutil.Fixed(t0), args...)
			outs[i] = outcome{code, out}
		}()
	}
	close(start)
	wg.Wait()
	return outs
}

func assertValidState(t *testing.T, dir, id string) {
	t.Helper()
	files := stateFiles(t, dir)
	require.Len(t, files, 1, "one state file")
	b, err := os.ReadFile(files[0])
	require.NoError(t, err)
	require.True(t, json.Valid(b), "valid JSON: %s", b)
	var got struct {
		Data struct {
			ID string `json:"id"`
		} `json:"data"`
	}
	require.NoError(t, json.Unmarshal(b, &got))
	assert.Equal(t, id, got.Data.ID)
	left, _ := filepath.Glob(filepath.Join(dir, "*.tmp-*"))
	assert.Empty(t, left, "no temporary file left")
}
