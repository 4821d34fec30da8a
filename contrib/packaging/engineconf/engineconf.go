// Package engineconf reads the engine configurations of contrib/ as text,
// the way the tests need them: the CheckCommands of an Icinga 2 file, the
// objects of a Nagios file, command lines split as Nagios and sh split
// them, and Icinga 2's state file. It knows nothing of how the files were
// written, so a test built on it checks the files on their own.
package engineconf

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// StripIcingaComments removes /* */, // and # comments outside strings.
func StripIcingaComments(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '"':
			j := i + 1
			for j < len(s) && s[j] != '"' {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			b.WriteString(s[i:min(j+1, len(s))])
			i = j
		case strings.HasPrefix(s[i:], "/*"):
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				return b.String()
			}
			i += end + 3
		case strings.HasPrefix(s[i:], "//") || s[i] == '#':
			for i < len(s) && s[i] != '\n' {
				i++
			}
			b.WriteByte('\n')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// Block returns the text between the brace that opens at or after i and
// its match, strings respected; "" when there is none.
func Block(s string, i int) string {
	open := strings.IndexByte(s[i:], '{')
	if open < 0 {
		return ""
	}
	depth, inStr := 0, false
	for j := i + open; j < len(s); j++ {
		switch c := s[j]; {
		case inStr && c == '\\':
			j++
		case c == '"':
			inStr = !inStr
		case inStr:
		case c == '{':
			depth++
		case c == '}':
			depth--
			if depth == 0 {
				return s[i+open+1 : j]
			}
		}
	}
	return ""
}

// IcingaCommand is what a CheckCommand says.
type IcingaCommand struct {
	// Plugin is the file run from PluginDir: check_webim_db.
	Plugin string
	// Args maps each argument key taking a value to its custom variable.
	Args map[string]string
	// Bools maps each set_if argument key to its custom variable.
	Bools map[string]string
	// Repeat holds the keys with repeat_key = true.
	Repeat map[string]bool
	// Env maps environment variables to custom variables.
	Env map[string]string
}

var (
	reCheckCommand = regexp.MustCompile(`object CheckCommand "([^"]+)"`)
	rePluginPath   = regexp.MustCompile(`command = \[\s*PluginDir \+ "/([a-z_]+)"\s*\]`)
	reArgument     = regexp.MustCompile(`(?m)^\s*"(-[^"]*)" = \{`)
	reValue        = regexp.MustCompile(`\b(value|set_if) = "\$([a-z0-9_]+)\$"`)
	reRepeat       = regexp.MustCompile(`\brepeat_key = true\b`)
	reEnv          = regexp.MustCompile(`(?m)^\s*([A-Z][A-Z0-9_]*) = "\$([a-z0-9_]+)\$"`)
)

// IcingaCommands parses every CheckCommand of an Icinga 2 configuration.
// An argument without a value or set_if macro is an error.
func IcingaCommands(text string) (map[string]IcingaCommand, error) {
	text = StripIcingaComments(text)
	out := map[string]IcingaCommand{}
	for _, m := range reCheckCommand.FindAllStringSubmatchIndex(text, -1) {
		name := text[m[2]:m[3]]
		body := Block(text, m[1])
		cmd := IcingaCommand{Args: map[string]string{}, Bools: map[string]string{}, Repeat: map[string]bool{}, Env: map[string]string{}}
		if p := rePluginPath.FindStringSubmatch(body); p != nil {
			cmd.Plugin = p[1]
		}
		if i := strings.Index(body, "arguments = {"); i >= 0 {
			args := Block(body, i)
			for _, a := range reArgument.FindAllStringSubmatchIndex(args, -1) {
				key := args[a[2]:a[3]]
				def := Block(args, a[0])
				v := reValue.FindStringSubmatch(def)
				if v == nil {
					return nil, fmt.Errorf("CheckCommand %s: argument %s has no value or set_if macro", name, key)
				}
				if v[1] == "set_if" {
					cmd.Bools[key] = v[2]
				} else {
					cmd.Args[key] = v[2]
				}
				cmd.Repeat[key] = reRepeat.MatchString(def)
			}
		}
		if i := strings.Index(body, "env = {"); i >= 0 {
			for _, e := range reEnv.FindAllStringSubmatch(Block(body, i), -1) {
				cmd.Env[e[1]] = e[2]
			}
		}
		out[name] = cmd
	}
	return out, nil
}

// NagiosObjects returns the directives of every "define TYPE { }" of a
// Nagios object file, in order.
func NagiosObjects(text, typ string) []map[string]string {
	var out []map[string]string
	var cur map[string]string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		switch {
		case strings.HasPrefix(line, "define "+typ+" "), line == "define "+typ+"{":
			cur = map[string]string{}
		case line == "}":
			if cur != nil {
				out = append(out, cur)
			}
			cur = nil
		case cur != nil:
			k, v, _ := strings.Cut(line, " ")
			cur[k] = strings.TrimSpace(v)
		}
	}
	return out
}

