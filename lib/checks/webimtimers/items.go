package webimtimers

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ccmon/webim-checks/lib/plugin"
)

// timerItems are the timers as JSON items (Zabbix low-level discovery):
// every judged timer with the state of its slowest run, a --timer timer
// that did not run CRITICAL, in name order. Their perfdata are the runs
// and the slowest run.
func timerItems(ts *timerSet, stalled []string, th plugin.Thresholds) []plugin.Item {
	items := make([]plugin.Item, 0, len(ts.timers)+len(stalled))
	seen := make(map[string]bool, len(ts.timers))
	for _, t := range ts.timers {
		seen[t.name] = true
		it := plugin.Item{Name: t.name, State: t.state, Summary: fmt.Sprintf("%s in the last minute, slowest %s", plugin.PluralOf(t.runs, "run", "runs"), secs(t.max))}
		if t.state != plugin.OK {
			it.Summary += " (" + t.why + ")"
		}
		if slices.Contains(stalled, t.name) {
			it.State = plugin.Worst(it.State, plugin.Critical)
			it.Summary = "did not run in the last minute (required by --timer)"
		}
		it.Perf = []plugin.Perf{
			{Label: "runs", Value: float64(t.runs), Min: plugin.Float(0)},
			{Label: "max_time", Value: t.max, Unit: "s", Warn: th.Warn, Crit: th.Crit, Min: plugin.Float(0)},
		}
		items = append(items, it)
	}
	for _, name := range stalled {
		if !seen[name] {
			items = append(items, plugin.Item{Name: name, State: plugin.Critical, Summary: "not in the answer, did not run in the last minute (required by --timer)"})
		}
	}
	// by name: a timer's name is its key in the answer, so unique; a
	// --timer given twice gives two equal items
	slices.SortFunc(items, func(a, b plugin.Item) int { return strings.Compare(a.Name, b.Name) })
	return items
}
