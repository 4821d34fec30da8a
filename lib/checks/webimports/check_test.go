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

// normalize makes output independent of the port and the state directory.
func normalize(out, url, dir string) string {
	return testutil.Stateless(out, url, dir, "check_webim_ports")
}

func run(t *testing.T, now time.Time, args ...string) (int, string) {
	return testutil.RunClean(t, webimports.New(), now, args...)
}

func TestGolden(t *testing.T) {
	srv := testutil.Simulator(t, testutil.Fixed(t0))
	tests := []struct {
		name     string
		scenario string
		args     []string
		code     int
	}{
		{"seed-baseline", "healthy", nil, 0},
		{"fewer-than-min", "ports-fewer", []string{"--min-ports", "13"}, 2},
		{"fewer-min-default", "ports-fewer", nil, 0},
		{"empty", "ports-empty", nil, 2},
		{"empty-min-0", "ports-empty", []string{"--min-ports", "0"}, 0},
		{"numbers", "ports-numbers", nil, 0},
		{"bad-port", "ports-bad", nil, 3},
		{"object", "ports-object", nil, 3},
		{"login-page", "login-page", nil, 3},
		{"format-json", "ports-fewer", []string{"--min-ports", "13", "--format", "json"}, 2},
		{"bad-min-ports", "healthy", []string{"--min-ports", "-1"}, 3},
		{"bad-hold", "healthy", []string{"--hold", "soon"}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			args := append(testutil.SimArgs(srv, tt.scenario, testutil.WebimLogin(), tt.args...), "--state-dir", dir)
			code, out := run(t, t0, args...)
			assert.Equal(t, tt.code, code, out)
			testutil.Golden(t, "check_webim_ports/"+tt.name+".txt", []byte(normalize(out, srv.URL, dir)))
		})
	}
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
	dir := t.TempDir()
	args := func(extra ...string) []string {
		return append([]string{"-H", url, "--state-dir", dir, "-U", "monitor", "-P", "ports-pw"}, extra...)
	}
	steps := []struct {
		name  string
		ports []string
		at    time.Duration
		extra []string
		code  int
	}{
		{"baseline", []string{"8364", "8366", "8378"}, 0, nil, 0},
		{"unchanged", []string{"8378", "8366", "8364"}, time.Minute, nil, 0},
		{"one-gone-one-new", []string{"8366", "8378", "8390"}, 2 * time.Minute, nil, 1},
		{"held", []string{"8366", "8378", "8390"}, 12 * time.Minute, nil, 1},
		{"hold-over", []string{"8366", "8378", "8390"}, 17*time.Minute + time.Second, nil, 0},
		{"gone-hold-0", []string{"8366"}, 20 * time.Minute, []string{"--hold", "0"}, 1},
		{"after-hold-0", []string{"8366"}, 21 * time.Minute, []string{"--hold", "0"}, 0},
		{"clock-back-change", []string{"8366", "8400"}, -time.Hour, nil, 1},
		{"clock-back-held", []string{"8366", "8400"}, -time.Hour + 5*time.Minute, nil, 1},
		{"clock-back-again", []string{"8366", "8400"}, -2 * time.Hour, nil, 1},
	}
	for _, s := range steps {
		f.set(s.ports...)
		code, out := run(t, t0.Add(s.at), args(s.extra...)...)
		assert.Equal(t, s.code, code, "%s:\n%s", s.name, out)
		testutil.Golden(t, "check_webim_ports/change-"+s.name+".txt", []byte(normalize(out, url, dir)))
	}
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
