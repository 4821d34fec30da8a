package plugin

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	flags "github.com/jessevdk/go-flags"
)

// Version is stamped at build time with
// -ldflags "-X github.com/ccmon/webim-checks/lib/plugin.Version=v1.2.3".
var Version = "dev"

// Suite is the name of the suite, used in the User-Agent and --version.
const Suite = "webim-checks"

// graceAfterDeadline is how long the runtime waits past the deadline for a
// check that is finishing anyway, before it reports the timeout itself.
const graceAfterDeadline = 100 * time.Millisecond

// Runner runs a check as a process would: arguments in, output and exit
// code out. Tests use it to run checks in-process.
type Runner struct {
	Args           []string
	Stdout, Stderr io.Writer
	// Now is the clock handed to the check (time.Now when nil).
	Now func() time.Time
	// Signals, when set, delivers SIGTERM and SIGINT: the run then ends
	// at once, UNKNOWN "interrupted by SIGTERM while waiting for ..."
	// (CONTRACT section 1).
	Signals <-chan os.Signal
}

// Main runs c with the process's arguments and streams and returns the exit
// code; main packages pass it to os.Exit.
func Main(c Check) int {
	tuneGC()
	sig, stop := notifySignals()
	defer stop()
	return Runner{Args: os.Args[1:], Stdout: os.Stdout, Stderr: os.Stderr, Signals: sig}.Run(context.Background(), c)
}

// Run parses the command line into c and the common options, runs c within
// the deadline of -t, recovers panics, maps errors to states, prints the
// result and returns the exit code.
//
// All the work, from parsing to rendering, happens in one goroutine (one
// stack to grow, once); the calling goroutine only waits, so that the
// deadline holds even if the check is stuck somewhere that ignores its
// context: it then reports the timeout itself and returns.
func (r Runner) Run(ctx context.Context, c Check) int {
	red := &redactor{}
	env := &Env{Info: c.Info(), Now: r.Now, stderr: redactWriter{r: red, w: r.Stderr}, red: red}
	if env.Now == nil {
		env.Now = time.Now
	}
	var out bytes.Buffer
	started := make(chan Timeout, 1)
	done := make(chan int, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				if env.Verbosity() >= 3 {
					env.Tracef("panic: %v\n%s", p, debug.Stack())
				}
				out.Reset()
				res := &Result{State: Unknown, Summary: fmt.Sprintf("internal error: %v", p)}
				r.render(&out, env, res)
				done <- res.State.Code()
			}
		}()
		done <- r.work(ctx, c, env, &out, started)
	}()

	// The deadline starts once -t is parsed (started); until then, and
	// until it passes, the check's end or a signal ends the wait.
	var timeout Timeout
	var deadline <-chan time.Time
	for passed := false; !passed; {
		select {
		case code := <-done:
			r.flush(red, out.Bytes())
			return code
		case s := <-r.Signals:
			return r.report(env, red, interruptedError(env, s), Unknown)
		case timeout = <-started:
			t := time.NewTimer(timeout.Duration)
			defer t.Stop()
			deadline, started = t.C, nil
		case <-deadline:
			passed = true
		}
	}
	// Past the deadline: give a check that is finishing anyway a moment,
	// then report the timeout with the step that did not finish.
	grace := time.NewTimer(graceAfterDeadline)
	defer grace.Stop()
	select {
	case code := <-done:
		r.flush(red, out.Bytes())
		return code
	case <-grace.C:
	}
	return r.report(env, red, timeoutError(env, timeout), timeout.State)
}

// report renders err, for a run the caller gives up waiting for (the
// deadline passed, a signal came), and returns the exit code.
func (r Runner) report(env *Env, red *redactor, err error, timeout State) int {
	res := ErrorResult(err, timeout)
	var b bytes.Buffer
	r.render(&b, env, res)
	r.flush(red, b.Bytes())
	return res.State.Code()
}

// flush writes the output, redacted, to stdout.
func (r Runner) flush(red *redactor, b []byte) {
	if len(b) > 0 {
		r.Stdout.Write(red.redact(b))
	}
}

