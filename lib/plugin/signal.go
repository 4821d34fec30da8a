package plugin

import (
	"errors"
	"os"
	"os/signal"
	"syscall"
)

// ErrInterrupted: SIGTERM or SIGINT ended the run. UNKNOWN.
var ErrInterrupted = errors.New("interrupted")

// notifySignals delivers SIGTERM and SIGINT on the returned channel
// instead of letting them kill the process silently; stop restores the
// default handling.
func notifySignals() (<-chan os.Signal, func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGTERM, syscall.SIGINT)
	return ch, func() { signal.Stop(ch) }
}

// signalName is the conventional name of s: SIGTERM, SIGINT.
func signalName(s os.Signal) string {
	switch s {
	case syscall.SIGTERM:
		return "SIGTERM"
	case syscall.SIGINT:
		return "SIGINT"
	}
	return s.String()
}

// interruptedError says which signal ended the run and what the check
// was waiting for: "interrupted by SIGTERM while waiting for GET URL".
func interruptedError(env *Env, s os.Signal) error {
	if step := env.CurrentStep(); step != "" {
		return Errorf(ErrInterrupted, "interrupted by %s while waiting for %s", signalName(s), step)
	}
	return Errorf(ErrInterrupted, "interrupted by %s", signalName(s))
}
