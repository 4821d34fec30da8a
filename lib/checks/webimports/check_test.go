package webimports_test

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/checks/webimports"
	"github.com/ccmon/webim-checks/lib/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// t0 is the fixed "now" of the tests.
var t0 = time.Date(2026, 11, 23, 18, 0, 13, 0, time.UTC)

func run(t *testing.T, now time.Time, args ...string) (int, string) {
	return testutil.RunClean(t, webimports.New(), now, args...)
}

func TestGolden(t *testing.T) {
	tests := []testutil.Case{
		{Name: "seed-baseline", Path: "/healthy", Code: 0, State: true},
		{Name: "fewer-than-min", Path: "/ports-fewer", Args: []string{"--min-ports", "13"}, Code: 2, State: true},
		{Name: "fewer-min-default", Path: "/ports-fewer", Code: 0, State: true},
		{Name: "empty", Path: "/ports-empty", Code: 2, State: true},
		{Name: "empty-min-0", Path: "/ports-empty", Args: []string{"--min-ports", "0"}, Code: 0, State: true},
		{Name: "numbers", Path: "/ports-numbers", Code: 0, State: true},
		{Name: "bad-port", Path: "/ports-bad", Code: 3, State: true},
		{Name: "object", Path: "/ports-object", Code: 3, State: true},
		{Name: "login-page", Path: "/login-page", Code: 3, State: true},
		{Name: "format-json", Path: "/ports-fewer", Args: []string{"--min-ports", "13", "--format", "json"}, Code: 2, State: true},
		{Name: "bad-min-ports", Path: "/healthy", Args: []string{"--min-ports", "-1"}, Code: 3, State: true},
		{Name: "bad-hold", Path: "/healthy", Args: []string{"--hold", "soon"}, Code: 3, State: true},
	}
	testutil.RunSimCases(t, webimports.New, testutil.WebimLogin(), t0, tests)
}

// fake serves get-tornado-ports.php with a list the test sets.
type fake struct {
	mu    sync.Mutex
	ports []string
}

func (f *fake) set(ports ...string) {
	f.mu.Lock()
	f.ports = ports
	f.mu.Unlock()
}

func startFake(t *testing.T, f *fake) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		defer f.mu.Unlock()
		if r.URL.Path != "/webim/service/monitor/get-tornado-ports.php" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		q := make([]string, len(f.ports))
		for i, p := range f.ports {
			q[i] = strconv.Quote(p)
		}
		fmt.Fprintf(w, "[%s]", strings.Join(q, ", "))
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestChanges walks one state file through a baseline, a change, the hold
// and its end.
func TestChanges(t *testing.T) {
	f := &fake{}
	url := startFake(t, f)
	// answer makes a step's server list ports.
	answer := func(ports ...string) func() { return func() { f.set(ports...) } }
	steps := []testutil.Step{
		{Name: "baseline", Set: answer("8364", "8366", "8378"), Code: 0},
		{Name: "unchanged", Set: answer("8378", "8366", "8364"), At: time.Minute, Code: 0},
		{Name: "one-gone-one-new", Set: answer("8366", "8378", "8390"), At: 2 * time.Minute, Code: 1},
		{Name: "held", Set: answer("8366", "8378", "8390"), At: 12 * time.Minute, Code: 1},
		{Name: "hold-over", Set: answer("8366", "8378", "8390"), At: 17*time.Minute + time.Second, Code: 0},
		{Name: "gone-hold-0", Set: answer("8366"), At: 20 * time.Minute, Args: []string{"--hold", "0"}, Code: 1},
		{Name: "after-hold-0", Set: answer("8366"), At: 21 * time.Minute, Args: []string{"--hold", "0"}, Code: 0},
		{Name: "clock-back-change", Set: answer("8366", "8400"), At: -time.Hour, Code: 1},
		{Name: "clock-back-held", Set: answer("8366", "8400"), At: -time.Hour + 5*time.Minute, Code: 1},
		{Name: "clock-back-again", Set: answer("8366", "8400"), At: -2 * time.Hour, Code: 1},
	}
	testutil.RunSteps(t, webimports.New, url, []string{"-U", "monitor", "-P", "ports-pw"}, t0, "change-", steps)
}

