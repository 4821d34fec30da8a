// Package webimrestart is check_webim_restart: did the Webim Chat Backend
// restart? Either from the start time in GET /l/a/monitor (mainInfo.startTs)
// or by comparing GET /l/i/instance-id with the id seen by the previous
// run, kept in a state file (CONTRACT sections 7 and 8, seed 000).
package webimrestart

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/state"
	"github.com/ccmon/webim-checks/lib/webim"
)

// The methods of --method.
const (
	MethodAuto       = "auto"
	MethodUptime     = "uptime"
	MethodInstanceID = "instance-id"
)

// timeLayout is how times are printed: UTC, so that every monitoring host
// says the same.
const timeLayout = "2006-01-02 15:04:05 UTC"

// Check is check_webim_restart. Use [New] for the defaults.
type Check struct {
	Login    plugin.Login     `group:"Webim service login" env-namespace:"WEBIM"`
	Method   string           `long:"method" value-name:"METHOD" default:"auto" description:"uptime: the start time in /l/a/monitor; instance-id: compare /l/i/instance-id with the previous run; auto: uptime where /l/a/monitor reports the start time, else instance-id"`
	Warning  plugin.Duration  `short:"w" long:"warning" value-name:"DURATION" default:"15m" description:"WARNING while the backend restarted less than this ago (uptime), or for this long after a change of instance id was first seen; 0 reports a change once (seconds, or e.g. 15m, 1h30m)"`
	Critical *plugin.Duration `short:"c" long:"critical" value-name:"DURATION" description:"CRITICAL while the backend restarted less than this ago, or for this long after a change of instance id was first seen (optional)"`
	State    state.Options    `group:"State (--method instance-id)"`
}

// New returns the check with its defaults.
func New() *Check {
	return &Check{Method: MethodAuto, Warning: plugin.Duration(15 * time.Minute)}
}

// Info describes the check.
func (c *Check) Info() plugin.Info {
	return plugin.Info{
		Name:     "check_webim_restart",
		Prefix:   "WEBIM RESTART",
		Interval: "1m",
		Product:  webim.Product,
		Perf: plugin.WithTime([]plugin.PerfDef{
			{Label: "uptime", Unit: "s", Meaning: "seconds since the Chat Backend started (--method uptime)"},
		}),
		Short: "Checks whether the Webim Chat Backend restarted (GET /l/a/monitor mainInfo.startTs, or GET /l/i/instance-id compared with the previous run).",
		States: []string{
			"OK        no restart within -w; first run of --method instance-id (baseline recorded)",
			"WARNING   the backend restarted less than -w ago; the instance id changed (held for -w after it was first seen, -w 0 reports it once)",
			"CRITICAL  the same within -c; the server is down, times out or answers 5xx",
			"UNKNOWN   wrong login (HTTP 401/403), an answer that is not the documented one, a state directory that cannot be written, bad command line",
		},
		Examples: []string{
			"WEBIM_USER=monitor WEBIM_PASSWORD=secret check_webim_restart -H chat.example.com",
			"check_webim_restart -H chat.example.com -U monitor --password-file /etc/nagios/webim.pw -w 30m -c 5m",
			"check_webim_restart -H chat.example.com --method instance-id --state-dir /var/lib/nagios/webim",
		},
	}
}

// Validate checks --method.
func (c *Check) Validate(*plugin.Env) error {
	switch c.Method {
	case MethodAuto, MethodUptime, MethodInstanceID:
		return nil
	}
	return plugin.Errorf(plugin.ErrUsage, "bad value for --method: %q (want auto, uptime or instance-id)", c.Method)
}

// Run performs the check.
func (c *Check) Run(ctx context.Context, env *plugin.Env) (*plugin.Result, error) {
	cl, err := webim.New(env, c.Login)
	if err != nil {
		return nil, err
	}
	fallback := ""
	if c.Method != MethodInstanceID {
		m, err := cl.Monitor(ctx)
		switch {
		case err == nil:
			return c.uptime(env, cl, m), nil
		case c.Method == MethodAuto && errors.Is(err, webim.ErrNoStartTime):
			// an older server, or one that does not report the start
			// time: the instance id tells a restart too. Failures of
			// the server or the login are reported, never skipped.
			fallback = err.Error()
		case errors.Is(err, webim.ErrNoStartTime):
			return nil, fmt.Errorf("%w; use --method instance-id", err)
		default:
			return nil, err
		}
	}
	return c.instance(ctx, env, cl, fallback)
}

