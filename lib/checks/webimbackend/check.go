// Package webimbackend is check_webim_backend: does the Webim Chat Backend
// write to its database, do visitors' long polls get through, which
// version runs where? GET /l/a/monitor with the service login (CONTRACT
// section 8, seed 000).
package webimbackend

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/webim"
)

// Check is check_webim_backend. Use [New] for the defaults.
type Check struct {
	Login         plugin.Login      `group:"Webim service login" env-namespace:"WEBIM"`
	WarningTries  plugin.Range      `long:"warning-tries" value-name:"N" default:"2" description:"average number of attempts a visitor's long poll needs to reach the backend (mainInfo.avgNTries) that warns (range)"`
	CriticalTries *plugin.Range     `long:"critical-tries" value-name:"N" description:"average number of long-poll attempts that is critical (range, e.g. 5)"`
	MinVersion    plugin.MinVersion `long:"min-version" value-name:"X.Y[.Z]" description:"an older Webim version warns, naming both (numeric comparison per dot-separated part)"`
}

// New returns the check with its defaults.
func New() *Check { return &Check{WarningTries: *plugin.MustRange("2")} }

// Info describes the check.
func (c *Check) Info() plugin.Info {
	return plugin.Info{
		Name:     "check_webim_backend",
		Prefix:   "WEBIM BACKEND",
		Interval: "1m",
		Product:  webim.Product,
		Perf: plugin.WithTime([]plugin.PerfDef{
			{Label: "avg_tries", Meaning: "average number of attempts a visitor's long poll needs to reach the backend (mainInfo.avgNTries)"},
			{Label: "uptime", Unit: "s", Meaning: "seconds since the Chat Backend started (mainInfo.startTs)"},
		}),
		Short: "Checks that the Webim Chat Backend writes to its database and that visitors' long polls get through; reports version, environment and uptime (GET /l/a/monitor).",
		States: []string{
			"OK        storingEnabled is true, long polls need fewer attempts than --warning-tries, the version is not older than --min-version",
			"WARNING   long polls need more attempts on average than --warning-tries (default 2); the version is older than --min-version",
			"CRITICAL  storingEnabled is false (the backend does not write to the database); attempts cross --critical-tries; the server is down, times out or answers 5xx",
			"UNKNOWN   wrong login (HTTP 401/403), HTTP 404, an answer without mainInfo.storingEnabled or with values out of range, no version to compare with --min-version, bad command line",
		},
		Examples: []string{
			"WEBIM_USER=monitor WEBIM_PASSWORD=secret check_webim_backend -H chat.example.com",
			"check_webim_backend -H chat.example.com -U monitor --password-file /etc/nagios/webim.pw --warning-tries 1.5 --critical-tries 3",
			"check_webim_backend -H chat.example.com --min-version 10.7",
		},
	}
}

// Run performs the check.
func (c *Check) Run(ctx context.Context, env *plugin.Env) (*plugin.Result, error) {
	_, m, err := webim.Fetch(ctx, env, c.Login, (*webim.Client).Backend)
	if err != nil {
		return nil, err
	}
	return c.judge(env.Now(), m), nil
}

// judge turns the answer into a result: the problems first, then version,
// env, uptime, storing state and tries.
func (c *Check) judge(now time.Time, m *webim.Monitor) *plugin.Result {
	info := m.MainInfo
	th := plugin.Thresholds{Warn: &c.WarningTries, Crit: c.CriticalTries}
	var ps plugin.Problems
	if !*info.StoringEnabled {
		ps.Add(plugin.Critical, "the Chat Backend does not write to the database (storingEnabled false)")
	}
	if t := info.AvgNTries; t != nil {
		ps.Judge(th, *t, "", "visitors' long polls need "+tries(*t)+" attempts on average to reach the backend")
	}
	c.judgeVersion(&ps, info.Version)

	res := &plugin.Result{}
	up, upKnown := uptime(now, info)
	res.Summary = about(info, up, upKnown)
	ps.Apply(res, 3)
	addLong(res, m, now)
	if t := info.AvgNTries; t != nil {
		res.AddPerf(plugin.Perf{Label: "avg_tries", Value: *t, Warn: th.Warn, Crit: th.Crit, Min: plugin.Float(0)})
	}
	if upKnown {
		res.AddPerf(plugin.Perf{Label: "uptime", Value: up.Seconds(), Unit: "s", Min: plugin.Float(0)})
	}
	return res
}

