package webimaccounts

import (
	"slices"
	"strconv"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/webim"
)

// kind is what an account's problem is about.
type kind uint8

const (
	kindMissing kind = iota // an --account not in the answer
	kindQueue
	kindFailed
	kindBacklog
	kindOperators
	kindWrongInstance
)

// problem is one problem found, kept small until it is printed: which
// account (an index into judgement.judged, or into judgement.missing for
// kindMissing), what, how bad and the range crossed.
type problem struct {
	acct  int32
	kind  kind
	state plugin.State
	rng   *plugin.Range
}

// judgement is the result of judging the accounts, before any text.
type judgement struct {
	st       *webim.AccountsStat
	judged   []*webim.AccountStat
	states   []plugin.State // per judged account, its worst
	problems []problem      // in the order found
	missing  []string       // --account names not in the answer
	th       thresholds
}

// thresholds are the ranges accounts are judged with.
type thresholds struct {
	queue, failed, backlog, operators plugin.Thresholds
}

func (c *Check) thresholds() thresholds {
	th := thresholds{
		queue:   plugin.Thresholds{Warn: c.WarningQueue, Crit: c.CriticalQueue},
		failed:  plugin.Thresholds{Warn: &c.WarningFailedStore, Crit: c.CriticalFailedStore},
		backlog: plugin.Thresholds{Warn: c.WarningBacklog, Crit: c.CriticalBacklog},
	}
	if c.MinOperators > 0 {
		th.operators.Warn = plugin.MustRange(strconv.Itoa(c.MinOperators) + ":")
	}
	return th
}

// judge selects the accounts (all, or those of --account) and judges each.
func (c *Check) judge(st *webim.AccountsStat) *judgement {
	j := &judgement{st: st, th: c.thresholds()}
	if len(c.Accounts) == 0 {
		j.judged = make([]*webim.AccountStat, len(st.Accounts))
		for i := range st.Accounts {
			j.judged[i] = &st.Accounts[i]
		}
	} else {
		j.selectNamed(c.Accounts)
	}
	j.states = make([]plugin.State, len(j.judged))
	for i, a := range j.judged {
		j.judgeOne(int32(i), a)
	}
	return j
}

// selectNamed keeps the accounts named, in the order of the answer, and
// records the names the answer lacks as CRITICAL problems.
func (j *judgement) selectNamed(names []string) {
	want := make(map[string]bool, len(names))
	for _, n := range names {
		want[n] = false
	}
	for i := range j.st.Accounts {
		a := &j.st.Accounts[i]
		if seen, ok := want[a.Name]; ok {
			j.judged = append(j.judged, a)
			if !seen {
				want[a.Name] = true
			}
		}
	}
	for _, n := range names {
		if !want[n] && !slices.Contains(j.missing, n) {
			j.problems = append(j.problems, problem{acct: int32(len(j.missing)), kind: kindMissing, state: plugin.Critical})
			j.missing = append(j.missing, n)
		}
	}
}

// judgeOne judges account i.
func (j *judgement) judgeOne(i int32, a *webim.AccountStat) {
	add := func(k kind, th plugin.Thresholds, v float64) {
		if s, r := th.Crossed(v); s != plugin.OK {
			j.problems = append(j.problems, problem{acct: i, kind: k, state: s, rng: r})
			j.states[i] = plugin.Worst(j.states[i], s)
		}
	}
	add(kindQueue, j.th.queue, float64(a.InQueue))
	add(kindFailed, j.th.failed, a.FailedStore())
	add(kindBacklog, j.th.backlog, a.Backlog())
	add(kindOperators, j.th.operators, float64(a.OnlineOperators))
	if a.WrongInstance() {
		j.problems = append(j.problems, problem{acct: i, kind: kindWrongInstance, state: plugin.Warning})
		j.states[i] = plugin.Worst(j.states[i], plugin.Warning)
	}
}

// state is the worst state found.
func (j *judgement) state() plugin.State {
	w := plugin.OK
	for _, p := range j.problems {
		w = plugin.Worst(w, p.state)
	}
	return w
}

// sorted returns the problems worst first, in the order found within a
// state.
func (j *judgement) sorted() []problem {
	out := slices.Clone(j.problems)
	slices.SortStableFunc(out, func(a, b problem) int { return plugin.Severity(b.state) - plugin.Severity(a.state) })
	return out
}

// text is the phrase of a problem for the summary.
func (j *judgement) text(p problem) string {
	if p.kind == kindMissing {
		return "account " + j.missing[p.acct] + " is not served by this backend"
	}
	a := j.judged[p.acct]
	switch p.kind {
	case kindQueue:
		return "account " + a.Name + " has " + count(float64(a.InQueue), "chat", "chats") + " waiting in the queue (" + p.rng.Describe("") + ")"
	case kindFailed:
		return "account " + a.Name + ": " + count(a.FailedStore(), "object", "objects") + " failed to be stored (" + p.rng.Describe("") + ")"
	case kindBacklog:
		return "account " + a.Name + ": " + count(a.Backlog(), "object", "objects") + " waiting to be stored (" + p.rng.Describe("") + ")"
	case kindOperators:
		return "account " + a.Name + " has " + count(float64(a.OnlineOperators), "operator", "operators") + " online (" + p.rng.Describe("") + ")"
	}
	return "requests for account " + a.Name + " reach the wrong Chat Backend instance"
}

// num prints a count.
func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// count prints a count and the word for it: "1 chat", "12 chats".
func count(v float64, one, many string) string {
	if v == 1 {
		return "1 " + one
	}
	return num(v) + " " + many
}