// render writes res in the format asked for, unless -q hides an OK.
func (r Runner) render(w io.Writer, env *Env, res *Result) {
	env.red.redactResult(res)
	switch {
	case env.Common.Quiet && res.State == OK:
	case env.Common.Format == FormatJSON:
		_ = RenderJSON(w, env.Info.Prefix, res)
	default:
		_ = Render(w, env.Info.Prefix, res, DefaultMaxOutput)
	}
}

// work is the whole run but the waiting: parse, validate, send the
// timeout on started, run the check, render into out; it returns the
// exit code.
func (r Runner) work(ctx context.Context, c Check, env *Env, out *bytes.Buffer, started chan<- Timeout) int {
	parser := newParser(env.Info, c, &env.Common)
	if code, done := r.parse(parser, env, out); done {
		return code
	}

	// The deadline starts before Validate, which may read secret files
	// (a FIFO, a hung network mount) and must not outlast -t either.
	timeout := env.Common.Timeout
	if timeout.Duration <= 0 {
		timeout = Timeout{Duration: 10 * time.Second, State: Critical}
	}
	env.Deadline = env.Now().Add(timeout.Duration)
	ctx, cancel := context.WithTimeout(ctx, timeout.Duration)
	defer cancel()
	started <- timeout

	if v, ok := c.(Validator); ok {
		if err := v.Validate(env); err != nil {
			return usageError(out, env, err.Error())
		}
	}

	res := judge(ctx, c, env, timeout)
	applyCertificateDays(res, env)
	if env.Verbosity() >= 1 {
		res.Long = append(res.Long, env.Notes()...)
	}
	if env.Verbosity() >= 2 {
		res.Long = append(res.Long, configLines(parser)...)
	}
	r.render(out, env, res)
	return res.State.Code()
}

// parse reads the command line into the check and env.Common and checks
// what can be checked without the deadline: help, version, usage errors,
// the target. done reports that the run ends here with code.
func (r Runner) parse(parser *flags.Parser, env *Env, out *bytes.Buffer) (code int, done bool) {
	info := env.Info
	rest, err := parser.ParseArgs(r.Args)
	if err != nil {
		var ferr *flags.Error
		if errors.As(err, &ferr) && ferr.Type == flags.ErrHelp {
			writeHelp(out, parser, info)
			return Unknown.Code(), true
		}
		registerSecrets(parser, env.red) // those parsed before the bad one
		env.SecretURL(env.Common.Host)
		if formatInArgs(r.Args) == FormatJSON {
			// --format json after the bad flag was never parsed
			env.Common.Format = FormatJSON
		}
		return usageError(out, env, flagMessage(err)+suggestFlag(parser, err)), true
	}
	registerSecrets(parser, env.red)
	env.SecretURL(env.Common.Host)
	env.parser = parser
	if env.Common.Version {
		fmt.Fprintf(out, "%s %s (%s)\n", info.Name, Version, Suite)
		return Unknown.Code(), true
	}
	msg := commandLineProblem(parser, env, rest)
	if msg == "" {
		msg = env.Common.checkNetwork()
	}
	if msg == "" && !info.HostOptional {
		// -H and -p with the product's defaults, before Validate reads
		// any secret file: a bad host is a usage error like any other
		if _, err := env.Target(); err != nil {
			msg = err.Error()
		}
	}
	if msg != "" {
		return usageError(out, env, msg), true
	}
	return 0, false
}

// judge runs the check and turns an error into a result of the mapped
// state; a deadline that passed becomes the timeout of -t.
func judge(ctx context.Context, c Check, env *Env, timeout Timeout) *Result {
	res, err := c.Run(ctx, env)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, ErrTimeout) {
			err = timeoutError(env, timeout)
		}
		if errors.Is(err, ErrUsage) {
			// found while running (a bad -H or -p, a secret file):
			// the same short usage as a bad flag
			return usageResult(env.Info, err.Error())
		}
		return ErrorResult(err, timeout.State)
	}
	if res == nil {
		return &Result{State: Unknown, Summary: "internal error: the check returned no result"}
	}
	addTime(res, env)
	return res
}

func timeoutError(env *Env, t Timeout) error {
	step := env.CurrentStep()
	if step == "" {
		return Errorf(ErrTimeout, "timed out after %s", timeoutText(t.Duration))
	}
	return Errorf(ErrTimeout, "timed out after %s waiting for %s", timeoutText(t.Duration), step)
}

