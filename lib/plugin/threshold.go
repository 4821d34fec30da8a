package plugin

// Thresholds pairs a warning and a critical range; either may be nil
// (not set). Critical is evaluated before warning.
type Thresholds struct {
	Warn, Crit *Range
}

// Evaluate returns CRITICAL when v alerts against Crit, else WARNING when it
// alerts against Warn, else OK.
func (t Thresholds) Evaluate(v float64) State {
	if t.Crit != nil && t.Crit.Alert(v) {
		return Critical
	}
	if t.Warn != nil && t.Warn.Alert(v) {
		return Warning
	}
	return OK
}

// Crossed returns the state for v and the range that was crossed (nil when
// OK), so that a summary can say "(> 5s)".
func (t Thresholds) Crossed(v float64) (State, *Range) {
	switch t.Evaluate(v) {
	case Critical:
		return Critical, t.Crit
	case Warning:
		return Warning, t.Warn
	}
	return OK, nil
}
