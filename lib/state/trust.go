package state

import (
	"fmt"
	"io/fs"
	"os"
	"os/user"
	"strconv"
	"syscall"

	"github.com/ccmon/webim-checks/lib/plugin"
)

// DefaultDirPrefix is the default state directory without the user id:
// the default is DefaultDirPrefix + "-" + the effective uid, so that a run
// by hand as root never shares (or takes over) the engine user's state.
const DefaultDirPrefix = "/var/tmp/webim-checks"

// Default returns the default state directory of the effective user,
// /var/tmp/webim-checks-UID (CONTRACT section 7).
func Default() string { return DefaultDirPrefix + "-" + strconv.Itoa(os.Geteuid()) }

// trustDir makes sure dir is a directory that only the effective user
// can change: it belongs to that user and neither group nor others may
// write to it. Otherwise another local user could delete a state file to
// hide a change, or hold its lock; the error names the directory, its
// owner and mode, and the fix.
func trustDir(dir string) error {
	fi, err := os.Stat(dir)
	if err != nil {
		return dirError(dir, err)
	}
	if !fi.IsDir() {
		return dirError(dir, &fs.PathError{Op: "stat", Path: dir, Err: syscall.ENOTDIR})
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return nil // no owner to judge on this system
	}
	euid := os.Geteuid()
	mode := fi.Mode().Perm()
	if int(st.Uid) == euid && mode&0o022 == 0 {
		return nil
	}
	me := userName(euid)
	return plugin.Errorf(plugin.ErrStateFile,
		"state directory %s belongs to %s with mode %04o; it must belong to %s and be writable by no one else (fix: install -d -m 0700 -o %s %s, or set --state-dir or %s to another directory)",
		dir, userName(int(st.Uid)), mode, me, me, dir, EnvVar)
}

// userName is the login name of uid, or the number when it has none.
func userName(uid int) string {
	if u, err := user.LookupId(strconv.Itoa(uid)); err == nil && u.Username != "" {
		return u.Username
	}
	return strconv.Itoa(uid)
}

// openRegular opens a file of the state directory without following a
// symbolic link and without blocking (a FIFO put in its place), and makes
// sure it is a regular file.
func openRegular(path string, flag int) (*os.File, error) {
	f, err := os.OpenFile(path, flag|syscall.O_NOFOLLOW|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0o600)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, &fs.PathError{Op: "open", Path: path, Err: errNotRegular{fi.Mode()}}
	}
	return f, nil
}

// errNotRegular says what is in the place of a state or lock file.
type errNotRegular struct{ mode fs.FileMode }

func (e errNotRegular) Error() string {
	switch {
	case e.mode&fs.ModeNamedPipe != 0:
		return "a FIFO, not a regular file"
	case e.mode.IsDir():
		return "is a directory"
	case e.mode&fs.ModeDevice != 0:
		return "a device, not a regular file"
	case e.mode&fs.ModeSocket != 0:
		return "a socket, not a regular file"
	}
	return fmt.Sprintf("not a regular file (%s)", e.mode.Type())
}
