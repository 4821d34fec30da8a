package state

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	t0  = time.Date(2026, 11, 23, 18, 0, 0, 0, time.UTC)
	key = Key{Check: "check_test", Host: "https://chat.example.com", Args: []string{"method=instance-id"}}
)

type counter struct {
	N  int    `json:"n"`
	ID string `json:"id"`
}

func TestFileName(t *testing.T) {
	tests := []struct {
		name string
		key  Key
		want string // prefix before the hash
	}{
		{"plain", key, "check_test-chat.example.com-"},
		{"port and prefix", Key{Check: "check_test", Host: "http://127.0.0.1:8080/no-monitor"}, "check_test-127.0.0.1_8080_no-monitor-"},
		{"traversal", Key{Check: "check_test", Host: "../../etc/passwd"}, "check_test-etc_passwd-"},
		{"absolute", Key{Check: "check_test", Host: "/etc/shadow"}, "check_test-etc_shadow-"},
		{"dots only", Key{Check: "check_test", Host: ".."}, "check_test-"},
		{"unicode", Key{Check: "check_test", Host: "https://чат.example.com"}, "check_test-chat.example.com-"},
		{"empty", Key{}, "state-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := tt.key.FileName()
			assert.Equal(t, n, filepath.Base(n), "no path separator")
			assert.NotContains(t, n, "/")
			assert.False(t, strings.HasPrefix(n, "."), "not hidden, not a dot path: %s", n)
			assert.True(t, strings.HasSuffix(n, ".json"), n)
			if tt.name != "unicode" {
				assert.True(t, strings.HasPrefix(n, tt.want), "%s does not start with %s", n, tt.want)
			}
			assert.LessOrEqual(t, len(n), 160)
		})
	}
	t.Run("long host is cut", func(t *testing.T) {
		n := Key{Check: "c", Host: strings.Repeat("a", 5000)}.FileName()
		assert.LessOrEqual(t, len(n), 160)
	})
	t.Run("different keys, different files", func(t *testing.T) {
		a := Key{Check: "c", Host: "h", Args: []string{"method=a"}}.FileName()
		b := Key{Check: "c", Host: "h", Args: []string{"method=b"}}.FileName()
		c := Key{Check: "c", Host: "h/", Args: []string{"method=a"}}.FileName()
		assert.NotEqual(t, a, b)
		assert.NotEqual(t, a, c)
	})
}

func TestSaveLoadRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "missing", "state")
	f, err := Open(context.Background(), dir, key)
	require.NoError(t, err)
	var c counter
	l, err := f.Load(&c)
	require.NoError(t, err)
	assert.Equal(t, Loaded{}, l, "no file yet")
	require.NoError(t, f.Save(counter{N: 1, ID: "abc"}, t0))
	require.NoError(t, f.Close())
	require.NoError(t, f.Close(), "Close twice is fine")

	fi, err := os.Stat(dir)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o700), fi.Mode().Perm(), "directory created 0700")

	f, err = Open(context.Background(), dir, key)
	require.NoError(t, err)
	defer f.Close()
	l, err = f.Load(&c)
	require.NoError(t, err)
	assert.Equal(t, Loaded{Found: true, Saved: t0}, l)
	assert.Equal(t, counter{N: 1, ID: "abc"}, c)
	assert.Equal(t, dir, f.Dir())
	assert.Equal(t, filepath.Join(dir, key.FileName()), f.Path())
}

func TestFileMode(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "state") // created by Open
	f, err := Open(context.Background(), dir, key)
	require.NoError(t, err)
	defer f.Close()
	// a file left by something else with a wide mode is replaced
	require.NoError(t, os.WriteFile(f.Path(), []byte("{}"), 0o644))
	require.NoError(t, f.Save(counter{N: 1}, t0))
	for _, p := range []string{f.Path(), f.Path() + ".lock"} {
		fi, err := os.Stat(p)
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm(), p)
	}
	fi, err := os.Stat(dir)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o700), fi.Mode().Perm(), "the directory")
	left, _ := filepath.Glob(filepath.Join(dir, "*.tmp-*"))
	assert.Empty(t, left, "no temporary file left behind")
}

