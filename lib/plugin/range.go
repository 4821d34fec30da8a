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
}

// ParseRange parses s. Surrounding spaces are ignored; an empty string is an
// error.
func ParseRange(s string) (Range, error) {
	raw := strings.TrimSpace(s)
	r := Range{Start: 0, End: math.Inf(1)}
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
		if start == "" && end == "" {
			return Range{}, fmt.Errorf("range %q: missing number", raw)
		}
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
		return Range{}, fmt.Errorf("range %q: start %s is greater than end %s", raw, appendBound(nil, r.Start), appendBound(nil, r.End))
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
	return v + 0, nil // + 0 turns -0 into 0
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

// String returns the range in the guidelines' syntax, for perfdata and
// messages: a plain upper bound stays "5", anything else is the full
// syntax ("10:", "~:10", "@10:20"). Numbers are written in full, without
// exponent ("1e3" is "1000"), so that the text parses back to the same range.
func (r Range) String() string {
	return string(r.AppendTo(make([]byte, 0, 16)))
}

// AppendTo appends the text of [Range.String] to b.
func (r Range) AppendTo(b []byte) []byte {
	if r.Inside {
		b = append(b, '@')
	}
	switch {
	case math.IsInf(r.Start, -1):
		b = append(b, "~:"...)
	case r.Start != 0 || math.IsInf(r.End, 1):
		b = appendBound(b, r.Start)
		b = append(b, ':')
	}
	if !math.IsInf(r.End, 1) {
		b = appendBound(b, r.End)
	}
	return b
}

// appendBound writes a range bound exactly and without exponent.
func appendBound(b []byte, v float64) []byte {
	if v == 0 {
		return append(b, '0')
	}
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}

// Describe explains in words when the range alerts, e.g. "> 5" or
// "outside 10..20", for summaries such as "took 6.50s (> 5s)".
func (r Range) Describe(unit string) string {
	lo, hi := math.IsInf(r.Start, -1), math.IsInf(r.End, 1)
	f := func(v float64) string { return string(appendBound(nil, v)) + unit }
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
