// Package state keeps the small JSON files of checks that compare with an
// earlier run (CONTRACT section 7): one file per check, host and
// identifying arguments in --state-dir (environment MP_STATE_PATH, default
// /var/tmp/webim-checks-UID, UID the effective user id).
//
// A run opens the file with [Open], which takes an exclusive flock on a
// lock file beside it and keeps it until [File.Close], so that reading,
// judging and writing happen as one step however many runs go in
// parallel. [File.Save] writes a temporary file, fsyncs it, renames it over
// the state file and fsyncs the directory: a reader sees the old content or
// the new, never a mix. Files are mode 0600 in a directory created 0700.
// The directory is used only if it belongs to the effective user and no
// one else can write to it; state and lock files are opened without
// following symbolic links and must be regular files.
// A file that cannot be read back (broken JSON, another schema version,
// another key) is not an error: [File.Load] reports it as corrupt and the
// check starts a fresh baseline and says so. A directory that cannot be
// used is an error of kind [plugin.ErrStateFile] naming it.
package state

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/ccmon/webim-checks/lib/plugin"
)

// SchemaVersion is the version of the file layout written by [File.Save].
// A file of another version is treated as corrupt: the check starts afresh.
const SchemaVersion = 1

// EnvVar is the environment variable that sets the state directory, as in
// the monitoring-plugins project.
const EnvVar = "MP_STATE_PATH"

// maxFile bounds what is read from a state file; ours are a few hundred
// bytes, anything larger is not one of ours.
const maxFile = 1 << 20

// Options is the --state-dir flag, for checks to embed.
type Options struct {
	Dir string `long:"state-dir" env:"MP_STATE_PATH" value-name:"DIR" description:"directory of the state files (default /var/tmp/webim-checks-UID, UID the effective user id; created with mode 0700 if missing; it must belong to that user and be writable by no one else)"`
}

// Path returns the state directory; an empty value (no flag, or
// MP_STATE_PATH set but empty) means the default, [Default].
func (o Options) Path() string {
	if strings.TrimSpace(o.Dir) == "" {
		return Default()
	}
	return o.Dir
}

// Key identifies one state file: the check, the host it watches and the
// arguments that change what is compared (e.g. "method=instance-id").
type Key struct {
	Check string   `json:"check"`
	Host  string   `json:"host"`
	Args  []string `json:"args,omitempty"`
}

// equal reports whether k and o are the same key.
func (k Key) equal(o Key) bool {
	if k.Check != o.Check || k.Host != o.Host || len(k.Args) != len(o.Args) {
		return false
	}
	for i := range k.Args {
		if k.Args[i] != o.Args[i] {
			return false
		}
	}
	return true
}

