// Package webimtimers is check_webim_timers: do the timers of the Webim
// Chat Backend run, how long do their tasks take, and did any task fail?
// GET /l/a/monitor/timer-stats with the service login (CONTRACT section 8,
// seed 000).
package webimtimers

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/webim"
)

// Check is check_webim_timers. Use [New] for the defaults.
type Check struct {
	Login          plugin.Login  `group:"Webim service login" env-namespace:"WEBIM"`
	Warning        plugin.Range  `short:"w" long:"warning" value-name:"SECONDS" default:"1" description:"slowest single run of a timer task in the last minute, in seconds, that warns (range)"`
	Critical       plugin.Range  `short:"c" long:"critical" value-name:"SECONDS" default:"5" description:"slowest single run, in seconds, that is critical (range)"`
	WarningFailed  plugin.Range  `long:"warning-failed" value-name:"N" default:"0" description:"number of failed tasks that warns (range; the default 0 warns on any)"`
	CriticalFailed *plugin.Range `long:"critical-failed" value-name:"N" description:"number of failed tasks that is critical (range, e.g. 5)"`
	Timers         []string      `long:"timer" value-name:"NAME" description:"a timer that must have run in the last minute, else CRITICAL (repeatable; name without the \"timer: \" prefix)"`
	Include        []string      `long:"include" value-name:"REGEX" description:"judge only the timers whose name matches (repeatable; any match includes); applies to failed tasks too"`
	Exclude        []string      `long:"exclude" value-name:"REGEX" description:"do not judge the timers whose name matches (repeatable); applies to failed tasks too"`

	include, exclude []*regexp.Regexp
}

// New returns the check with its defaults.
func New() *Check {
	return &Check{
		Warning:       *plugin.MustRange("1"),
		Critical:      *plugin.MustRange("5"),
		WarningFailed: *plugin.MustRange("0"),
	}
}

// Info describes the check.
func (c *Check) Info() plugin.Info {
	return plugin.Info{
		Name:     "check_webim_timers",
		Prefix:   "WEBIM TIMERS",
		Interval: "1m",
		Product:  webim.Product,
		Perf: plugin.WithTime([]plugin.PerfDef{
			{Label: "max_time", Unit: "s", Meaning: "the slowest single run of a timer in the last minute"},
			{Label: "failed", Meaning: "failed timer tasks"},
			{Label: "timers", Meaning: "timers that ran in the last minute"},
			{Label: "TIMER_runs", Meaning: "runs of each timer in the last minute"},
			{Label: "TIMER_max", Unit: "s", Meaning: "the slowest run of each timer in the last minute"},
		}),
		Items: "timer",
		Short: "Checks the timers of the Webim Chat Backend: slow runs, failed tasks, stalled timers (GET /l/a/monitor/timer-stats).",
		States: []string{
			"OK        timers ran in the last minute, none slower than -w, no failed task (beyond --warning-failed)",
			"WARNING   a timer task took longer than -w seconds, or failed tasks cross --warning-failed",
			"CRITICAL  a task took longer than -c seconds; a --timer did not run in the last minute; no timer ran at all; failed tasks cross --critical-failed; the server is down, times out or answers 5xx",
			"UNKNOWN   wrong login (HTTP 401/403), an answer that is not the documented one, no timer matching --include/--exclude, bad command line",
		},
		Examples: []string{
			"WEBIM_USER=monitor WEBIM_PASSWORD=secret check_webim_timers -H chat.example.com",
			"check_webim_timers -H chat.example.com --password-file /etc/nagios/webim.pw -U monitor -w 2 -c 10 --timer recheck_all_session_subset",
			"check_webim_timers -H chat.example.com --exclude '^BackgroundStorager' --critical-failed 5",
		},
	}
}

// Validate compiles --include and --exclude.
func (c *Check) Validate(*plugin.Env) error {
	var err error
	if c.include, err = compileAll("--include", c.Include); err != nil {
		return err
	}
	if c.exclude, err = compileAll("--exclude", c.Exclude); err != nil {
		return err
	}
	for _, t := range c.Timers {
		if strings.TrimSpace(webim.TimerName(t)) == "" {
			return plugin.Errorf(plugin.ErrUsage, "--timer: empty timer name")
		}
	}
	return nil
}

func compileAll(flag string, exprs []string) ([]*regexp.Regexp, error) {
	out := make([]*regexp.Regexp, 0, len(exprs))
	for _, e := range exprs {
		re, err := regexp.Compile(e)
		if err != nil {
			return nil, plugin.Errorf(plugin.ErrUsage, "%s: bad regular expression %q: %s", flag, e, reason(err))
		}
		out = append(out, re)
	}
	return out, nil
}

// reason strips the "error parsing regexp: " preamble of regexp errors.
func reason(err error) string {
	return strings.TrimPrefix(err.Error(), "error parsing regexp: ")
}

