package all_test

// The conformance suite against a hostile server (CONTRACT sections 1, 2,
// 5, 6, 7): every class of attack runs over every registered check, so
// that a new check inherits the tests by being registered.

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccmon/webim-checks/lib/checks/all"
	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// variants are the command lines each check is run with (besides -H):
// the default one, plus one per method that reads another endpoint.
var variants = map[string][][]string{
	"check_webim_restart": {nil, {"--method", "instance-id"}},
}

// runEvery runs every registered check in each of its variants against
// handler, with the simulator's credentials in the environment, and calls
// judge with the outputs.
func runEvery(t *testing.T, handler http.Handler, extra []string, judge func(t *testing.T, info plugin.Info, code int, stdout, stderr string)) {
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	runEveryAt(t, srv, "", extra, judge)
}

// runEveryAt is runEvery against the running server srv, under path.
func runEveryAt(t *testing.T, srv *httptest.Server, path string, extra []string, judge func(t *testing.T, info plugin.Info, code int, stdout, stderr string)) {
	for _, kv := range sim.Env() {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	t.Setenv("MP_STATE_PATH", t.TempDir())
	eachCheck(t, func(t *testing.T, name string, v []string) {
		args := append(append([]string{"-H", srv.URL + path}, v...), extra...)
		c := all.Checks()[name]()
		code, out, errb := testutil.Run(t, c, nil, args...)
		judge(t, c.Info(), code, out, errb)
	})
}

// eachCheck calls f in a subtest for every registered check and each of
// its variants.
func eachCheck(t *testing.T, f func(t *testing.T, name string, variant []string)) {
	for _, name := range all.Names() {
		vs := variants[name]
		if len(vs) == 0 {
			vs = [][]string{nil}
		}
		for _, v := range vs {
			t.Run(strings.Join(append([]string{name}, v...), " "), func(t *testing.T) { f(t, name, v) })
		}
	}
}

func simHandler(t *testing.T) http.Handler {
	return sim.New(os.DirFS(testutil.Path("")), nil).Handler("")
}

// TestHostileStatus: a healthy body under a status no endpoint documents
// (201, 204, 206, 299, 600) is UNKNOWN naming the status; never a panic,
// never an answer.
func TestHostileStatus(t *testing.T) {
	for _, st := range sim.HostileStatuses {
		t.Run(strconv.Itoa(st), func(t *testing.T) {
			h := sim.Hostile{Status: st}.Wrap(simHandler(t))
			runEvery(t, h, nil, func(t *testing.T, info plugin.Info, code int, out, _ string) {
				first := testutil.FirstLine(out)
				if info.StatusOnly && st >= 200 && st <= 299 {
					// any 2xx is the answer of a chat handler (CONTRACT section 6)
					assert.Equal(t, 0, code, out)
					return
				}
				assert.Equal(t, 3, code, out)
				assert.Contains(t, first, " UNKNOWN - ")
				want := "HTTP " + strconv.Itoa(st)
				if st > 599 {
					want = "not an HTTP status"
				}
				assert.Contains(t, first, want)
				assert.NotContains(t, first, "internal error")
			})
		})
	}
}

// TestHostileStatusInstanceID: an undocumented status between two ids
// neither corrupts the state nor hides the change.
func TestHostileStatusKeepsState(t *testing.T) {
	ids := []string{"aaaa0000", "", "bbbb1111"}
	statuses := []int{200, 204, 200}
	n := 0
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := min(n, len(ids)-1)
		n++
		w.WriteHeader(statuses[i])
		w.Write([]byte(ids[i]))
	})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	t.Setenv("MP_STATE_PATH", t.TempDir())
	var firsts []string
	var codes []int
	for range ids {
		code, out, _ := testutil.Run(t, all.Checks()["check_webim_restart"](), nil, "-H", srv.URL, "--method", "instance-id")
		firsts = append(firsts, testutil.FirstLine(out))
		codes = append(codes, code)
	}
	assert.Equal(t, []int{0, 3, 1}, codes, strings.Join(firsts, "\n"))
	assert.Contains(t, firsts[2], "changed from aaaa0000 to bbbb1111")
	assert.True(t, slices.ContainsFunc(firsts[1:2], func(s string) bool { return strings.Contains(s, "HTTP 204") }), firsts[1])
}

// quickScenarios are the simulator's scenarios that answer at once (no
// hang, trickle, huge body or delay), the ones worth poisoning.
func quickScenarios() []string {
	var out []string
	for _, sc := range sim.New(os.DirFS(testutil.Path("")), nil).Scenarios() {
		quick := true
		for _, a := range sc.Answers {
			if a.Behaviour != sim.Normal || a.Delay > 0 {
				quick = false
			}
		}
		if quick {
			out = append(out, sc.Name)
		}
	}
	return out
}

