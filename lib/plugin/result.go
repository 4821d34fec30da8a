package plugin

import "fmt"

// Result is what a check's Run returns: a state, a one-line summary, long
// output (one fact a line, problems first) and perfdata.
type Result struct {
	State   State
	Summary string
	Long    []string
	Perf    []Perf
	// Items are the things a check judges one by one (a timer, a node),
	// each with its own state: in JSON "items", the input of Zabbix
	// low-level discovery. Nagios output does not show them.
	Items []Item
}

// Item is one judged thing of a check that judges many.
type Item struct {
	Name    string
	State   State
	Summary string
	Perf    []Perf
}

// NewResult returns an OK result with the given summary.
func NewResult(summary string) *Result { return &Result{Summary: summary} }

// Raise sets the state to s if s is worse (see [Worst]).
func (r *Result) Raise(s State) { r.State = Worst(r.State, s) }

// AddLong appends a long-output line.
func (r *Result) AddLong(format string, a ...any) {
	r.Long = append(r.Long, fmt.Sprintf(format, a...))
}

// AddPerf appends perfdata items.
func (r *Result) AddPerf(p ...Perf) { r.Perf = append(r.Perf, p...) }

// Partial is one judged part of a check (a timer, a node): its state and a
// short phrase. [Summarize] rolls partials into one summary, problems first.
type Partial struct {
	State State
	Text  string
}

// Summarize returns the worst state of the parts and the texts of the parts
// in that worst state joined by "; " (at most max of them, then "and N
// more"). With no problem it returns OK and "".
func Summarize(parts []Partial, max int) (State, string) {
	w := OK
	for _, p := range parts {
		w = Worst(w, p.State)
	}
	if w == OK {
		return OK, ""
	}
	var out string
	n, more := 0, 0
	for _, p := range parts {
		if p.State != w {
			continue
		}
		if max > 0 && n >= max {
			more++
			continue
		}
		if n > 0 {
			out += "; "
		}
		out += p.Text
		n++
	}
	if more > 0 {
		out += fmt.Sprintf(" and %d more", more)
	}
	return w, out
}
