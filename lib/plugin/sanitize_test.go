package plugin_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
)

func TestSafeText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Failed to connect to database meta", "Failed to connect to database meta"},
		{"cyrillic", "Очередь сообщений", "Очередь сообщений"},
		{"line ends", "a\nb\r\nc", `a\nb\r\nc`},
		{"tab", "a\tb", `a\tb`},
		{"escape sequence", "\x1b[32mOK\x1b[0m", `\x1b[32mOK\x1b[0m`},
		{"nul and del", "a\x00b\x7f", `a\x00b\x7f`},
		{"vertical tab and form feed", "\v\f", `\x0b\x0c`},
		{"c1", "a\u0085b\u009b2J", `a\u0085b\u009b2J`},
		{"line and paragraph separators", "a\u2028b\u2029c", `a\u2028b\u2029c`},
		{"bidi", "\u202eKO\u202c \u2066x\u2069 \u200f\u061c", `\u202eKO\u202c \u2066x\u2069 \u200f\u061c`},
		{"bar", "a|b", "a¦b"},
		{"invalid utf-8", "a\xffb\xc3", "a\ufffdb\ufffd"},
		{"backslash kept", `C:\temp`, `C:\temp`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, plugin.SafeText(tt.in))
		})
	}
}

// unsafe reports a character that safe output never holds: a control
// character other than the line ends of the output itself, a line or
// paragraph separator or a bidi control.
func unsafe(r rune) bool {
	return r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f || r == 0x2028 || r == 0x2029 ||
		r == 0x061c || r == 0x200e || r == 0x200f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// checkSafeOutput renders a result made of the fuzzed text in both formats
// and fails unless each is safe: one first line with the right state word,
// no control character, valid UTF-8, perfdata only after the one '|';
// valid JSON on one line.
func checkSafeOutput(t *testing.T, in []byte) {
	state := plugin.OK
	if len(in) > 0 {
		state = plugin.State(in[0] % 4)
	}
	text := string(in)
	res := &plugin.Result{State: state, Summary: text, Long: []string{text, "after"},
		Perf: []plugin.Perf{{Label: text, Value: 1}, {Label: "time", Value: 0.5, Unit: "s"}}}
	var b bytes.Buffer
	require.NoError(t, plugin.Render(&b, "FUZZ", res, plugin.DefaultMaxOutput))
	out := b.String()
	require.True(t, utf8.ValidString(out), "invalid UTF-8: %q", out)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.True(t, strings.HasPrefix(lines[0], "FUZZ "+state.String()+" - "), "first line %q", lines[0])
	require.LessOrEqual(t, len(lines), 3, "a faked line: %q", out)
	require.LessOrEqual(t, strings.Count(lines[0], "|"), 1, "a faked perfdata separator: %q", lines[0])
	for _, l := range lines[1:] {
		require.NotContains(t, l, "|", "a '|' in long output: %q", l)
	}
	for _, r := range strings.ReplaceAll(out, "\n", "") {
		require.False(t, unsafe(r), "raw %U in %q", r, out)
	}

	b.Reset()
	require.NoError(t, plugin.RenderJSON(&b, "FUZZ", res))
	require.Equal(t, 1, strings.Count(b.String(), "\n"), "JSON on one line")
	var got struct {
		State   string   `json:"state"`
		Code    int      `json:"code"`
		Summary string   `json:"summary"`
		Long    []string `json:"long"`
	}
	require.NoError(t, json.Unmarshal(b.Bytes(), &got), b.String())
	require.Equal(t, state.String(), got.State)
	require.Equal(t, state.Code(), got.Code)
	for _, s := range append(got.Long, got.Summary) {
		for _, r := range s {
			require.False(t, unsafe(r), "raw %U in the JSON text %q", r, s)
		}
	}
}

func FuzzSafeOutput(f *testing.F) {
	testutil.FuzzSeeds(f, "FuzzSafeOutput")
	f.Fuzz(checkSafeOutput)
}

// TestRenderJSONCap: 100 000 timers stay within a Zabbix text value, long
// lines going first, then perfdata, then the end of the summary.
func TestRenderJSONCap(t *testing.T) {
	many := func(n int, f func(i int) string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = f(i)
		}
		return out
	}
	perf := func(n int) []plugin.Perf {
		out := make([]plugin.Perf, n)
		for i := range out {
			out[i] = plugin.Perf{Label: "timer_" + strings.Repeat("x", i%7) + string(rune('a'+i%26)), Value: float64(i)}
		}
		return out
	}
	tests := []struct {
		name                string
		res                 *plugin.Result
		longLeft, perfLeft  int
		summaryCut, exactly bool
	}{
		{"fits", &plugin.Result{Summary: "s", Long: many(10, func(int) string { return "line" }), Perf: perf(3)}, 0, 0, false, true},
		{"long lines go first", &plugin.Result{Summary: "s", Long: many(100000, func(i int) string { return "timer: BackgroundStorager 0: 20 runs" }), Perf: perf(3)}, -1, 0, false, false},
		{"then perfdata", &plugin.Result{Summary: "s", Long: many(10, func(int) string { return "line" }), Perf: perf(100000)}, 0, -1, false, false},
		{"then the summary", &plugin.Result{Summary: strings.Repeat("\x1b", 70000), Long: []string{"a"}}, 0, 0, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, plugin.RenderJSON(&b, "WEBIM TIMERS", tt.res))
			assert.LessOrEqual(t, b.Len(), plugin.MaxJSON)
			var got struct {
				Summary         string
				Long            []string
				Perfdata        []any
				LongOmitted     int `json:"long_omitted"`
				PerfdataOmitted int `json:"perfdata_omitted"`
			}
			require.NoError(t, json.Unmarshal(b.Bytes(), &got))
			assert.Equal(t, len(tt.res.Long), len(got.Long)+got.LongOmitted, "every long line is shown or counted")
			assert.Equal(t, len(tt.res.Perf), len(got.Perfdata)+got.PerfdataOmitted, "every perfdata item is shown or counted")
			if tt.exactly {
				assert.Zero(t, got.LongOmitted+got.PerfdataOmitted)
			}
			if tt.longLeft < 0 {
				assert.Positive(t, got.LongOmitted)
				assert.Greater(t, b.Len(), plugin.MaxJSON-200, "as much as fits")
			}
			if tt.perfLeft < 0 {
				assert.Equal(t, len(tt.res.Long), got.LongOmitted, "long lines went first")
				assert.Positive(t, got.PerfdataOmitted)
			}
			if tt.summaryCut {
				assert.True(t, strings.HasSuffix(got.Summary, "..."))
			}
		})
	}
}
