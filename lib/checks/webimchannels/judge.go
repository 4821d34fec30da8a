package webimchannels

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/state"
	"github.com/ccmon/webim-checks/lib/webim"
)

// maxNamed is how many channels the summary names before "and N more".
const maxNamed = 3

// channel is one judged channel.
type channel struct {
	name  string
	total float64
	// fresh is the number of errors since the last run; NaN when it is
	// not known (first run, counter reset, --mode total).
	fresh float64
	// prev is the total of the last run; NaN when the channel was not
	// listed then.
	prev  float64
	state plugin.State
	reset bool
}

func (c *Check) thresholds() plugin.Thresholds {
	return plugin.Thresholds{Warn: &c.Warning, Crit: c.Critical}
}

// judgeNew judges the new errors of each channel against the totals of
// the last run (prev, valid when loaded.Found).
func (c *Check) judgeNew(chs []webim.Channel, prev map[string]float64, loaded state.Loaded, now time.Time) *plugin.Result {
	if !loaded.Found {
		return c.baseline(chs, loaded)
	}
	th := c.thresholds()
	list := make([]*channel, 0, len(chs))
	var ps plugin.Problems
	sum := 0.0
	for _, ch := range chs {
		x := &channel{name: ch.Name, total: ch.Errors, prev: math.NaN(), fresh: ch.Errors}
		if p, had := prev[ch.Name]; had {
			x.prev, x.fresh = p, ch.Errors-p
		}
		if x.fresh < 0 {
			// the total went down: the backend restarted; a new baseline
			x.fresh, x.reset = math.NaN(), true
		} else {
			x.state = th.Evaluate(x.fresh)
			sum += x.fresh
		}
		list = append(list, x)
	}
	slices.SortStableFunc(list, byFresh)
	for _, x := range list {
		ps.Add(x.state, x.name+": "+newErrors(x.fresh)+" since the last run, "+strconv.FormatFloat(x.total, 'f', -1, 64)+" in total")
	}
	last := since(loaded, now)
	res := &plugin.Result{Summary: plugin.Plural(len(list), "channel") + ", " + newErrors(sum) + " in all since " + last}
	if ps.Len() == 0 {
		res.Summary = okSummary(list, last)
	}
	ps.Apply(res, maxNamed)
	writeLong(res, list, th)
	gone := make([]string, 0, len(prev))
	for name := range prev {
		if !slices.ContainsFunc(chs, func(ch webim.Channel) bool { return ch.Name == name }) {
			gone = append(gone, name)
		}
	}
	slices.Sort(gone)
	for _, name := range gone {
		res.AddLong("%s: no longer listed (it had %s; the backend restarted?)", name, errorsWord(prev[name]))
	}
	res.AddPerf(plugin.Perf{Label: "new_errors", Value: sum, Min: plugin.Float(0)})
	c.addPerf(res, list)
	return res
}

// byFresh orders channels by new errors, most first, then by name (those
// of unknown new errors last).
func byFresh(a, b *channel) int {
	fa, fb := a.fresh, b.fresh
	if math.IsNaN(fa) {
		fa = -1
	}
	if math.IsNaN(fb) {
		fb = -1
	}
	return cmp.Compare(fb, fa)
}

// okSummary says that no channel has new errors to report, and names the
// channels whose counters were reset.
func okSummary(list []*channel, last string) string {
	if len(list) == 0 {
		return "no channel reports errors"
	}
	total, fresh := 0.0, 0.0
	resets := ""
	for _, x := range list {
		total += x.total
		if x.reset {
			resets += "; " + resetText(x)
		} else {
			fresh += x.fresh
		}
	}
	head := "no new errors since " + last
	if fresh > 0 {
		head = newErrors(fresh) + " since " + last + ", within -w"
	}
	return head + "; " + reporting(len(list), total) + resets
}

// baseline is the result of a first run (or one after a corrupt state).
func (c *Check) baseline(chs []webim.Channel, loaded state.Loaded) *plugin.Result {
	list := make([]*channel, 0, len(chs))
	total := 0.0
	for _, ch := range chs {
		list = append(list, &channel{name: ch.Name, total: ch.Errors, fresh: math.NaN(), prev: math.NaN()})
		total += ch.Errors
	}
	res := &plugin.Result{Summary: "baseline recorded"}
	if loaded.Corrupt != "" {
		res.Summary = "fresh baseline recorded: the state file was corrupt (" + loaded.Corrupt + ")"
	}
	if len(list) == 0 {
		res.Summary += "; no channel reports errors"
	} else {
		res.Summary += "; " + reporting(len(list), total)
	}
	res.AddLong("new errors are judged from the next run on")
	writeLong(res, list, c.thresholds())
	c.addPerf(res, list)
	return res
}

