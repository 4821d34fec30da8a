package main

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	flags "github.com/jessevdk/go-flags"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccmon/webim-checks/contrib/packaging/engineconf"
	"github.com/ccmon/webim-checks/lib/checks/all"
	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// These tests read the engine configurations in contrib/ as text, on their
// own, without the generator's tables: every flag they pass must be a flag
// of the check they run, and every check must be there.

func contribFile(t *testing.T, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(testutil.Root(), "contrib", rel))
	require.NoError(t, err)
	return string(b)
}

func TestGeneratedFilesAreCurrent(t *testing.T) {
	for _, o := range Outputs {
		t.Run(o.Path, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, o.Gen(&b))
			have, err := os.ReadFile(filepath.Join(testutil.Root(), o.Path))
			require.NoError(t, err)
			if !bytes.Equal(b.Bytes(), have) {
				t.Errorf("%s is stale: a check's flags changed; run make contrib", o.Path)
			}
		})
	}
}

func TestGeneratedRegionsAreCurrent(t *testing.T) {
	for _, r := range Regions {
		t.Run(r.Path+" "+r.Name, func(t *testing.T) {
			p := filepath.Join(testutil.Root(), r.Path)
			want, err := regionFile(p, r.Name, r.Gen)
			require.NoError(t, err)
			have, err := os.ReadFile(p)
			require.NoError(t, err)
			if !bytes.Equal(want, have) {
				t.Errorf("the generated region %q of %s is stale: a check was added or its descriptor changed; run make contrib", r.Name, r.Path)
			}
		})
	}
}

// findOption finds a flag of check name by its spelling on a command line
// (-w, --warning, --warning=1).
func findOption(t *testing.T, name, flag string) *flags.Option {
	t.Helper()
	newCheck, ok := all.Checks()[name]
	require.True(t, ok, "no check %s", name)
	flag, _, _ = strings.Cut(flag, "=")
	for _, o := range plugin.Options(plugin.NewParser(newCheck())) {
		if (strings.HasPrefix(flag, "--") && o.LongName == flag[2:]) ||
			(len(flag) == 2 && flag[0] == '-' && o.ShortName == rune(flag[1])) {
			return o
		}
	}
	return nil
}

// parseArgs parses a command line with the check's own parser: an unknown
// flag, a missing value or a bad value fails.
func parseArgs(t *testing.T, name string, args []string) {
	t.Helper()
	newCheck, ok := all.Checks()[name]
	require.True(t, ok, "no check %s", name)
	rest, err := plugin.NewParser(newCheck()).ParseArgs(args)
	assert.NoError(t, err, "%s %s", name, strings.Join(args, " "))
	assert.Empty(t, rest, "%s: arguments left over", name)
}

// icingaCommands parses the CheckCommands of an Icinga 2 file.
func icingaCommands(t *testing.T, text string) map[string]engineconf.IcingaCommand {
	t.Helper()
	cmds, err := engineconf.IcingaCommands(text)
	require.NoError(t, err)
	return cmds
}

func TestIcingaCommandsNameRealFlags(t *testing.T) {
	cmds := icingaCommands(t, contribFile(t, "icinga2/webim-checks.conf"))
	byPlugin := map[string]string{}
	for name, cmd := range cmds {
		t.Run(name, func(t *testing.T) {
			require.Contains(t, all.Checks(), cmd.Plugin, "runs %q, which is not a check", cmd.Plugin)
			byPlugin[cmd.Plugin] = name
			for key := range cmd.Args {
				o := findOption(t, cmd.Plugin, key)
				if assert.NotNil(t, o, "argument %s is not a flag of %s", key, cmd.Plugin) {
					assert.False(t, isBoolOption(o), "%s takes no value: set_if, not value", key)
					repeatable := o.Field().Type.Kind() == reflect.Slice
					assert.Equal(t, repeatable, cmd.Repeat[key], "%s: repeat_key = true exactly for repeatable flags", key)
					_, secret := o.Value().(plugin.Secret)
					assert.False(t, secret, "%s is a secret: it must go through env, not the command line", key)
				}
			}
			for key := range cmd.Bools {
				o := findOption(t, cmd.Plugin, key)
				if assert.NotNil(t, o, "argument %s is not a flag of %s", key, cmd.Plugin) {
					assert.True(t, isBoolOption(o), "%s takes a value: value, not set_if", key)
				}
			}
			// every flag an engine can use is there, as an argument or,
			// for a secret, in the environment
			envs := map[string]bool{}
			for e := range cmd.Env {
				envs[e] = true
			}
			for _, o := range plugin.Options(plugin.NewParser(all.Checks()[cmd.Plugin]())) {
				if skipped[o.LongName] {
					continue
				}
				if _, secret := o.Value().(plugin.Secret); secret {
					env := o.EnvKeyWithNamespace()
					assert.True(t, envs[env], "secret --%s is not passed in the environment (%s)", o.LongName, env)
					continue
				}
				_, a := cmd.Args["--"+o.LongName]
				_, b := cmd.Bools["--"+o.LongName]
				assert.True(t, a || b, "--%s of %s has no argument", o.LongName, cmd.Plugin)
			}
		})
	}
	for _, name := range all.Names() {
		assert.Contains(t, byPlugin, name, "%s has no CheckCommand", name)
	}
}

