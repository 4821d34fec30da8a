// Package prom reads a Prometheus endpoint: GET /metrics in the text
// exposition format, parsed by the Prometheus project's own parser
// (github.com/prometheus/common/expfmt), flattened to the series PromQL
// sees, and selected with PromQL-style selectors. It is kept apart from
// the product clients so that only the check that reads metrics links the
// parser.
package prom

import (
	"bytes"
	"context"
	"math"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// DefaultPath is where Webim 10.6 and later export the metrics of the Chat
// Backend and the Admin Backend (seed 000: "/metrics ... Эндпоинт был
// добавлен в версии Webim 10.6").
const DefaultPath = "/metrics"

// Sample is one series of an exposition as PromQL sees it: a histogram
// becomes NAME_bucket{le=...}, NAME_sum and NAME_count, a summary
// NAME{quantile=...}, NAME_sum and NAME_count.
type Sample struct {
	Name   string
	Labels map[string]string
	Value  float64
	// Type is the type of the family ("counter", "gauge", "histogram",
	// "summary", "untyped").
	Type string
	key  string
}

// Key identifies the series: its name and labels in a stable order.
func (s Sample) Key() string {
	if s.key != "" {
		return s.key
	}
	if len(s.Labels) == 0 {
		return s.Name
	}
	keys := make([]string, 0, len(s.Labels))
	for k := range s.Labels {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString(s.Name)
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(k + "=" + strconv.Quote(s.Labels[k]))
	}
	b.WriteByte('}')
	return b.String()
}

// Exposition is the answer of a metrics endpoint.
type Exposition struct {
	// Families is the number of metric families.
	Families int
	// Samples are every series, sorted by key.
	Samples []Sample
}

// Select returns the samples sel selects.
func (e *Exposition) Select(sel *Selector) []Sample {
	var out []Sample
	for _, s := range e.Samples {
		if sel.Matches(s.Name, s.Labels) {
			out = append(out, s)
		}
	}
	return out
}

// Fetch gets path (which may carry a query, "/metrics?format=prometheus")
// and parses the answer.
func Fetch(ctx context.Context, hc *httpc.Client, path string) (*Exposition, error) {
	u, err := url.Parse(path)
	if err != nil || u.Path == "" || u.Path[0] != '/' {
		return nil, plugin.Errorf(plugin.ErrUsage, "bad value for --path: %q (want an absolute path such as /metrics)", path)
	}
	r, err := hc.Do(ctx, u.Path, u.Query())
	if err != nil {
		return nil, err
	}
	if r.StatusCode != http.StatusOK {
		if err := hc.Fail(r); err != nil {
			return nil, err
		}
		return nil, plugin.Errorf(plugin.ErrStatus, "%s: HTTP %d, expected 200", r.Step, r.StatusCode)
	}
	return Decode(r)
}

// Decode parses an answer in the Prometheus text format. An empty body,
// an HTML page or a malformed exposition is an ErrDecode that quotes the
// parser.
func Decode(r *httpc.Response) (*Exposition, error) {
	body := bytes.TrimSpace(r.Body)
	switch {
	case len(body) == 0:
		return nil, plugin.Errorf(plugin.ErrDecode, "metrics: empty answer, expected the Prometheus text format")
	case httpc.IsHTML(body, ""):
		return nil, plugin.Errorf(plugin.ErrDecode, "metrics: expected the Prometheus text format, got %s (a login page or a proxy error?)", httpc.Describe(body, "text/html"))
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(bytes.NewReader(r.Body))
	if err != nil {
		return nil, plugin.Errorf(plugin.ErrDecode, "metrics: the exposition does not parse: %s", strings.TrimPrefix(err.Error(), "text format parsing error in "))
	}
	e := &Exposition{Families: len(fams)}
	for _, f := range fams {
		e.Samples = appendFamily(e.Samples, f)
	}
	sort.Slice(e.Samples, func(i, j int) bool { return e.Samples[i].key < e.Samples[j].key })
	return e, nil
}

// appendFamily appends the series of one family.
func appendFamily(out []Sample, f *dto.MetricFamily) []Sample {
	name, typ := f.GetName(), strings.ToLower(f.GetType().String())
	for _, m := range f.GetMetric() {
		labels := make(map[string]string, len(m.GetLabel())+1)
		for _, l := range m.GetLabel() {
			labels[l.GetName()] = l.GetValue()
		}
		add := func(suffix, label, lv string, v float64) {
			ls := labels
			if label != "" {
				ls = make(map[string]string, len(labels)+1)
				for k, x := range labels {
					ls[k] = x
				}
				ls[label] = lv
			}
			s := Sample{Name: name + suffix, Labels: ls, Value: v, Type: typ}
			s.key = s.Key()
			out = append(out, s)
		}
		switch f.GetType() {
		case dto.MetricType_COUNTER:
			add("", "", "", m.GetCounter().GetValue())
		case dto.MetricType_GAUGE:
			add("", "", "", m.GetGauge().GetValue())
		case dto.MetricType_SUMMARY:
			s := m.GetSummary()
			for _, q := range s.GetQuantile() {
				add("", "quantile", formatBound(q.GetQuantile()), q.GetValue())
			}
			add("_sum", "", "", s.GetSampleSum())
			add("_count", "", "", float64(s.GetSampleCount()))
		case dto.MetricType_HISTOGRAM:
			h := m.GetHistogram()
			inf := false
			for _, b := range h.GetBucket() {
				inf = inf || math.IsInf(b.GetUpperBound(), 1)
				add("_bucket", "le", formatBound(b.GetUpperBound()), float64(b.GetCumulativeCount()))
			}
			if !inf {
				add("_bucket", "le", "+Inf", float64(h.GetSampleCount()))
			}
			add("_sum", "", "", h.GetSampleSum())
			add("_count", "", "", float64(h.GetSampleCount()))
		default:
			add("", "", "", m.GetUntyped().GetValue())
		}
	}
	return out
}

// formatBound formats a bucket bound or quantile as Prometheus does.
func formatBound(v float64) string {
	if math.IsInf(v, 1) {
		return "+Inf"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}
