package main

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/ccmon/webim-checks/lib/checks/all"
)

const nagiosHeader = `###############################################################################
# Nagios 4 command definitions for webim-checks. Generated from the checks'
# flag definitions by contrib/packaging/enginegen (make contrib): do not
# edit, regenerate.
#
# Install: the package puts this file in /usr/share/webim-checks/nagios/.
# Add it to nagios.cfg:
#
#   cfg_file=/usr/share/webim-checks/nagios/webim-checks-commands.cfg
#
# and define the macros below in resource.cfg (/etc/nagios4/resource.cfg),
# which only the nagios user can read. Services pass their thresholds and
# other options in $ARG1$ (see webim-checks-services.cfg and each check's
# --help). A macro left undefined passes an empty value, which a check
# takes as not given: define only those of the products you watch, and of
# two alternatives (an API key or a token) only the one you use.
#
`

const nagiosSecrets = `#
# Each secret file holds the secret on its first line; make it readable by
# the nagios user only:
#
#   install -d -m 0750 -o root -g nagios /etc/nagios4/secrets
#   printf '%s\n' 'the password' > /etc/nagios4/secrets/webim.pw
#   chown root:nagios /etc/nagios4/secrets/webim.pw; chmod 0640 /etc/nagios4/secrets/webim.pw
#
# Why files: Nagios can hand a secret to a plugin only on its command line
# or through the environment, and both have a cost. On the command line,
# every local user sees it in ps for as long as the check runs. Nagios
# does not export $USERn$ macros to the environment, and a command line
# that sets a variable itself runs through /bin/sh, whose own command line
# shows it for an instant (and a secret with a quote breaks the quoting).
# With the --*-file flags the command line carries only the file name, the
# secret is never in ps nor in the environment, and the file's permissions
# say who may read it.
#
# The checks that keep state (check_webim_restart --method instance-id and
# the like) keep it in /var/tmp/webim-checks-UID of the user they run as,
# unless --state-dir or MP_STATE_PATH says otherwise.
###############################################################################
`

// nagiosMacro is a $USERn$ macro of resource.cfg holding a credential.
type nagiosMacro struct {
	N int
	// Env is the variable the value stands for (WEBIM_USER, WEBIM_PASSWORD).
	Env string
	// Flag is the flag it is passed with: -U for a login, the --*-file
	// flag for a secret (the macro holds the file's path).
	Flag string
	// Example is the value shown in the header.
	Example string
}

// nagiosMacros numbers the credentials of every check from $USER3$ on
// ($USER1$ is the plugin directory, $USER2$ the event handlers', by
// custom), in the order the checks joined the suite, so that a new check
// never renumbers an older one's.
func nagiosMacros(cs []check) []nagiosMacro {
	byName := map[string]check{}
	for _, c := range cs {
		byName[c.Name] = c
	}
	var out []nagiosMacro
	seen := map[string]bool{}
	for _, name := range all.InOrder() {
		for _, m := range credentials(byName[name]) {
			if !seen[m.Env] {
				seen[m.Env] = true
				m.N = 3 + len(out)
				out = append(out, m)
			}
		}
	}
	return out
}

// credentials lists what a check needs of resource.cfg: its login's user
// and the file of each secret.
func credentials(c check) []nagiosMacro {
	var out []nagiosMacro
	for _, o := range c.Options {
		switch {
		case o.Long == "user" && o.Env != "":
			out = append(out, nagiosMacro{Env: o.Env, Flag: "-U", Example: "monitor"})
		case o.Secret:
			if _, ok := c.option(o.Long + "-file"); ok {
				file := strings.ToLower(strings.ReplaceAll(o.Env, "_", "-"))
				out = append(out, nagiosMacro{Env: o.Env, Flag: "--" + o.Long + "-file", Example: "/etc/nagios4/secrets/" + file})
			}
		}
	}
	return out
}

// nagios writes one command per check.
func nagios(b *bytes.Buffer) error {
	cs := checks()
	macros := nagiosMacros(cs)
	b.WriteString(nagiosHeader)
	b.WriteString("#   $USER1$=/usr/lib/nagios/plugins   # the plugins (Debian's default)\n")
	for _, m := range macros {
		what := "login of " + m.Env
		if m.Flag != "-U" {
			what = "file holding " + m.Env
		}
		fmt.Fprintf(b, "#   $USER%d$=%-40s # %s (%s)\n", m.N, m.Example, what, m.Flag)
	}
	b.WriteString(nagiosSecrets)
	byEnv := map[string]nagiosMacro{}
	for _, m := range macros {
		byEnv[m.Env] = m
	}
	for _, c := range cs {
		line := "$USER1$/" + c.Name + " -H '$HOSTADDRESS$'"
		for _, m := range credentials(c) {
			line += fmt.Sprintf(" %s '$USER%d$'", m.Flag, byEnv[m.Env].N)
		}
		fmt.Fprintf(b, "\n# %s: %s\n", c.Name, c.Info.Short)
		fmt.Fprintf(b, "# $ARG1$: further options, e.g. %s\n", nagiosOptions(c))
		fmt.Fprintf(b, "define command {\n    command_name    %s\n    command_line    %s $ARG1$\n}\n", c.Name, line)
	}
	return nil
}

// nagiosOptions names the check's own options, for the $ARG1$ comment.
func nagiosOptions(c check) string {
	var names []string
	for _, o := range c.Options {
		if o.Shared {
			continue
		}
		if o.Short != "" {
			names = append(names, "-"+o.Short)
		} else {
			names = append(names, "--"+o.Long)
		}
	}
	if len(names) == 0 {
		return "-t 15 (the check has no options of its own)"
	}
	return strings.Join(names, ", ") + " (see " + c.Name + " --help)"
}
