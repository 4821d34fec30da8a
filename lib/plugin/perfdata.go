package plugin

import (
	"math"
	"strconv"
	"strings"
)

// Perf is one perfdata value: 'label'=value[UOM];[warn];[crit];[min];[max].
type Perf struct {
	// Label names the value; see [SanitizeLabel] for what is kept.
	Label string
	// Value is the measurement. NaN or ±Inf makes the whole item be left
	// out of the output: a value that cannot be measured is not reported.
	Value float64
	// Unit is one of "", "s", "%", "B", "KB", "MB", "GB", "TB", "c".
	Unit string
	// Warn and Crit are the thresholds in force, if any.
	Warn, Crit *Range
	// Min and Max bound the value, if known.
	Min, Max *float64
}

// Float returns a pointer to v, for Perf.Min and Perf.Max.
func Float(v float64) *float64 { return &v }

// Valid reports whether the value can be rendered.
func (p Perf) Valid() bool { return !math.IsNaN(p.Value) && !math.IsInf(p.Value, 0) }

// SanitizeLabel makes a label from a product-supplied name safe for
// perfdata: '=' and quotes are dropped, whitespace runs become '_', control
// characters are removed and the result is at most 64 bytes. An empty
// result becomes "_".
func SanitizeLabel(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == '=' || r == '\'' || r == '"' || r == '|' || r == ';':
			continue
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
			space = true
			continue
		case r < 0x20 || r == 0x7f || r == 0xfffd:
			continue
		}
		if space {
			if b.Len() > 0 {
				b.WriteByte('_')
			}
			space = false
		}
		b.WriteRune(r)
	}
	out := b.String()
	if len(out) > 64 {
		out = out[:64]
		for len(out) > 0 && !validUTF8Tail(out) {
			out = out[:len(out)-1]
		}
	}
	if out == "" {
		return "_"
	}
	return out
}

func validUTF8Tail(s string) bool {
	// a cut in the middle of a multi-byte rune leaves a lead or
	// continuation byte at the end
	c := s[len(s)-1]
	if c < 0x80 {
		return true
	}
	i := len(s) - 1
	for i > 0 && s[i]&0xC0 == 0x80 {
		i--
	}
	lead := s[i]
	n := len(s) - i
	switch {
	case lead&0xE0 == 0xC0:
		return n == 2
	case lead&0xF0 == 0xE0:
		return n == 3
	case lead&0xF8 == 0xF0:
		return n == 4
	}
	return false
}

// needsQuote reports whether a sanitized label must be quoted.
func needsQuote(label string) bool {
	for i := 0; i < len(label); i++ {
		c := label[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c >= 'A' && c <= 'Z' || c == '.' || c == '-' || c == ':' || c == '/') {
			return true
		}
	}
	return false
}

// AppendTo appends the perfdata item to b with the given (already unique
// and sanitized) label. Trailing empty fields are dropped.
func (p Perf) AppendTo(b []byte, label string) []byte {
	if needsQuote(label) {
		b = append(b, '\'')
		b = append(b, label...)
		b = append(b, '\'')
	} else {
		b = append(b, label...)
	}
	b = append(b, '=')
	b = appendFloat(b, p.Value)
	b = append(b, p.Unit...)
	fields := [4]string{}
	n := 0
	if p.Warn != nil {
		fields[0] = p.Warn.String()
		n = 1
	}
	if p.Crit != nil {
		fields[1] = p.Crit.String()
		n = 2
	}
	if p.Min != nil && !math.IsNaN(*p.Min) && !math.IsInf(*p.Min, 0) {
		fields[2] = formatFloat(*p.Min)
		n = 3
	}
	if p.Max != nil && !math.IsNaN(*p.Max) && !math.IsInf(*p.Max, 0) {
		fields[3] = formatFloat(*p.Max)
		n = 4
	}
	for i := 0; i < n; i++ {
		b = append(b, ';')
		b = append(b, fields[i]...)
	}
	return b
}

// appendFloat writes v without exponent, at most 6 decimals, trailing
// zeros trimmed.
func appendFloat(b []byte, v float64) []byte {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.AppendInt(b, int64(v), 10)
	}
	start := len(b)
	b = strconv.AppendFloat(b, v, 'f', 6, 64)
	i := len(b)
	for i > start && b[i-1] == '0' {
		i--
	}
	if i > start && b[i-1] == '.' {
		i--
	}
	b = b[:i]
	if string(b[start:]) == "-0" {
		b = append(b[:start], '0')
	}
	return b
}

func formatFloat(v float64) string { return string(appendFloat(nil, v)) }