func TestStaleTempFilesRemoved(t *testing.T) {
	dir := t.TempDir()
	f, err := Open(context.Background(), dir, key)
	require.NoError(t, err)
	defer f.Close()
	stale := f.Path() + ".tmp-123456"
	require.NoError(t, os.WriteFile(stale, []byte("half"), 0o600))
	require.NoError(t, f.Save(counter{N: 1}, t0))
	assert.NoFileExists(t, stale)
}

func TestCorrupt(t *testing.T) {
	good, err := json.Marshal(envelope{Schema: SchemaVersion, Key: key, Saved: t0, Data: json.RawMessage(`{"n":3}`)})
	require.NoError(t, err)
	other := Key{Check: "check_other", Host: "https://other.example.com"}
	tests := []struct {
		name    string
		content string
		want    string
	}{
		{"empty", "", "empty file"},
		{"blank", " \n", "empty file"},
		{"truncated", string(good[:len(good)/2]), "truncated JSON"},
		{"garbage", "\x00\x01binary", "invalid JSON at byte 1"},
		{"not an object", "[1,2]", "a JSON array, not an object"},
		{"no schema", `{"key":{},"data":{}}`, "no schema version"},
		{"newer schema", `{"schema":99,"data":{}}`, "schema version 99, this version reads 1"},
		{"another key", mustJSON(t, envelope{Schema: 1, Key: other, Data: json.RawMessage(`{}`)}), "written for another check or host (check_other https://other.example.com)"},
		{"no data", mustJSON(t, envelope{Schema: 1, Key: key}), "no data"},
		{"data of another shape", mustJSON(t, envelope{Schema: 1, Key: key, Data: json.RawMessage(`{"n":"three"}`)}), "data: field n is a JSON string, not int"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			f, err := Open(context.Background(), dir, key)
			require.NoError(t, err)
			defer f.Close()
			require.NoError(t, os.WriteFile(f.Path(), []byte(tt.content), 0o600))
			var c counter
			l, err := f.Load(&c)
			require.NoError(t, err, "a corrupt file is not an error")
			assert.False(t, l.Found)
			assert.Equal(t, tt.want, l.Corrupt)
			// a fresh baseline replaces it
			require.NoError(t, f.Save(counter{N: 1}, t0))
			l, err = f.Load(&c)
			require.NoError(t, err)
			assert.True(t, l.Found)
			assert.Equal(t, 1, c.N)
		})
	}
	t.Run("too large", func(t *testing.T) {
		dir := t.TempDir()
		f, err := Open(context.Background(), dir, key)
		require.NoError(t, err)
		defer f.Close()
		require.NoError(t, os.WriteFile(f.Path(), make([]byte, maxFile+1), 0o600))
		l, err := f.Load(&counter{})
		require.NoError(t, err)
		assert.Equal(t, "larger than 1 MiB", l.Corrupt)
	})
	t.Run("unreadable", func(t *testing.T) {
		dir := t.TempDir()
		f, err := Open(context.Background(), dir, key)
		require.NoError(t, err)
		defer f.Close()
		require.NoError(t, os.Mkdir(f.Path(), 0o700)) // a directory where the file should be
		_, err = f.Load(&counter{})
		require.Error(t, err)
		assert.ErrorIs(t, err, plugin.ErrStateFile)
		assert.Contains(t, err.Error(), f.Path())
	})
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}

func TestUnwritableDirectory(t *testing.T) {
	// tests run as root, who may write anywhere: a path under a regular
	// file cannot be a directory for anyone
	file := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(file, nil, 0o600))
	dir := filepath.Join(file, "sub")
	_, err := Open(context.Background(), dir, key)
	require.Error(t, err)
	assert.ErrorIs(t, err, plugin.ErrStateFile)
	assert.Equal(t, plugin.Unknown, plugin.StateFor(err, plugin.Critical))
	assert.Equal(t, "cannot use state directory "+dir+": not a directory (set --state-dir or MP_STATE_PATH to a writable directory)", err.Error())
}