// timeoutText says a -t as given: "10s", "2m", "1.5s" (never rounded to
// a time the user did not set).
func timeoutText(d time.Duration) string {
	if d%time.Second == 0 {
		return HumanDuration(d)
	}
	return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + "s"
}

// TimeoutError is the error of a run whose deadline passed: "timed out
// after 10s waiting for <the current step>". Code that notices the
// deadline itself (the HTTP client) returns it, so that a timeout reads
// the same whoever notices it first.
func (e *Env) TimeoutError() error { return timeoutError(e, e.Common.Timeout) }

func newParser(info Info, c Check, common *Common) *flags.Parser {
	p := flags.NewNamedParser(info.Name, flags.HelpFlag|flags.PassDoubleDash)
	p.ShortDescription = info.Short
	p.Usage = "-H HOST [OPTIONS]"
	if info.HostOptional {
		p.Usage = "[OPTIONS]"
	}
	if _, err := p.AddGroup("Check options", "", c); err != nil {
		panic(fmt.Sprintf("%s: bad option tags: %v", info.Name, err))
	}
	if _, err := p.AddGroup("Common options", "", common); err != nil {
		panic(fmt.Sprintf("common options: bad tags: %v", err))
	}
	return p
}

// flagMessage rewrites go-flags errors into short plain messages:
// "invalid argument for flag `-w, --warning' (expected plugin.Range): X"
// becomes "-w, --warning: X".
func flagMessage(err error) string {
	msg := err.Error()
	const prefix = "invalid argument for flag `"
	if strings.HasPrefix(msg, prefix) {
		rest := msg[len(prefix):]
		if i := strings.IndexByte(rest, '\''); i > 0 {
			name := rest[:i]
			detail := rest[i+1:]
			if j := strings.Index(detail, "): "); j >= 0 {
				detail = detail[j+3:]
			} else {
				detail = strings.TrimPrefix(detail, ": ")
			}
			return "bad value for " + name + ": " + detail
		}
	}
	return msg
}

// formatInArgs returns the format that --format asks for anywhere on the
// command line ("" when none does), so that a usage error is JSON
// wherever --format json stands (CONTRACT section 2).
func formatInArgs(args []string) Format {
	var f Format
	for i, a := range args {
		v, ok := strings.CutPrefix(a, "--format=")
		switch {
		case a == "--":
			return f
		case ok:
		case a == "--format" && i+1 < len(args):
			v = args[i+1]
		default:
			continue
		}
		if Format(strings.ToLower(v)) == FormatJSON {
			f = FormatJSON
		} else {
			f = FormatNagios
		}
	}
	return f
}

func usageError(w io.Writer, env *Env, msg string) int {
	info := env.Info
	res := usageResult(info, msg)
	env.red.redactResult(res)
	if env.Common.Format == FormatJSON {
		// a script or Zabbix reading JSON gets JSON, even for a bad flag
		_ = RenderJSON(w, info.Prefix, res)
	} else {
		_ = Render(w, info.Prefix, res, DefaultMaxOutput)
	}
	return res.State.Code()
}

// usageResult is the UNKNOWN result of a usage error: the message, then
// a short usage.
func usageResult(info Info, msg string) *Result {
	usage := "Usage: " + info.Name + " -H HOST [OPTIONS]"
	if info.HostOptional {
		usage = "Usage: " + info.Name + " [OPTIONS]"
	}
	res := &Result{State: Unknown, Summary: msg, Long: []string{usage}}
	if info.Short != "" {
		res.Long = append(res.Long, info.Short)
	}
	res.Long = append(res.Long, "Run '"+info.Name+" --help' for all options.")
	return res
}

func writeHelp(w io.Writer, p *flags.Parser, info Info) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s %s (%s)\n", info.Name, Version, Suite)
	if info.Short != "" {
		fmt.Fprintf(&b, "%s\n", info.Short)
	}
	b.WriteString("\n")
	p.WriteHelp(&b)
	if len(info.States) > 0 {
		b.WriteString("\nStates:\n")
		for _, s := range info.States {
			writeWrapped(&b, s, "  ", "            ", 100)
		}
	}
	if len(info.Examples) > 0 {
		b.WriteString("\nExamples:\n")
		for _, e := range info.Examples {
			fmt.Fprintf(&b, "  %s\n", e)
		}
	}
	b.WriteString("\nExit codes: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (also for --help, --version and usage errors).\n")
	w.Write(b.Bytes())
}

