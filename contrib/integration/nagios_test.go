//go:build integration

package integration

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccmon/webim-checks/contrib/packaging/engineconf"
	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// nagiosMain is the main configuration of a private Nagios 4 instance
// under dir, checking every second.
func nagiosMain(dir string, cfgFiles ...string) string {
	var b strings.Builder
	for _, kv := range [][2]string{
		{"log_file", dir + "/nagios.log"}, {"resource_file", dir + "/resource.cfg"},
		{"status_file", dir + "/status.dat"}, {"check_result_path", dir + "/spool"},
		{"temp_file", dir + "/nagios.tmp"}, {"temp_path", dir}, {"lock_file", dir + "/nagios.lock"},
		{"command_file", dir + "/nagios.cmd"}, {"state_retention_file", dir + "/retention.dat"},
		{"object_cache_file", dir + "/objects.cache"}, {"precached_object_file", dir + "/objects.precache"},
		{"nagios_user", "root"}, {"nagios_group", "root"}, {"interval_length", "1"},
		{"status_update_interval", "1"}, {"check_result_reaper_frequency", "1"},
		{"enable_notifications", "0"}, {"check_external_commands", "0"},
		{"service_inter_check_delay_method", "n"}, {"max_service_check_spread", "1"},
		{"illegal_macro_output_chars", "`~$&|'\"<>"}, {"retain_state_information", "0"},
	} {
		fmt.Fprintf(&b, "%s=%s\n", kv[0], kv[1])
	}
	for _, f := range cfgFiles {
		fmt.Fprintf(&b, "cfg_file=%s\n", f)
	}
	return b.String()
}

// nagiosValidate runs nagios4 -v and fails on an error or a warning.
func nagiosValidate(t *testing.T, bin, cfg string) {
	t.Helper()
	out, err := exec.Command(bin, "-v", cfg).CombinedOutput()
	require.NoError(t, err, "nagios4 -v:\n%s", out)
	assert.Contains(t, string(out), "Total Errors:   0", "nagios4 -v:\n%s", out)
	assert.Contains(t, string(out), "Total Warnings: 0", "nagios4 -v:\n%s", out)
}

const nagiosObjects = `define timeperiod {
    timeperiod_name     always
    alias               always
    sunday              00:00-24:00
    monday              00:00-24:00
    tuesday             00:00-24:00
    wednesday           00:00-24:00
    thursday            00:00-24:00
    friday              00:00-24:00
    saturday            00:00-24:00
}

define command {
    command_name        nothing
    command_line        /bin/true
}

define contact {
    contact_name                    nobody
    host_notifications_enabled      0
    service_notifications_enabled   0
    host_notification_period        always
    service_notification_period     always
    host_notification_options       n
    service_notification_options    n
    host_notification_commands      nothing
    service_notification_commands   nothing
}

`

