package main

import (
	"bytes"
	"fmt"
	"strings"
)

const icingaHeader = `/*
 * Icinga 2 CheckCommands for webim-checks, in the style of the Icinga
 * Template Library (plugins-contrib). Generated from the checks' flag
 * definitions by contrib/packaging/enginegen (make contrib): do not edit,
 * regenerate.
 *
 * Install: the package puts this file in /usr/share/webim-checks/icinga2/.
 * Include it from icinga2.conf, after the ITL:
 *
 *   include <itl>
 *   include <plugins>
 *   include "/usr/share/webim-checks/icinga2/webim-checks.conf"
 *
 * (in a cluster, copy it to zones.d/global-templates/ instead). The plugins
 * are expected in PluginDir (/usr/lib/nagios/plugins on Debian).
 *
 * Custom variables: one per flag. Those of a product's credentials and
 * the common options carry the product prefix and are meant for hosts
 * (webim_user, webim_password, webim_timeout, itgrix_password, wa_api_key);
 * those of one check carry the command name (webim_db_warning,
 * webim_timers_timer). Booleans are set_if, repeatable flags take an array.
 * The host defaults to the host's address (check_address): set
 * webim_host / itgrix_host / wa_host to "host:port" or a base URL such as
 * "http://chat.example.com:8080" when the address is not enough; to reach
 * one node behind a balancer by its name, set webim_host to the name and
 * webim_address to the node. webim_ipv4 and webim_ipv6 (-4, -6) follow
 * the ITL's check_ipv4 and check_ipv6. webim_header is an array of
 * "Name: value" strings. Both webim_header and webim_proxy show in ps:
 * keep credentials in their own variables, and give a proxy that needs a
 * password in HTTPS_PROXY / HTTP_PROXY of the daemon's environment.
 *
 * Secrets (webim_password, itgrix_password, wa_api_key, wa_token) are
 * passed in the plugin's environment, never on its command line, so they
 * never show in ps. Keep them out of the web interface too: add
 * "*password*,*api_key*,*token*" to Icinga Web's protected custom
 * variables. Or keep them out of the configuration altogether with
 * webim_password_file, itgrix_password_file, wa_api_key_file or
 * wa_token_file (a file readable by the icinga2 daemon only).
 *
 * webim_verbose (and the like) is a boolean: one -v, more detail in the
 * long output. -vv and -vvv are for running a check by hand.
 */
`

// icinga writes one CheckCommand per check.
func icinga(b *bytes.Buffer) error {
	b.WriteString(icingaHeader)
	for _, c := range checks() {
		fmt.Fprintf(b, "\n/* %s: %s */\n", c.Name, c.Info.Short)
		fmt.Fprintf(b, "object CheckCommand %s {\n", icingaString(c.Command))
		b.WriteString("\timport \"ipv4-or-ipv6\"\n\n")
		fmt.Fprintf(b, "\tcommand = [ PluginDir + %s ]\n\n", icingaString("/"+c.Name))
		b.WriteString("\targuments = {\n")
		var env []option
		for _, o := range c.Options {
			if o.Secret {
				if o.Env == "" {
					return fmt.Errorf("%s: secret --%s has no environment variable to pass it in", c.Name, o.Long)
				}
				env = append(env, o)
				continue
			}
			fmt.Fprintf(b, "\t\t%s = {\n", icingaString("--"+o.Long))
			if o.Bool {
				fmt.Fprintf(b, "\t\t\tset_if = %s\n", icingaString("$"+o.Var(c)+"$"))
			} else {
				fmt.Fprintf(b, "\t\t\tvalue = %s\n", icingaString("$"+o.Var(c)+"$"))
			}
			if o.Repeat && !o.Bool {
				b.WriteString("\t\t\trepeat_key = true\n")
			}
			if o.Long == "host" {
				b.WriteString("\t\t\trequired = true\n")
			}
			fmt.Fprintf(b, "\t\t\tdescription = %s\n", icingaString(icingaDesc(o)))
			b.WriteString("\t\t}\n")
		}
		b.WriteString("\t}\n")
		if len(env) > 0 {
			b.WriteString("\n\tenv = {\n")
			for _, o := range env {
				fmt.Fprintf(b, "\t\t%s = %s\n", o.Env, icingaString("$"+o.Var(c)+"$"))
			}
			b.WriteString("\t}\n")
		}
		if h, ok := c.option("host"); ok {
			fmt.Fprintf(b, "\n\tvars.%s = \"$check_address$\"\n", h.Var(c))
		}
		// -4/-6 follow the host's choice, as the ITL's http command does
		for _, f := range []string{"ipv4", "ipv6"} {
			if o, ok := c.option(f); ok {
				fmt.Fprintf(b, "\tvars.%s = \"$check_%s$\"\n", o.Var(c), f)
			}
		}
		b.WriteString("}\n")
	}
	return nil
}

// icingaDesc is the description of an argument: the flag's own, with its
// default and its repeatability.
func icingaDesc(o option) string {
	d := o.Desc
	if len(o.Default) > 0 && !o.Bool {
		d += "; default " + strings.Join(o.Default, ", ")
	}
	if o.Repeat && !o.Bool {
		d += "; an array repeats the flag"
	}
	return d
}

// icingaString quotes s for the Icinga 2 configuration language.
func icingaString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\t", `\t`)
	return `"` + r.Replace(s) + `"`
}
