package webimobjects

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/state"
	"github.com/ccmon/webim-checks/lib/webim"
)

// maxNamed is how many problems the summary names; longTypes how many of
// the largest types the long output lists.
const (
	maxNamed  = 3
	longTypes = 10
)

// history is what the last run saw, when growth is judged.
type history struct {
	prev   map[string]float64
	loaded state.Loaded
	now    time.Time
}

// growthOf returns the growth of typ in percent since the last run, and
// the count then; NaN when it is not known (no earlier run, the type was
// not listed, or it had no object).
func (h *history) growthOf(typ string, count float64) (float64, float64) {
	if h == nil || !h.loaded.Found {
		return math.NaN(), math.NaN()
	}
	prev, ok := h.prev[typ]
	if !ok || prev <= 0 {
		return math.NaN(), math.NaN()
	}
	return (count - prev) / prev * 100, prev
}

// last says when the last run was, for messages.
func (h *history) last() string {
	saved := h.loaded.Saved
	if saved.IsZero() || !saved.Before(h.now) {
		return "since the last run"
	}
	d := h.now.Sub(saved).Truncate(time.Second)
	if d < time.Second {
		return "since the last run (just now)"
	}
	return "since the last run (" + plugin.HumanDuration(d) + " ago)"
}

// span says over what time a growth was seen, briefly: "in 15m".
func (h *history) span() string {
	saved := h.loaded.Saved
	if d := h.now.Sub(saved).Truncate(time.Second); !saved.IsZero() && d >= time.Second {
		return "in " + plugin.HumanDuration(d)
	}
	return "since the last run"
}

// judge judges the counts (and their growth when h is set).
func (c *Check) judge(counts []webim.ObjectCount, h *history) *plugin.Result {
	cth := plugin.Thresholds{Warn: c.Warning, Crit: c.Critical}
	gth := plugin.Thresholds{Warn: c.WarningGrowth, Crit: c.CriticalGrowth}
	byType := make(map[string]float64, len(counts))
	for _, o := range counts {
		byType[o.Type] = o.Count
	}
	res := &plugin.Result{}
	var ps plugin.Problems
	var parts []string
	for _, t := range c.targets(counts) {
		n, ok := byType[t]
		if !ok {
			parts = append(parts, t+" not among the 50 most common")
			continue
		}
		ps.Judge(cth, n, "", t+": "+objects(n))
		part := t + ": " + objects(n)
		if g, prev := h.growthOf(t, n); !math.IsNaN(g) {
			part += " (" + percent(g) + " " + h.span() + ")"
			ps.Judge(gth, math.Max(g, 0), "%", t+" grew "+percent(g)+" "+h.last()+", from "+num(prev)+" to "+num(n))
		}
		parts = append(parts, part)
		res.AddPerf(plugin.Perf{Label: t, Value: n, Warn: cth.Warn, Crit: cth.Crit, Min: plugin.Float(0)})
	}
	if len(c.Types) == 0 {
		parts[0] = "largest type " + parts[0]
	}
	res.Summary = strings.Join(parts, ", ") + "; " + plugin.Plural(len(counts), "type")
	if ps.Len() > 0 {
		res.Summary = plugin.Plural(len(counts), "type")
	}
	if h != nil && !h.loaded.Found {
		res.Summary += "; growth baseline recorded"
		if h.loaded.Corrupt != "" {
			res.Summary += " (the state file was corrupt: " + h.loaded.Corrupt + ")"
		}
	}
	ps.Apply(res, maxNamed)
	for _, o := range counts[:min(longTypes, len(counts))] {
		line := o.Type + ": " + num(o.Count)
		if g, _ := h.growthOf(o.Type, o.Count); !math.IsNaN(g) {
			line += " (" + percent(g) + ")"
		}
		res.AddLong("%s", line)
	}
	res.AddPerf(plugin.Perf{Label: "types", Value: float64(len(counts)), Min: plugin.Float(0)})
	return res
}

// targets are the types judged: those of --type, once each, in the order
// given; without --type the largest.
func (c *Check) targets(counts []webim.ObjectCount) []string {
	if len(c.Types) == 0 {
		return []string{counts[0].Type}
	}
	out := make([]string, 0, len(c.Types))
	for _, t := range c.Types {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// objects prints "1 object", "1234 objects".
func objects(v float64) string {
	if v == 1 {
		return "1 object"
	}
	return num(v) + " objects"
}

// percent prints a signed percentage with one decimal: "+25.0%".
func percent(v float64) string {
	s := strconv.FormatFloat(v, 'f', 1, 64) + "%"
	if v >= 0 {
		s = "+" + s
	}
	return s
}
