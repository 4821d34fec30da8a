// Command manpages writes a man page per check, section 1, generated from
// the check's go-flags definition with the parser the runtime itself uses,
// followed by the check's states, environment, exit status and examples.
//
//	go run ./contrib/packaging/manpages -out build/man -version v1.2.3
//
// The date in the header is SOURCE_DATE_EPOCH when set (reproducible
// builds), else today.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	flags "github.com/jessevdk/go-flags"

	"github.com/ccmon/webim-checks/lib/checks/all"
	"github.com/ccmon/webim-checks/lib/plugin"
)

func main() {
	out := flag.String("out", "man", "directory to write the pages to (created if missing)")
	version := flag.String("version", plugin.Version, "version shown in the page footer")
	flag.Parse()
	if err := writeAll(*out, *version); err != nil {
		fmt.Fprintf(os.Stderr, "manpages: %v\n", err)
		os.Exit(1)
	}
}

// writeAll writes <name>.1 for every registered check into dir.
func writeAll(dir, version string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	checks := all.Checks()
	for _, name := range all.Names() {
		var b bytes.Buffer
		if err := page(&b, checks[name](), version); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".1"), b.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// description is the DESCRIPTION of every page after the check's own
// one-line summary.
const description = `It is a monitoring plugin for Nagios, Icinga 2, Zabbix (as an external check with --format json) or cron (with -q). It prints one line, ` + "`PREFIX STATE - summary | perfdata'" + `, saying first what is wrong, then details one a line, problems first, and exits with the code of the state.

Credentials are never needed on the command line, where ps shows them: each secret option also reads an environment variable and has a --*-file variant that reads the first line of a file. Secrets never appear in the output, whatever the verbosity.

Thresholds are ranges as in the Monitoring Plugins guidelines: 10 alerts outside 0..10, 10: below 10, ~:10 above 10, 10:20 outside 10..20, @10:20 inside 10..20. Critical is evaluated before warning.`

// page writes the man page of c.
func page(w io.Writer, c plugin.Check, version string) error {
	info := c.Info()
	p := plugin.NewParser(c)
	p.LongDescription = info.Short + "\n\n" + description

	var b bytes.Buffer
	p.WriteManPage(&b)
	text := b.String()
	// go-flags writes `.TH name 1 "date"`; add the footer and header
	// fields man(7) expects.
	th, rest, ok := strings.Cut(text, "\n")
	if !ok || !strings.HasPrefix(th, ".TH ") {
		return fmt.Errorf("unexpected man page start %q", th)
	}
	fields := strings.SplitN(th, " ", 4)
	if len(fields) < 4 {
		return fmt.Errorf("unexpected .TH line %q", th)
	}
	fmt.Fprintf(w, ".TH %s 1 %s \"%s %s\" \"Monitoring plugins\"\n", strings.ToUpper(info.Name), fields[3], plugin.Suite, roff(version))
	io.WriteString(w, escapeDashes(escapeLineStarts(rest)))

	writeStates(w, info)
	io.WriteString(w, ".SH EXIT STATUS\n")
	io.WriteString(w, ".TP\n.B 0\nOK\n.TP\n.B 1\nWARNING\n.TP\n.B 2\nCRITICAL\n.TP\n.B 3\nUNKNOWN, also for \\-\\-help, \\-\\-version and usage errors.\n")
	io.WriteString(w, ".PP\nWith \\-\\-format json the output is one JSON object with the fields state, code, prefix, summary, long and perfdata, and the exit code is the same.\n")
	writePerf(w, info)
	if env := environment(p); len(env) > 0 {
		io.WriteString(w, ".SH ENVIRONMENT\n")
		for _, e := range env {
			fmt.Fprintf(w, ".TP\n.B %s\n%s\n", e[0], roffLine(e[1]))
		}
	}

	if len(info.Examples) > 0 {
		io.WriteString(w, ".SH EXAMPLES\n")
		for _, e := range info.Examples {
			fmt.Fprintf(w, ".PP\n.nf\n%s\n.fi\n", roffLine(e))
		}
	}

	io.WriteString(w, ".SH SEE ALSO\n")
	var others []string
	for _, n := range all.Names() {
		if n != info.Name {
			others = append(others, fmt.Sprintf(".BR %s (1)", n))
		}
	}
	io.WriteString(w, strings.Join(others, ",\n")+"\n")
	fmt.Fprintf(w, ".PP\nExamples for Icinga 2, Nagios, Zabbix and cron are in /usr/share/%s/.\n", plugin.Suite)
	return nil
}

// writeStates writes the STATES section: when each state is returned.
func writeStates(w io.Writer, info plugin.Info) {
	if len(info.States) == 0 {
		return
	}
	io.WriteString(w, ".SH STATES\n")
	for _, s := range info.States {
		word, text, found := strings.Cut(strings.TrimSpace(s), " ")
		if found && isStateWord(word) {
			fmt.Fprintf(w, ".TP\n.B %s\n%s\n", word, roffLine(strings.TrimSpace(text)))
		} else {
			fmt.Fprintf(w, ".PP\n%s\n", roffLine(s))
		}
	}
}

// writePerf writes the PERFORMANCE DATA section from the check's
// declaration.
func writePerf(w io.Writer, info plugin.Info) {
	if len(info.Perf) == 0 {
		return
	}
	io.WriteString(w, ".SH PERFORMANCE DATA\n")
	for _, d := range info.Perf {
		unit := ""
		if d.Unit != "" {
			unit = " (" + d.Unit + ")"
		}
		fmt.Fprintf(w, ".TP\n.B %s\n%s%s\n", roff(d.Label), roffLine(d.Meaning), roff(unit))
	}
	io.WriteString(w, ".PP\nAn upper-case word in a label stands for a name from the product (one value per account, channel, timer...).\n")
}

// environment lists the variables the check reads: the env tags of its
// options.
func environment(p *flags.Parser) [][2]string {
	var out [][2]string
	seen := map[string]bool{}
	for _, o := range plugin.Options(p) {
		key := o.EnvKeyWithNamespace()
		if key == "" || seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, [2]string{key, "the default of " + optionName(o) + "."})
	}
	slices.SortStableFunc(out, func(a, b [2]string) int { return strings.Compare(a[0], b[0]) })
	return out
}

