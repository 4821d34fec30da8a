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
	summary, long := safeResult(res)
	size := len(prefix) + len(summary) + 16 + 48*len(res.Perf)
	for _, l := range long {
		size += len(l) + 1
	}
	if max > 0 && size > max+64 {
		size = max + 64
	}
	b := appendFirstLine(make([]byte, 0, size), prefix, res, summary)
	if max <= 0 {
		for _, l := range long {
			b = append(b, l...)
			b = append(b, '\n')
		}
		_, err := w.Write(b)
		return err
	}
	// how many long lines fit, leaving room for the "more lines" tail
	n := len(long)
	total, k := len(b), 0
	for ; k < n; k++ {
		t := total + len(long[k]) + 1
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
	for _, l := range long[:k] {
		b = append(b, l...)
		b = append(b, '\n')
	}
	if k < n {
		b = appendMoreLines(b, n-k)
	}
	_, err := w.Write(b)
	return err
}

// appendFirstLine appends "PREFIX STATE - summary | perfdata" and its
// newline to b.
func appendFirstLine(b []byte, prefix string, res *Result, summary string) []byte {
	b = append(b, prefix...)
	b = append(b, ' ')
	b = append(b, res.State.String()...)
	b = append(b, " - "...)
	b = append(b, summary...)
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
	return append(b, '\n')
}

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

// appendUniqueLabels appends the sanitized labels of ps to dst, made
// unique by suffixing _2, _3... (shortening the label so that it stays
// within MaxLabel bytes). Items that are not [Perf.Valid] get "".
func appendUniqueLabels(dst []string, ps []Perf) []string {
	base := len(dst)
	var seen map[string]bool
	var next map[string]int
	if len(ps) > 32 {
		seen = make(map[string]bool, len(ps))
		next = map[string]int{}
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
			// many items may share a label (names that differ only in
			// characters a label drops): go on from the last suffix
			// given for it, so that labelling stays linear
			n := max(next[l], 2)
			for ; ; n++ {
				suffix := "_" + strconv.Itoa(n)
				cand := cutLabel(l, MaxLabel-len(suffix)) + suffix
				if !taken(cand) {
					if next != nil {
						next[l] = n + 1
					}
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

// MaxJSON is the most bytes --format=json prints: a Zabbix text value
// (CONTRACT section 2).
const MaxJSON = 64 << 10

// jsonResult is the JSON shape of --format=json.
type jsonResult struct {
	State    string     `json:"state"`
	Code     int        `json:"code"`
	Prefix   string     `json:"prefix"`
	Summary  string     `json:"summary"`
	Long     []string   `json:"long"`
	Perfdata []jsonPerf `json:"perfdata"`
	Items    []jsonItem `json:"items,omitempty"`
	// LongOmitted, ItemsOmitted and PerfdataOmitted count what was left
	// out to stay within MaxJSON: long lines first, then items, then
	// perfdata, each from the end.
	LongOmitted     int `json:"long_omitted,omitempty"`
	ItemsOmitted    int `json:"items_omitted,omitempty"`
	PerfdataOmitted int `json:"perfdata_omitted,omitempty"`
}

// jsonItem is one element of "items" (see [Item]).
type jsonItem struct {
	Name     string     `json:"name"`
	State    string     `json:"state"`
	Summary  string     `json:"summary"`
	Perfdata []jsonPerf `json:"perfdata"`
}

// RenderJSON writes res as one JSON object on one line, at most MaxJSON
// bytes: long lines are left out first (counted in "long_omitted"), then
// perfdata ("perfdata_omitted"), then the summary is cut.
func RenderJSON(w io.Writer, prefix string, res *Result) error {
	summary, long := safeResult(res)
	out := jsonResult{
		State:    res.State.String(),
		Code:     res.State.Code(),
		Prefix:   prefix,
		Summary:  summary,
		Long:     long,
		Perfdata: jsonPerfs(res.Perf),
	}
	items, unrendered := jsonItems(res.Items, MaxJSON)
	out.Items = items
	b := encodeJSON(out)
	if len(b) > MaxJSON || unrendered > 0 {
		fit := fitJSON(out, MaxJSON)
		fit.ItemsOmitted += unrendered
		b = encodeJSON(fit)
	}
	_, err := w.Write(b)
	return err
}

// jsonItems renders the items for JSON, their product text made safe as
// the summary's. It stops once the items rendered are over max bytes in
// JSON: the rest could not be printed (a check may list 100 000 timers),
// and unrendered says how many they are.
func jsonItems(items []Item, max int) (out []jsonItem, unrendered int) {
	size := 0
	for i, it := range items {
		if size > max {
			return out, len(items) - i
		}
		ji := jsonItem{Name: SafeText(it.Name), State: it.State.String(), Summary: SafeText(it.Summary), Perfdata: jsonPerfs(it.Perf)}
		size += len(encodeJSON(ji))
		out = append(out, ji)
	}
	return out, 0
}

// jsonPerfs renders perfdata for JSON: unique safe labels, values that
// cannot be measured left out, never null.
func jsonPerfs(ps []Perf) []jsonPerf {
	labels := appendUniqueLabels(nil, ps)
	out := []jsonPerf{}
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

// encodeJSON encodes v on one line, HTML characters as they are.
func encodeJSON(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // strings and finite numbers only: cannot fail
	return buf.Bytes()
}

// fitJSON returns out shortened to encode within max bytes: long lines
// dropped from the end, then items, then perfdata, then the summary cut.
// Sizes are counted per element, so a huge result is encoded only twice.
func fitJSON(out jsonResult, max int) jsonResult {
	const room = 96 // the omitted counts and their keys
	longs, items, perfs := out.Long, out.Items, out.Perfdata
	out.Long, out.Items, out.Perfdata = []string{}, nil, []jsonPerf{}
	size := len(encodeJSON(out)) + room
	keepPerf := fitting(perfs, &size, max)
	keepItems, keepLong := 0, 0
	if keepPerf == len(perfs) {
		keepItems = fitting(items, &size, max)
		if keepItems == len(items) {
			keepLong = fitting(longs, &size, max)
		}
	}
	out.Long, out.LongOmitted = longs[:keepLong], len(longs)-keepLong
	out.Items, out.ItemsOmitted = items[:keepItems], len(items)-keepItems
	out.Perfdata, out.PerfdataOmitted = perfs[:keepPerf], len(perfs)-keepPerf
	for len(encodeJSON(out)) > max && out.Summary != "" {
		out.Summary = cutText(out.Summary, len(out.Summary)/2) + "..."
	}
	return out
}

// fitting returns how many elements of list, from the start, fit in what
// is left of max after *size, and adds their size to *size.
func fitting[T any](list []T, size *int, max int) int {
	n := 0
	for n < len(list) {
		e := len(encodeJSON(list[n])) // the value, its newline standing for the comma
		if *size+e > max {
			break
		}
		*size += e
		n++
	}
	return n
}

// cutText shortens s to at most n bytes, between two characters.
func cutText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
