//go:build integration

package integration

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	flags "github.com/jessevdk/go-flags"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccmon/webim-checks/contrib/packaging/engineconf"
	"github.com/ccmon/webim-checks/lib/checks/all"
	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// icingaDirs lays out a private Icinga 2 instance under a temporary
// directory and returns the -D defines that point the daemon at it.
func icingaDirs(t *testing.T) (string, []string) {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{"etc", "var/cache/icinga2", "var/lib/icinga2", "var/log/icinga2", "run/icinga2", "var/spool/icinga2/tmp", "var/spool/icinga2/perfdata"} {
		require.NoError(t, os.MkdirAll(filepath.Join(root, d), 0o755))
	}
	defs := []string{
		"-DConfigDir=" + root + "/etc", "-DDataDir=" + root + "/var/lib/icinga2", "-DLogDir=" + root + "/var/log/icinga2",
		"-DCacheDir=" + root + "/var/cache/icinga2", "-DSpoolDir=" + root + "/var/spool/icinga2", "-DInitRunDir=" + root + "/run/icinga2",
		"-DRunAsUser=root", "-DRunAsGroup=root",
	}
	return root, defs
}

// icingaValidate runs icinga2 daemon -C on a configuration and fails on
// an error or a configuration warning.
func icingaValidate(t *testing.T, bin, conf string, defs []string) {
	t.Helper()
	out, err := exec.Command(bin, append([]string{"daemon", "-C", "-c", conf}, defs...)...).CombinedOutput()
	require.NoError(t, err, "icinga2 daemon -C:\n%s", out)
	for _, line := range strings.Split(string(out), "\n") {
		if strings.Contains(line, "warning/") || strings.Contains(line, "critical/") {
			t.Errorf("icinga2 daemon -C: %s", line)
		}
	}
}

func icingaString(s string) string {
	return strconv.Quote(s) // the DSL's escapes are a subset of Go's for these values
}

// icingaVars turns a case's command line into the custom variables of its
// CheckCommand, reading which variable each flag takes from the command
// itself. It fails when the command has no way to pass a flag.
func icingaVars(t *testing.T, check string, cmd engineconf.IcingaCommand, args []string) (map[string]any, bool) {
	t.Helper()
	p := plugin.NewParser(all.Checks()[check]())
	opts := plugin.Options(p)
	find := func(tok string) *flags.Option {
		for _, o := range opts {
			if (strings.HasPrefix(tok, "--") && o.LongName == tok[2:]) || (len(tok) == 2 && tok[0] == '-' && tok[1] != '-' && o.ShortName == rune(tok[1])) {
				return o
			}
		}
		return nil
	}
	vars := map[string]any{}
	for i := 0; i < len(args); i++ {
		tok, val, hasVal := strings.Cut(args[i], "=")
		if !strings.HasPrefix(tok, "--") {
			hasVal = false
			tok = args[i]
		}
		o := find(tok)
		if o == nil {
			return nil, false // a usage-error case (unknown flag, stray argument)
		}
		key := "--" + o.LongName
		typ := o.Field().Type
		if typ.Kind() == reflect.Bool || (typ.Kind() == reflect.Slice && typ.Elem().Kind() == reflect.Bool) {
			v, ok := cmd.Bools[key]
			require.True(t, ok, "%s: CheckCommand has no set_if argument for %s", check, key)
			vars[v] = true
			continue
		}
		if !hasVal {
			if i+1 >= len(args) {
				return nil, false
			}
			i++
			val = args[i]
		}
		if _, secret := o.Value().(plugin.Secret); secret {
			// The CheckCommand passes secrets in the environment, where
			// they rank below the command line: a case about a secret
			// given as a flag says "from --api-key" and cannot be
			// expressed (the Nagios test runs it as it is).
			return nil, false
		}
		v, ok := cmd.Args[key]
		require.True(t, ok, "%s: CheckCommand cannot pass %s", check, key)
		if cmd.Repeat[key] {
			list, _ := vars[v].([]string)
			vars[v] = append(list, val)
		} else {
			vars[v] = val
		}
	}
	return vars, true
}

func icingaValue(v any) string {
	switch x := v.(type) {
	case bool:
		return strconv.FormatBool(x)
	case []string:
		q := make([]string, len(x))
		for i, s := range x {
			q[i] = icingaString(s)
		}
		return "[ " + strings.Join(q, ", ") + " ]"
	default:
		return icingaString(fmt.Sprint(x))
	}
}

// graphite collects the metrics Icinga's GraphiteWriter sends: it is how
// the test learns, without polling a file, that every service has a check
// result, and it shows the perfdata exactly as Icinga parsed it.
type graphite struct {
	ln      net.Listener
	mu      sync.Mutex
	metrics map[string][]string // service -> metric paths after svc.<service>.
	changed chan struct{}
}

