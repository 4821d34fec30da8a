package webimaccounts

import (
	"slices"
	"strings"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/webim"
)

// maxNamed is how many problems the summary names before "and N more".
const maxNamed = 3

// Judge turns the answer into a result; items fills Result.Items (one per
// account, for --format json), which a plain run does not print.
func (c *Check) Judge(st *webim.AccountsStat, items bool) *plugin.Result {
	j := c.judge(st)
	res := &plugin.Result{State: j.state()}
	res.Summary = j.summary()
	res.AddPerf(j.totalPerf()...)
	perAccount := len(j.judged) <= c.MaxPerfAccounts
	if perAccount {
		for _, a := range j.judged {
			res.AddPerf(j.accountPerf(a)...)
		}
	}
	if st.TotalSummed {
		res.AddLong("the answer has no TOTAL row: totals are the sums of the accounts")
	}
	if !perAccount && len(j.judged) > 0 {
		res.AddLong("per-account perfdata left out: %s judged, --max-perf-accounts %d", plugin.Plural(len(j.judged), "account"), c.MaxPerfAccounts)
	}
	j.long(res, plugin.DefaultMaxOutput-firstLineLen(c.Info().Prefix, res))
	if items {
		res.Items = j.items()
	}
	return res
}

// summary names the worst problems, then the totals.
func (j *judgement) summary() string {
	var b strings.Builder
	for i, p := range j.sorted() {
		if i == maxNamed {
			b.WriteString(" and " + plugin.Plural(len(j.problems)-maxNamed, "more problem"))
			break
		}
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(j.text(p))
	}
	if b.Len() > 0 {
		b.WriteString("; ")
	} else if len(j.judged) < len(j.st.Accounts) {
		b.WriteString(judgedOK(j.judged))
	}
	t := &j.st.Total
	b.WriteString(plugin.Plural(len(j.st.Accounts), "account"))
	b.WriteString(", " + count(float64(t.Sessions), "session", "sessions"))
	b.WriteString(", " + count(float64(t.OnlineOperators), "operator", "operators") + " online")
	b.WriteString(", " + count(float64(t.InQueue), "chat", "chats") + " in queue")
	return b.String()
}

// judgedOK names the accounts judged by --account when all are fine.
func judgedOK(judged []*webim.AccountStat) string {
	if len(judged) > maxNamed {
		return plugin.Plural(len(judged), "account") + " judged OK; "
	}
	names := make([]string, len(judged))
	for i, a := range judged {
		names[i] = a.Name
	}
	word := "accounts "
	if len(judged) == 1 {
		word = "account "
	}
	return word + strings.Join(names, ", ") + " OK; "
}

// totalPerf is the perfdata of the TOTAL row.
func (j *judgement) totalPerf() []plugin.Perf {
	t := &j.st.Total
	zero := plugin.Float(0)
	return []plugin.Perf{
		{Label: "accounts", Value: float64(len(j.st.Accounts)), Min: zero},
		{Label: "sessions", Value: float64(t.Sessions), Min: zero},
		{Label: "operators_online", Value: float64(t.OnlineOperators), Min: zero},
		{Label: "operators_working", Value: float64(t.WorkingOperators), Min: zero},
		{Label: "chats", Value: float64(t.Chats), Min: zero},
		{Label: "in_queue", Value: float64(t.InQueue), Min: zero},
		{Label: "failed_store", Value: t.FailedStore(), Min: zero},
		{Label: "backlog", Value: t.Backlog(), Min: zero},
	}
}

