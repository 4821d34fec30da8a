// Package webimobjects is check_webim_objects: which object types of the
// Webim Chat Backend grow from run to run (a memory leak)? GET
// /l/a/object-stats with the service login gives ObjGraph's counts of the
// 50 most common types; the check judges counts and, with a state file,
// their growth since the last run (CONTRACT sections 7 and 8, seed 000).
package webimobjects

import (
	"context"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/state"
	"github.com/ccmon/webim-checks/lib/webim"
)

// Check is check_webim_objects. Use [New] for the defaults.
type Check struct {
	Login          plugin.Login  `group:"Webim service login" env-namespace:"WEBIM"`
	Types          []string      `long:"type" value-name:"NAME" description:"judge this object type (repeatable, e.g. dict); without it the largest type is judged"`
	Warning        *plugin.Range `short:"w" long:"warning" value-name:"N" description:"objects of a judged type that warn (range, e.g. 500000)"`
	Critical       *plugin.Range `short:"c" long:"critical" value-name:"N" description:"objects of a judged type that are critical (range, e.g. 2000000)"`
	WarningGrowth  *plugin.Range `long:"warning-growth" value-name:"PERCENT" description:"growth of a judged type since the last run, in percent, that warns (range, e.g. 10; needs the state file)"`
	CriticalGrowth *plugin.Range `long:"critical-growth" value-name:"PERCENT" description:"growth since the last run, in percent, that is critical (range, e.g. 50)"`
	State          state.Options `group:"State (--warning-growth, --critical-growth)"`
}

// New returns the check with its defaults (no thresholds).
func New() *Check { return &Check{} }

// Info describes the check.
func (c *Check) Info() plugin.Info {
	return plugin.Info{
		Name:    "check_webim_objects",
		Prefix:  "WEBIM OBJECTS",
		Product: webim.Product,
		Perf: plugin.WithTime([]plugin.PerfDef{
			{Label: "TYPE", Meaning: "objects of each judged type (the largest one without --type)"},
			{Label: "types", Meaning: "object types in the answer (ObjGraph lists the 50 most common)"},
		}),
		Short: "Checks the object counts of the Webim Chat Backend and their growth from run to run, the sign of a leak (GET /l/a/object-stats).",
		States: []string{
			"OK        no judged type crosses -w or the growth thresholds; a --type not among the 50 most common; the first run with a growth threshold records a baseline",
			"WARNING   a judged type has more objects than -w allows, or grew more than --warning-growth percent since the last run",
			"CRITICAL  the same for -c and --critical-growth; the server is down, times out or answers 5xx",
			"UNKNOWN   wrong login (HTTP 401/403), an answer that is not a type -> count map or list of pairs, a state directory that cannot be used, bad command line",
		},
		Examples: []string{
			"WEBIM_USER=monitor WEBIM_PASSWORD=secret check_webim_objects -H chat.example.com",
			"check_webim_objects -H chat.example.com -U monitor --password-file /etc/nagios/webim.pw --type dict --type list -w 500000 -c 2000000",
			"check_webim_objects -H chat.example.com --type dict --warning-growth 10 --critical-growth 50 --state-dir /var/lib/nagios/webim",
		},
		Interval: "15m",
	}
}

// Validate checks the type names.
func (c *Check) Validate(*plugin.Env) error {
	if err := plugin.NoEmpty("--type", "type", c.Types); err != nil {
		return err
	}
	return nil
}

// growth reports whether growth is judged (and the state file kept).
func (c *Check) growth() bool { return c.WarningGrowth != nil || c.CriticalGrowth != nil }

// Run performs the check.
func (c *Check) Run(ctx context.Context, env *plugin.Env) (*plugin.Result, error) {
	cl, counts, err := webim.Fetch(ctx, env, c.Login, (*webim.Client).ObjectStats)
	if err != nil {
		return nil, err
	}
	if !c.growth() {
		return c.judge(counts, nil), nil
	}
	return c.withState(ctx, env, cl, counts)
}

// saved is what the check keeps between runs: the count of each type.
type saved struct {
	Counts map[string]float64 `json:"counts"`
}

// withState judges growth against the state file and saves the counts;
// the lock is held from reading to writing.
func (c *Check) withState(ctx context.Context, env *plugin.Env, cl *webim.Client, counts []webim.ObjectCount) (*plugin.Result, error) {
	key := state.Key{Check: c.Info().Name, Host: cl.HTTP().Base().String(), Args: []string{state.ListArg("types", c.Types)}}
	var prev saved
	sf, loaded, err := state.Begin(ctx, env, c.State.Path(), key, &prev, func() string {
		if prev.Counts == nil {
			return "no object counts in it"
		}
		return ""
	})
	if err != nil {
		return nil, err
	}
	defer sf.Close()
	now := env.Now()
	res := c.judge(counts, &history{prev: prev.Counts, loaded: loaded, now: now})
	next := saved{Counts: make(map[string]float64, len(counts))}
	for _, o := range counts {
		next.Counts[o.Type] = o.Count
	}
	env.Step("writing the state file " + sf.Path())
	if err := sf.Save(next, now); err != nil {
		return nil, err
	}
	res.AddLong("state file: %s", sf.Path())
	return res, nil
}
