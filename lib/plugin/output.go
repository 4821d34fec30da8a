package plugin

import (
	"encoding/json"
	"io"
	"math"
	"strconv"
	"strings"
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
// cut at a line boundary so the whole stays within max bytes (max <= 0
// means no cap).
func Render(w io.Writer, prefix string, res *Result, max int) error {
	var b []byte
	b = append(b, prefix...)
	b = append(b, ' ')
	b = append(b, res.State.String()...)
	b = append(b, " - "...)
	b = append(b, oneLine(res.Summary)...)
	labels := uniqueLabels(res.Perf)
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
	if max > 0 && len(b) > max {
		// the first line alone is too long: keep the state and summary,
		// drop perfdata that does not fit
		b = truncateFirstLine(b, max)
	}
	for i, l := range res.Long {
		line := strings.TrimRight(l, "\r\n")
		line = strings.ReplaceAll(line, "|", "/")
		if max > 0 {
			rest := len(res.Long) - i
			tail := len("... (") + len(strconv.Itoa(rest)) + len(" more lines)\n")
			if len(b)+len(line)+1+tail > max && !(rest == 1 && len(b)+len(line)+1 <= max) {
				b = append(b, "... ("...)
				b = strconv.AppendInt(b, int64(rest), 10)
				if rest == 1 {
					b = append(b, " more line)\n"...)
				} else {
					b = append(b, " more lines)\n"...)
				}
				break
			}
		}
		b = append(b, line...)
		b = append(b, '\n')
	}
	_, err := w.Write(b)
	return err
}

func truncateFirstLine(b []byte, max int) []byte {
	line := string(b[:len(b)-1])
	head, _, _ := strings.Cut(line, " | ")
	if len(head)+1 > max {
		head = head[:max-4] + "..."
	}
	return []byte(head + "\n")
}

// oneLine keeps a summary on one line and free of the perfdata separator.
func oneLine(s string) string {
	if strings.ContainsAny(s, "\r\n|") {
		s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "|", "/").Replace(s)
	}
	return s
}

// uniqueLabels sanitizes labels and makes them unique by suffixing _2, _3...
func uniqueLabels(ps []Perf) []string {
	out := make([]string, len(ps))
	var seen map[string]int
	for i, p := range ps {
		l := SanitizeLabel(p.Label)
		if seen == nil && len(ps) > 1 {
			seen = make(map[string]int, len(ps))
		}
		if seen != nil {
			if n, dup := seen[l]; dup {
				for {
					n++
					cand := l + "_" + strconv.Itoa(n)
					if _, taken := seen[cand]; !taken {
						seen[l] = n
						l = cand
						break
					}
				}
			}
			seen[l] = 1
		}
		out[i] = l
	}
	return out
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
}

// RenderJSON writes res as one JSON object on one line.
func RenderJSON(w io.Writer, prefix string, res *Result) error {
	out := jsonResult{
		State:    res.State.String(),
		Code:     res.State.Code(),
		Prefix:   prefix,
		Summary:  res.Summary,
		Long:     res.Long,
		Perfdata: []jsonPerf{},
	}
	if out.Long == nil {
		out.Long = []string{}
	}
	labels := uniqueLabels(res.Perf)
	for i, p := range res.Perf {
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
		out.Perfdata = append(out.Perfdata, jp)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
