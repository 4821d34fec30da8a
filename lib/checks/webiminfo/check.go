// Package webiminfo is check_webim_info: what the PHP side of Webim (the
// Admin Backend) says about itself: version, branch, server, account and
// ports, and the load and uptime of its server. GET
// /webim/service/info.php with the service login, an answer in PHP
// var_dump format (CONTRACT section 8, seed 000).
package webiminfo

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/webim"
)

// Check is check_webim_info. Use [New] for the defaults.
type Check struct {
	Login         plugin.Login      `group:"Webim service login" env-namespace:"WEBIM"`
	Path          string            `long:"path" value-name:"PATH" default:"/webim/service/info.php" description:"path of info.php on the server"`
	WarningLoad   string            `long:"warning-load" value-name:"L1,L5,L15" description:"load averages over 1, 5 and 15 minutes that warn, as check_load's (ranges; one number applies to all three; any crossed warns)"`
	CriticalLoad  string            `long:"critical-load" value-name:"L1,L5,L15" description:"load averages that are critical, as --warning-load"`
	WarningUptime *plugin.Duration  `long:"warning-uptime" value-name:"DURATION" description:"WARNING while the server's OS has been up less than this: it rebooted (seconds, or e.g. 1h, 2d)"`
	MinVersion    plugin.MinVersion `long:"min-version" value-name:"X.Y[.Z]" description:"WARNING when Webim is older (compared number by number per dot-separated part)"`

	warnLoad, critLoad loadRanges
}

// New returns the check with its defaults.
func New() *Check { return &Check{Path: webim.InfoPath} }

// Info describes the check.
func (c *Check) Info() plugin.Info {
	return plugin.Info{
		Name:    "check_webim_info",
		Prefix:  "WEBIM INFO",
		Product: webim.Product,
		Perf: plugin.WithTime([]plugin.PerfDef{
			{Label: "load1", Meaning: "load average of the PHP server over 1 minute"},
			{Label: "load5", Meaning: "load average over 5 minutes"},
			{Label: "load15", Meaning: "load average over 15 minutes"},
			{Label: "os_uptime", Unit: "s", Meaning: "seconds since the PHP server's OS started"},
		}),
		Short: "Checks the PHP side of Webim: version, branch, server, ports, and the server's load and uptime (GET /webim/service/info.php).",
		States: []string{
			"OK        info.php answers; no threshold crossed",
			"WARNING   a load average crosses --warning-load; the OS has been up less than --warning-uptime (a reboot); Webim is older than --min-version",
			"CRITICAL  a load average crosses --critical-load; the server is down, times out or answers 5xx",
			"UNKNOWN   wrong login (HTTP 401/403), an answer that is not var_dump output (HTML, JSON), no load average or uptime where a threshold needs it, bad command line",
		},
		Examples: []string{
			"WEBIM_USER=monitor WEBIM_PASSWORD=secret check_webim_info -H chat.example.com",
			"check_webim_info -H chat.example.com -U monitor --password-file /etc/nagios/webim.pw --warning-load 8,6,4 --critical-load 16,12,8",
			"WEBIM_USER=monitor WEBIM_PASSWORD=secret check_webim_info -H chat.example.com --warning-uptime 1h --min-version 10.7",
		},
	}
}

// Validate parses the load thresholds.
func (c *Check) Validate(*plugin.Env) error {
	var err error
	if c.warnLoad, err = parseLoad("--warning-load", c.WarningLoad); err != nil {
		return err
	}
	c.critLoad, err = parseLoad("--critical-load", c.CriticalLoad)
	return err
}

// Run performs the check.
func (c *Check) Run(ctx context.Context, env *plugin.Env) (*plugin.Result, error) {
	cl, err := webim.New(env, c.Login)
	if err != nil {
		return nil, err
	}
	in, err := cl.Info(ctx, c.Path)
	if err != nil {
		return nil, err
	}
	var ps plugin.Problems
	res := &plugin.Result{Summary: about(in)}
	if err := c.judgeLoad(in, res, &ps); err != nil {
		return nil, err
	}
	if err := c.judgeUptime(in, res, &ps); err != nil {
		return nil, err
	}
	c.judgeVersion(in, &ps)
	ps.Apply(res, 3)
	describe(in, res)
	if env.Verbosity() >= 2 {
		for _, n := range in.Notes {
			res.AddLong("info.php: %s", n)
		}
	}
	return res, nil
}

