package plugin_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
)

func render(t *testing.T, prefix string, res *plugin.Result) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, plugin.Render(&b, prefix, res, plugin.DefaultMaxOutput))
	return b.String()
}

// manyLines returns n long-output lines of about 60 bytes each.
func manyLines(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("timer %03d: 20 runs, slowest 0.%03ds, no failures in the last minute", i, i)
	}
	return out
}

// upToCap returns long output for the summary "s" under the prefix "T"
// whose last line ends exactly at the 4 KiB cap, or over bytes after it.
func upToCap(over int) []string {
	long := manyLines(50)
	used := len("T OK - s\n")
	for _, l := range long {
		used += len(l) + 1
	}
	return append(long, strings.Repeat("y", plugin.DefaultMaxOutput-used-1+over))
}

// typicalResult is a WARNING with five perfdata items and five long lines.
func typicalResult() *plugin.Result {
	w, c := plugin.MustRange("1"), plugin.MustRange("5")
	return &plugin.Result{
		State:   plugin.Warning,
		Summary: "BackgroundStorager 0 took 1.50s (> 1s); 5 timers, 0 failed",
		Long: []string{
			"BackgroundStorager 0: 20 runs, max 1.50s",
			"close_surveys_if_needed: 1 run, max 0.00s",
			"send_push_notifications: 60 runs, max 0.12s",
			"update_operator_statuses: 60 runs, max 0.31s",
			"cleanup_sessions: 1 run, max 0.02s",
		},
		Perf: []plugin.Perf{
			{Label: "max_time", Value: 1.5, Unit: "s", Warn: w, Crit: c, Min: plugin.Float(0)},
			{Label: "failed", Value: 0, Warn: plugin.MustRange("0"), Min: plugin.Float(0)},
			{Label: "timers", Value: 5, Min: plugin.Float(0)},
			{Label: "BackgroundStorager 0 runs", Value: 20, Unit: "c"},
			{Label: "BackgroundStorager 0 max", Value: 1.5, Unit: "s"},
		},
	}
}