func TestNagios4(t *testing.T) {
	bin := need(t, "nagios4", "nagios4-core")
	commandsFile := filepath.Join(testutil.Root(), "contrib", "nagios", "webim-checks-commands.cfg")
	servicesFile := filepath.Join(testutil.Root(), "contrib", "nagios", "webim-checks-services.cfg")
	text, err := os.ReadFile(commandsFile)
	require.NoError(t, err)
	byPlugin := map[string]string{}
	for _, o := range engineconf.NagiosObjects(string(text), "command") {
		plugin := strings.TrimPrefix(engineconf.SplitCommandLine(o["command_line"])[0], "$USER1$/")
		if _, dup := byPlugin[plugin]; !dup || o["command_name"] == plugin {
			byPlugin[plugin] = o["command_name"]
		}
	}

	t.Run("the example validates with Debian's stock objects", func(t *testing.T) {
		dir := t.TempDir()
		require.NoError(t, os.MkdirAll(filepath.Join(dir, "spool"), 0o755))
		var stock []string
		for _, f := range []string{"commands.cfg", "contacts.cfg", "timeperiods.cfg", "templates.cfg"} {
			p := filepath.Join("/etc/nagios4/objects", f)
			_, err := os.Stat(p)
			require.NoError(t, err, "Debian's stock Nagios objects (nagios4-common)")
			stock = append(stock, p)
		}
		// Debian's nagios.cfg also reads the plugins' command definitions
		// (check-host-alive, which linux-server uses) from
		// /etc/nagios-plugins/config, installed with monitoring-plugins
		plugins, _ := filepath.Glob("/etc/nagios-plugins/config/*.cfg")
		if len(plugins) == 0 {
			p := filepath.Join(dir, "ping.cfg")
			require.NoError(t, os.WriteFile(p, []byte("define command {\n    command_name    check-host-alive\n    command_line    /bin/true\n}\n"), 0o644))
			plugins = []string{p}
		}
		stock = append(stock, plugins...)
		require.NoError(t, os.WriteFile(filepath.Join(dir, "resource.cfg"), []byte("$USER1$=/usr/lib/nagios/plugins\n"), 0o600))
		cfg := filepath.Join(dir, "nagios.cfg")
		require.NoError(t, os.WriteFile(cfg, []byte(nagiosMain(dir, append(stock, commandsFile, servicesFile)...)), 0o644))
		nagiosValidate(t, bin, cfg)
	})

	srv := testutil.Simulator(t, nil)
	cs := cases(t, srv)
	files := secretsFiles(t)
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "spool"), 0o755))
	// resource.cfg as webim-checks-commands.cfg describes it: logins, and
	// files for the secrets
	resource := fmt.Sprintf("$USER1$=%s\n$USER3$=%s\n$USER4$=%s\n$USER5$=%s\n$USER6$=%s\n$USER7$=%s\n$USER8$=%s\n",
		plugins(t), sim.WebimUser, files["webim.pw"], sim.ItgrixUser, files["itgrix.pw"], files["wa.key"], files["wa.token"])
	resource += fmt.Sprintf("$USER9$=%s\n$USER10$=%s\n$USER11$=%s\n$USER12$=%s\n$USER13$=%s\n",
		sim.WebimHandlerUser, files["crm.pw"], files["webim.key"], files["dolibarr.key"], files["dolibarr.token"])
	require.NoError(t, os.WriteFile(filepath.Join(dir, "resource.cfg"), []byte(resource), 0o600))

	var b strings.Builder
	b.WriteString(nagiosObjects)
	hosts := map[string]string{}
	want := map[string]engineCase{}
	var services []string
	for _, c := range cs {
		if c.Cred == "password-file" {
			continue // the Nagios commands always use the files
		}
		// -H becomes the host's address, the rest $ARG1$
		var host string
		var rest []string
		for i := 0; i < len(c.Args); i++ {
			switch a := c.Args[i]; {
			case (a == "-H" || a == "--host") && i+1 < len(c.Args):
				host = c.Args[i+1]
				i++
			case strings.HasPrefix(a, "--host="):
				host = strings.TrimPrefix(a, "--host=")
			default:
				rest = append(rest, a)
			}
		}
		arg := strings.Join(rest, " ")
		// $ARG1$ lands in a command line Nagios may hand to /bin/sh:
		// shell syntax in it would need quoting the case does not have
		if host == "" || strings.ContainsAny(arg+host, "!$;'\"()<>|&*?[]{}~`\\") || setsCredential(c.Check, c.Args) {
			t.Logf("%s: a command line a Nagios service cannot express (shell syntax, a credential of its own), left out: %s", c.Where, strings.Join(c.Args, " "))
			continue
		}
		cmd := byPlugin[c.Check]
		if c.Cred == "token" {
			cmd = byPlugin[c.Check] + "_token"
		}
		// the Dolibarr APIs with a secret have commands that pass it
		if i := slices.Index(c.Args, "--api"); c.Check == "check_dolibarr" && i >= 0 && i+1 < len(c.Args) {
			if api := c.Args[i+1]; api == "status" || api == "webobserver" {
				cmd = "check_dolibarr_" + api
			}
		}
		if _, ok := hosts[host]; !ok {
			hosts[host] = fmt.Sprintf("host_%02d", len(hosts)+1)
			fmt.Fprintf(&b, "define host {\n    host_name               %s\n    address                 %s\n    check_period            always\n    contacts                nobody\n    notification_period     always\n    max_check_attempts      1\n    active_checks_enabled   0\n}\n\n", hosts[host], host)
		}
		fmt.Fprintf(&b, "define service {\n    host_name               %s\n    service_description     %s\n    check_command           %s!%s\n    check_period            always\n    contacts                nobody\n    notification_period     always\n    max_check_attempts      1\n    check_interval          2\n    retry_interval          2\n}\n\n",
			hosts[host], c.ID, cmd, arg)
		services = append(services, hosts[host]+"!"+c.ID)
		want[hosts[host]+"!"+c.ID] = c
	}
	objects := filepath.Join(dir, "objects.cfg")
	require.NoError(t, os.WriteFile(objects, []byte(b.String()), 0o644))
	cfg := filepath.Join(dir, "nagios.cfg")
	require.NoError(t, os.WriteFile(cfg, []byte(nagiosMain(dir, commandsFile, objects)), 0o644))
	t.Logf("%d services on %d hosts", len(services), len(hosts))

	t.Run("the test configuration validates", func(t *testing.T) {
		nagiosValidate(t, bin, cfg)
	})

	env := []string{"PATH=/usr/sbin:/usr/bin:/bin", "MP_STATE_PATH=" + t.TempDir(), "LANG=C.UTF-8"}
	d := startDaemon(t, env, filepath.Join(dir, "daemon.log"), bin, cfg)
	// Nagios deletes status.dat when it stops: read it while it runs,
	// once every service has been checked.
	// A steady case needs a second result: its last_check must change.
	var status map[string]map[string]string
	firstCheck := map[string]string{}
	deadline := time.Now().Add(90 * time.Second)
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for range tick.C {
		if b, err := os.ReadFile(filepath.Join(dir, "status.dat")); err == nil {
			status = engineconf.NagiosStatus(b)
			ready := 0
			for _, id := range services {
				s, ok := status[id]
				if !ok {
					continue
				}
				if first, seen := firstCheck[id]; !seen {
					firstCheck[id] = s["last_check"]
					if want[id].runs() == 1 {
						ready++
					}
				} else if want[id].runs() == 1 || s["last_check"] != first {
					ready++
				}
			}
			if ready == len(services) {
				break
			}
		}
		if done, err := d.exited(); done {
			log, _ := os.ReadFile(filepath.Join(dir, "daemon.log"))
			t.Fatalf("nagios4 ended (%v):\n%s", err, log)
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 90 s only %d of %d services have been checked", len(status), len(services))
		}
	}
	d.stop(t)

	reState := regexp.MustCompile(`^[0-3]$`)
	for _, id := range services {
		c := want[id]
		t.Run(caseName(c), func(t *testing.T) {
			s, ok := status[id]
			require.True(t, ok, "%s: not checked", c.Where)
			require.Regexp(t, reState, s["current_state"])
			assert.Equal(t, fmt.Sprint(c.Code), s["current_state"], "%s: state; output %q", c.Where, s["plugin_output"])
			perf := engineconf.SplitPerfdata(s["performance_data"])
			// Nagios 4 turns every ';' of the plugin's output (not of its
			// perfdata) into ':' before it stores or shows it
			text, perfWant, hasPerf := strings.Cut(c.Want, " | ")
			wantShown := strings.ReplaceAll(text, ";", ":")
			if hasPerf {
				wantShown += " | " + perfWant
			}
			assert.True(t, matchFirstLine(s["plugin_output"], perf, wantShown), "%s: Nagios shows\n  %s | %s\nwant a first line starting\n  %s", c.Where, s["plugin_output"], s["performance_data"], wantShown)
			assert.Equal(t, c.Perf, engineconf.PerfLabels(s["performance_data"]), "%s: perfdata as Nagios split it", c.Where)
		})
	}
}