// eachOption calls f for every option of the parser, in nested groups too
// (a check's option struct may embed groups such as a login).
func eachOption(p *flags.Parser, f func(*flags.Option)) {
	var walk func(gs []*flags.Group)
	walk = func(gs []*flags.Group) {
		for _, g := range gs {
			for _, o := range g.Options() {
				f(o)
			}
			walk(g.Groups())
		}
	}
	walk(p.Groups())
}

// registerSecrets finds every parsed option of type Secret and registers
// its value for redaction.
func registerSecrets(p *flags.Parser, red *redactor) {
	eachOption(p, func(o *flags.Option) {
		if s, ok := o.Value().(Secret); ok && s != "" {
			red.add(string(s))
		}
		if h, ok := o.Value().(secretHolder); ok { // httpopts.go
			for _, s := range h.secretValues() {
				red.add(s)
			}
		}
	})
}

// commandLineProblem says what is wrong with a parsed command line
// beyond what the parser checks ("" when nothing is).
func commandLineProblem(p *flags.Parser, env *Env, rest []string) string {
	switch {
	case len(rest) > 0:
		return fmt.Sprintf("unexpected argument %q", rest[0])
	case env.Common.Host == "" && !env.Info.HostOptional:
		return "-H/--host is required"
	case env.Common.Retries < 0 || env.Common.Retries > 10:
		return "--retries must be between 0 and 10"
	}
	if err := checkSecrets(p, env.Common.Host); err != nil {
		return err.Error()
	}
	return ""
}

// checkSecrets refuses a secret option whose value cannot be kept out of
// the output (see weakSecret).
func checkSecrets(p *flags.Parser, host string) error {
	others := map[string]string{}
	eachOption(p, func(o *flags.Option) {
		if s, ok := o.Value().(string); ok && o.LongName != "host" {
			others[o.LongName] = s
		}
	})
	var err error
	eachOption(p, func(o *flags.Option) {
		if s, ok := o.Value().(Secret); ok && s != "" && err == nil {
			if why := weakSecret(string(s), host, others); why != "" {
				err = weakSecretError("--"+o.LongName, why)
			}
		}
	})
	return err
}

// configLines lists the options in force for -vv; secrets print as ****.
func configLines(p *flags.Parser) []string {
	var out []string
	eachOption(p, func(o *flags.Option) {
		if o.LongName == "help" || o.LongName == "verbose" {
			return
		}
		v := o.Value()
		if isZero(v) {
			return
		}
		out = append(out, fmt.Sprintf("config: --%s=%v", o.LongName, display(v)))
	})
	return out
}

func display(v any) any {
	switch t := v.(type) {
	case flags.Marshaler:
		s, err := t.MarshalFlag()
		if err == nil {
			return s
		}
	}
	return v
}

func isZero(v any) bool {
	switch t := v.(type) {
	case nil:
		return true
	case string:
		return t == ""
	case bool:
		return !t
	case int:
		return t == 0
	case []string:
		return len(t) == 0
	case Secret:
		return t == ""
	case CertificateDays:
		return !t.IsSet()
	case MinVersion:
		return !t.IsSet()
	case *Range:
		return t == nil
	case *Duration:
		return t == nil
	case ProxyURL:
		return t == ""
	case Headers:
		return len(t) == 0
	}
	return false
}

// writeWrapped writes text at most width columns wide: the first line
// after first, the others after indent.
func writeWrapped(b *bytes.Buffer, text, first, indent string, width int) {
	line := first
	fresh := true
	// keep an aligned head such as "OK        " as it is
	if i := strings.Index(text, "  "); i > 0 && !strings.Contains(text[:i], " ") {
		j := i
		for j < len(text) && text[j] == ' ' {
			j++
		}
		line, text = first+text[:j], text[j:]
		fresh = true
	}
	for _, word := range strings.Fields(text) {
		if !fresh && len(line)+1+len(word) > width {
			b.WriteString(line + "\n")
			line, fresh = indent, true
		}
		if !fresh {
			line += " "
		}
		line += word
		fresh = false
	}
	b.WriteString(line + "\n")
}