// TestHostileText: control characters of every class, a '|' and the
// credentials in every product text of every scenario. Whatever the check
// prints stays one first line with the right state word, no control
// character, no secret; JSON stays valid JSON.
func TestHostileText(t *testing.T) {
	srv := httptest.NewServer(sim.Hostile{Poison: true, Echo: true}.Wrap(simHandler(t)))
	t.Cleanup(srv.Close)
	for _, sc := range quickScenarios() {
		t.Run(sc, func(t *testing.T) {
			for _, format := range []string{"nagios", "json"} {
				t.Run(format, func(t *testing.T) {
					runEveryAt(t, srv, "/"+sc, []string{"--retries", "0", "-v", "--format", format}, func(t *testing.T, info plugin.Info, code int, out, errb string) {
						assertSafeOutput(t, info, format, code, out)
						for _, s := range sim.Secrets() {
							testutil.AssertNotPrinted(t, s, out, errb)
						}
					})
				})
			}
		})
	}
}

// stateWords are the state words by exit code.
var stateWords = []string{"OK", "WARNING", "CRITICAL", "UNKNOWN"}

// assertSafeOutput fails t unless out is safe output of the check in
// format with exit code code (CONTRACT section 2).
func assertSafeOutput(t *testing.T, info plugin.Info, format string, code int, out string) {
	t.Helper()
	require.True(t, code >= 0 && code <= 3, "exit code %d", code)
	require.True(t, utf8.ValidString(out), "invalid UTF-8: %q", out)
	for _, r := range strings.TrimSuffix(out, "\n") {
		if r == '\n' {
			continue
		}
		if r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f || r == 0x2028 || r == 0x2029 || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200f {
			t.Errorf("raw control character %U in the output:\n%s", r, out)
			return
		}
	}
	if format == "json" {
		var got struct {
			State   string   `json:"state"`
			Code    int      `json:"code"`
			Summary string   `json:"summary"`
			Long    []string `json:"long"`
		}
		require.Equal(t, 1, strings.Count(out, "\n"), "one line of JSON: %s", out)
		require.NoError(t, json.Unmarshal([]byte(out), &got), out)
		assert.Equal(t, stateWords[code], got.State)
		assert.Equal(t, code, got.Code)
		return
	}
	first := testutil.FirstLine(out)
	assert.True(t, strings.HasPrefix(first, info.Prefix+" "+stateWords[code]+" - "), "first line %q, exit %d", first, code)
	assert.LessOrEqual(t, strings.Count(first, "|"), 1, "only the perfdata separator: %s", first)
	for _, l := range strings.Split(out, "\n")[1:] {
		assert.False(t, strings.HasPrefix(l, "OK - faked"), "a faked line: %s", out)
	}
}

// credentialEnv puts the simulator's credentials in the environment.
func credentialEnv(t *testing.T) {
	for _, kv := range sim.Env() {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
}

// TestHostileStateDir: a state directory another local user could change
// (mode 0777, group writable, another owner) is never used: a check that
// keeps state is UNKNOWN naming the directory and the fix, and writes
// nothing there (CONTRACT section 7).
func TestHostileStateDir(t *testing.T) {
	srv := httptest.NewServer(simHandler(t))
	t.Cleanup(srv.Close)
	credentialEnv(t)
	for _, tt := range []struct {
		name  string
		mode  os.FileMode
		owner int
	}{{"mode 0777", 0o777, -1}, {"group writable", 0o770, -1}, {"another owner", 0o700, 65534}} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.owner >= 0 && os.Geteuid() != 0 {
				t.Skip("needs root to give the directory away")
			}
			eachCheck(t, func(t *testing.T, name string, v []string) {
				dir := filepath.Join(t.TempDir(), "state")
				require.NoError(t, os.Mkdir(dir, 0o700))
				require.NoError(t, os.Chmod(dir, tt.mode))
				if tt.owner >= 0 {
					require.NoError(t, os.Chown(dir, tt.owner, -1))
				}
				c := all.Checks()[name]()
				code, out, _ := testutil.Run(t, c, nil, append([]string{"-H", srv.URL + "/no-monitor", "--state-dir", dir}, v...)...)
				left, _ := os.ReadDir(dir)
				assert.Empty(t, left, "nothing written into an untrusted directory")
				if strings.Contains(out, dir) {
					assert.Equal(t, 3, code, out)
					assert.Contains(t, testutil.FirstLine(out), "install -d -m 0700 -o ")
				}
			})
		})
	}
}