// judgeLoad judges and reports the load averages. Without them, only a
// load threshold makes the run UNKNOWN.
func (c *Check) judgeLoad(in *webim.Info, res *plugin.Result, ps *plugin.Problems) error {
	load, err := in.Load()
	if err != nil {
		if c.warnLoad != (loadRanges{}) || c.critLoad != (loadRanges{}) {
			return err
		}
		res.AddLong("no load average: %v", err)
		return nil
	}
	res.Summary += fmt.Sprintf("; load %.2f, %.2f, %.2f", load[0], load[1], load[2])
	if st, crossed := judgeLoad(load, c.warnLoad, c.critLoad); st != plugin.OK {
		ps.Add(st, fmt.Sprintf("load average on %s is high (%s)", serverName(in), crossed))
	}
	for i, label := range []string{"load1", "load5", "load15"} {
		res.AddPerf(plugin.Perf{Label: label, Value: load[i], Warn: c.warnLoad[i], Crit: c.critLoad[i], Min: plugin.Float(0)})
	}
	return nil
}

// judgeUptime judges and reports the OS uptime.
func (c *Check) judgeUptime(in *webim.Info, res *plugin.Result, ps *plugin.Problems) error {
	up, err := in.OSUptime()
	if err != nil {
		if c.WarningUptime != nil {
			return err
		}
		res.AddLong("no OS uptime: %v", err)
		return nil
	}
	res.Summary += "; OS up " + human(up)
	var warn *plugin.Range
	if c.WarningUptime != nil && *c.WarningUptime > 0 {
		min := c.WarningUptime.Std()
		warn = plugin.MustRange(strconv.FormatFloat(min.Seconds(), 'f', -1, 64) + ":")
		if up < min {
			ps.Add(plugin.Warning, fmt.Sprintf("%s rebooted: OS up %s (< %s)", serverName(in), human(up), plugin.HumanDuration(min)))
		}
	}
	res.AddPerf(plugin.Perf{Label: "os_uptime", Value: up.Seconds(), Unit: "s", Warn: warn, Min: plugin.Float(0)})
	return nil
}

// judgeVersion compares the version with --min-version.
func (c *Check) judgeVersion(in *webim.Info, ps *plugin.Problems) {
	if !c.MinVersion.IsSet() {
		return
	}
	switch older, ok := c.MinVersion.Older(in.Version); {
	case !ok:
		ps.Add(plugin.Unknown, "info.php reports no version to compare with --min-version "+c.MinVersion.String())
	case older:
		ps.Add(plugin.Warning, fmt.Sprintf("Webim %s is older than %s (--min-version)", in.Version, c.MinVersion))
	}
}

// human prints an uptime in whole minutes ("36d22h", "7m"), as uptime(1)
// reports it.
func human(d time.Duration) string {
	if d < time.Minute {
		return plugin.HumanDuration(d)
	}
	return plugin.HumanDuration(d.Truncate(time.Minute))
}

// serverName is the server's name for messages.
func serverName(in *webim.Info) string {
	if in.Server != "" {
		return "server " + in.Server
	}
	return "the PHP server"
}

// about is the summary of a healthy answer: version, branch, server and
// account, those that are set.
func about(in *webim.Info) string {
	s := "Webim"
	if in.Version != "" {
		s += " " + in.Version
	} else {
		s += " (no version reported)"
	}
	if in.Branch != "" {
		s += " (" + in.Branch + ")"
	}
	if in.Server != "" {
		s += " on " + in.Server
	}
	if in.AccountName != "" {
		s += ", account " + in.AccountName
	}
	return s
}

// describe adds the long output: one fact a line.
func describe(in *webim.Info, res *plugin.Result) {
	line := func(label, v string) {
		if v != "" {
			res.AddLong("%s: %s", label, v)
		}
	}
	line("version", in.Version)
	line("branch", in.Branch)
	line("revision", in.Revision)
	line("server", in.Server)
	line("account", in.AccountName)
	line("Chat Backend port", in.TornadoPort)
	line("Admin Backend port", in.AgentBackendPort)
	line("PHP environment", in.ScriptLocation)
	line("Chat Backend environment", in.TornadoLocation)
	line("protocol", in.HTTPS)
	line("uptime", strings.TrimSpace(in.Uptime))
	if c := in.Connections; c != nil && c.Kind == webim.PHPArray {
		keys := make([]string, 0, len(c.Array))
		for _, e := range c.Array {
			keys = append(keys, e.Key)
		}
		res.AddLong("database connections: %s", strings.Join(keys, ", "))
	}
}