func optionName(o *flags.Option) string {
	if o.ShortName != 0 {
		return fmt.Sprintf("-%c, --%s", o.ShortName, o.LongName)
	}
	return "--" + o.LongName
}

func isStateWord(s string) bool {
	switch s {
	case "OK", "WARNING", "CRITICAL", "UNKNOWN":
		return true
	}
	return false
}

// roff escapes text for one roff line: backslashes and dashes.
func roff(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	return strings.ReplaceAll(s, "-", `\-`)
}

// roffLine is roff, and a text line that would start with a control
// character gets a zero-width escape in front.
func roffLine(s string) string {
	s = roff(s)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}

var bareDash = regexp.MustCompile(`(^|[^\\])-`)

// escapeDashes turns the dashes go-flags leaves bare in option names and
// descriptions into \- so that they render as ASCII hyphen-minus and a
// command line copied from the page works.
func escapeDashes(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		// twice: the regexp does not see overlapping matches (--)
		l = bareDash.ReplaceAllString(l, `$1\-`)
		lines[i] = bareDash.ReplaceAllString(l, `$1\-`)
	}
	return strings.Join(lines, "\n")
}

var lineStart = regexp.MustCompile(`(?m)^(['.])([^A-Z]|$)`)

// escapeLineStarts protects description lines from go-flags that start
// with a dot or a quote followed by anything but a request name.
func escapeLineStarts(s string) string {
	return lineStart.ReplaceAllString(s, `\&$1$2`)
}
