package plugin

import (
	"math"
	"strconv"
	"unicode"
	"unicode/utf8"
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

// MaxLabel is the longest label, in bytes, that [SanitizeLabel] returns.
const MaxLabel = 64

// SanitizeLabel makes a label from a product-supplied name safe for
// perfdata: '=', quotes, '|' and ';' are dropped, whitespace runs become
// '_', control and other invisible characters and invalid UTF-8 are
// removed, and the result is at most [MaxLabel] bytes, cut between
// characters. Letters of any script are kept. An empty result becomes "_".
// The result is always valid UTF-8.
func SanitizeLabel(s string) string {
	if labelIsSafe(s) {
		return s
	}
	var buf [MaxLabel]byte
	b := buf[:0]
	space := false
	for _, r := range s {
		switch {
		case r == '=' || r == '\'' || r == '"' || r == '|' || r == ';':
			continue
		case unicode.IsSpace(r):
			space = true
			continue
		case r == utf8.RuneError || !unicode.IsPrint(r):
			// invalid UTF-8, control and format characters
			continue
		}
		n := utf8.RuneLen(r)
		if space && len(b) > 0 {
			n++
		}
		if len(b)+n > MaxLabel {
			break
		}
		if space && len(b) > 0 {
			b = append(b, '_')
		}
		space = false
		b = utf8.AppendRune(b, r)
	}
	if len(b) == 0 {
		return "_"
	}
	return string(b)
}

// labelIsSafe reports whether s is already a label SanitizeLabel would
// return unchanged: short, non-empty and printable ASCII without the
// characters it drops.
func labelIsSafe(s string) bool {
	if s == "" || len(s) > MaxLabel {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || c == '=' || c == '\'' || c == '"' || c == '|' || c == ';' {
			return false
		}
	}
	return true
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
	hasMin := p.Min != nil && !math.IsNaN(*p.Min) && !math.IsInf(*p.Min, 0)
	hasMax := p.Max != nil && !math.IsNaN(*p.Max) && !math.IsInf(*p.Max, 0)
	n := 0
	switch {
	case hasMax:
		n = 4
	case hasMin:
		n = 3
	case p.Crit != nil:
		n = 2
	case p.Warn != nil:
		n = 1
	}
	for i := 0; i < n; i++ {
		b = append(b, ';')
		switch {
		case i == 0 && p.Warn != nil:
			b = p.Warn.AppendTo(b)
		case i == 1 && p.Crit != nil:
			b = p.Crit.AppendTo(b)
		case i == 2 && hasMin:
			b = appendFloat(b, *p.Min)
		case i == 3 && hasMax:
			b = appendFloat(b, *p.Max)
		}
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

// LabelStem is the stem of the labels of one item from the product (an
// account, a channel, a timer): its name sanitised by [SanitizeLabel] and
// cut between characters so that the stem and the longest suffix the check
// appends ("_operators_online") stay within [MaxLabel] bytes.
func LabelStem(name, longestSuffix string) string {
	return cutLabel(SanitizeLabel(name), MaxLabel-len(longestSuffix))
}
