package plugin

import "fmt"

// ResponseTime is the -w/-c pair of a check that judges how long the
// product took to answer. A check embeds it among its options.
type ResponseTime struct {
	Warning  *Range `short:"w" long:"warning" value-name:"SECONDS" description:"response time in seconds that warns (range, e.g. 2)"`
	Critical *Range `short:"c" long:"critical" value-name:"SECONDS" description:"response time in seconds that is critical (range, e.g. 5)"`
}

// Thresholds returns the pair as thresholds, for Result.TimeThresholds.
func (t ResponseTime) Thresholds() Thresholds {
	return Thresholds{Warn: t.Warning, Crit: t.Critical}
}

// JudgeTime judges the seconds an answer took against r.TimeThresholds.
// When one is crossed it raises r and says so: a result that was OK takes
// the summary slow makes of the time with the range crossed ("answered in
// "+took+"; connected", took "6.000s (> 5s)"); any other keeps its own
// and gets "; answered in 6.000s (> 5s)" after it.
func (r *Result) JudgeTime(seconds float64, slow func(took string) string) {
	s, rg := r.TimeThresholds.Crossed(seconds)
	if s == OK {
		return
	}
	took := fmt.Sprintf("%.3fs (%s)", seconds, rg.Describe("s"))
	if r.State == OK {
		r.Summary = slow(took)
	} else {
		r.Summary += "; answered in " + took
	}
	r.Raise(s)
}