// accountPerf is the perfdata of one account, with the thresholds it is
// judged with.
func (j *judgement) accountPerf(a *webim.AccountStat) []plugin.Perf {
	base := plugin.LabelStem(a.Name, "_operators_online")
	zero := plugin.Float(0)
	return []plugin.Perf{
		{Label: base + "_in_queue", Value: float64(a.InQueue), Warn: j.th.queue.Warn, Crit: j.th.queue.Crit, Min: zero},
		{Label: base + "_failed_store", Value: a.FailedStore(), Warn: j.th.failed.Warn, Crit: j.th.failed.Crit, Min: zero},
		{Label: base + "_backlog", Value: a.Backlog(), Warn: j.th.backlog.Warn, Crit: j.th.backlog.Crit, Min: zero},
		{Label: base + "_operators_online", Value: float64(a.OnlineOperators), Warn: j.th.operators.Warn, Min: zero},
	}
}

// firstLineLen estimates the length of the first output line of res, so
// that the long output is cut before the output cap, not formatted in
// full and dropped.
func firstLineLen(prefix string, res *plugin.Result) int {
	n := len(prefix) + len(" CRITICAL - ") + len(res.Summary) + len(" | ") + 1
	var b []byte
	for _, p := range res.Perf {
		b = p.AppendTo(b[:0], plugin.SanitizeLabel(p.Label))
		n += len(b) + 3 // a space, and quotes a label may need
	}
	return n
}

// long writes one line per account with a problem (worst first), then the
// others, in the order of the answer, until budget bytes are used; a last
// line says how many accounts are left out.
func (j *judgement) long(res *plugin.Result, budget int) {
	order := make([]int32, 0, len(j.judged))
	for i := range j.judged {
		order = append(order, int32(i))
	}
	slices.SortStableFunc(order, func(a, b int32) int { return plugin.Severity(j.states[b]) - plugin.Severity(j.states[a]) })
	for _, n := range j.missing {
		res.AddLong("%s: not in the answer (named by --account)", n)
	}
	const tail = 64 // room for the last line
	used := 0
	for _, l := range res.Long {
		used += len(l) + 1
	}
	for k, i := range order {
		line := j.line(j.judged[i], j.states[i])
		if used+len(line)+1+tail > budget {
			res.AddLong("... %s not listed (--format json lists more)", plugin.Plural(len(order)-k, "more account"))
			return
		}
		used += len(line) + 1
		res.Long = append(res.Long, line)
	}
}

// line describes one account: its state when not OK, then its counters.
func (j *judgement) line(a *webim.AccountStat, s plugin.State) string {
	var b strings.Builder
	b.Grow(128)
	b.WriteString(a.Name)
	b.WriteString(": ")
	b.WriteString(j.describe(a, s))
	return b.String()
}

// describe says the state of an account when not OK, then its counters.
func (j *judgement) describe(a *webim.AccountStat, s plugin.State) string {
	var b strings.Builder
	b.Grow(128)
	if s != plugin.OK {
		b.WriteString(s.String() + ", ")
	}
	b.WriteString(count(float64(a.InQueue), "chat", "chats") + " in queue, ")
	b.WriteString(num(a.FailedStore()) + " failed to be stored, ")
	b.WriteString(num(a.Backlog()) + " waiting to be stored, ")
	b.WriteString(count(float64(a.OnlineOperators), "operator", "operators") + " online, ")
	b.WriteString(count(float64(a.Sessions), "session", "sessions") + ", ")
	b.WriteString(count(float64(a.Chats), "chat", "chats"))
	switch {
	case a.WrongInstance():
		b.WriteString(", requests reach the wrong Chat Backend instance")
	case a.NotBelongs > 0:
		b.WriteString(", requests reach the wrong Chat Backend instance (ignored for this account)")
	}
	return b.String()
}

// items lists every judged account and every missing one, for JSON.
func (j *judgement) items() []plugin.Item {
	out := make([]plugin.Item, 0, len(j.judged)+len(j.missing))
	for i, a := range j.judged {
		// the item carries its state: its summary does not repeat it
		out = append(out, plugin.Item{Name: a.Name, State: j.states[i], Summary: j.describe(a, plugin.OK), Perf: j.accountPerf(a)})
	}
	for _, n := range j.missing {
		out = append(out, plugin.Item{Name: n, State: plugin.Critical, Summary: "not served by this backend"})
	}
	return out
}
