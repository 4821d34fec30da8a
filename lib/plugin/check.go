package plugin

import (
	"context"
	"strings"
	"unicode"
)

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
	// Product is what the check talks to: its name, the scheme and port
	// -H defaults to, and how it authenticates.
	Product Product
	// Perf declares every perfdata label the check emits, in the order it
	// emits them, "time" included where the check makes HTTP requests (the
	// runtime adds that one; [WithTime] declares it). The engine templates,
	// the Zabbix perfdata table and the man page are generated from it, and
	// a test holds what a healthy run emits equal to it.
	Perf []PerfDef
	// Items names, in the singular, what the check judges many of
	// ("account", "channel", "timer", "node"), when its result lists them
	// in Result.Items; "" otherwise. Zabbix discovers them.
	Items string
	// StatusOnly is set by checks that judge an answer by its HTTP status
	// and time alone, not by its body (a CRM's chat handler may answer
	// anything with its 2xx): the conformance suite then expects OK where
	// others must not take an HTML page or broken JSON for an answer.
	StatusOnly bool
	// Interval is how often an engine should run the check (a Go duration,
	// e.g. "5m"; "" for the suite's default, 5 minutes).
	Interval string
}

// Product describes the product a check talks to.
type Product struct {
	// Name is the product's name as operators know it ("Webim", "Itgrix").
	Name string
	// Scheme is the scheme of an -H without one ("https"; Itgrix "http").
	Scheme string
	// Port is the port of an -H without one; 0 for the scheme's.
	Port int
	// Auth says how the check authenticates, in words ("HTTP Basic, the
	// Webim service login"); "" for none.
	Auth string
}

// PerfDef declares one perfdata label of a check.
type PerfDef struct {
	// Label is the label as emitted ("days_left"), or a pattern in which
	// one upper-case word stands for a name from the product
	// ("ACCOUNT_in_queue", "TIMER_max"): see [PerfDef.Matches].
	Label string
	// Unit is the unit of measure ("s", "B", "%", "c", or "").
	Unit string
	// Meaning says in a few words what the value is.
	Meaning string
}

// Matches reports whether an emitted label fits the declaration: equal to
// it, or, where the declaration holds an upper-case word, equal with any
// non-empty text in that word's place.
func (d PerfDef) Matches(label string) bool {
	i := strings.IndexFunc(d.Label, unicode.IsUpper)
	if i < 0 {
		return label == d.Label
	}
	j := i
	for j < len(d.Label) && (unicode.IsUpper(rune(d.Label[j])) || d.Label[j] == '_' && j+1 < len(d.Label) && unicode.IsUpper(rune(d.Label[j+1]))) {
		j++
	}
	prefix, suffix := d.Label[:i], d.Label[j:]
	return len(label) > len(prefix)+len(suffix) && strings.HasPrefix(label, prefix) && strings.HasSuffix(label, suffix)
}

// PerItem reports whether the declaration is a pattern (one label per
// item of the product) rather than one fixed label.
func (d PerfDef) PerItem() bool { return strings.IndexFunc(d.Label, unicode.IsUpper) >= 0 }
