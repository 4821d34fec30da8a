package webimmetrics

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/prom"
	"github.com/ccmon/webim-checks/lib/state"
)

// measured is one --metric: what it selected and the value it folds to.
type measured struct {
	sel     *prom.Selector
	label   string
	matched []prom.Sample
	// value is the folded value (or rate); has says whether there is one.
	value float64
	has   bool
	// n is the number of series folded.
	n int
	// why says why there is no value, or what the rate is based on.
	why string
}

// measure selects and folds each --metric.
func (c *Check) measure(exp *prom.Exposition) []*measured {
	out := make([]*measured, len(c.selectors))
	used := map[string]bool{}
	for i, sel := range c.selectors {
		m := &measured{sel: sel, matched: exp.Select(sel)}
		m.label = c.labelFor(i, used)
		vs := make([]float64, len(m.matched))
		for j, s := range m.matched {
			vs[j] = s.Value
		}
		m.value, m.n, m.has = prom.Aggregate(c.Aggregate, vs)
		switch {
		case len(m.matched) == 0:
			m.why = "no series matches " + sel.String()
		case !m.has:
			m.why = fmt.Sprintf("%s has no numeric value (%s NaN)", sel.String(), plugin.PluralOf(len(m.matched), "series is", "series are"))
		}
		out[i] = m
	}
	return out
}

// labelFor returns the perfdata label of metric i: --label, or the metric
// name and the values of its = matchers; unique among those in used.
func (c *Check) labelFor(i int, used map[string]bool) string {
	var l string
	if i < len(c.Label) {
		l = perfLabel(c.Label[i])
	} else {
		sel := c.selectors[i]
		parts := []string{sel.Name}
		for _, m := range sel.Matchers {
			if m.Op == prom.MatchEqual && m.Label != "__name__" {
				parts = append(parts, m.Value)
			} else if m.Op == prom.MatchEqual {
				parts[0] = m.Value
			}
		}
		l = perfLabel(strings.Join(parts, "_"))
		if c.Rate {
			l += "_rate"
		}
	}
	if l == "" || l == "_rate" {
		l = "metric" + strconv.Itoa(i+1)
	}
	base := l
	for n := 2; used[l]; n++ {
		l = base + "_" + strconv.Itoa(n)
	}
	used[l] = true
	return l
}

// rateState is what --rate keeps between runs: when, and the value of each
// selected series by selector.
type rateState struct {
	Time   time.Time                     `json:"time"`
	Series map[string]map[string]float64 `json:"series"`
}

// rates replaces each metric's value by the folded per-second increase of
// its series since the last run, and saves the values of this one. It
// returns the path of the state file.
func (c *Check) rates(ctx context.Context, env *plugin.Env, host string, ms []*measured) (string, error) {
	key := state.Key{Check: c.Info().Name, Host: host, Args: append([]string{"path=" + c.Path}, c.Metric...)}
	var prev rateState
	sf, loaded, err := state.Begin(ctx, env, c.State.Path(), key, &prev, nil)
	if err != nil {
		return "", err
	}
	defer sf.Close()
	now := env.Now()
	next := rateState{Time: now, Series: map[string]map[string]float64{}}
	for _, m := range ms {
		cur := map[string]float64{}
		for _, s := range m.matched {
			cur[s.Key()] = s.Value
		}
		next.Series[m.sel.String()] = cur
		if len(m.matched) == 0 {
			continue
		}
		c.rateOf(m, prev.Series[m.sel.String()], loaded, now.Sub(prev.Time).Seconds())
	}
	env.Step("writing the state file " + sf.Path())
	return sf.Path(), sf.Save(next, now)
}

