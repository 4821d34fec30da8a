package webimports

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/state"
)

// judgeChange compares the ports fetched now with the previous run's and
// returns the state to save; a change is WARNING for --hold after it was
// first seen.
func (c *Check) judgeChange(now time.Time, ports []int, prev portsState, loaded state.Loaded, res *plugin.Result, ps *plugin.Problems) portsState {
	if !loaded.Found {
		if loaded.Corrupt != "" {
			addSummary(res, fmt.Sprintf("fresh baseline recorded: the state file was corrupt (%s)", loaded.Corrupt))
		} else {
			addSummary(res, "baseline recorded")
		}
		res.AddLong("ports that appear or disappear on a later run are reported for %s", plugin.HumanDuration(c.Hold.Std()))
		return portsState{Ports: ports, Since: now}
	}
	if appeared, gone := diff(prev.Ports, ports); len(appeared)+len(gone) > 0 {
		next := portsState{Ports: ports, Since: now, Appeared: appeared, Disappeared: gone}
		ps.Add(plugin.Warning, "Chat Backend ports changed since the last run: "+change(next))
		res.AddLong("%s", c.holdLine(now))
		return next
	}
	next := prev
	next.Ports = ports
	if prev.Since.After(now) {
		// the clock went back since the state was written: hold a
		// change from now, not until the clock catches up
		next.Since = now
	}
	changed := len(next.Appeared)+len(next.Disappeared) > 0
	age := now.Sub(next.Since)
	switch {
	case changed && age < c.Hold.Std():
		ps.Add(plugin.Warning, fmt.Sprintf("Chat Backend ports changed %s ago (%s): %s", plugin.HumanDuration(age), next.Since.UTC().Format(timeLayout), change(next)))
		res.AddLong("%s", c.holdLine(next.Since))
	case changed:
		res.AddLong("last change seen %s: %s", next.Since.UTC().Format(timeLayout), change(next))
	default:
		addSummary(res, "unchanged since "+next.Since.UTC().Format(timeLayout))
	}
	return next
}

// diff returns the ports of now not in before, and those of before not in
// now; both lists are sorted.
func diff(before, now []int) (appeared, gone []int) {
	for _, p := range now {
		if _, found := slices.BinarySearch(before, p); !found {
			appeared = append(appeared, p)
		}
	}
	for _, p := range before {
		if _, found := slices.BinarySearch(now, p); !found {
			gone = append(gone, p)
		}
	}
	return appeared, gone
}

// change says what changed: "8364, 8366 disappeared; 8390 appeared".
func change(s portsState) string {
	var parts []string
	if len(s.Disappeared) > 0 {
		parts = append(parts, joinPorts(s.Disappeared, 10)+" disappeared")
	}
	if len(s.Appeared) > 0 {
		parts = append(parts, joinPorts(s.Appeared, 10)+" appeared")
	}
	return strings.Join(parts, ", ")
}

// holdLine says until when a change is reported, for the long output.
func (c *Check) holdLine(seen time.Time) string {
	if c.Hold <= 0 {
		return "reported once (--hold 0)"
	}
	return fmt.Sprintf("reported as WARNING until %s (--hold %s)", seen.Add(c.Hold.Std()).UTC().Format(timeLayout), plugin.HumanDuration(c.Hold.Std()))
}