// judgeVersion compares the version with --min-version, when given.
func (c *Check) judgeVersion(ps *plugin.Problems, version string) {
	if !c.MinVersion.IsSet() {
		return
	}
	switch older, ok := c.MinVersion.Older(version); {
	case !ok:
		ps.Add(plugin.Unknown, fmt.Sprintf("the backend reports no version number (%q) to compare with --min-version %s", version, c.MinVersion))
	case older:
		ps.Add(plugin.Warning, fmt.Sprintf("version %s is older than --min-version %s", strings.TrimSpace(version), c.MinVersion))
	}
}

// uptime is the time since mainInfo.startTs in whole seconds, 0 when the
// start lies in the future (clock skew); false without startTs.
func uptime(now time.Time, info *webim.MainInfo) (time.Duration, bool) {
	if info.StartTs == nil {
		return 0, false
	}
	up := now.Sub(info.Start())
	if up < 0 {
		return 0, true
	}
	return up.Truncate(time.Second), true
}

// about is the summary's context: version, env, uptime, storing state
// and tries, those that are known.
func about(info *webim.MainInfo, up time.Duration, upKnown bool) string {
	parts := make([]string, 0, 5)
	if v := strings.TrimSpace(info.Version); v != "" {
		parts = append(parts, "version "+v)
	}
	if v := strings.TrimSpace(info.Env); v != "" {
		parts = append(parts, "env "+v)
	}
	if upKnown {
		parts = append(parts, "up "+plugin.HumanDuration(up))
	}
	if *info.StoringEnabled {
		parts = append(parts, "storing enabled")
	} else {
		parts = append(parts, "storing disabled")
	}
	if t := info.AvgNTries; t != nil {
		parts = append(parts, "avg tries "+tries(*t))
	} else {
		parts = append(parts, "avg tries not reported")
	}
	return strings.Join(parts, ", ")
}

// addLong writes the facts of the answer, one a line, those that are set.
func addLong(res *plugin.Result, m *webim.Monitor, now time.Time) {
	info := m.MainInfo
	line := func(label, v string) {
		if v = strings.TrimSpace(v); v != "" {
			res.AddLong("%s: %s", label, v)
		}
	}
	line("host", m.Host)
	if info.Port > 0 {
		line("port", strconv.Itoa(info.Port))
	}
	line("OS", strings.TrimSpace(info.OSName+" "+info.OSVersion))
	line("branch", info.Branch)
	line("revision", info.Revision)
	line("tag", info.Tag)
	line("multinode mode", info.MultinodeMode)
	line("node name", info.NodeName)
	if info.StartTs != nil {
		start := info.Start()
		res.AddLong("started: %s (the server says %s)", start.Format("2006-01-02 15:04:05 UTC"), orDash(info.StartTime))
		if start.After(now.Add(time.Second)) {
			res.AddLong("the start time lies %s in the future (clock skew between this host and the server?)", plugin.HumanDuration(start.Sub(now).Round(time.Second)))
		}
	} else {
		res.AddLong("started: not reported (no mainInfo.startTs)")
	}
	if info.AvgNTries != nil {
		res.AddLong("avgNTries %s over %s", tries(*info.AvgNTries), plugin.Plural(info.N, "update cycle"))
	} else {
		res.AddLong("avgNTries: not reported, long-poll attempts not judged")
	}
}

// tries prints an average number of attempts: "0", "1.25".
func tries(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}
