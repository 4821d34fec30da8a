package plugin

import "fmt"

// Result is what a check's Run returns: a state, a one-line summary, long
// output (one fact a line, problems first) and perfdata.
type Result struct {
	State   State
	Summary string
	Long    []string
	Perf    []Perf
	// Items are the things of one kind the check judged one by one
	// (accounts, channels, timers, nodes; see Info.Items), listed in JSON
	// output for Zabbix low-level discovery.
	Items []Item
	// TimeThresholds are the thresholds the check judged the response
	// time with, if any; the runtime adds the "time" perfdata of every
	// check that made HTTP requests, with these.
	TimeThresholds Thresholds
}

// Item is one judged thing of a result: its name as the product gives it,
// its state, a short phrase and its own perfdata.
type Item struct {
	Name    string
	State   State
	Summary string
	Perf    []Perf
}

// Raise sets the state to s if s is worse (see [Worst]).
func (r *Result) Raise(s State) { r.State = Worst(r.State, s) }

// AddLong appends a long-output line.
func (r *Result) AddLong(format string, a ...any) {
	r.Long = append(r.Long, fmt.Sprintf(format, a...))
}

// AddPerf appends perfdata items.
func (r *Result) AddPerf(p ...Perf) { r.Perf = append(r.Perf, p...) }