// uptimeThresholds turns -w and -c into lower bounds on the uptime in
// seconds: "900:" alerts while the uptime is below 900. A zero duration
// sets no threshold.
func (c *Check) uptimeThresholds() plugin.Thresholds {
	var th plugin.Thresholds
	if c.Warning > 0 {
		th.Warn = lowerBound(c.Warning.Std())
	}
	if c.Critical != nil && *c.Critical > 0 {
		th.Crit = lowerBound(c.Critical.Std())
	}
	return th
}

func lowerBound(d time.Duration) *plugin.Range {
	return plugin.MustRange(strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + ":")
}

// uptime judges the start time of /l/a/monitor.
func (c *Check) uptime(env *plugin.Env, cl *webim.Client, m *webim.Monitor) *plugin.Result {
	info := m.MainInfo
	start := info.Start()
	up := env.Now().Sub(start)
	var skew time.Duration
	if up < -time.Second {
		skew, up = -up, 0
	}
	secs := math.Max(0, math.Floor(up.Seconds()))
	up = time.Duration(secs) * time.Second
	th := c.uptimeThresholds()
	res := &plugin.Result{State: th.Evaluate(secs)}
	when := start.Format(timeLayout)
	switch {
	case skew > 0:
		res.Summary = fmt.Sprintf("Chat Backend start time %s is %s in the future (clock skew between this host and the server?)", when, plugin.HumanDuration(skew))
	case res.State != plugin.OK:
		res.Summary = fmt.Sprintf("Chat Backend restarted %s (%s)", ago(up), when)
	default:
		res.Summary = fmt.Sprintf("Chat Backend up %s since %s", plugin.HumanDuration(up), when)
	}
	if about := describe(info); about != "" {
		res.Summary += "; " + about
	}
	if info.StartTime != "" {
		res.AddLong("started %s (the server says %s in its time zone)", when, info.StartTime)
	}
	if m.Host != "" {
		res.AddLong("host: %s", m.Host)
	}
	res.AddPerf(plugin.Perf{Label: "uptime", Value: secs, Unit: "s", Warn: th.Warn, Crit: th.Crit, Min: plugin.Float(0)})
	return res
}

// describe lists version, environment and node name, those that are set.
func describe(info *webim.MainInfo) string {
	var parts []string
	if v := strings.TrimSpace(info.Version); v != "" {
		parts = append(parts, "version "+v)
	}
	if v := strings.TrimSpace(info.Env); v != "" {
		parts = append(parts, "env "+v)
	}
	if v := strings.TrimSpace(info.NodeName); v != "" {
		parts = append(parts, "node "+v)
	}
	return strings.Join(parts, ", ")
}

// ago says how long ago something happened: "2m ago", "just now".
func ago(d time.Duration) string {
	if d < time.Second {
		return "just now"
	}
	return plugin.HumanDuration(d) + " ago"
}

// instanceState is what the instance-id method keeps between runs.
type instanceState struct {
	// ID is the instance id last seen.
	ID string `json:"id"`
	// Since is when ID was first seen: the baseline, or the change.
	Since time.Time `json:"since"`
	// Previous is the id before the last change seen ("" before any).
	Previous string `json:"previous,omitempty"`
	// Checked is the last run that saw ID.
	Checked time.Time `json:"checked"`
}

// instance compares /l/i/instance-id with the state file. The answer is
// fetched first; the lock is held from reading the state to writing it,
// so parallel runs judge one after the other.
// fallback says why --method auto came here ("" when it did not).
func (c *Check) instance(ctx context.Context, env *plugin.Env, cl *webim.Client, fallback string) (*plugin.Result, error) {
	id, err := cl.InstanceID(ctx)
	if err != nil {
		if fallback != "" {
			return nil, fmt.Errorf("%w (compared the instance id because %s)", err, fallback)
		}
		return nil, err
	}
	if !webim.IsInstanceID(id) {
		// the state file is written only from an answer judged valid
		return nil, plugin.Errorf(plugin.ErrDecode, "instance-id: %q is not an instance id", id)
	}
	key := state.Key{Check: c.Info().Name, Host: cl.HTTP().Base().String(), Args: []string{"method=" + MethodInstanceID}}
	var prev instanceState
	sf, loaded, err := state.Begin(ctx, env, c.State.Path(), key, &prev, func() string {
		if !webim.IsInstanceID(prev.ID) {
			return "no valid instance id in it"
		}
		return ""
	})
	if err != nil {
		return nil, err
	}
	defer sf.Close()
	now := env.Now()
	next, res := c.judge(now, id, prev, loaded)
	env.Step("writing the state file " + sf.Path())
	if err := sf.Save(next, now); err != nil {
		return nil, err
	}
	if fallback != "" {
		res.AddLong("compared the instance id because %s", fallback)
	}
	res.AddLong("state file: %s", sf.Path())
	return res, nil
}

