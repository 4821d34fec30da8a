package webiminfo

import (
	"fmt"
	"strings"

	"github.com/ccmon/webim-checks/lib/plugin"
)

// loadRanges are the thresholds of --warning-load or --critical-load for
// the 1, 5 and 15 minute load averages; nil where none is set.
type loadRanges [3]*plugin.Range

// parseLoad reads check_load's form "L1,L5,L15" (each a range), or one
// range for all three. An empty value sets no threshold; an empty part
// sets none for that average.
func parseLoad(flag, s string) (loadRanges, error) {
	var out loadRanges
	s = strings.TrimSpace(s)
	if s == "" {
		return out, nil
	}
	parts := strings.Split(s, ",")
	switch len(parts) {
	case 1:
		parts = []string{parts[0], parts[0], parts[0]}
	case 3:
	default:
		return out, plugin.Errorf(plugin.ErrUsage, "bad value for %s: %q: want L1,L5,L15 (e.g. 8,6,4) or one number for all three", flag, s)
	}
	for i, p := range parts {
		if strings.TrimSpace(p) == "" {
			continue
		}
		r, err := plugin.ParseRange(p)
		if err != nil {
			return out, plugin.Errorf(plugin.ErrUsage, "bad value for %s: %v", flag, err)
		}
		out[i] = &r
	}
	return out, nil
}

// loadNames name the averages in messages.
var loadNames = [3]string{"1 min", "5 min", "15 min"}

// judgeLoad returns the state of the load averages and, when not OK, the
// averages that crossed the thresholds of that state: "1 min 31.08 > 20".
func judgeLoad(load [3]float64, warn, crit loadRanges) (plugin.State, string) {
	for _, lvl := range []struct {
		st plugin.State
		th loadRanges
	}{{plugin.Critical, crit}, {plugin.Warning, warn}} {
		var crossed []string
		for i, r := range lvl.th {
			if r != nil && r.Alert(load[i]) {
				crossed = append(crossed, fmt.Sprintf("%s %.2f %s", loadNames[i], load[i], r.Describe("")))
			}
		}
		if len(crossed) > 0 {
			return lvl.st, strings.Join(crossed, ", ")
		}
	}
	return plugin.OK, ""
}