// TestHostileStateFiles: after a first run, every state and lock file is
// replaced by a symbolic link to a file of someone else, or by a FIFO. The
// next run follows no link, waits for no FIFO: UNKNOWN naming the file,
// at once.
func TestHostileStateFiles(t *testing.T) {
	srv := httptest.NewServer(simHandler(t))
	t.Cleanup(srv.Close)
	credentialEnv(t)
	victim := filepath.Join(t.TempDir(), "victim")
	require.NoError(t, os.WriteFile(victim, []byte("not yours\n"), 0o600))
	for _, tt := range []struct {
		name, reason string
		make         func(path string) error
	}{
		{"symbolic link", "symbolic links", func(p string) error { return os.Symlink(victim, p) }},
		{"FIFO", "a FIFO", func(p string) error { return syscall.Mkfifo(p, 0o600) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			eachCheck(t, func(t *testing.T, name string, v []string) {
				dir := t.TempDir()
				args := append([]string{"-H", srv.URL + "/no-monitor", "--state-dir", dir, "-t", "20"}, v...)
				testutil.Run(t, all.Checks()[name](), nil, args...)
				files, _ := os.ReadDir(dir)
				if len(files) == 0 {
					return // keeps no state
				}
				for _, f := range files {
					p := filepath.Join(dir, f.Name())
					require.NoError(t, os.Remove(p))
					require.NoError(t, tt.make(p))
				}
				code, out, _ := testutil.Run(t, all.Checks()[name](), nil, args...)
				first := testutil.FirstLine(out)
				assert.Equal(t, 3, code, out)
				assert.Contains(t, first, tt.reason)
				assert.NotContains(t, first, "timed out")
				b, _ := os.ReadFile(victim)
				assert.Equal(t, "not yours\n", string(b), "the link was followed")
			})
		})
	}
}

// TestHostileFiles: /dev/zero and a FIFO nobody writes to, given to every
// flag that names a file, are a quick UNKNOWN naming the file, never a
// memory blow-up or a wait (CONTRACT section 5).
func TestHostileFiles(t *testing.T) {
	srv := httptest.NewServer(simHandler(t))
	t.Cleanup(srv.Close)
	credentialEnv(t)
	t.Setenv("MP_STATE_PATH", t.TempDir())
	fifo := filepath.Join(t.TempDir(), "fifo")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	eachCheck(t, func(t *testing.T, name string, v []string) {
		var fileFlags []string
		for _, o := range plugin.Options(plugin.NewParser(all.Checks()[name]())) {
			if strings.HasSuffix(o.LongName, "-file") && o.LongName != "state-file" {
				fileFlags = append(fileFlags, "--"+o.LongName)
			}
		}
		require.NotEmpty(t, fileFlags, "at least --ca-file")
		for _, flag := range fileFlags {
			for _, file := range []string{"/dev/zero", fifo} {
				t.Run(flag+" "+file, func(t *testing.T) {
					args := append([]string{"-H", srv.URL, flag, file}, v...)
					code, out, _ := testutil.Run(t, all.Checks()[name](), nil, args...)
					first := testutil.FirstLine(out)
					assert.Equal(t, 3, code, out)
					assert.Contains(t, first, file)
					assert.NotContains(t, first, "timed out")
				})
			}
		}
	})
}

// TestHostileCommandLine: a bad -H or -p is a usage error with the usage,
// whichever check, as any bad flag is (CONTRACT section 1).
func TestHostileCommandLine(t *testing.T) {
	credentialEnv(t)
	t.Setenv("MP_STATE_PATH", t.TempDir())
	for _, args := range [][]string{
		{"-H", " "},
		{"-H", "127.0.0.1", "-p", "70000"},
		{"-H", "http://[::1"},
		{"-H", "ftp://chat.example.com"},
		{"-H", "chat.example.com:99999"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			eachCheck(t, func(t *testing.T, name string, v []string) {
				code, out, _ := testutil.Run(t, all.Checks()[name](), nil, append(args, v...)...)
				assert.Equal(t, 3, code, out)
				assert.Regexp(t, ` UNKNOWN - (-H/--host|bad -H/--host|bad -p/--port)`, testutil.FirstLine(out))
				assert.Contains(t, out, "\nUsage: "+name+" ")
				assert.Contains(t, out, "Run '"+name+" --help' for all options.")
			})
		})
	}
}

// TestHostileEchoAtTheTraceCut: the credentials a check sends, echoed by
// the server at every position around the 2 KiB cut of the -vvv body
// trace, never show, not even their start.
func TestHostileEchoAtTheTraceCut(t *testing.T) {
	credentialEnv(t)
	t.Setenv("MP_STATE_PATH", t.TempDir())
	longest := 0
	for _, s := range sim.Secrets() {
		longest = max(longest, len(s))
	}
	for pos := 2048 - longest; pos <= 2048; pos++ {
		t.Run(strconv.Itoa(pos), func(t *testing.T) {
			srv := httptest.NewServer(sim.Hostile{Pad: pos}.Wrap(simHandler(t)))
			t.Cleanup(srv.Close)
			eachCheck(t, func(t *testing.T, name string, v []string) {
				_, out, errb := testutil.Run(t, all.Checks()[name](), nil, append([]string{"-H", srv.URL, "-vvv", "--retries", "0"}, v...)...)
				for _, s := range sim.Secrets() {
					for n := 4; n <= len(s); n++ {
						if strings.Contains(errb, "a"+s[:n]) || strings.Contains(out, "a"+s[:n]) {
							t.Fatalf("the start %q of a secret shows:\n%s\n%s", s[:n], out, errb)
						}
					}
				}
			})
		})
	}
}