var (
	reVarsSet   = regexp.MustCompile(`\bvars\.([a-z0-9_]+)\s*=`)
	reAssign    = regexp.MustCompile(`host\.vars\.([a-z0-9_]+)`)
	reCheckUsed = regexp.MustCompile(`check_command = "([^"]+)"`)
)

func TestIcingaExampleUsesRealVariables(t *testing.T) {
	cmds := icingaCommands(t, contribFile(t, "icinga2/webim-checks.conf"))
	known := map[string]bool{}
	for _, c := range cmds {
		for _, m := range []map[string]string{c.Args, c.Bools, c.Env} {
			for _, v := range m {
				known[v] = true
			}
		}
	}
	example := engineconf.StripIcingaComments(contribFile(t, "icinga2/webim-checks-example.conf"))
	markers := map[string]bool{}
	for _, m := range reAssign.FindAllStringSubmatch(example, -1) {
		markers[m[1]] = true
	}
	for _, m := range reVarsSet.FindAllStringSubmatch(example, -1) {
		assert.True(t, known[m[1]] || markers[m[1]], "the example sets vars.%s, which no CheckCommand reads", m[1])
	}
	used := map[string]bool{}
	for _, m := range reCheckUsed.FindAllStringSubmatch(example, -1) {
		assert.Contains(t, cmds, m[1], "the example uses an undefined CheckCommand")
		used[cmds[m[1]].Plugin] = true
	}
	for _, name := range all.Names() {
		assert.True(t, used[name], "the example has no service running %s", name)
	}
}

func isBoolOption(o *flags.Option) bool {
	t := o.Field().Type
	return t.Kind() == reflect.Bool || (t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Bool)
}

var reNagiosMacro = regexp.MustCompile(`\$[A-Z0-9_]+\$`)

// nagiosCommands maps command names to the check they run and the
// command line's arguments after the plugin.
func nagiosCommands(t *testing.T) map[string][2]string {
	out := map[string][2]string{}
	for _, o := range engineconf.NagiosObjects(contribFile(t, "nagios/webim-checks-commands.cfg"), "command") {
		line := o["command_line"]
		words := engineconf.SplitCommandLine(line)
		require.NotEmpty(t, words, o["command_name"])
		plugin := strings.TrimPrefix(words[0], "$USER1$/")
		require.NotEqual(t, plugin, words[0], "%s: the plugin is not run from $USER1$", o["command_name"])
		_, rest, _ := strings.Cut(line, words[0])
		out[o["command_name"]] = [2]string{plugin, rest}
	}
	return out
}

func TestNagiosCommandsNameRealFlags(t *testing.T) {
	cmds := nagiosCommands(t)
	runs := map[string]bool{}
	for name, c := range cmds {
		t.Run(name, func(t *testing.T) {
			runs[c[0]] = true
			args := reNagiosMacro.ReplaceAllStringFunc(c[1], func(m string) string {
				if m == "$ARG1$" {
					return ""
				}
				return "x"
			})
			parseArgs(t, c[0], engineconf.SplitCommandLine(args))
			assert.NotContains(t, c[1], "--password ", "a password on the command line shows in ps")
			assert.NotContains(t, c[1], "-P ", "a password on the command line shows in ps")
			assert.Contains(t, c[1], "$ARG1$", "services cannot pass options")
		})
	}
	for _, name := range all.Names() {
		assert.True(t, runs[name], "%s has no Nagios command", name)
	}
}

