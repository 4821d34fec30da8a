package plugin

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Range is a threshold range in the syntax of the Monitoring Plugins
// Development Guidelines. A value alerts when it lies outside [Start, End],
// or inside it when Inside is set:
//
//	range    alert when
//	10       < 0 or > 10
//	10:      < 10
//	~:10     > 10
//	10:20    < 10 or > 20
//	@10:20   >= 10 and <= 20
//
// The zero Range is not valid; use [ParseRange]. Range implements the go-flags
// Unmarshaler, so a flag of type *Range or Range parses on the command line
// and a bad value becomes a usage error naming the flag.
type Range struct {
	// Start and End bound the range; -Inf and +Inf stand for "~" and an
	// empty end.
	Start, End float64
	// Inside inverts the range (the "@" prefix): alert inside it.
	Inside bool
	raw    string
}

// ParseRange parses s. Surrounding spaces are ignored; an empty string is an
// error.
func ParseRange(s string) (Range, error) {
	raw := strings.TrimSpace(s)
	r := Range{raw: raw, Start: 0, End: math.Inf(1)}
	t := raw
	if t == "" {
		return Range{}, fmt.Errorf("empty range")
	}
	if t[0] == '@' {
		r.Inside = true
		t = t[1:]
	}
	start, end, hasColon := strings.Cut(t, ":")
	if !hasColon {
		end, start = start, ""
		v, err := parseBound(end)
		if err != nil {
			return Range{}, fmt.Errorf("range %q: %w", raw, err)
		}
		r.End = v
	} else {
		switch start {
		case "~":
			r.Start = math.Inf(-1)
		case "":
			r.Start = 0
		default:
			v, err := parseBound(start)
			if err != nil {
				return Range{}, fmt.Errorf("range %q: %w", raw, err)
			}
			r.Start = v
		}
		if end != "" {
			v, err := parseBound(end)
			if err != nil {
				return Range{}, fmt.Errorf("range %q: %w", raw, err)
			}
			r.End = v
		}
	}
	if r.Start > r.End {
		return Range{}, fmt.Errorf("range %q: start %s is greater than end %s", raw, formatFloat(r.Start), formatFloat(r.End))
	}
	return r, nil
}

// MustRange is ParseRange for literals in code; it panics on a bad range.
func MustRange(s string) *Range {
	r, err := ParseRange(s)
	if err != nil {
		panic(err)
	}
	return &r
}

func parseBound(s string) (float64, error) {
	if s == "" {
		return 0, fmt.Errorf("missing number")
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return v, nil
}

// Alert reports whether v should raise an alert for this range. NaN always
// alerts: a value that cannot be measured is never fine.
func (r Range) Alert(v float64) bool {
	if math.IsNaN(v) {
		return true
	}
	in := v >= r.Start && v <= r.End
	if r.Inside {
		return in
	}
	return !in
}

// String returns the range as given (for perfdata and messages).
func (r Range) String() string {
	if r.raw != "" {
		return r.raw
	}
	var b strings.Builder
	if r.Inside {
		b.WriteByte('@')
	}
	switch {
	case math.IsInf(r.Start, -1):
		b.WriteString("~:")
	case r.Start != 0:
		b.WriteString(formatFloat(r.Start) + ":")
	}
	if !math.IsInf(r.End, 1) {
		b.WriteString(formatFloat(r.End))
	}
	return b.String()
}

// Describe explains in words when the range alerts, e.g. "> 5" or
// "outside 10..20", for summaries such as "took 6.50s (> 5s)".
func (r Range) Describe(unit string) string {
	lo, hi := math.IsInf(r.Start, -1), math.IsInf(r.End, 1)
	f := func(v float64) string { return formatFloat(v) + unit }
	if r.Inside {
		switch {
		case lo && hi:
			return "any value"
		case lo:
			return "<= " + f(r.End)
		case hi:
			return ">= " + f(r.Start)
		}
		return "inside " + f(r.Start) + ".." + f(r.End)
	}
	switch {
	case lo && hi:
		return "never"
	case hi:
		return "< " + f(r.Start)
	case lo || r.Start == 0:
		return "> " + f(r.End)
	}
	return "outside " + f(r.Start) + ".." + f(r.End)
}

// UnmarshalFlag implements the go-flags Unmarshaler.
func (r *Range) UnmarshalFlag(s string) error {
	v, err := ParseRange(s)
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// MarshalFlag implements the go-flags Marshaler (used for defaults in help).
func (r Range) MarshalFlag() (string, error) { return r.String(), nil }
