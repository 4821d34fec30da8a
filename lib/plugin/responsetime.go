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

// JudgeTime judges the seconds an answer took against r.TimeThresholds:
// when one is crossed it raises r and returns the time with the range
// crossed, "1.234s (> 2s)", for the summary to say; "" otherwise.
func (r *Result) JudgeTime(seconds float64) string {
	s, rg := r.TimeThresholds.Crossed(seconds)
	if s == OK {
		return ""
	}
	r.Raise(s)
	return fmt.Sprintf("%.3fs (%s)", seconds, rg.Describe("s"))
}
