package plugin

import "context"

// Check is one monitoring check. Its exported fields tagged for go-flags are
// its options; the runtime parses the command line into them, then calls
// Run with a deadline.
type Check interface {
	// Info describes the check for output and help.
	Info() Info
	// Run judges the thing checked. It returns a result, or an error
	// wrapping one of the kinds in errors.go; it never prints or exits.
	Run(ctx context.Context, env *Env) (*Result, error)
}

// Validator is implemented by checks that need to validate their options
// together after parsing; an error is a usage error (UNKNOWN, no request).
type Validator interface {
	Validate(env *Env) error
}

// Info describes a check.
type Info struct {
	// Name is the binary name, e.g. "check_webim_db".
	Name string
	// Prefix starts the first output line, e.g. "WEBIM DB".
	Prefix string
	// Short says in one line what is checked.
	Short string
	// States explains when each state is returned, one line each.
	States []string
	// Examples are example command lines.
	Examples []string
	// HostOptional is set by checks that need no -H (none yet).
	HostOptional bool
	// Items says what the check judges one by one and reports in
	// Result.Items ("timer", "node"), for Zabbix low-level discovery;
	// empty for checks that judge one thing.
	Items string
}
