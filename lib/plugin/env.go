package plugin

import (
	"fmt"
	"io"
	"sync"
	"time"

	flags "github.com/jessevdk/go-flags"
)

// Env is what the runtime hands a check's Run: the common options, the
// clock, the trace writer and the bookkeeping of the current step. It holds
// no global state; each run has its own.
type Env struct {
	// Common are the parsed common flags.
	Common Common
	// Info describes the running check.
	Info Info
	// Now is the clock; tests inject a fixed one.
	Now func() time.Time
	// Deadline is when the run must end.
	Deadline time.Time

	stderr io.Writer
	red    *redactor
	// parser holds the parsed command line, for Given and FlagName
	parser *flags.Parser

	mu       sync.Mutex
	step     string
	cert     *Certificate
	requests int
	elapsed  time.Duration
	notes    []string
}

// Notef records a note for the long output at -v (a secret file readable
// by everyone, ...): worth telling, not worth a state.
func (e *Env) Notef(format string, a ...any) {
	e.mu.Lock()
	e.notes = append(e.notes, fmt.Sprintf(format, a...))
	e.mu.Unlock()
}

// Notes returns the notes recorded so far.
func (e *Env) Notes() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.notes...)
}

// NoteRequest records one HTTP request and the time it took, from sending
// to the last byte; the runtime reports the sum as the "time" perfdata.
func (e *Env) NoteRequest(d time.Duration) {
	e.mu.Lock()
	e.requests++
	e.elapsed += d
	e.mu.Unlock()
}

// RequestTime returns the time spent in HTTP requests so far and whether
// any was made.
func (e *Env) RequestTime() (time.Duration, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.elapsed, e.requests > 0
}

// addTime appends the "time" perfdata of a check that made HTTP
// requests, judged with the thresholds the check used, unless the check
// reported it itself.
func addTime(res *Result, env *Env) {
	d, ok := env.RequestTime()
	if !ok {
		return
	}
	for _, p := range res.Perf {
		if p.Label == "time" {
			return
		}
	}
	th := res.TimeThresholds
	res.AddPerf(Perf{Label: "time", Value: d.Seconds(), Unit: "s", Warn: th.Warn, Crit: th.Crit, Min: Float(0)})
}

// Given reports whether the option of that long name was given on the
// command line, rather than taken from its environment variable or
// default (the command line wins where a check must choose).
func (e *Env) Given(long string) bool {
	o := e.option(long)
	return o != nil && o.IsSet() && !o.IsSetDefault()
}

// FlagName names an option of the running check for messages, with its
// short form and environment variable ("-U/WEBIM_USER"); the long form
// for an option the check lacks.
func (e *Env) FlagName(long string) string {
	o := e.option(long)
	if o == nil {
		return "--" + long
	}
	n := "--" + o.LongName
	if o.ShortName != 0 {
		n = "-" + string(o.ShortName)
	}
	if env := o.EnvKeyWithNamespace(); env != "" {
		n += "/" + env
	}
	return n
}

// option finds an option of the parsed command line by its long name.
func (e *Env) option(long string) *flags.Option {
	var found *flags.Option
	if e.parser != nil {
		eachOption(e.parser, func(o *flags.Option) {
			if o.LongName == long && found == nil {
				found = o
			}
		})
	}
	return found
}

// Verbosity is the number of -v flags.
func (e *Env) Verbosity() int { return e.Common.Verbosity() }

// Tracef writes a trace line to stderr at -vvv; secrets are redacted.
func (e *Env) Tracef(format string, a ...any) {
	if e.Verbosity() < 3 || e.stderr == nil {
		return
	}
	fmt.Fprintf(e.stderr, format+"\n", a...)
}

// TraceWriter returns the redacting stderr writer at -vvv, else nil.
func (e *Env) TraceWriter() io.Writer {
	if e.Verbosity() < 3 {
		return nil
	}
	return e.stderr
}

// Step records what the check is doing now ("GET https://host/l/i/instance-id"),
// so that a timeout can say which step did not finish.
func (e *Env) Step(s string) {
	e.mu.Lock()
	e.step = s
	e.mu.Unlock()
}

// CurrentStep returns the last recorded step.
func (e *Env) CurrentStep() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.step
}

// Secret registers a secret value so that it is redacted from all output
// and traces, and returns it.
func (e *Env) Secret(s Secret) Secret {
	if e.red != nil {
		e.red.add(string(s))
	}
	return s
}

// SecretURL registers the credentials in the userinfo of a URL given by
// the user (-H https://user:password@host), so that neither a message
// quoting the URL nor the -vv configuration can show them.
func (e *Env) SecretURL(raw string) {
	if e.red == nil {
		return
	}
	for _, s := range urlSecrets(raw) {
		e.red.add(s)
	}
}

// LoadSecret returns the secret from file when file is set (it wins over
// the flag and the environment), else val; either way it is registered for
// redaction.
func (e *Env) LoadSecret(val Secret, file string) (Secret, error) {
	if file != "" {
		s, err := e.readSecretFile(file)
		if err != nil {
			return "", err
		}
		if why := weakSecret(string(s), e.Common.Host, nil); why != "" {
			e.Secret(s) // redacted all the same
			return "", weakSecretError("file "+file, why)
		}
		val = s
	}
	return e.Secret(val), nil
}

// Redact returns s with every registered secret replaced, for text that
// is cut before it is written (the body in the -vvv trace), so that a
// secret across the cut cannot show its start.
func (e *Env) Redact(s string) string {
	if e.red == nil {
		return s
	}
	return e.red.redactString(s)
}

// NewTestEnv returns an Env for tests of code below the runtime (clients,
// decoders): default common options, the given clock and no stderr.
func NewTestEnv(now func() time.Time) *Env {
	if now == nil {
		now = time.Now
	}
	return &Env{
		Common: Common{Timeout: Timeout{Duration: 10 * time.Second, State: Critical}, Retries: 1, MaxBody: 4 << 20, Format: FormatNagios},
		Now:    now,
		red:    &redactor{},
	}
}