// judge compares the id fetched now with the state of the previous run and
// returns the state to save and the result.
func (c *Check) judge(now time.Time, id string, prev instanceState, loaded state.Loaded) (instanceState, *plugin.Result) {
	res := &plugin.Result{}
	switch {
	case !loaded.Found:
		res.Summary = fmt.Sprintf("Chat Backend instance id %s; baseline recorded", id)
		if loaded.Corrupt != "" {
			res.Summary = fmt.Sprintf("Chat Backend instance id %s; fresh baseline recorded: the state file was corrupt (%s)", id, loaded.Corrupt)
		}
		res.AddLong("a change of the instance id on a later run means the backend restarted")
		return instanceState{ID: id, Since: now, Checked: now}, res

	case id != prev.ID:
		res.State = plugin.Warning
		if c.Critical != nil {
			res.State = plugin.Critical
		}
		res.Summary = fmt.Sprintf("Chat Backend restarted: instance id changed from %s to %s", prev.ID, id)
		next := instanceState{ID: id, Since: now, Previous: prev.ID, Checked: now}
		res.AddLong("%s", c.holdLine(next.Since))
		if !prev.Checked.IsZero() && !prev.Checked.After(now) {
			res.AddLong("the restart happened after the previous check, %s (%s), which saw %s", ago(now.Sub(prev.Checked)), prev.Checked.UTC().Format(timeLayout), prev.ID)
		}
		return next, res
	}

	next := prev
	next.Checked = now
	if prev.Since.After(now) {
		// the clock went back since the state was written: hold a
		// change for -w from now, not until the clock catches up
		next.Since = now
		res.AddLong("the state file was written at %s, later than now (the clock went back?); counting from now", prev.Since.UTC().Format(timeLayout))
	}
	age := now.Sub(next.Since)
	since := next.Since.UTC().Format(timeLayout)
	if next.Previous != "" {
		switch {
		case c.Critical != nil && age < c.Critical.Std():
			res.State = plugin.Critical
		case age < c.Warning.Std():
			res.State = plugin.Warning
		}
	}
	if res.State != plugin.OK {
		res.Summary = fmt.Sprintf("Chat Backend restarted: instance id changed from %s to %s, first seen %s (%s)", next.Previous, id, ago(age), since)
		res.AddLong("%s", c.holdLine(next.Since))
		return next, res
	}
	res.Summary = fmt.Sprintf("Chat Backend instance id %s, no restart seen since %s (%s)", id, since, ago(age))
	if next.Previous != "" {
		res.AddLong("last restart seen %s: instance id changed from %s to %s", since, next.Previous, id)
	}
	return next, res
}

// holdLine says how long a change is reported, for the long output.
func (c *Check) holdLine(seen time.Time) string {
	at := func(d time.Duration) string { return seen.Add(d).UTC().Format(timeLayout) }
	w := c.Warning.Std()
	var parts []string
	crit := time.Duration(-1)
	if c.Critical != nil {
		crit = c.Critical.Std()
		if crit > 0 {
			parts = append(parts, fmt.Sprintf("CRITICAL until %s (-c %s)", at(crit), plugin.HumanDuration(crit)))
		} else {
			parts = append(parts, "CRITICAL once (-c 0)")
		}
	}
	switch {
	case w > 0 && w > crit:
		parts = append(parts, fmt.Sprintf("WARNING until %s (-w %s)", at(w), plugin.HumanDuration(w)))
	case w == 0 && c.Critical == nil:
		parts = append(parts, "WARNING once (-w 0)")
	}
	return "reported as " + strings.Join(parts, ", then ")
}
