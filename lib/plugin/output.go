package plugin

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// DefaultMaxOutput is Nagios' MAX_PLUGIN_OUTPUT_LENGTH.
const DefaultMaxOutput = 4096

// Format selects how a result is printed.
type Format string

// The output formats of --format.
const (
	FormatNagios Format = "nagios"
	FormatJSON   Format = "json"
)

// UnmarshalFlag implements the go-flags Unmarshaler.
func (f *Format) UnmarshalFlag(s string) error {
	switch Format(strings.ToLower(s)) {
	case FormatNagios:
		*f = FormatNagios
	case FormatJSON:
		*f = FormatJSON
	default:
		return errorf("unknown format %q (want nagios or json)", s)
	}
	return nil
}

// Render writes res as the plugin output for the given prefix: the first
// line "<PREFIX> <STATE> - <summary> | <perfdata>", then the long output,
// cut at a line boundary with a final "... (N more lines)" so that the
// whole stays within max bytes (max <= 0 means no cap). A first line that
// alone does not fit loses its perfdata, then the end of its summary.
func Render(w io.Writer, prefix string, res *Result, max int) error {
	size := len(prefix) + len(res.Summary) + 16 + 48*len(res.Perf)
	for _, l := range res.Long {
		size += len(l) + 1
	}
	if max > 0 && size > max+64 {
		size = max + 64
	}
	b := make([]byte, 0, size)
	b = append(b, prefix...)
	b = append(b, ' ')
	b = append(b, res.State.String()...)
	b = append(b, " - "...)
	b = appendOneLine(b, res.Summary)
	var arr [16]string
	labels := appendUniqueLabels(arr[:0], res.Perf)
	first := true
	for i, p := range res.Perf {
		if !p.Valid() {
			continue
		}
		if first {
			b = append(b, " | "...)
			first = false
		} else {
			b = append(b, ' ')
		}
		b = p.AppendTo(b, labels[i])
	}
	b = append(b, '\n')
	if max <= 0 {
		for _, l := range res.Long {
			b = appendLongLine(b, l)
			b = append(b, '\n')
		}
		_, err := w.Write(b)
		return err
	}
	// how many long lines fit, leaving room for the "more lines" tail
	n := len(res.Long)
	total, k := len(b), 0
	for ; k < n; k++ {
		t := total + longLineLen(res.Long[k]) + 1
		if k+1 < n {
			if t+moreLinesLen(n-k-1) > max {
				break
			}
		} else if t > max {
			break
		}
		total = t
	}
	limit := max
	if k == 0 && n > 0 {
		limit = max - moreLinesLen(n)
	}
	if len(b) > limit {
		b = truncateFirstLine(b, limit)
	}
	for _, l := range res.Long[:k] {
		b = appendLongLine(b, l)
		b = append(b, '\n')
	}
	if k < n {
		b = appendMoreLines(b, n-k)
	}
	_, err := w.Write(b)
	return err
}

// appendLongLine appends a long-output line without its line end and with
// '|' (which would start perfdata) replaced by '/'.
func appendLongLine(b []byte, l string) []byte {
	l = strings.TrimRight(l, "\r\n")
	for {
		i := strings.IndexByte(l, '|')
		if i < 0 {
			return append(b, l...)
		}
		b = append(b, l[:i]...)
		b = append(b, '/')
		l = l[i+1:]
	}
}

func longLineLen(l string) int { return len(strings.TrimRight(l, "\r\n")) }

// moreLinesLen is the length of the tail "... (N more lines)\n".
func moreLinesLen(n int) int {
	digits := 1
	for v := n; v >= 10; v /= 10 {
		digits++
	}
	if n == 1 {
		return len("... ( more line)\n") + digits
	}
	return len("... ( more lines)\n") + digits
}

func appendMoreLines(b []byte, n int) []byte {
	b = append(b, "... ("...)
	b = strconv.AppendInt(b, int64(n), 10)
	if n == 1 {
		return append(b, " more line)\n"...)
	}
	return append(b, " more lines)\n"...)
}

// truncateFirstLine shortens the first line b (ending in a newline) to at
// most max bytes: it drops the perfdata, then cuts the summary between two
// characters and marks the cut with "...".
func truncateFirstLine(b []byte, max int) []byte {
	line := b[:len(b)-1]
	if i := bytes.Index(line, []byte(" | ")); i >= 0 {
		line = line[:i]
	}
	if len(line)+1 > max {
		cut := max - 4
		if cut < 0 {
			cut = 0
		}
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		line = append(line[:cut], "..."...)
	}
	return append(line, '\n')
}

