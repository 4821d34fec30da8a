package plugin

import (
	"context"
	"errors"
	"fmt"
)

// Kinds of failure. Errors returned by a check wrap one of these (see
// [Mark]); [StateFor] maps them to a state, in this one place.
var (
	// ErrUsage: a bad command line. UNKNOWN with a short usage.
	ErrUsage = errors.New("usage error")
	// ErrUnreachable: connection refused or reset, DNS or TLS failure. CRITICAL.
	ErrUnreachable = errors.New("unreachable")
	// ErrTimeout: the deadline of -t passed. The state of -t (default CRITICAL).
	ErrTimeout = errors.New("timed out")
	// ErrServer: the server answered 5xx. CRITICAL.
	ErrServer = errors.New("server error")
	// ErrAuth: the server answered 401 or 403. UNKNOWN.
	ErrAuth = errors.New("authentication failed")
	// ErrStatus: another unexpected HTTP status. UNKNOWN.
	ErrStatus = errors.New("unexpected HTTP status")
	// ErrTooLarge: the body exceeded --max-body. UNKNOWN.
	ErrTooLarge = errors.New("response too large")
	// ErrDecode: an answer the check cannot interpret. UNKNOWN.
	ErrDecode = errors.New("cannot interpret the answer")
	// ErrStateFile: the state file or directory cannot be used. UNKNOWN.
	ErrStateFile = errors.New("state file error")
)

// kindError carries a kind for errors.Is without adding its text.
type kindError struct {
	kind error
	err  error
}

func (e *kindError) Error() string   { return e.err.Error() }
func (e *kindError) Unwrap() []error { return []error{e.kind, e.err} }

// Mark returns an error with the message of err that also matches kind with
// errors.Is. A nil err gives nil.
func Mark(kind, err error) error {
	if err == nil {
		return nil
	}
	return &kindError{kind: kind, err: err}
}

// Errorf is fmt.Errorf followed by [Mark] with kind.
func Errorf(kind error, format string, a ...any) error {
	return Mark(kind, fmt.Errorf(format, a...))
}

func errorf(format string, a ...any) error { return fmt.Errorf(format, a...) }

// StateFor maps an error to the state the check exits with. timeout is the
// state chosen with -t SECONDS:STATE. This is the only place where failures
// become states.
func StateFor(err error, timeout State) State {
	switch {
	case err == nil:
		return OK
	case errors.Is(err, ErrTimeout), errors.Is(err, context.DeadlineExceeded):
		return timeout
	case errors.Is(err, ErrUnreachable), errors.Is(err, ErrServer):
		return Critical
	default:
		// ErrUsage, ErrAuth, ErrStatus, ErrTooLarge, ErrDecode,
		// ErrStateFile, ErrInterrupted and anything unexpected: the
		// check cannot judge.
		return Unknown
	}
}

// ErrorResult turns an error into a result with the mapped state and the
// error text as summary.
func ErrorResult(err error, timeout State) *Result {
	return &Result{State: StateFor(err, timeout), Summary: err.Error()}
}