func TestBadLockFile(t *testing.T) {
	tests := []struct {
		name   string
		make   func(lock string) error
		reason string
	}{
		{"a directory", func(lock string) error { return os.Mkdir(lock, 0o700) }, "is a directory"},
		{"a symbolic link", func(lock string) error { return os.Symlink("/etc/passwd", lock) }, "too many levels of symbolic links"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			lock := filepath.Join(dir, key.FileName()) + ".lock"
			require.NoError(t, tt.make(lock))
			_, err := Open(context.Background(), dir, key)
			require.Error(t, err)
			assert.ErrorIs(t, err, plugin.ErrStateFile)
			assert.Equal(t, "cannot use lock file "+lock+": "+tt.reason+" (remove it, or set --state-dir or MP_STATE_PATH to another directory)", err.Error())
		})
	}
}

func TestSaveIntoRemovedDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state")
	f, err := Open(context.Background(), dir, key)
	require.NoError(t, err)
	defer f.Close()
	require.NoError(t, os.RemoveAll(dir))
	err = f.Save(counter{N: 1}, t0)
	require.Error(t, err)
	assert.ErrorIs(t, err, plugin.ErrStateFile)
	assert.Contains(t, err.Error(), "cannot use state directory "+dir)
}

func TestLockWaitEndsWithContext(t *testing.T) {
	dir := t.TempDir()
	held, err := Open(context.Background(), dir, key)
	require.NoError(t, err)
	defer held.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = Open(ctx, dir, key)
	require.Error(t, err)
	assert.ErrorIs(t, err, plugin.ErrTimeout)
	assert.Contains(t, err.Error(), "timed out waiting for the lock on state file "+held.Path())

	// another key has its own lock
	other, err := Open(ctx, dir, Key{Check: "check_test", Host: "https://other.example.com"})
	require.NoError(t, err)
	other.Close()
}

// TestParallelReadModifyWrite: 20 goroutines each add one to a counter
// under the lock; with the lock held across read, change and write no
// update is lost, and the file is valid JSON throughout.
func TestParallelReadModifyWrite(t *testing.T) {
	dir := t.TempDir()
	const n = 20
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f, err := Open(context.Background(), dir, key)
			if err != nil {
				errs <- err
				return
			}
			defer f.Close()
			var c counter
			l, err := f.Load(&c)
			if err != nil {
				errs <- err
				return
			}
			if l.Corrupt != "" {
				errs <- errors.New("corrupt: " + l.Corrupt)
				return
			}
			c.N++
			errs <- f.Save(c, t0)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	b, err := os.ReadFile(filepath.Join(dir, key.FileName()))
	require.NoError(t, err)
	require.True(t, json.Valid(b), "valid JSON: %s", b)
	var c counter
	_, problem := Decode(b, key, &c)
	require.Empty(t, problem)
	assert.Equal(t, n, c.N, "no lost update")
}

func TestOptionsPath(t *testing.T) {
	def := "/var/tmp/webim-checks-" + strconv.Itoa(os.Geteuid())
	assert.Equal(t, def, Default())
	assert.Equal(t, def, Options{}.Path())
	assert.Equal(t, def, Options{Dir: "  "}.Path())
	assert.Equal(t, "/srv/state", Options{Dir: "/srv/state"}.Path())
}

func FuzzStateDecode(f *testing.F) {
	testutil.FuzzSeeds(f, "FuzzStateDecode")
	f.Fuzz(func(t *testing.T, b []byte) {
		var c counter
		saved, problem := Decode(b, key, &c)
		if problem == "" && !json.Valid(b) {
			t.Fatalf("accepted invalid JSON %q", b)
		}
		if problem != "" && !saved.IsZero() {
			t.Fatalf("a problem (%s) with a save time", problem)
		}
	})
}

// TestUntrustedDirectory: a state directory another user could change is
// refused, naming the directory, its owner and mode and the fix; nothing
// is written into it (CONTRACT section 7).
func TestUntrustedDirectory(t *testing.T) {
	me := userName(os.Geteuid())
	tests := []struct {
		name  string
		mode  os.FileMode
		owner int // -1: the effective user
		want  string
	}{
		{"mode 0777", 0o777, -1, "belongs to " + me + " with mode 0777"},
		{"group writable", 0o770, -1, "belongs to " + me + " with mode 0770"},
		{"sticky and world writable", 0o777 | os.ModeSticky, -1, "with mode 0777"},
		{"another owner", 0o700, 65534, "with mode 0700"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "state")
			require.NoError(t, os.Mkdir(dir, 0o700))
			require.NoError(t, os.Chmod(dir, tt.mode))
			if tt.owner >= 0 {
				if os.Geteuid() != 0 {
					t.Skip("needs root to give the directory away")
				}
				require.NoError(t, os.Chown(dir, tt.owner, -1))
			}
			_, err := Open(context.Background(), dir, key)
			require.Error(t, err)
			assert.ErrorIs(t, err, plugin.ErrStateFile)
			assert.Contains(t, err.Error(), "state directory "+dir+" ")
			assert.Contains(t, err.Error(), tt.want)
			assert.Contains(t, err.Error(), "install -d -m 0700 -o "+me+" "+dir)
			left, _ := os.ReadDir(dir)
			assert.Empty(t, left, "nothing written into an untrusted directory")
		})
	}
}