// rateOf computes the rate of one metric from the previous values of its
// series, dt seconds ago.
func (c *Check) rateOf(m *measured, prev map[string]float64, loaded state.Loaded, dt float64) {
	var rates []float64
	fresh, down := 0, 0
	for _, s := range m.matched {
		p, ok := prev[s.Key()]
		switch {
		case !loaded.Found || !ok || dt <= 0 || !isNum(p) || !isNum(s.Value):
			fresh++
		case s.Value < p:
			down++
		default:
			rates = append(rates, (s.Value-p)/dt)
		}
	}
	m.value, m.n, m.has = prom.Aggregate(c.Aggregate, rates)
	switch {
	case m.has && fresh+down > 0:
		m.why = fmt.Sprintf("%s with a new baseline", plugin.Plural(fresh+down, "series"))
	case m.has:
	case loaded.Corrupt != "":
		m.why = fmt.Sprintf("fresh baseline recorded: the state file was corrupt (%s)", loaded.Corrupt)
	case down > 0:
		m.why = "the counter went down since the last run (a restart?): new baseline recorded"
	default:
		m.why = "baseline recorded, the rate comes with the next run"
	}
}

// judge turns the measured metrics into the result.
func (c *Check) judge(env *plugin.Env, ms []*measured, size string) *plugin.Result {
	res := &plugin.Result{}
	th := plugin.Thresholds{Warn: c.Warning, Crit: c.Critical}
	var ps plugin.Problems
	var oks []string
	for _, m := range ms {
		item := plugin.Item{Name: m.sel.String()}
		var text string
		switch {
		case len(m.matched) == 0 || !m.has && !c.Rate:
			item.State = c.absent
			ps.Add(c.absent, m.why)
			text = m.why
		case !m.has:
			text = fmt.Sprintf("%s: %s", m.sel.String(), m.why)
		default:
			s, r := th.Crossed(m.value)
			item.State = s
			text = c.describe(m, r)
			ps.Add(s, text)
			if isNum(m.value) {
				p := plugin.Perf{Label: m.label, Value: m.value, Unit: c.unit(m), Warn: th.Warn, Crit: th.Crit}
				item.Perf = []plugin.Perf{p}
				res.AddPerf(p)
			}
		}
		item.Summary = text
		if item.State == plugin.OK {
			oks = append(oks, text)
		}
		res.Items = append(res.Items, item)
		c.long(env, res, m, text)
	}
	res.Summary = strings.Join(append(oks, size), "; ")
	ps.Apply(res, 3)
	return res
}

// describe says what a metric folds to, with the threshold crossed when
// r is set: "webim_chats{...} = 42 (max of 2 series, > 10)", or per second
// with --rate.
func (c *Check) describe(m *measured, r *plugin.Range) string {
	v := formatValue(m.value)
	what := m.sel.String()
	if c.Rate {
		what, v = "rate of "+what, v+"/s"
	}
	var notes []string
	if m.n > 1 || c.Aggregate != "sum" {
		notes = append(notes, c.Aggregate+" of "+plugin.PluralOf(m.n, "series", "series"))
	}
	if r != nil {
		notes = append(notes, r.Describe(""))
	}
	text := what + " = " + v
	if len(notes) > 0 {
		text += " (" + strings.Join(notes, ", ") + ")"
	}
	if c.Rate && m.why != "" {
		text += "; " + m.why
	}
	return text
}

// long adds the series of a metric to the long output: at most 10, with
// their values, at -v all.
func (c *Check) long(env *plugin.Env, res *plugin.Result, m *measured, text string) {
	res.AddLong("%s", text)
	max := 10
	if env.Verbosity() > 0 {
		max = len(m.matched)
	}
	for i, s := range m.matched {
		if i == max {
			res.AddLong("  ... and %d more series", len(m.matched)-max)
			break
		}
		res.AddLong("  %s %s", s.Key(), formatValue(s.Value))
	}
}

// unit is the perfdata unit of a metric: none for a rate or a count, c for
// a counter, s and B for metrics named _seconds and _bytes.
func (c *Check) unit(m *measured) string {
	if c.Rate || c.Aggregate == "count" || len(m.matched) == 0 {
		return ""
	}
	s := m.matched[0]
	switch {
	case s.Type == "counter":
		return "c"
	case strings.HasSuffix(s.Name, "_seconds"):
		return "s"
	case strings.HasSuffix(s.Name, "_bytes"):
		return "B"
	}
	return ""
}

// formatValue prints a value in plain decimals: 42, 0.25, 806608896.
func formatValue(v float64) string {
	s := strconv.FormatFloat(v, 'g', 6, 64)
	if strings.Contains(s, "e") {
		s = strconv.FormatFloat(v, 'f', -1, 64)
	}
	return s
}