// SplitCommandLine splits as Nagios and sh do: on blanks, with '...' and
// "..." quoting.
func SplitCommandLine(s string) []string {
	var out []string
	var cur strings.Builder
	in, quote := false, byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			cur.WriteByte(c)
		case c == '\'' || c == '"':
			quote, in = c, true
		case c == ' ' || c == '\t':
			if in {
				out = append(out, cur.String())
				cur.Reset()
				in = false
			}
		default:
			cur.WriteByte(c)
			in = true
		}
	}
	if in {
		out = append(out, cur.String())
	}
	return out
}

// IcingaObject is one object of icinga2.state.
type IcingaObject struct {
	Name   string          `json:"name"`
	Type   string          `json:"type"`
	Update json.RawMessage `json:"update"`
}

// CheckResult is the last check result of a host or service as Icinga 2
// keeps it: output is the plugin's text without perfdata, perfdata is the
// list Icinga split it into.
type CheckResult struct {
	ExitStatus int      `json:"exit_status"`
	State      float64  `json:"state"`
	Output     string   `json:"output"`
	Perfdata   []string `json:"performance_data"`
	Command    []string `json:"command"`
}

// IcingaState reads icinga2.state (netstrings of JSON objects) and
// returns the last check result of every service that has one, by
// "host!service".
func IcingaState(r io.Reader) (map[string]CheckResult, error) {
	br := bufio.NewReader(r)
	out := map[string]CheckResult{}
	for {
		head, err := br.ReadString(':')
		if err == io.EOF && head == "" {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("icinga2.state: %w", err)
		}
		n, err := strconv.Atoi(strings.TrimSpace(head[:len(head)-1]))
		if err != nil {
			return nil, fmt.Errorf("icinga2.state: bad netstring length %q", head)
		}
		buf := make([]byte, n+1)
		if _, err := io.ReadFull(br, buf); err != nil || buf[n] != ',' {
			return nil, fmt.Errorf("icinga2.state: truncated netstring")
		}
		var o IcingaObject
		if err := json.Unmarshal(buf[:n], &o); err != nil {
			return nil, fmt.Errorf("icinga2.state: %w", err)
		}
		if o.Type != "Service" {
			continue
		}
		var u struct {
			LastCheckResult *CheckResult `json:"last_check_result"`
		}
		if err := json.Unmarshal(o.Update, &u); err != nil {
			return nil, fmt.Errorf("icinga2.state: %s: %w", o.Name, err)
		}
		if u.LastCheckResult != nil {
			out[o.Name] = *u.LastCheckResult
		}
	}
}

// NagiosStatus reads status.dat and returns every service that has been
// checked, by "host!service", as directive maps (current_state,
// plugin_output, performance_data, ...).
func NagiosStatus(b []byte) map[string]map[string]string {
	out := map[string]map[string]string{}
	var cur map[string]string
	for _, line := range bytes.Split(b, []byte("\n")) {
		l := strings.TrimSpace(string(line))
		switch {
		case l == "servicestatus {":
			cur = map[string]string{}
		case l == "}":
			if cur != nil && cur["has_been_checked"] == "1" {
				out[cur["host_name"]+"!"+cur["service_description"]] = cur
			}
			cur = nil
		case cur != nil:
			k, v, _ := strings.Cut(l, "=")
			cur[k] = v
		}
	}
	return out
}

// PerfLabels returns the labels of a perfdata string as Nagios and Icinga
// split it ('quoted labels' may hold blanks).
func PerfLabels(perf string) []string {
	var out []string
	for _, tok := range SplitPerfdata(perf) {
		label, _, _ := strings.Cut(tok, "=")
		out = append(out, strings.Trim(label, "'"))
	}
	return out
}

// SplitPerfdata splits a perfdata string into its label=value tokens.
func SplitPerfdata(perf string) []string {
	var out []string
	var cur strings.Builder
	quote := false
	for _, c := range strings.TrimSpace(perf) {
		switch {
		case c == '\'':
			quote = !quote
			cur.WriteRune(c)
		case c == ' ' && !quote:
			if cur.Len() > 0 {
				out = append(out, cur.String())
				cur.Reset()
			}
		default:
			cur.WriteRune(c)
		}
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

// NagiosMacro is one credential macro that the header of the Nagios
// commands file asks for in resource.cfg.
type NagiosMacro struct {
	// Name is the macro, "$USER3$".
	Name string
	// Env is the environment variable whose value it stands for.
	Env string
	// File is set when the macro holds the path of a file with the value
	// rather than the value itself.
	File bool
}

// nagiosMacroLine matches "#   $USER3$=monitor   # login of WEBIM_USER (-U)"
// and "#   $USER4$=/etc/...   # file holding WEBIM_PASSWORD (--password-file)".
var nagiosMacroLine = regexp.MustCompile(`(?m)^#\s+(\$USER\d+\$)=\S+\s+# (login of|file holding) ([A-Z0-9_]+) `)

// NagiosMacros lists the credential macros of a Nagios commands file.
func NagiosMacros(text string) []NagiosMacro {
	var out []NagiosMacro
	for _, m := range nagiosMacroLine.FindAllStringSubmatch(text, -1) {
		out = append(out, NagiosMacro{Name: m[1], Env: m[3], File: m[2] == "file holding"})
	}
	return out
}