func newGraphite(t *testing.T) *graphite {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	g := &graphite{ln: ln, metrics: map[string][]string{}, changed: make(chan struct{}, 1)}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go g.serve(c)
		}
	}()
	return g
}

func (g *graphite) serve(c net.Conn) {
	defer c.Close()
	sc := bufio.NewScanner(c)
	for sc.Scan() {
		// svc.case_001.perfdata.time.value 0.0012 1700000000
		f := strings.Fields(sc.Text())
		if len(f) < 2 || !strings.HasPrefix(f[0], "svc.") {
			continue
		}
		svc, metric, _ := strings.Cut(strings.TrimPrefix(f[0], "svc."), ".")
		g.mu.Lock()
		g.metrics[svc] = append(g.metrics[svc], metric)
		g.mu.Unlock()
		select {
		case g.changed <- struct{}{}:
		default:
		}
	}
}

// waitFor waits until every service has sent its state metric as many
// times as it needs.
func (g *graphite) waitFor(services map[string]int, deadline time.Duration, exited func() (bool, error)) []string {
	timeout := time.After(deadline)
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		var missing []string
		g.mu.Lock()
		for s, n := range services {
			seen := 0
			for _, m := range g.metrics[s] {
				if m == "metadata.state" {
					seen++
				}
			}
			if seen < n {
				missing = append(missing, s)
			}
		}
		g.mu.Unlock()
		if len(missing) == 0 {
			return nil
		}
		select {
		case <-g.changed:
		case <-tick.C:
			if done, _ := exited(); done {
				return missing
			}
		case <-timeout:
			return missing
		}
	}
}

func (g *graphite) perf(service string) []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	var out []string
	for _, m := range g.metrics[service] {
		if label, ok := strings.CutPrefix(m, "perfdata."); ok {
			if l, ok := strings.CutSuffix(label, ".value"); ok && !slices.Contains(out, l) {
				out = append(out, l)
			}
		}
	}
	return out
}

