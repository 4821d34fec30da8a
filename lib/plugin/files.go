package plugin

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// Caps of the files the suite reads (CONTRACT section 5).
const (
	// MaxSecretFile caps a --*-file of a secret.
	MaxSecretFile = 64 << 10
	// MaxFile caps any other file (--ca-file, --chat-file, ...).
	MaxFile = 1 << 20
)

// ReadFile is how the suite reads every file a flag names: at most limit
// bytes (a longer file is an error, found after reading limit+1 bytes, so
// /dev/zero costs nothing), without blocking on the open of a FIFO, and,
// for a FIFO or device that can wait, no longer than the run's deadline.
// flag names the option in messages ("--ca-file"); errors are usage
// errors naming it and the file, or the run's timeout.
func (e *Env) ReadFile(flag, path string, limit int64) ([]byte, error) {
	e.Step("reading " + flag + " " + path)
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, Errorf(ErrUsage, "cannot read %s %s: %s", flag, path, fileReason(err))
	}
	defer f.Close()
	if !e.Deadline.IsZero() {
		_ = f.SetReadDeadline(e.Deadline) // regular files cannot wait; others honour it
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	switch {
	case errors.Is(err, os.ErrDeadlineExceeded):
		return nil, e.TimeoutError()
	case err != nil:
		return nil, Errorf(ErrUsage, "cannot read %s %s: %s", flag, path, fileReason(err))
	case int64(len(b)) > limit:
		return nil, Errorf(ErrUsage, "%s %s is larger than %s", flag, path, sizeName(limit))
	}
	return b, nil
}

// fileReason is the reason of a file error without the path.
func fileReason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func sizeName(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d KiB", n>>10)
}