func TestRenderGolden(t *testing.T) {
	cyrillic := strings.Repeat("очень длинная сводка ", 250) // ~9.5 KiB of 2-byte letters
	tests := []struct {
		name   string
		prefix string
		res    *plugin.Result
		check  func(t *testing.T, out string)
	}{
		{"ok", "WEBIM DB", &plugin.Result{
			Summary: "Chat Backend is connected to its databases (answered in 0.042s)",
			Perf:    []plugin.Perf{{Label: "time", Value: 0.042, Unit: "s", Min: plugin.Float(0)}},
		}, func(t *testing.T, out string) {
			assert.Equal(t, 1, strings.Count(out, "\n"))
		}},
		{"warning_long", "WEBIM TIMERS", typicalResult(), nil},
		{"critical_pipes", "WEBIM DB", &plugin.Result{
			State:   plugin.Critical,
			Summary: "the meta database is unreachable\n(Failed to connect | retry later)\r\nsee logs",
			Long:    []string{"backend said: a|b|c\n", "second line\r\n", ""},
			Perf:    []plugin.Perf{{Label: "time", Value: 1, Unit: "s"}},
		}, func(t *testing.T, out string) {
			l := lines(out)
			assert.Equal(t, `WEBIM DB CRITICAL - the meta database is unreachable\n(Failed to connect ¦ retry later)\r\nsee logs | time=1s`, l[0])
			assert.Equal(t, 1, strings.Count(out, "|"), "only the perfdata separator")
		}},
		{"cap", "WEBIM TIMERS", &plugin.Result{
			State:   plugin.Critical,
			Summary: "12 timers stalled",
			Long:    manyLines(200),
			Perf:    []plugin.Perf{{Label: "timers", Value: 200, Min: plugin.Float(0)}},
		}, func(t *testing.T, out string) {
			l := lines(out)
			assert.Equal(t, "... (141 more lines)", l[len(l)-1])
			for i, line := range l[1 : len(l)-1] {
				assert.Equal(t, manyLines(200)[i], line, "lines are whole")
			}
		}},
		{"cap_last_line_fits", "T", &plugin.Result{Summary: "s", Long: upToCap(0)}, func(t *testing.T, out string) {
			assert.Len(t, out, 4096, "a last line that fits is printed instead of the tail")
			assert.NotContains(t, out, "more line")
		}},
		{"cap_one_more_line", "T", &plugin.Result{Summary: "s", Long: upToCap(1)}, func(t *testing.T, out string) {
			assert.True(t, strings.HasSuffix(out, "\n... (1 more line)\n"))
		}},
		{"first_line_over_4k", "WEBIM TIMERS", &plugin.Result{
			State:   plugin.Warning,
			Summary: strings.Repeat("timer BackgroundStorager is slow; ", 150),
			Long:    manyLines(3),
			Perf:    []plugin.Perf{{Label: "max_time", Value: 6.5, Unit: "s"}, {Label: "failed", Value: 0}},
		}, func(t *testing.T, out string) {
			l := lines(out)
			require.Len(t, l, 2)
			assert.True(t, strings.HasPrefix(l[0], "WEBIM TIMERS WARNING - timer BackgroundStorager is slow; "))
			assert.True(t, strings.HasSuffix(l[0], "..."))
			assert.NotContains(t, l[0], "max_time", "perfdata is dropped before the summary is cut")
			assert.Equal(t, "... (3 more lines)", l[1])
		}},
		{"first_line_over_4k_cyrillic", "T", &plugin.Result{State: plugin.Critical, Summary: cyrillic}, func(t *testing.T, out string) {
			assert.True(t, utf8.ValidString(out), "cut between letters")
			assert.True(t, strings.HasSuffix(out, "...\n"))
			assert.Equal(t, 1, strings.Count(out, "\n"))
		}},
		{"summary_only_fits_without_perf", "T", &plugin.Result{
			Summary: strings.Repeat("s", 4080),
			Perf:    []plugin.Perf{{Label: "time", Value: 1, Unit: "s"}},
		}, func(t *testing.T, out string) {
			assert.Equal(t, "T OK - "+strings.Repeat("s", 4080)+"\n", out)
		}},
		{"empty_long_lines", "T", &plugin.Result{Summary: "s", Long: []string{"", "x"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := render(t, tt.prefix, tt.res)
			assert.LessOrEqual(t, len(out), plugin.DefaultMaxOutput)
			assert.True(t, strings.HasSuffix(out, "\n"))
			first := lines(out)[0]
			assert.True(t, strings.HasPrefix(first, tt.prefix+" "+tt.res.State.String()+" - "), first)
			if tt.check != nil {
				tt.check(t, out)
			}
			testutil.Golden(t, "plugin/"+tt.name+".txt", []byte(out))
		})
	}
}

func TestRenderNoCap(t *testing.T) {
	res := &plugin.Result{Summary: "s", Long: manyLines(200)}
	var b bytes.Buffer
	require.NoError(t, plugin.Render(&b, "T", res, 0))
	assert.Equal(t, 201, strings.Count(b.String(), "\n"))
	assert.NotContains(t, b.String(), "more lines")
}

// TestRenderCapAnySize renders results of every size around the cap and
// checks the promises: within the cap, whole lines, a count that adds up.
func TestRenderCapAnySize(t *testing.T) {
	for _, summaryLen := range []int{10, 3000, 4000, 4085, 4090, 5000} {
		for _, n := range []int{0, 1, 2, 9, 10, 11, 99, 100, 1000} {
			res := &plugin.Result{State: plugin.Warning, Summary: strings.Repeat("s", summaryLen), Long: manyLines(n),
				Perf: []plugin.Perf{{Label: "a", Value: 1}}}
			out := render(t, "T", res)
			require.LessOrEqual(t, len(out), plugin.DefaultMaxOutput, "summary %d, %d lines", summaryLen, n)
			l := lines(out)
			shown := len(l) - 1
			var more int
			if k, err := fmt.Sscanf(l[len(l)-1], "... (%d more line", &more); err == nil && k == 1 {
				shown--
			}
			assert.Equal(t, n, shown+more, "summary %d, %d lines: every line is shown or counted", summaryLen, n)
			for i := 0; i < shown; i++ {
				assert.Equal(t, manyLines(n)[i], l[1+i])
			}
		}
	}
}

func TestRenderJSON(t *testing.T) {
	res := typicalResult()
	res.Perf = append(res.Perf,
		plugin.Perf{Label: "unmeasured", Value: math.NaN()},
		plugin.Perf{Label: "max_time", Value: 2, Max: plugin.Float(math.Inf(1))},
	)
	res.Long = append(res.Long, `quote " and <html> & pipe |`)
	var b bytes.Buffer
	require.NoError(t, plugin.RenderJSON(&b, "WEBIM TIMERS", res))
	testutil.Golden(t, "plugin/warning_long.json.txt", b.Bytes())

	var got struct {
		State    string   `json:"state"`
		Code     int      `json:"code"`
		Prefix   string   `json:"prefix"`
		Summary  string   `json:"summary"`
		Long     []string `json:"long"`
		Perfdata []struct {
			Label string   `json:"label"`
			Value float64  `json:"value"`
			Unit  string   `json:"unit"`
			Warn  *string  `json:"warn"`
			Crit  *string  `json:"crit"`
			Min   *float64 `json:"min"`
			Max   *float64 `json:"max"`
		} `json:"perfdata"`
	}
	dec := json.NewDecoder(bytes.NewReader(b.Bytes()))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&got))
	assert.Equal(t, "WARNING", got.State)
	assert.Equal(t, 1, got.Code)
	assert.Equal(t, "WEBIM TIMERS", got.Prefix)
	assert.Equal(t, res.Summary, got.Summary)
	want := slices.Clone(res.Long)
	want[len(want)-1] = strings.ReplaceAll(want[len(want)-1], "|", "¦")
	assert.Equal(t, want, got.Long, "the same safe text as the nagios format")
	require.Len(t, got.Perfdata, 6, "the NaN item is left out")
	p := got.Perfdata[0]
	assert.Equal(t, "max_time", p.Label)
	assert.Equal(t, 1.5, p.Value)
	assert.Equal(t, "s", p.Unit)
	require.NotNil(t, p.Warn)
	assert.Equal(t, "1", *p.Warn)
	require.NotNil(t, p.Crit)
	assert.Equal(t, "5", *p.Crit)
	require.NotNil(t, p.Min)
	assert.Equal(t, 0.0, *p.Min)
	assert.Nil(t, p.Max)
	assert.Equal(t, "BackgroundStorager_0_runs", got.Perfdata[3].Label)
	assert.Equal(t, "max_time_2", got.Perfdata[5].Label, "labels unique as in the nagios output")
	assert.Nil(t, got.Perfdata[5].Max, "an infinite max is left out")

	b.Reset()
	require.NoError(t, plugin.RenderJSON(&b, "T", &plugin.Result{State: plugin.Unknown, Summary: "x"}))
	assert.Equal(t, `{"state":"UNKNOWN","code":3,"prefix":"T","summary":"x","long":[],"perfdata":[]}`+"\n", b.String())
}