// appendOneLine appends a summary kept on one line ("\r\n", "\n" and "\r"
// become spaces) and free of the perfdata separator ('|' becomes '/').
func appendOneLine(b []byte, s string) []byte {
	if !strings.ContainsAny(s, "\r\n|") {
		return append(b, s...)
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			b = append(b, ' ')
		case '\n':
			b = append(b, ' ')
		case '|':
			b = append(b, '/')
		default:
			b = append(b, c)
		}
	}
	return b
}

// appendUniqueLabels appends the sanitized labels of ps to dst, made
// unique by suffixing _2, _3... (shortening the label so that it stays
// within MaxLabel bytes). Items that are not [Perf.Valid] get "".
func appendUniqueLabels(dst []string, ps []Perf) []string {
	base := len(dst)
	var seen map[string]bool
	if len(ps) > 32 {
		seen = make(map[string]bool, len(ps))
	}
	taken := func(l string) bool {
		if seen != nil {
			return seen[l]
		}
		for _, have := range dst[base:] {
			if have == l {
				return true
			}
		}
		return false
	}
	for _, p := range ps {
		if !p.Valid() {
			dst = append(dst, "") // left out of the output: takes no name
			continue
		}
		l := SanitizeLabel(p.Label)
		if taken(l) {
			for n := 2; ; n++ {
				suffix := "_" + strconv.Itoa(n)
				cand := cutLabel(l, MaxLabel-len(suffix)) + suffix
				if !taken(cand) {
					l = cand
					break
				}
			}
		}
		if seen != nil {
			seen[l] = true
		}
		dst = append(dst, l)
	}
	return dst
}

// cutLabel shortens l to at most n bytes, between two characters.
func cutLabel(l string, n int) string {
	if len(l) <= n {
		return l
	}
	for n > 0 && !utf8.RuneStart(l[n]) {
		n--
	}
	return l[:n]
}

// jsonPerf is the JSON shape of one perfdata item.
type jsonPerf struct {
	Label string   `json:"label"`
	Value float64  `json:"value"`
	Unit  string   `json:"unit"`
	Warn  *string  `json:"warn"`
	Crit  *string  `json:"crit"`
	Min   *float64 `json:"min"`
	Max   *float64 `json:"max"`
}

// jsonResult is the JSON shape of --format=json.
type jsonResult struct {
	State    string     `json:"state"`
	Code     int        `json:"code"`
	Prefix   string     `json:"prefix"`
	Summary  string     `json:"summary"`
	Long     []string   `json:"long"`
	Perfdata []jsonPerf `json:"perfdata"`
	Items    []jsonItem `json:"items,omitempty"`
}

// jsonItem is the JSON shape of one [Item].
type jsonItem struct {
	Name     string     `json:"name"`
	State    string     `json:"state"`
	Summary  string     `json:"summary"`
	Perfdata []jsonPerf `json:"perfdata"`
}

// RenderJSON writes res as one JSON object on one line.
func RenderJSON(w io.Writer, prefix string, res *Result) error {
	out := jsonResult{
		State:   res.State.String(),
		Code:    res.State.Code(),
		Prefix:  prefix,
		Summary: res.Summary,
		Long:    res.Long,
	}
	if out.Long == nil {
		out.Long = []string{}
	}
	out.Perfdata = jsonPerfs(res.Perf)
	for _, it := range res.Items {
		out.Items = append(out.Items, jsonItem{Name: it.Name, State: it.State.String(), Summary: it.Summary, Perfdata: jsonPerfs(it.Perf)})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// jsonPerfs is the JSON shape of perfdata: valid values only, labels made
// unique, never null.
func jsonPerfs(ps []Perf) []jsonPerf {
	out := []jsonPerf{}
	labels := appendUniqueLabels(nil, ps)
	for i, p := range ps {
		if !p.Valid() {
			continue
		}
		jp := jsonPerf{Label: labels[i], Value: p.Value, Unit: p.Unit}
		if p.Warn != nil {
			s := p.Warn.String()
			jp.Warn = &s
		}
		if p.Crit != nil {
			s := p.Crit.String()
			jp.Crit = &s
		}
		if p.Min != nil && !math.IsNaN(*p.Min) && !math.IsInf(*p.Min, 0) {
			jp.Min = p.Min
		}
		if p.Max != nil && !math.IsNaN(*p.Max) && !math.IsInf(*p.Max, 0) {
			jp.Max = p.Max
		}
		out = append(out, jp)
	}
	return out
}