// judgeTotals judges the running totals themselves (--mode total).
func (c *Check) judgeTotals(chs []webim.Channel) *plugin.Result {
	th := c.thresholds()
	list := make([]*channel, 0, len(chs))
	var ps plugin.Problems
	total := 0.0
	for _, ch := range chs {
		x := &channel{name: ch.Name, total: ch.Errors, fresh: math.NaN(), prev: math.NaN(), state: th.Evaluate(ch.Errors)}
		list = append(list, x)
		total += ch.Errors
	}
	slices.SortStableFunc(list, func(a, b *channel) int { return cmp.Compare(b.total, a.total) })
	for _, x := range list {
		ps.Judge(th, x.total, "", x.name+": "+errorsWord(x.total)+" in total")
	}
	res := &plugin.Result{Summary: reporting(len(list), total)}
	if len(list) == 0 {
		res.Summary = "no channel reports errors"
	}
	ps.Apply(res, maxNamed)
	writeLong(res, list, th)
	c.addPerf(res, list)
	return res
}

// writeLong writes one line per channel: those with problems first.
func writeLong(res *plugin.Result, list []*channel, th plugin.Thresholds) {
	for _, pass := range []bool{true, false} {
		for _, x := range list {
			if (x.state != plugin.OK) == pass {
				res.AddLong("%s", x.name+": "+describe(x, th))
			}
		}
	}
}

// describe says what is known of a channel.
func describe(x *channel, th plugin.Thresholds) string {
	total := strconv.FormatFloat(x.total, 'f', -1, 64) + " in total"
	switch {
	case x.reset:
		return resetText(x)[len(x.name)+2:]
	case math.IsNaN(x.fresh) && x.state != plugin.OK:
		_, r := th.Crossed(x.total)
		return x.state.String() + ", " + errorsWord(x.total) + " in total (" + r.Describe("") + ")"
	case math.IsNaN(x.fresh):
		return errorsWord(x.total) + " in total"
	case x.state != plugin.OK:
		_, r := th.Crossed(x.fresh)
		return x.state.String() + ", " + newErrors(x.fresh) + " since the last run (" + r.Describe("") + "), " + total
	case math.IsNaN(x.prev):
		return newErrors(x.fresh) + " since the last run (first listed), " + total
	}
	return newErrors(x.fresh) + " since the last run, " + total
}

func resetText(x *channel) string {
	return x.name + ": error count went down from " + strconv.FormatFloat(x.prev, 'f', -1, 64) + " to " + strconv.FormatFloat(x.total, 'f', -1, 64) + " (the backend restarted?): new baseline"
}

// addPerf adds channels and each channel's total, and fills the items.
func (c *Check) addPerf(res *plugin.Result, list []*channel) {
	res.AddPerf(plugin.Perf{Label: "channels", Value: float64(len(list)), Min: plugin.Float(0)})
	byName := slices.Clone(list)
	slices.SortFunc(byName, func(a, b *channel) int { return cmp.Compare(a.name, b.name) })
	th := c.thresholds()
	for _, x := range byName {
		p := plugin.Perf{Label: plugin.LabelStem(x.name, "_errors") + "_errors", Value: x.total, Unit: "c", Min: plugin.Float(0)}
		if c.Mode == ModeTotal {
			p.Warn, p.Crit = th.Warn, th.Crit
		}
		res.AddPerf(p)
	}
	for _, x := range list {
		it := plugin.Item{Name: x.name, State: x.state, Summary: describe(x, th),
			Perf: []plugin.Perf{{Label: "errors", Value: x.total, Unit: "c", Min: plugin.Float(0)}}}
		if c.Mode == ModeTotal {
			it.Perf[0].Warn, it.Perf[0].Crit = th.Warn, th.Crit
		}
		if !math.IsNaN(x.fresh) {
			it.Perf = append(it.Perf, plugin.Perf{Label: "new_errors", Value: x.fresh, Warn: th.Warn, Crit: th.Crit, Min: plugin.Float(0)})
		}
		res.Items = append(res.Items, it)
	}
}

// reporting says how many channels report how many errors.
func reporting(n int, total float64) string {
	verb := " report "
	if n == 1 {
		verb = " reports "
	}
	return plugin.Plural(n, "channel") + verb + errorsWord(total) + " in total"
}

// newErrors prints "1 new error", "5 new errors".
func newErrors(v float64) string {
	if v == 1 {
		return "1 new error"
	}
	return strconv.FormatFloat(v, 'f', -1, 64) + " new errors"
}

// errorsWord prints "1 error", "12 errors".
func errorsWord(v float64) string {
	if v == 1 {
		return "1 error"
	}
	return strconv.FormatFloat(v, 'f', -1, 64) + " errors"
}