func TestRenderJSONItems(t *testing.T) {
	tests := []struct {
		name  string
		items []plugin.Item
		want  string
	}{
		{"none: no key", nil, `{"state":"OK","code":0,"prefix":"T","summary":"s","long":[],"perfdata":[]}`},
		{"two", []plugin.Item{
			{Name: "BackgroundStorager 0", State: plugin.Critical, Summary: "took 6.50s", Perf: []plugin.Perf{{Label: "max", Value: 6.5, Unit: "s"}, {Label: "gone", Value: math.NaN()}}},
			{Name: "node-1", Summary: "connected"},
		}, `{"state":"OK","code":0,"prefix":"T","summary":"s","long":[],"perfdata":[],"items":[` +
			`{"name":"BackgroundStorager 0","state":"CRITICAL","summary":"took 6.50s","perfdata":[{"label":"max","value":6.5,"unit":"s","warn":null,"crit":null,"min":null,"max":null}]},` +
			`{"name":"node-1","state":"OK","summary":"connected","perfdata":[]}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, plugin.RenderJSON(&b, "T", &plugin.Result{Summary: "s", Items: tt.items}))
			assert.Equal(t, tt.want+"\n", b.String())
		})
	}
}

// TestRenderJSONManyItems: of 100 000 items, those that fit in MaxJSON are
// printed in order, the rest counted in items_omitted, and the long lines
// (which come after the items) all omitted.
func TestRenderJSONManyItems(t *testing.T) {
	const n = 100000
	res := &plugin.Result{Summary: "s", Long: []string{"a line"}, Perf: []plugin.Perf{{Label: "timers", Value: n}}}
	for i := range n {
		res.Items = append(res.Items, plugin.Item{Name: fmt.Sprintf("timer_%06d", i), Summary: "1 run", Perf: []plugin.Perf{{Label: "runs", Value: 1}}})
	}
	var b bytes.Buffer
	require.NoError(t, plugin.RenderJSON(&b, "T", res))
	assert.LessOrEqual(t, b.Len(), plugin.MaxJSON)
	var got struct {
		Long         []string `json:"long"`
		LongOmitted  int      `json:"long_omitted"`
		Items        []struct{ Name string }
		ItemsOmitted int `json:"items_omitted"`
		Perfdata     []struct{ Label string }
	}
	require.NoError(t, json.Unmarshal(b.Bytes(), &got))
	require.NotEmpty(t, got.Items)
	assert.Equal(t, n, len(got.Items)+got.ItemsOmitted, "every item printed or counted")
	for i, it := range got.Items {
		require.Equal(t, fmt.Sprintf("timer_%06d", i), it.Name, "in order, from the first")
	}
	assert.Empty(t, got.Long)
	assert.Equal(t, 1, got.LongOmitted)
	assert.Len(t, got.Perfdata, 1, "perfdata comes first")
	assert.Greater(t, b.Len(), plugin.MaxJSON-200, "items fill the output")
}

func BenchmarkRender(b *testing.B) {
	res := typicalResult()
	for i := range res.Long {
		res.Long[i] += strings.Repeat(" and some more detail", 5)
	}
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := plugin.Render(&buf, "WEBIM TIMERS", res, plugin.DefaultMaxOutput); err != nil {
			b.Fatal(err)
		}
	}
}
