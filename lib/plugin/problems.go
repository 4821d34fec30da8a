package plugin

import (
	"slices"
	"strconv"
	"strings"
)

// Problems collects what a check found wrong, each with its state, and
// rolls them into one summary: worst first, in the order found within a
// state, at most a few, then "and N more".
//
//	var ps plugin.Problems
//	ps.Add(plugin.Critical, "account demo has 12 chats waiting (> 10)")
//	ps.Add(plugin.Warning, "account shop: 1 object failed to be stored")
//	res.State, res.Summary = ps.Summary(3), "; " ...
//
// The zero value is empty and ready to use.
type Problems struct {
	list []Partial
}

// Partial is one judged part of a check (a timer, a node, an account):
// its state and a short phrase.
type Partial struct {
	State State
	Text  string
}

// Add records a problem; an OK state is ignored.
func (p *Problems) Add(s State, text string) {
	if s == OK {
		return
	}
	p.list = append(p.list, Partial{State: s, Text: text})
}

// Judge records a problem when v crosses th: text, then the range
// crossed with its unit in parentheses ("12 chats waiting (> 10)").
func (p *Problems) Judge(th Thresholds, v float64, unit, text string) {
	if s, r := th.Crossed(v); s != OK {
		p.Add(s, text+" ("+r.Describe(unit)+")")
	}
}

// Len is the number of problems recorded.
func (p *Problems) Len() int { return len(p.list) }

// State is the worst state recorded, OK when none.
func (p *Problems) State() State {
	w := OK
	for _, x := range p.list {
		w = Worst(w, x.State)
	}
	return w
}

// Sorted returns the problems worst first, in the order found within a
// state.
func (p *Problems) Sorted() []Partial {
	out := slices.Clone(p.list)
	slices.SortStableFunc(out, func(a, b Partial) int { return Severity(b.State) - Severity(a.State) })
	return out
}

// Summary joins the texts of at most max problems, worst first, with
// "; ", then " and N more" for the rest; "" when there is none. A max of
// 0 or less lists them all.
func (p *Problems) Summary(max int) string {
	sorted := p.Sorted()
	var b strings.Builder
	for i, x := range sorted {
		if max > 0 && i == max {
			b.WriteString(" and " + strconv.Itoa(len(sorted)-max) + " more")
			break
		}
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(x.Text)
	}
	return b.String()
}

// Apply raises res to the worst problem and puts the summary of at most
// max problems in front of res.Summary (joined with "; "); with no problem
// res is unchanged.
func (p *Problems) Apply(res *Result, max int) {
	if p.Len() == 0 {
		return
	}
	res.Raise(p.State())
	if res.Summary == "" {
		res.Summary = p.Summary(max)
		return
	}
	res.Summary = p.Summary(max) + "; " + res.Summary
}

// Plural returns "1 account", "2 accounts": n and the word, with an "s"
// unless n is 1. For words whose plural is not word+"s", use [PluralOf].
func Plural(n int, word string) string { return PluralOf(n, word, word+"s") }

// PluralOf returns n and one or many: "1 run", "3 runs", "2 boxes".
func PluralOf(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
