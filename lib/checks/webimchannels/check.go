// Package webimchannels is check_webim_channels: which messaging channel
// of a Webim Chat Backend (Telegram, VK, ...) started failing, and how
// fast? GET /l/a/monitor/zabbix/channels with the service login gives each
// channel's running total of errors; the check keeps the totals of the
// last run in a state file and judges the new errors (CONTRACT sections 7
// and 8, seed 000).
package webimchannels

import (
	"context"
	"slices"
	"time"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/state"
	"github.com/ccmon/webim-checks/lib/webim"
)

// The modes of --mode.
const (
	ModeNew   = "new"
	ModeTotal = "total"
)

// Check is check_webim_channels. Use [New] for the defaults.
type Check struct {
	Login    plugin.Login  `group:"Webim service login" env-namespace:"WEBIM"`
	Mode     string        `long:"mode" value-name:"MODE" default:"new" description:"new: judge the errors of each channel since the last run (state file); total: judge the running totals themselves"`
	Warning  plugin.Range  `short:"w" long:"warning" value-name:"N" default:"0" description:"errors of one channel that warn: new errors since the last run, or the total with --mode total (range; the default 0 warns on any)"`
	Critical *plugin.Range `short:"c" long:"critical" value-name:"N" description:"errors of one channel that are critical (range, e.g. 10)"`
	Channels []string      `long:"channel" value-name:"NAME" description:"judge only this channel (repeatable; e.g. telegram)"`
	State    state.Options `group:"State (--mode new)"`
}

// New returns the check with its defaults.
func New() *Check {
	return &Check{Mode: ModeNew, Warning: *plugin.MustRange("0")}
}

// Info describes the check.
func (c *Check) Info() plugin.Info {
	return plugin.Info{
		Name:    "check_webim_channels",
		Prefix:  "WEBIM CHANNELS",
		Product: webim.Product,
		Perf: plugin.WithTime([]plugin.PerfDef{
			{Label: "new_errors", Meaning: "new errors of the judged channels since the last run (--mode new, from the second run)"},
			{Label: "channels", Meaning: "judged channels that report errors"},
			{Label: "CHANNEL_errors", Unit: "c", Meaning: "running total of errors of each channel (a counter: graphs derive the rate)"},
		}),
		Items: "channel",
		Short: "Checks the messaging channels of a Webim Chat Backend (Telegram, VK, ...) for new errors since the last run (GET /l/a/monitor/zabbix/channels).",
		States: []string{
			"OK        no channel has new errors beyond -w; first run and counter resets (a restart of the backend) set a baseline; no channel reports errors",
			"WARNING   a channel has more new errors since the last run than -w allows (by default: any), or with --mode total more errors in total",
			"CRITICAL  a channel crosses -c; the server is down, times out or answers 5xx",
			"UNKNOWN   wrong login (HTTP 401/403), an answer that is not the documented one, a state directory that cannot be used, bad command line",
		},
		Examples: []string{
			"WEBIM_USER=monitor WEBIM_PASSWORD=secret check_webim_channels -H chat.example.com",
			"check_webim_channels -H chat.example.com -U monitor --password-file /etc/nagios/webim.pw -w 5 -c 50 --channel telegram --state-dir /var/lib/nagios/webim",
			"check_webim_channels -H chat.example.com --mode total -w 100 -c 1000",
		},
	}
}

// Validate checks --mode and --channel.
func (c *Check) Validate(*plugin.Env) error {
	if c.Mode != ModeNew && c.Mode != ModeTotal {
		return plugin.Errorf(plugin.ErrUsage, "bad value for --mode: %q (want new or total)", c.Mode)
	}
	return plugin.NoEmpty("--channel", "channel", c.Channels)
}

// Run performs the check.
func (c *Check) Run(ctx context.Context, env *plugin.Env) (*plugin.Result, error) {
	cl, chs, err := webim.Fetch(ctx, env, c.Login, (*webim.Client).Channels)
	if err != nil {
		return nil, err
	}
	chs = c.selectChannels(chs)
	if c.Mode == ModeTotal {
		return c.judgeTotals(chs), nil
	}
	return c.withState(ctx, env, cl, chs)
}

// selectChannels keeps the channels of --channel (all without it).
func (c *Check) selectChannels(chs []webim.Channel) []webim.Channel {
	if len(c.Channels) == 0 {
		return chs
	}
	out := chs[:0]
	for _, ch := range chs {
		if slices.Contains(c.Channels, ch.Name) {
			out = append(out, ch)
		}
	}
	return out
}

// saved is what the check keeps between runs: each channel's total.
type saved struct {
	Totals map[string]float64 `json:"totals"`
}

// withState compares the totals with the state file and saves the new
// ones; the lock is held from reading to writing, so parallel runs judge
// one after the other.
func (c *Check) withState(ctx context.Context, env *plugin.Env, cl *webim.Client, chs []webim.Channel) (*plugin.Result, error) {
	key := state.Key{Check: c.Info().Name, Host: cl.HTTP().Base().String(), Args: []string{state.ListArg("channels", c.Channels)}}
	var prev saved
	sf, loaded, err := state.Begin(ctx, env, c.State.Path(), key, &prev, func() string {
		if prev.Totals == nil {
			return "no channel totals in it"
		}
		return ""
	})
	if err != nil {
		return nil, err
	}
	defer sf.Close()
	now := env.Now()
	res := c.judgeNew(chs, prev.Totals, loaded, now)
	next := saved{Totals: make(map[string]float64, len(chs))}
	for _, ch := range chs {
		next.Totals[ch.Name] = ch.Errors
	}
	env.Step("writing the state file " + sf.Path())
	if err := sf.Save(next, now); err != nil {
		return nil, err
	}
	res.AddLong("state file: %s", sf.Path())
	return res, nil
}

// since says how long ago the last run was, for the summary.
func since(loaded state.Loaded, now time.Time) string {
	if loaded.Saved.IsZero() || loaded.Saved.After(now) {
		return "the last run"
	}
	d := now.Sub(loaded.Saved).Truncate(time.Second)
	if d < time.Second {
		return "the last run (just now)"
	}
	return "the last run (" + plugin.HumanDuration(d) + " ago)"
}
