// Package webimmetrics is check_webim_metrics: any Prometheus metric a
// Webim backend (10.6 and later) exports on GET /metrics, or any other
// Prometheus endpoint, selected PromQL-style, folded and judged with a
// threshold, optionally as a rate from the state file (CONTRACT sections 7
// and 8, seed 000).
package webimmetrics

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/prom"
	"github.com/ccmon/webim-checks/lib/state"
	"github.com/ccmon/webim-checks/lib/webim"
)

// Check is check_webim_metrics. Use [New] for the defaults.
type Check struct {
	Login     plugin.Login  `group:"Webim service login (optional: /metrics may be open)" env-namespace:"WEBIM"`
	Metric    []string      `long:"metric" value-name:"SELECTOR" description:"series to judge, PromQL-style: NAME{label=\"v\",other=~\"re\",x!=\"y\",z!~\"re\"} (repeatable; quote it for the shell)"`
	Aggregate string        `long:"aggregate" value-name:"sum|max|min|avg|count" default:"sum" description:"how the series a selector matches are folded into one value"`
	Rate      bool          `long:"rate" description:"judge the per-second increase since the last run (state file); a counter that went down starts a new baseline"`
	Absent    string        `long:"absent" value-name:"STATE" default:"UNKNOWN" description:"state when a selector matches no series (or only NaN values)"`
	Label     []string      `long:"label" value-name:"LABEL" description:"perfdata label of the metric of the same position (repeatable; default: from the metric name and the values of its = matchers)"`
	Path      string        `long:"path" value-name:"PATH" default:"/metrics" description:"path of the metrics endpoint, with a query if needed (e.g. /metrics?format=prometheus)"`
	Warning   *plugin.Range `short:"w" long:"warning" value-name:"N" description:"value of each metric that warns (range, e.g. 10)"`
	Critical  *plugin.Range `short:"c" long:"critical" value-name:"N" description:"value of each metric that is critical (range, e.g. 30)"`
	State     state.Options `group:"State (--rate)"`

	selectors []*prom.Selector
	absent    plugin.State
}

// New returns the check with its defaults.
func New() *Check {
	return &Check{Aggregate: "sum", Absent: "UNKNOWN", Path: prom.DefaultPath, absent: plugin.Unknown}
}

// Info describes the check.
func (c *Check) Info() plugin.Info {
	return plugin.Info{
		Name:    "check_webim_metrics",
		Prefix:  "WEBIM METRICS",
		Product: plugin.Product{Name: webim.Product.Name, Scheme: webim.Product.Scheme, Auth: "HTTP Basic, the Webim service login (optional)"},
		Perf: plugin.WithTime([]plugin.PerfDef{
			{Label: "METRIC", Meaning: "the folded value of each --metric (per second with --rate), labelled from its name or --label; c for counters, s and B for _seconds and _bytes metrics"},
			{Label: "series", Meaning: "number of series in the exposition"},
		}),
		Items: "metric",
		Short: "Checks Prometheus metrics a Webim backend (10.6 and later) or any Prometheus endpoint exports (GET /metrics): selected PromQL-style, folded, judged against thresholds, optionally as a rate.",
		States: []string{
			"OK        the exposition parses; every selected metric is within -w and -c (without --metric: the number of families and series)",
			"WARNING   a metric's value (or rate) is outside -w",
			"CRITICAL  a metric's value (or rate) is outside -c; the server is down, times out or answers 5xx",
			"UNKNOWN   a selector matches no series (--absent chooses), a malformed exposition or an HTML page, wrong login (HTTP 401/403), a state directory that cannot be written, bad command line",
		},
		Examples: []string{
			"WEBIM_USER=monitor WEBIM_PASSWORD=secret check_webim_metrics -H chat.example.com",
			"check_webim_metrics -H chat.example.com -U monitor --password-file /etc/nagios/webim.pw --metric 'webim_chats{state=\"queue\"}' --aggregate max -w 10 -c 30",
			"check_webim_metrics -H chat.example.com -U monitor --password-file /etc/nagios/webim.pw --metric webim_failed_to_store_objects_total --rate -w 0 --state-dir /var/lib/nagios/webim",
		},
	}
}

// Validate parses the selectors, --aggregate, --absent and --label.
func (c *Check) Validate(*plugin.Env) error {
	c.selectors = c.selectors[:0]
	for _, m := range c.Metric {
		sel, err := prom.ParseSelector(m)
		if err != nil {
			return plugin.Errorf(plugin.ErrUsage, "bad value for --metric: %q: %v", m, err)
		}
		c.selectors = append(c.selectors, sel)
	}
	if !prom.IsAggregation(c.Aggregate) {
		return plugin.Errorf(plugin.ErrUsage, "bad value for --aggregate: %q (want %s)", c.Aggregate, strings.Join(prom.Aggregations, ", "))
	}
	st, err := plugin.ParseState(c.Absent)
	if err != nil {
		return plugin.Errorf(plugin.ErrUsage, "bad value for --absent: %v", err)
	}
	c.absent = st
	switch {
	case len(c.Label) > len(c.Metric):
		return plugin.Errorf(plugin.ErrUsage, "%d --label for %d --metric: give at most one label per metric, in the same order", len(c.Label), len(c.Metric))
	case c.Rate && len(c.Metric) == 0:
		return plugin.Errorf(plugin.ErrUsage, "--rate needs a --metric to judge")
	}
	for _, l := range c.Label {
		if perfLabel(l) == "" {
			return plugin.Errorf(plugin.ErrUsage, "bad value for --label: %q (want letters, digits and _)", l)
		}
	}
	return nil
}

// Run performs the check.
func (c *Check) Run(ctx context.Context, env *plugin.Env) (*plugin.Result, error) {
	if len(c.selectors) != len(c.Metric) {
		if err := c.Validate(env); err != nil {
			return nil, err
		}
	}
	cl, err := webim.New(env, c.Login)
	if err != nil {
		return nil, err
	}
	exp, err := prom.Fetch(ctx, cl.HTTP(), c.Path)
	if err != nil {
		return nil, err
	}
	size := fmt.Sprintf("%s, %s", plugin.PluralOf(exp.Families, "metric family", "metric families"), plugin.Plural(len(exp.Samples), "series"))
	if len(exp.Samples) != 1 {
		size = fmt.Sprintf("%s, %d series", plugin.PluralOf(exp.Families, "metric family", "metric families"), len(exp.Samples))
	}
	ms := c.measure(exp)
	statePath := ""
	if c.Rate {
		if statePath, err = c.rates(ctx, env, cl.HTTP().Base().String(), ms); err != nil {
			return nil, err
		}
	}
	res := c.judge(env, ms, size)
	if statePath != "" {
		res.AddLong("state file: %s", statePath)
	}
	res.AddPerf(plugin.Perf{Label: "series", Value: float64(len(exp.Samples)), Min: plugin.Float(0)})
	return res, nil
}

// perfLabel makes a perfdata label of s: lower case, [a-z0-9_] only,
// every run of other characters one _.
func perfLabel(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case !strings.HasSuffix(b.String(), "_"):
			b.WriteByte('_')
		}
	}
	return strings.Trim(b.String(), "_")
}

// isNum reports whether v can be reported (not NaN, not infinite).
func isNum(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