func TestNagiosServicesNameRealFlags(t *testing.T) {
	cmds := nagiosCommands(t)
	used := map[string]bool{}
	for _, s := range engineconf.NagiosObjects(contribFile(t, "nagios/webim-checks-services.cfg"), "service") {
		t.Run(s["service_description"], func(t *testing.T) {
			name, arg, _ := strings.Cut(s["check_command"], "!")
			c, ok := cmds[name]
			require.True(t, ok, "undefined command %s", name)
			used[c[0]] = true
			args := reNagiosMacro.ReplaceAllStringFunc(c[1], func(m string) string {
				if m == "$ARG1$" {
					return arg
				}
				return "x"
			})
			parseArgs(t, c[0], engineconf.SplitCommandLine(args))
		})
	}
	for _, name := range all.Names() {
		assert.True(t, used[name], "the example has no service running %s", name)
	}
}

// TestNagiosHostAddressesArePingable: the example hosts use linux-server,
// whose host check pings the address. An address with a scheme, a port or
// a path fails that check, the host goes DOWN, and Nagios then notifies
// nobody about its services: the address must be a plain name or IP.
func TestNagiosHostAddressesArePingable(t *testing.T) {
	plain := regexp.MustCompile(`^[A-Za-z0-9.-]+$`)
	hosts := engineconf.NagiosObjects(contribFile(t, "nagios/webim-checks-services.cfg"), "host")
	require.NotEmpty(t, hosts)
	for _, h := range hosts {
		t.Run(h["host_name"], func(t *testing.T) {
			assert.Regexp(t, plain, h["address"], "a host check cannot ping this address; pass a port or URL in $ARG1$ instead")
		})
	}
}

func TestCronLinesNameRealFlags(t *testing.T) {
	used := map[string]bool{}
	for _, line := range strings.Split(contribFile(t, "cron/webim-checks.cron"), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' || regexp.MustCompile(`^[A-Z_]+=`).MatchString(line) {
			continue
		}
		f := strings.Fields(line)
		require.Greater(t, len(f), 7, "not a /etc/cron.d line: %s", line)
		name, args := f[6], f[7:]
		t.Run(name, func(t *testing.T) {
			used[name] = true
			parseArgs(t, name, args)
			assert.True(t, slices.Contains(args, "-q"), "without -q cron mails every OK run")
		})
	}
	for _, name := range all.Names() {
		assert.True(t, used[name], "the crontab has no line running %s", name)
	}
}

// TestEveryCheckIsWiredAndDocumented holds the hand-written files to the
// registry: a check added to it and forgotten in one of them fails here.
func TestEveryCheckIsWiredAndDocumented(t *testing.T) {
	files := []struct {
		rel  string
		want func(name string) *regexp.Regexp
	}{
		{"README.md", func(n string) *regexp.Regexp { return regexp.MustCompile(`(?m)^### ` + n + `\b`) }},
		{"lib/CONTRACT.md", func(n string) *regexp.Regexp { return regexp.MustCompile(`(?m)^### ` + n + `\b`) }},
		{"contrib/nagios/webim-checks-commands.cfg", func(n string) *regexp.Regexp {
			return regexp.MustCompile(`(?m)^\s*command_name\s+` + n + `\b`)
		}},
		{"contrib/nagios/webim-checks-services.cfg", func(n string) *regexp.Regexp {
			return regexp.MustCompile(`(?m)^\s*check_command\s+` + n + `\b`)
		}},
		{"contrib/icinga2/webim-checks-example.conf", func(n string) *regexp.Regexp {
			return regexp.MustCompile(`check_command = "` + strings.TrimPrefix(n, "check_") + `"`)
		}},
	}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(testutil.Root(), f.rel))
		require.NoError(t, err)
		for _, name := range all.Names() {
			t.Run(f.rel+" "+name, func(t *testing.T) {
				if !f.want(name).Match(b) {
					t.Errorf("%s does not mention %s (%s)", f.rel, name, f.want(name))
				}
			})
		}
	}
}

func TestBashCompletionNamesEveryCheck(t *testing.T) {
	text := contribFile(t, "completion/webim-checks.bash")
	_, bound, ok := strings.Cut(text, "\ncomplete ")
	require.True(t, ok, "no complete command")
	words := strings.Fields(strings.ReplaceAll(bound, "\\\n", " "))
	for _, name := range all.Names() {
		assert.Contains(t, words, name, "the completion is not bound to %s", name)
	}
}