// selected reports whether the timer named name is judged.
func (c *Check) selected(name string) bool {
	if len(c.include) > 0 {
		in := false
		for _, re := range c.include {
			if re.MatchString(name) {
				in = true
				break
			}
		}
		if !in {
			return false
		}
	}
	for _, re := range c.exclude {
		if re.MatchString(name) {
			return false
		}
	}
	return true
}

// timer is one judged entry of last_min.
type timer struct {
	name  string
	runs  int
	max   float64
	state plugin.State // of its slowest run against -w/-c
	why   string       // the threshold it crossed, when state is not OK
}

// maxNamed is how many slow timers or failed tasks the summary names.
const maxNamed = 3

// Run performs the check.
func (c *Check) Run(ctx context.Context, env *plugin.Env) (*plugin.Result, error) {
	if c.include == nil || c.exclude == nil {
		// the runtime calls Validate; a caller that did not gets it here
		if err := c.Validate(env); err != nil {
			return nil, err
		}
	}
	cl, err := webim.New(env, c.Login)
	if err != nil {
		return nil, err
	}
	st, err := cl.TimerStats(ctx)
	if err != nil {
		return nil, err
	}
	res := c.judge(st, env.Common.Format == plugin.FormatJSON)
	return res, nil
}

// judge turns the timer statistics into a result; all asks for every
// long-output line and the items (one per timer), which only --format
// json prints: a plain run formats the lines that fit the output cap.
func (c *Check) judge(st *webim.TimerStats, all bool) *plugin.Result {
	th := plugin.Thresholds{Warn: &c.Warning, Crit: &c.Critical}
	fth := plugin.Thresholds{Warn: &c.WarningFailed, Crit: c.CriticalFailed}
	ts := c.selectTimers(st)
	stalled := c.stalledTimers(ts.byName)
	failed := c.selectFailed(st.Failed)
	failedState := fth.Evaluate(float64(len(failed)))

	var problems []plugin.Partial
	if len(stalled) > 0 {
		problems = append(problems, plugin.Partial{State: plugin.Critical, Text: stalledText(stalled)})
	}
	problems = append(problems, judgeRan(ts, len(st.LastMin))...)
	problems = append(problems, judgeSlow(ts.timers, th)...)
	if failedState != plugin.OK {
		problems = append(problems, plugin.Partial{State: failedState, Text: failedText(failed)})
	}

	res := &plugin.Result{}
	summarize(res, problems, ts.timers, len(failed))
	perTimer, leftOut := timerPerf(ts.timers)
	res.AddPerf(
		plugin.Perf{Label: "max_time", Value: maxTime(ts.timers), Unit: "s", Warn: th.Warn, Crit: th.Crit, Min: plugin.Float(0)},
		plugin.Perf{Label: "failed", Value: float64(len(failed)), Warn: fth.Warn, Crit: fth.Crit, Min: plugin.Float(0)},
		plugin.Perf{Label: "timers", Value: float64(len(ts.timers)), Min: plugin.Float(0)},
	)
	res.AddPerf(perTimer...)
	budget := 0
	if !all {
		budget = plugin.DefaultMaxOutput - firstLineLen(c.Info().Prefix, res)
	}
	writeLong(&longOut{res: res, budget: budget}, ts, stalled, failed, failedState != plugin.OK, leftOut)
	if all {
		res.Items = timerItems(ts, stalled, th)
	}
	return res
}

// timerSet is the last_min of the answer as the check sees it.
type timerSet struct {
	timers []*timer                    // the timers judged (--include/--exclude), slowest first
	byName map[string]*webim.TimerRuns // the --timer timers of the answer, by name without the "timer: " prefix
	anyRan bool                        // whether any timer of the answer ran, judged or not
}

// selectTimers reads last_min: the --timer timers by name, whether any
// timer ran, and the timers to judge, slowest first (then by name).
func (c *Check) selectTimers(st *webim.TimerStats) *timerSet {
	ts := &timerSet{byName: make(map[string]*webim.TimerRuns, len(c.Timers))}
	wanted := make(map[string]bool, len(c.Timers))
	for _, t := range c.Timers {
		wanted[webim.TimerName(t)] = true
	}
	judged := make([]timer, 0, len(st.LastMin))
	for key, runs := range st.LastMin {
		name := webim.TimerName(key)
		if wanted[name] {
			r := runs
			ts.byName[name] = &r
		}
		if runs.Count > 0 || runs.Times.N > 0 {
			ts.anyRan = true
		}
		if c.selected(name) {
			judged = append(judged, timer{name: name, runs: runs.Count, max: runs.Max()})
		}
	}
	ts.timers = make([]*timer, len(judged))
	for i := range judged {
		ts.timers[i] = &judged[i]
	}
	slices.SortFunc(ts.timers, func(a, b *timer) int {
		if a.max != b.max {
			return cmp.Compare(b.max, a.max)
		}
		return strings.Compare(a.name, b.name)
	})
	return ts
}