func TestIcinga2(t *testing.T) {
	bin := need(t, "icinga2", "icinga2-bin")
	commandsFile := filepath.Join(testutil.Root(), "contrib", "icinga2", "webim-checks.conf")
	exampleFile := filepath.Join(testutil.Root(), "contrib", "icinga2", "webim-checks-example.conf")
	text, err := os.ReadFile(commandsFile)
	require.NoError(t, err)
	cmds, err := engineconf.IcingaCommands(string(text))
	require.NoError(t, err)
	byPlugin := map[string]string{}
	for name, c := range cmds {
		byPlugin[c.Plugin] = name
	}

	const base = `include <itl>
include <plugins>
const NodeName = "localhost"
const PluginDir = %s
template Host "generic-host" { check_command = "dummy"; max_check_attempts = 3 }
template Service "generic-service" { max_check_attempts = 3 }
include %s
`
	t.Run("the example validates", func(t *testing.T) {
		root, defs := icingaDirs(t)
		conf := filepath.Join(root, "etc", "icinga2.conf")
		require.NoError(t, os.WriteFile(conf, []byte(fmt.Sprintf(base, icingaString(plugins(t)), icingaString(commandsFile))+
			"include "+icingaString(exampleFile)+"\n"), 0o644))
		icingaValidate(t, bin, conf, defs)
	})

	srv := testutil.Simulator(t, nil)
	cs := cases(t, srv)
	files := secretsFiles(t)
	g := newGraphite(t)
	root, defs := icingaDirs(t)

	var b strings.Builder
	fmt.Fprintf(&b, base, icingaString(plugins(t)), icingaString(commandsFile))
	fmt.Fprintf(&b, `object CheckerComponent "checker" { }
object FileLogger "main" { path = %s; severity = "notice" }
object GraphiteWriter "graphite" {
	host = "127.0.0.1"
	port = %d
	host_name_template = "host.$host.name$"
	service_name_template = "svc.$service.name$"
	enable_send_metadata = true
	enable_ha = false
}
object Host "sim" { check_command = "dummy"; enable_active_checks = false; address = "127.0.0.1" }
`, icingaString(root+"/var/log/icinga2/icinga2.log"), g.ln.Addr().(*net.TCPAddr).Port)
	var services []string
	want := map[string]engineCase{}
	for _, c := range cs {
		cmdName, ok := byPlugin[c.Check]
		require.True(t, ok, "no CheckCommand runs %s", c.Check)
		cmd := cmds[cmdName]
		vars, ok := icingaVars(t, c.Check, cmd, c.Args)
		if !ok || setsCredential(c.Check, c.Args) {
			t.Logf("%s: a command line the CheckCommand cannot express (an unknown flag, a credential of its own), left out: %s", c.Where, strings.Join(c.Args, " "))
			continue
		}
		// credentials: the login as an argument, the secret in the
		// environment (or its file), as the CheckCommand defines them
		if u, ok := userOf(c.Check); ok && cmd.Args["--user"] != "" {
			vars[cmd.Args["--user"]] = u
		}
		for env, v := range cmd.Env {
			switch {
			case env == "WEBIM_PASSWORD" && c.Cred == "":
				vars[v] = sim.WebimPassword
			case env == "ITGRIX_PASSWORD" && c.Cred == "":
				vars[v] = sim.ItgrixPassword
			case env == "WEBIM_AUTH_TOKEN" && c.Cred == "":
				vars[v] = sim.WebimAuthToken
			case env == "WA_API_KEY" && c.Cred == "":
				vars[v] = sim.WAAPIKey
			case env == "WA_TOKEN" && c.Cred == "token":
				vars[v] = sim.WAToken
			case env == "WEBIM_HANDLER_PASSWORD":
				vars[v] = sim.WebimHandlerPassword
			case env == "WEBIM_PRIVATE_KEY":
				vars[v] = sim.WebimPrivateKey
			case env == "DOLIBARR_API_KEY":
				vars[v] = sim.DolibarrAPIKey
			case env == "DOLIBARR_TOKEN":
				vars[v] = sim.DolibarrToken
			}
		}
		if c.Cred == "password-file" {
			vars[cmd.Args["--password-file"]] = files[product(c.Check)+".pw"]
		}
		fmt.Fprintf(&b, "object Service %s {\n\thost_name = \"sim\"\n\tcheck_command = %s\n\tcheck_interval = 2s\n\tretry_interval = 2s\n\tmax_check_attempts = 1\n",
			icingaString(c.ID), icingaString(cmdName))
		keys := make([]string, 0, len(vars))
		for k := range vars {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			fmt.Fprintf(&b, "\tvars.%s = %s\n", k, icingaValue(vars[k]))
		}
		b.WriteString("}\n")
		services = append(services, c.ID)
		want[c.ID] = c
	}
	conf := filepath.Join(root, "etc", "icinga2.conf")
	require.NoError(t, os.WriteFile(conf, []byte(b.String()), 0o644))
	t.Logf("%d services", len(services))

	t.Run("the test configuration validates", func(t *testing.T) {
		icingaValidate(t, bin, conf, defs)
	})

	// the daemon's own environment holds no credential: what the checks
	// get, they get from the CheckCommands
	env := []string{"PATH=/usr/sbin:/usr/bin:/bin", "MP_STATE_PATH=" + t.TempDir(), "LANG=C.UTF-8"}
	d := startDaemon(t, env, filepath.Join(root, "daemon.log"), bin, append([]string{"daemon", "-c", conf}, defs...)...)
	need := map[string]int{}
	for _, id := range services {
		need[id] = want[id].runs()
	}
	missing := g.waitFor(need, 90*time.Second, d.exited)
	d.stop(t)
	if len(missing) > 0 {
		log, _ := os.ReadFile(filepath.Join(root, "daemon.log"))
		t.Fatalf("no check result from %d services (%s ...); daemon output:\n%s", len(missing), missing[0], log)
	}

	f, err := os.Open(filepath.Join(root, "var", "lib", "icinga2", "icinga2.state"))
	require.NoError(t, err, "Icinga wrote no state on shutdown")
	defer f.Close()
	results, err := engineconf.IcingaState(f)
	require.NoError(t, err)

	for _, id := range services {
		c := want[id]
		t.Run(caseName(c), func(t *testing.T) {
			r, ok := results["sim!"+id]
			require.True(t, ok, "%s: no check result in icinga2.state", c.Where)
			assert.Equal(t, c.Code, r.ExitStatus, "%s: exit status; output %q", c.Where, r.Output)
			assert.Equal(t, float64(c.Code), r.State, "%s: state", c.Where)
			assert.True(t, matchFirstLine(r.Output, r.Perfdata, c.Want), "%s: Icinga shows\n  %s | %s\nwant a first line starting\n  %s", c.Where, firstLine(r.Output), strings.Join(r.Perfdata, " "), c.Want)
			var labels []string
			for _, p := range r.Perfdata {
				labels = append(labels, engineconf.PerfLabels(p)...)
			}
			assert.Equal(t, c.Perf, labels, "%s: perfdata as Icinga split it", c.Where)
			assert.ElementsMatch(t, c.Perf, g.perf(id), "%s: perfdata as Icinga parsed it (GraphiteWriter)", c.Where)
			for _, s := range secretValues {
				assert.NotContains(t, strings.Join(r.Command, " "), s, "a secret on the command line")
				assert.NotContains(t, r.Output, s, "a secret in the output")
			}
		})
	}
	log, err := os.ReadFile(filepath.Join(root, "var", "log", "icinga2", "icinga2.log"))
	require.NoError(t, err)
	for _, s := range secretValues {
		assert.NotContains(t, string(log), s, "a secret in Icinga's log (the commands it ran)")
	}
	assert.NotContains(t, string(log), "Ignoring invalid perfdata")
}
