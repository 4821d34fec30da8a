package plugin

import (
	"fmt"
	"strings"
)

// State is a check state as the monitoring engine sees it; its value is the
// process exit code.
type State int

// The four states of the Monitoring Plugins Development Guidelines.
const (
	OK       State = 0
	Warning  State = 1
	Critical State = 2
	Unknown  State = 3
)

var stateNames = [...]string{"OK", "WARNING", "CRITICAL", "UNKNOWN"}

// String returns the upper-case state word used in the first output line.
func (s State) String() string {
	if s >= OK && s <= Unknown {
		return stateNames[s]
	}
	return fmt.Sprintf("STATE(%d)", int(s))
}

// Code returns the exit code for s; anything out of range is UNKNOWN's 3.
func (s State) Code() int {
	if s < OK || s > Unknown {
		return int(Unknown)
	}
	return int(s)
}

// ParseState reads a state word (OK, WARNING, CRITICAL, UNKNOWN, any case,
// or the first letter or the number) as given after -t SECONDS:STATE.
func ParseState(s string) (State, error) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "OK", "O", "0":
		return OK, nil
	case "WARNING", "WARN", "W", "1":
		return Warning, nil
	case "CRITICAL", "CRIT", "C", "2":
		return Critical, nil
	case "UNKNOWN", "U", "3":
		return Unknown, nil
	}
	return Unknown, fmt.Errorf("unknown state %q (want OK, WARNING, CRITICAL or UNKNOWN)", s)
}

// Worst returns the most severe of the states, ranked by [Severity]
// (OK < WARNING < UNKNOWN < CRITICAL). With no states it returns OK.
func Worst(states ...State) State {
	w := OK
	for _, s := range states {
		if Severity(s) > Severity(w) {
			w = s
		}
	}
	return w
}

// Severity ranks states for [Worst]: OK 0, WARNING 1, UNKNOWN 2, CRITICAL 3.
// A check that could judge one part as CRITICAL and not another reports
// CRITICAL: the known problem is the more useful page.
func Severity(s State) int {
	switch s {
	case OK:
		return 0
	case Warning:
		return 1
	case Unknown:
		return 2
	default:
		return 3
	}
}