func TestCorruptState(t *testing.T) {
	f := &fake{}
	f.set("8364")
	url := startFake(t, f)
	dir := t.TempDir()
	args := []string{"-H", url, "--state-dir", dir, "-U", "monitor", "-P", "ports-pw"}
	code, out := run(t, t0, args...)
	require.Equal(t, 0, code, out)
	files, err := filepath.Glob(filepath.Join(dir, "check_webim_ports-*.json"))
	require.NoError(t, err)
	require.Len(t, files, 1)
	require.NoError(t, os.WriteFile(files[0], []byte("{broken"), 0o600))
	code, out = run(t, t0.Add(time.Minute), args...)
	assert.Equal(t, 0, code, out)
	assert.Contains(t, testutil.FirstLine(out), "; fresh baseline recorded: the state file was corrupt")
}

func TestUnusableStateDir(t *testing.T) {
	f := &fake{}
	f.set("8364")
	url := startFake(t, f)
	code, out := run(t, t0, "-H", url, "--state-dir", "/dev/null/sub", "-U", "monitor", "-P", "ports-pw")
	assert.Equal(t, 3, code, out)
	assert.Contains(t, out, "cannot use state directory /dev/null/sub")
}

// listeners opens n loopback listeners that accept and close connections,
// and returns their ports.
func listeners(t *testing.T, n int) []string {
	t.Helper()
	var ports []string
	for range n {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		t.Cleanup(func() { ln.Close() })
		go func() {
			for {
				c, err := ln.Accept()
				if err != nil {
					return
				}
				c.Close()
			}
		}()
		_, p, _ := net.SplitHostPort(ln.Addr().String())
		ports = append(ports, p)
	}
	return ports
}

func refusedPort(t *testing.T) string {
	_, p, err := net.SplitHostPort(testutil.RefusedAddr(t))
	require.NoError(t, err)
	return p
}

func TestConnect(t *testing.T) {
	open := listeners(t, 3)
	refused := refusedPort(t)
	refused2 := refusedPort(t)
	tests := []struct {
		name  string
		ports []string
		args  []string
		code  int
		want  string
	}{
		{"all accept", open, nil, 0, "all 3 accept connections on 127.0.0.1"},
		{"one accepts", open[:1], nil, 0, "it accepts connections on 127.0.0.1"},
		{"one refuses", append([]string{refused}, open...), nil, 2, "port " + refused + " refuses connections on 127.0.0.1 (1 of 4)"},
		{"two refuse", append([]string{refused, refused2}, open[0]), nil, 2, "do not accept connections on 127.0.0.1 (2 of 3)"},
		{"connect host", open, []string{"--connect-host", "127.0.0.1"}, 0, "all 3 accept connections on 127.0.0.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &fake{}
			f.set(tt.ports...)
			url := startFake(t, f)
			args := append([]string{"-H", url, "--state-dir", t.TempDir(), "-U", "monitor", "-P", "ports-pw", "--connect"}, tt.args...)
			code, out := run(t, t0, args...)
			assert.Equal(t, tt.code, code, out)
			assert.Contains(t, testutil.FirstLine(out), tt.want)
			if code == 2 {
				assert.Contains(t, out, "\nport "+refused+" on 127.0.0.1 refuses connections\n", "long output names each port")
			}
		})
	}
}

// TestConnectWithinDeadline: a host that never answers the TCP handshake
// ends with -t, naming the step.
func TestConnectWithinDeadline(t *testing.T) {
	f := &fake{}
	f.set("8364")
	url := startFake(t, f)
	done := testutil.Within(t, 1500*time.Millisecond)
	// 192.0.2.0/24 is TEST-NET-1: never routed, so the connection hangs or
	// fails at once, whichever the network of the test does
	code, out := run(t, t0, "-H", url, "--state-dir", t.TempDir(), "-U", "monitor", "-P", "ports-pw", "--connect", "--connect-host", "192.0.2.1", "-t", "1")
	done()
	assert.Equal(t, 2, code, out)
}