// stalledTimers returns the --timer timers that did not run in the last
// minute (absent from the answer or with no run), in the order given.
func (c *Check) stalledTimers(byName map[string]*webim.TimerRuns) []string {
	var stalled []string
	for _, want := range c.Timers {
		name := webim.TimerName(want)
		if r, ok := byName[name]; !ok || r.Count <= 0 {
			stalled = append(stalled, name)
		}
	}
	return stalled
}

// selectFailed returns the failed tasks of the timers judged.
func (c *Check) selectFailed(all []webim.FailedTask) []webim.FailedTask {
	var failed []webim.FailedTask
	for _, f := range all {
		if c.selected(webim.TimerName(f.TimerName)) {
			failed = append(failed, f)
		}
	}
	return failed
}

// judgeRan judges whether there is anything to judge: no timer ran at all
// means the timers of the Chat Backend are stalled (CRITICAL); timers ran
// but --include/--exclude leave none is UNKNOWN. inAnswer is how many
// timers the answer has.
func judgeRan(ts *timerSet, inAnswer int) []plugin.Partial {
	switch {
	case !ts.anyRan:
		return []plugin.Partial{{State: plugin.Critical, Text: "no timer ran in the last minute (the Chat Backend's timers are stalled)"}}
	case len(ts.timers) == 0:
		return []plugin.Partial{{State: plugin.Unknown, Text: fmt.Sprintf("no timer matches --include/--exclude (%d timers in the answer)", inAnswer)}}
	}
	return nil
}

// judgeSlow judges the slowest run of each timer (slowest first) against
// -w/-c, sets the timer's state, and returns the slow ones, naming at most
// maxNamed.
func judgeSlow(timers []*timer, th plugin.Thresholds) []plugin.Partial {
	var slow []plugin.Partial
	for _, t := range timers {
		s, r := th.Crossed(t.max)
		if s == plugin.OK {
			continue
		}
		t.state, t.why = s, r.Describe("s")
		slow = append(slow, plugin.Partial{State: s, Text: fmt.Sprintf("%s took %s (%s)", t.name, secs(t.max), r.Describe("s"))})
	}
	return limit(slow, maxNamed, "slow timers")
}

// summarize sets the state and the summary of res: the problems, worst
// first, then how many timers were judged and how many tasks failed; or,
// with no problem, what is healthy.
func summarize(res *plugin.Result, problems []plugin.Partial, timers []*timer, failed int) {
	if len(problems) == 0 {
		res.Summary = okSummary(timers, slowest(timers), failed)
		return
	}
	sort.SliceStable(problems, func(i, j int) bool {
		return plugin.Severity(problems[i].State) > plugin.Severity(problems[j].State)
	})
	texts := make([]string, 0, len(problems)+1)
	for _, p := range problems {
		res.Raise(p.State)
		texts = append(texts, p.Text)
	}
	about := fmt.Sprintf("%s, %d failed", plugin.PluralOf(len(timers), "timer", "timers"), failed)
	res.Summary = strings.Join(append(texts, about), "; ")
}

// writeLong writes the long output: the --timer timers that did not run,
// the slow timers, the failed tasks when they are a problem, a note when
// per-timer perfdata was left out, the other timers, then the failed tasks
// that are not a problem.
func writeLong(l *longOut, ts *timerSet, stalled []string, failed []webim.FailedTask, failedProblem bool, leftOut int) {
	for _, name := range stalled {
		if r, ok := ts.byName[name]; ok {
			l.add(func() string {
				return fmt.Sprintf("%s: %s in the last minute (required by --timer)", name, plugin.PluralOf(r.Count, "run", "runs"))
			})
		} else {
			l.add(func() string {
				return name + ": not in the answer, did not run in the last minute (required by --timer)"
			})
		}
	}
	for _, t := range ts.timers {
		if t.state != plugin.OK {
			l.add(func() string { return timerLine(t) })
		}
	}
	if failedProblem {
		addFailedLines(l, failed)
	}
	if leftOut > 0 {
		l.add(func() string {
			return fmt.Sprintf("perfdata of the %s left out to stay within the output limit", plugin.PluralOf(leftOut, "fastest timer", "fastest timers"))
		})
	}
	for _, t := range ts.timers {
		if t.state == plugin.OK && !slices.Contains(stalled, t.name) {
			l.add(func() string { return timerLine(t) })
		}
	}
	if !failedProblem {
		addFailedLines(l, failed)
	}
	l.done()
}

// slowest returns the slowest of timers sorted slowest first, or nil.
func slowest(timers []*timer) *timer {
	if len(timers) == 0 {
		return nil
	}
	return timers[0]
}