// FileName returns the name of the state file for k: the check name and
// the host made safe for a file name (letters, digits, '.', '-', '_'
// only, so no path separator or traversal can come from -H), and a hash of
// the whole key that keeps different keys apart.
func (k Key) FileName() string {
	h := sha256.New()
	for _, part := range append([]string{k.Check, k.Host}, k.Args...) {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	sum := hex.EncodeToString(h.Sum(nil))[:16]
	name := sanitize(k.Check, 40)
	if host := sanitize(stripScheme(k.Host), 80); host != "" {
		name += "-" + host
	}
	if name == "" {
		name = "state"
	}
	return name + "-" + sum + ".json"
}

func stripScheme(s string) string {
	if _, rest, ok := strings.Cut(s, "://"); ok {
		return rest
	}
	return s
}

// sanitize keeps [A-Za-z0-9._-], turns runs of anything else into one '_',
// drops leading dots and underscores and cuts at max bytes.
func sanitize(s string, max int) string {
	var b strings.Builder
	under := false
	for _, r := range s {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_'
		if !ok {
			if !under && b.Len() > 0 {
				b.WriteByte('_')
			}
			under = true
			continue
		}
		if b.Len() == 0 && (r == '.' || r == '_') {
			continue
		}
		under = r == '_'
		b.WriteRune(r)
	}
	out := strings.TrimRight(b.String(), "_")
	if len(out) > max {
		out = strings.TrimRight(out[:max], "_")
	}
	return out
}

// envelope is the layout of a state file.
type envelope struct {
	Schema int             `json:"schema"`
	Key    Key             `json:"key"`
	Saved  time.Time       `json:"saved"`
	Data   json.RawMessage `json:"data"`
}

// File is an open, locked state file.
type File struct {
	dir  string
	path string
	key  Key
	lock *os.File
}

// Open creates dir (mode 0700) if it is missing, takes the exclusive lock
// of the state file of key and returns it; the lock is held until Close.
// Waiting for the lock ends with ctx (an error of kind
// [plugin.ErrTimeout]); a directory or lock file that cannot be created is
// an error of kind [plugin.ErrStateFile] naming the directory.
func Open(ctx context.Context, dir string, key Key) (*File, error) {
	if dir == "" {
		dir = Default()
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, dirError(dir, err)
	}
	if err := trustDir(dir); err != nil {
		return nil, err
	}
	name := key.FileName()
	path := filepath.Join(dir, name)
	lockPath := path + ".lock"
	lf, err := openRegular(lockPath, os.O_RDWR|os.O_CREATE)
	if err != nil {
		if _, serr := os.Lstat(lockPath); serr == nil {
			// the directory is fine, the lock file is not (another
			// owner, a directory or a symbolic link in its place)
			return nil, plugin.Errorf(plugin.ErrStateFile, "cannot use lock file %s: %s (remove it, or set --state-dir or %s to another directory)", lockPath, pathReason(err), EnvVar)
		}
		return nil, dirError(dir, err)
	}
	if err := lockFile(ctx, lf); err != nil {
		lf.Close()
		if ctx.Err() != nil {
			return nil, plugin.Errorf(plugin.ErrTimeout, "timed out waiting for the lock on state file %s (another run holds it)", path)
		}
		return nil, plugin.Errorf(plugin.ErrStateFile, "cannot lock state file %s: %v", path, err)
	}
	return &File{dir: dir, path: path, key: key, lock: lf}, nil
}

// dirError says which directory cannot be used and why.
func dirError(dir string, err error) error {
	return plugin.Errorf(plugin.ErrStateFile, "cannot use state directory %s: %s (set --state-dir or %s to a writable directory)", dir, pathReason(err), EnvVar)
}

// pathReason is the reason of a file system error without the path.
func pathReason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
	}
	return err.Error()
}

// lockFile takes an exclusive flock on f, retrying a held lock until ctx
// ends. A non-blocking attempt in a loop keeps the wait within the run's
// deadline, which a blocking flock would not.
func lockFile(ctx context.Context, f *os.File) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	delay := time.Millisecond
	for {
		var ferr error
		if err := rc.Control(func(fd uintptr) {
			ferr = syscall.Flock(int(fd), syscall.LOCK_EX|syscall.LOCK_NB)
		}); err != nil {
			return err
		}
		if ferr == nil {
			return nil
		}
		if !errors.Is(ferr, syscall.EWOULDBLOCK) && !errors.Is(ferr, syscall.EINTR) {
			return ferr
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		if delay < 16*time.Millisecond {
			delay *= 2
		}
	}
}

// Path returns the path of the state file.
func (f *File) Path() string { return f.path }

// Dir returns the state directory.
func (f *File) Dir() string { return f.dir }

// Loaded says what [File.Load] found.
type Loaded struct {
	// Found is set when earlier state was read into the value.
	Found bool
	// Saved is when that state was written.
	Saved time.Time
	// Corrupt says why a file that was there could not be used ("" when
	// it could, or when there was none). The check starts a fresh baseline
	// and says so.
	Corrupt string
}

// Load reads the state into v. No file is not an error (Found false); a
// file that is not a state file of this key and schema is reported in
// Loaded.Corrupt, not as an error. Only a file that cannot be read at all
// is an error (kind [plugin.ErrStateFile]).
func (f *File) Load(v any) (Loaded, error) {
	b, err := readFile(f.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return Loaded{}, nil
	case errors.Is(err, errTooLarge):
		return Loaded{Corrupt: "larger than 1 MiB"}, nil
	case err != nil:
		return Loaded{}, plugin.Errorf(plugin.ErrStateFile, "cannot read state file %s: %s (remove it)", f.path, pathReason(err))
	}
	saved, problem := Decode(b, f.key, v)
	if problem != "" {
		return Loaded{Corrupt: problem}, nil
	}
	return Loaded{Found: true, Saved: saved}, nil
}

var errTooLarge = errors.New("file too large")

func readFile(path string) ([]byte, error) {
	fh, err := openRegular(path, os.O_RDONLY)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(io.LimitReader(fh, maxFile+1)); err != nil {
		return nil, err
	}
	if buf.Len() > maxFile {
		return nil, errTooLarge
	}
	return buf.Bytes(), nil
}