// TestStateFileNotRegular: a symbolic link or a FIFO in the place of the
// state file is an error naming it at once, never followed, never waited
// on.
func TestStateFileNotRegular(t *testing.T) {
	tests := []struct {
		name   string
		make   func(path string) error
		reason string
	}{
		{"symbolic link", func(p string) error { return os.Symlink("/etc/passwd", p) }, "too many levels of symbolic links"},
		{"dangling symbolic link", func(p string) error { return os.Symlink("/nonexistent/x", p) }, "too many levels of symbolic links"},
		{"FIFO", func(p string) error { return syscall.Mkfifo(p, 0o600) }, "a FIFO, not a regular file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			f, err := Open(context.Background(), dir, key)
			require.NoError(t, err)
			defer f.Close()
			require.NoError(t, tt.make(f.Path()))
			var c counter
			_, err = f.Load(&c)
			require.Error(t, err)
			assert.ErrorIs(t, err, plugin.ErrStateFile)
			assert.Equal(t, "cannot read state file "+f.Path()+": "+tt.reason+" (remove it)", err.Error())
		})
	}
}

func TestLockFileFIFO(t *testing.T) {
	dir := t.TempDir()
	lock := filepath.Join(dir, key.FileName()) + ".lock"
	require.NoError(t, syscall.Mkfifo(lock, 0o600))
	_, err := Open(context.Background(), dir, key)
	require.Error(t, err)
	assert.Equal(t, "cannot use lock file "+lock+": a FIFO, not a regular file (remove it, or set --state-dir or MP_STATE_PATH to another directory)", err.Error())
}

func TestListArg(t *testing.T) {
	tests := []struct {
		name   string
		values []string
		want   string
	}{
		{"none", nil, "channels="},
		{"order does not matter", []string{"vk", "telegram"}, "channels=telegram,vk"},
		{"twice counts once", []string{"vk", "vk", "telegram"}, "channels=telegram,vk"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ListArg("channels", tt.values); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestBeginJudgesWhatItFound(t *testing.T) {
	dir := t.TempDir()
	env := plugin.NewTestEnv(nil)
	key := Key{Check: "check_x", Host: "h"}
	type saved struct{ N int }
	tests := []struct {
		name    string
		write   *saved
		valid   func(saved) string
		found   bool
		corrupt string
	}{
		{name: "nothing yet", found: false},
		{name: "usable", write: &saved{N: 3}, valid: func(s saved) string { return "" }, found: true},
		{name: "of the right form but nonsense", write: &saved{N: -1}, valid: func(s saved) string {
			if s.N < 0 {
				return "a negative count in it"
			}
			return ""
		}, corrupt: "a negative count in it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := key
			k.Args = []string{tt.name}
			if tt.write != nil {
				f, err := Open(context.Background(), dir, k)
				if err != nil {
					t.Fatal(err)
				}
				if err := f.Save(tt.write, time.Now()); err != nil {
					t.Fatal(err)
				}
				f.Close()
			}
			var got saved
			var valid func() string
			if tt.valid != nil {
				valid = func() string { return tt.valid(got) }
			}
			f, loaded, err := Begin(context.Background(), env, dir, k, &got, valid)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if loaded.Found != tt.found || loaded.Corrupt != tt.corrupt {
				t.Errorf("got found %v corrupt %q, want %v %q", loaded.Found, loaded.Corrupt, tt.found, tt.corrupt)
			}
			if !strings.HasPrefix(env.CurrentStep(), "the lock on the state file in ") {
				t.Errorf("step %q", env.CurrentStep())
			}
		})
	}
}