// maxTime is the slowest run of timers sorted slowest first, NaN (no value)
// when there is no timer.
func maxTime(timers []*timer) float64 {
	if t := slowest(timers); t != nil {
		return t.max
	}
	return math.NaN()
}

// perfBudget bounds the per-timer perfdata, in bytes, so that the first
// line stays within the 4 KiB output cap (beyond it the runtime would drop
// all perfdata, max_time included).
const perfBudget = 2560

// timerPerf returns the runs and slowest run of each timer, by name. When
// there are too many timers for the budget, the slowest are kept; leftOut
// says how many were not.
func timerPerf(timers []*timer) (perf []plugin.Perf, leftOut int) {
	type pair struct {
		name string
		ps   [2]plugin.Perf
	}
	var kept []pair // a few dozen fit the budget, of however many timers
	used := 0
	for _, t := range timers { // slowest first
		base := plugin.LabelStem(t.name, "_runs")
		p := pair{name: t.name, ps: [2]plugin.Perf{
			{Label: base + "_runs", Value: float64(t.runs), Min: plugin.Float(0)},
			{Label: base + "_max", Value: t.max, Unit: "s"},
		}}
		size := len(p.ps[0].AppendTo(nil, p.ps[0].Label)) + len(p.ps[1].AppendTo(nil, p.ps[1].Label)) + 2
		if used+size > perfBudget {
			leftOut = len(timers) - len(kept)
			break
		}
		used += size
		kept = append(kept, p)
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i].name < kept[j].name })
	perf = make([]plugin.Perf, 0, 2*len(kept))
	for _, p := range kept {
		perf = append(perf, p.ps[0], p.ps[1])
	}
	return perf, leftOut
}

func okSummary(timers []*timer, slowest *timer, failed int) string {
	ran := 0
	for _, t := range timers {
		if t.runs > 0 {
			ran++
		}
	}
	var b strings.Builder
	if ran == len(timers) {
		b.WriteString(plugin.PluralOf(ran, "timer", "timers"))
	} else {
		fmt.Fprintf(&b, "%d of %d timers", ran, len(timers))
	}
	b.WriteString(" ran in the last minute")
	if slowest != nil {
		fmt.Fprintf(&b, ", slowest %s took %s", slowest.name, secs(slowest.max))
	}
	switch failed {
	case 0:
		b.WriteString("; no failed tasks")
	default:
		fmt.Fprintf(&b, "; %s (within --warning-failed)", plugin.PluralOf(failed, "failed task", "failed tasks"))
	}
	return b.String()
}

func stalledText(names []string) string {
	if len(names) == 1 {
		return "timer " + names[0] + " did not run in the last minute"
	}
	return "timers " + strings.Join(names, ", ") + " did not run in the last minute"
}

// limit keeps the n worst partials of ps (stable within a state) and
// rolls the rest into "and N more <what>" on the last one kept.
func limit(ps []plugin.Partial, n int, what string) []plugin.Partial {
	if len(ps) <= n {
		return ps
	}
	ps = append([]plugin.Partial(nil), ps...)
	sort.SliceStable(ps, func(i, j int) bool { return plugin.Severity(ps[i].State) > plugin.Severity(ps[j].State) })
	out := ps[:n]
	out[n-1].Text += fmt.Sprintf(" and %d more %s", len(ps)-n, what)
	return out
}

func failedText(failed []webim.FailedTask) string {
	var b strings.Builder
	b.WriteString(plugin.PluralOf(len(failed), "failed task", "failed tasks"))
	for i, f := range failed {
		if i == maxNamed {
			fmt.Fprintf(&b, " and %d more", len(failed)-maxNamed)
			break
		}
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s (%s, ran %s)", orDash(f.TimerName), orDash(f.FuncName), secs(f.ExecutionTime))
	}
	return b.String()
}

func addFailedLines(l *longOut, failed []webim.FailedTask) {
	for _, f := range failed {
		l.add(func() string {
			return fmt.Sprintf("failed task: %s, function %s, ran %s, at %s", orDash(f.TimerName), orDash(f.FuncName), secs(f.ExecutionTime), when(f.Ts))
		})
	}
}

func timerLine(t *timer) string {
	if t.runs == 0 && t.max == 0 {
		return t.name + ": 0 runs"
	}
	return fmt.Sprintf("%s: %s, max %s", t.name, plugin.PluralOf(t.runs, "run", "runs"), secs(t.max))
}

// when prints a Unix time as UTC.
func when(ts float64) string {
	if ts <= 0 || math.IsNaN(ts) || ts > 1e11 {
		return "an unknown time"
	}
	sec, frac := math.Modf(ts)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC().Format("2006-01-02 15:04:05 UTC")
}

func secs(v float64) string { return fmt.Sprintf("%.2fs", v) }

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}