// Decode reads the content of a state file written for key into v and
// returns when it was saved. A problem (empty file, broken JSON, another
// schema version, another key, data that does not fit v) is returned as a
// short reason for the output; it never panics.
func Decode(b []byte, key Key, v any) (time.Time, string) {
	if len(bytes.TrimSpace(b)) == 0 {
		return time.Time{}, "empty file"
	}
	var env envelope
	if err := json.Unmarshal(b, &env); err != nil {
		return time.Time{}, plugin.JSONProblem(err, "an object")
	}
	switch {
	case env.Schema == 0:
		return time.Time{}, "no schema version"
	case env.Schema != SchemaVersion:
		return time.Time{}, fmt.Sprintf("schema version %d, this version reads %d", env.Schema, SchemaVersion)
	case !env.Key.equal(key):
		return time.Time{}, fmt.Sprintf("written for another check or host (%s %s)", env.Key.Check, env.Key.Host)
	case len(env.Data) == 0 || string(env.Data) == "null":
		return time.Time{}, "no data"
	}
	if err := json.Unmarshal(env.Data, v); err != nil {
		return time.Time{}, "data: " + plugin.JSONProblem(err, "an object")
	}
	return env.Saved, ""
}

// Save writes v as the new state, atomically: a temporary file in the same
// directory (mode 0600), fsync, rename over the state file, fsync of the
// directory. now is recorded as the time of saving. Failures are of kind
// [plugin.ErrStateFile] and name the directory.
func (f *File) Save(v any, now time.Time) error {
	data, err := json.Marshal(v)
	if err != nil {
		return plugin.Errorf(plugin.ErrStateFile, "cannot encode the state: %v", err)
	}
	b, err := json.MarshalIndent(envelope{Schema: SchemaVersion, Key: f.key, Saved: now.UTC(), Data: data}, "", "  ")
	if err != nil {
		return plugin.Errorf(plugin.ErrStateFile, "cannot encode the state: %v", err)
	}
	b = append(b, '\n')
	f.removeStale()
	tmp, err := os.CreateTemp(f.dir, filepath.Base(f.path)+".tmp-*")
	if err != nil {
		return dirError(f.dir, err)
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := tmp.Chmod(0o600); err != nil {
		return dirError(f.dir, err)
	}
	if _, err := tmp.Write(b); err != nil {
		return dirError(f.dir, err)
	}
	if err := tmp.Sync(); err != nil {
		return dirError(f.dir, err)
	}
	if err := tmp.Close(); err != nil {
		return dirError(f.dir, err)
	}
	if err := os.Rename(tmp.Name(), f.path); err != nil {
		return dirError(f.dir, err)
	}
	done = true
	if d, err := os.Open(f.dir); err == nil {
		// make the rename durable; a directory that cannot be synced
		// (some network file systems) still holds the new file
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// removeStale deletes temporary files left by a run that died between
// creating and renaming one. Holding the lock, no other run is writing.
func (f *File) removeStale() {
	olds, _ := filepath.Glob(f.path + ".tmp-*")
	for _, o := range olds {
		os.Remove(o)
	}
}

// Close releases the lock. It is safe to call more than once.
func (f *File) Close() error {
	if f.lock == nil {
		return nil
	}
	err := f.lock.Close() // closing the descriptor releases the flock
	f.lock = nil
	return err
}

// Begin is how a check starts with its state: it takes the lock on the
// state file of key in dir, saying so as the run's current step (a lock
// held by another run then shows in the timeout), and loads what the last
// run saved into v. valid, when not nil, judges a value that was found: it
// returns "" when it is usable, else why not, and the file then counts as
// corrupt (a fresh baseline, said so). The caller closes the file.
func Begin(ctx context.Context, env *plugin.Env, dir string, key Key, v any, valid func() string) (*File, Loaded, error) {
	env.Step("the lock on the state file in " + dir)
	sf, err := Open(ctx, dir, key)
	if err != nil {
		return nil, Loaded{}, err
	}
	loaded, err := sf.Load(v)
	if err != nil {
		sf.Close()
		return nil, Loaded{}, err
	}
	if loaded.Found && valid != nil {
		if why := valid(); why != "" {
			loaded = Loaded{Corrupt: why}
		}
	}
	return sf, loaded, nil
}

// ListArg is a key argument for a set of values the user gives in any
// order and maybe twice (--channel a --channel b): "channels=a,b".
func ListArg(name string, values []string) string {
	v := slices.Clone(values)
	slices.Sort(v)
	return name + "=" + strings.Join(slices.Compact(v), ",")
}
