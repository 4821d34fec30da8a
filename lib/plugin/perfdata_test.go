package plugin_test

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// perfLine renders res and returns what follows " | " on the first line.
func perfLine(t *testing.T, ps ...plugin.Perf) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, plugin.Render(&b, "T", &plugin.Result{Summary: "s", Perf: ps}, plugin.DefaultMaxOutput))
	first, _, _ := strings.Cut(b.String(), "\n")
	_, perf, _ := strings.Cut(first, " | ")
	return perf
}

func TestPerfRendering(t *testing.T) {
	five, one := plugin.MustRange("5"), plugin.MustRange("1")
	tests := []struct {
		name string
		p    plugin.Perf
		want string
	}{
		{"value only", plugin.Perf{Label: "time", Value: 0.5, Unit: "s"}, "time=0.5s"},
		{"all fields", plugin.Perf{Label: "time", Value: 0.5, Unit: "s", Warn: one, Crit: five, Min: plugin.Float(0), Max: plugin.Float(10)}, "time=0.5s;1;5;0;10"},
		{"warn only", plugin.Perf{Label: "x", Value: 1, Warn: five}, "x=1;5"},
		{"crit only", plugin.Perf{Label: "x", Value: 1, Crit: five}, "x=1;;5"},
		{"min only", plugin.Perf{Label: "timers", Value: 5, Min: plugin.Float(0)}, "timers=5;;;0"},
		{"max only", plugin.Perf{Label: "x", Value: 1, Unit: "%", Max: plugin.Float(100)}, "x=1%;;;;100"},
		{"NaN min dropped", plugin.Perf{Label: "x", Value: 1, Warn: five, Min: plugin.Float(math.NaN())}, "x=1;5"},
		{"infinite max dropped", plugin.Perf{Label: "x", Value: 1, Min: plugin.Float(0), Max: plugin.Float(math.Inf(1))}, "x=1;;;0"},
		{"full range syntax", plugin.Perf{Label: "x", Value: 1, Warn: plugin.MustRange("10:"), Crit: plugin.MustRange("@1:2")}, "x=1;10:;@1:2"},
		{"threshold exponent written out", plugin.Perf{Label: "x", Value: 1, Warn: plugin.MustRange("1e3")}, "x=1;1000"},
		{"bytes unit", plugin.Perf{Label: "body", Value: 4096, Unit: "B"}, "body=4096B"},
		{"counter unit", plugin.Perf{Label: "failed", Value: 3, Unit: "c"}, "failed=3c"},
		{"tiny", plugin.Perf{Label: "x", Value: 1e-7}, "x=0"},
		{"small", plugin.Perf{Label: "x", Value: 0.000123}, "x=0.000123"},
		{"huge", plugin.Perf{Label: "x", Value: 1e20}, "x=100000000000000000000"},
		{"huge fraction", plugin.Perf{Label: "x", Value: 1e15 + 0.5}, "x=1000000000000000.5"},
		{"negative zero", plugin.Perf{Label: "x", Value: math.Copysign(0, -1)}, "x=0"},
		{"tiny negative", plugin.Perf{Label: "x", Value: -1e-9}, "x=0"},
		{"negative", plugin.Perf{Label: "x", Value: -2.5}, "x=-2.5"},
		{"float noise", plugin.Perf{Label: "x", Value: 0.1 + 0.2}, "x=0.3"},
		{"six decimals", plugin.Perf{Label: "x", Value: 1.23456789}, "x=1.234568"},
		{"label with space", plugin.Perf{Label: "max time", Value: 1}, "max_time=1"},
		{"label quoted", plugin.Perf{Label: "Очередь сообщений", Value: 1}, "'Очередь_сообщений'=1"},
		{"label with punctuation quoted", plugin.Perf{Label: "a(b)", Value: 1}, "'a(b)'=1"},
		{"label path not quoted", plugin.Perf{Label: "/var:log-x.y", Value: 1}, "/var:log-x.y=1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := perfLine(t, tt.p)
			assert.Equal(t, tt.want, got)
			assert.NotContains(t, got, "e+")
			assert.NotContains(t, got, "e-")
			assert.Equal(t, tt.want, string(tt.p.AppendTo(nil, plugin.SanitizeLabel(tt.p.Label))))
		})
	}
}

func TestPerfLeftOut(t *testing.T) {
	tests := []struct {
		name string
		ps   []plugin.Perf
		want string
	}{
		{"NaN", []plugin.Perf{{Label: "a", Value: math.NaN()}, {Label: "b", Value: 1}}, "b=1"},
		{"infinities", []plugin.Perf{{Label: "a", Value: 1}, {Label: "b", Value: math.Inf(1)}, {Label: "c", Value: math.Inf(-1)}, {Label: "d", Value: 2}}, "a=1 d=2"},
		{"all unmeasurable", []plugin.Perf{{Label: "a", Value: math.NaN()}}, ""},
		{"left-out item takes no name", []plugin.Perf{{Label: "a", Value: math.NaN()}, {Label: "a", Value: 1}}, "a=1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, perfLine(t, tt.ps...))
		})
	}
	var b bytes.Buffer
	require.NoError(t, plugin.Render(&b, "T", &plugin.Result{Summary: "s", Perf: []plugin.Perf{{Label: "a", Value: math.NaN()}}}, 0))
	assert.Equal(t, "T OK - s\n", b.String(), "no dangling separator")
}

func TestPerfUniqueLabels(t *testing.T) {
	long := strings.Repeat("x", 64)
	tests := []struct {
		name   string
		labels []string
		want   string
	}{
		{"three equal", []string{"a", "a", "a"}, "a=1 a_2=1 a_3=1"},
		{"suffix already taken", []string{"a", "a_2", "a"}, "a=1 a_2=1 a_3=1"},
		{"taken before", []string{"a_2", "a", "a"}, "a_2=1 a=1 a_3=1"},
		{"equal after sanitizing", []string{"a b", "a_b", "a=b", "a\tb"}, "a_b=1 a_b_2=1 ab=1 a_b_3=1"},
		{"long labels stay within 64 bytes", []string{long, long}, long + "=1 " + long[:62] + "_2=1"},
		{"case kept", []string{"A", "a"}, "A=1 a=1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ps []plugin.Perf
			for _, l := range tt.labels {
				ps = append(ps, plugin.Perf{Label: l, Value: 1})
			}
			assert.Equal(t, tt.want, perfLine(t, ps...))
		})
	}
	t.Run("many", func(t *testing.T) {
		var ps []plugin.Perf
		for range 100 {
			ps = append(ps, plugin.Perf{Label: "same", Value: 1})
		}
		items := strings.Fields(perfLine(t, ps...))
		require.Len(t, items, 100)
		seen := map[string]bool{}
		for _, it := range items {
			assert.False(t, seen[it], "duplicate %s", it)
			seen[it] = true
		}
		assert.Equal(t, "same_100=1", items[99])
	})
}

func TestSanitizeLabel(t *testing.T) {
	cyr := strings.Repeat("Ж", 40) // 80 bytes
	tests := []struct {
		name, in, want string
	}{
		{"safe", "max_time", "max_time"},
		{"equals", "a=b", "ab"},
		{"quote", "it's", "its"},
		{"double quote, pipe, semicolon", `a"b|c;d`, "abcd"},
		{"spaces", "  timer:  Background Storager 0  ", "timer:_Background_Storager_0"},
		{"tabs and newlines", "a\t\n\r b", "a_b"},
		{"unicode spaces", "a\u00a0b\u2003c\u3000d\u0085e\u2028f", "a_b_c_d_e_f"},
		{"control characters", "a\x00b\x1bc\x7fd\u009be", "abcde"},
		{"format characters", "a\u200bb\ufeffc\u202ed", "abcd"},
		{"invalid UTF-8", "a\xffb\xc3c\xe2\x82", "abc"},
		{"replacement character", "a\ufffdb", "ab"},
		{"very long ASCII", strings.Repeat("ab", 100), strings.Repeat("ab", 32)},
		{"very long Cyrillic cut between letters", cyr, strings.Repeat("Ж", 32)},
		{"long with space at the cut", strings.Repeat("x", 63) + " y", strings.Repeat("x", 63)},
		{"Cyrillic", "Очередь сообщений", "Очередь_сообщений"},
		{"emoji kept", "queue 📨", "queue_📨"},
		{"empty", "", "_"},
		{"only unsafe", "='\" \t", "_"},
		{"only invalid", "\xff\xfe", "_"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := plugin.SanitizeLabel(tt.in)
			assert.Equal(t, tt.want, got)
			checkLabel(t, tt.in, got)
		})
	}
}

// checkLabel asserts what SanitizeLabel promises for any input.
func checkLabel(t *testing.T, in, got string) {
	t.Helper()
	if got == "" || len(got) > plugin.MaxLabel || !utf8.ValidString(got) || strings.ContainsAny(got, "='") {
		t.Fatalf("SanitizeLabel(%q) = %q: empty, too long, invalid UTF-8 or unsafe", in, got)
	}
	for _, r := range got {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			t.Fatalf("SanitizeLabel(%q) = %q contains %U", in, got, r)
		}
	}
	if again := plugin.SanitizeLabel(got); again != got {
		t.Fatalf("SanitizeLabel is not idempotent: %q -> %q -> %q", in, got, again)
	}
}

func FuzzSanitizeLabel(f *testing.F) {
	testutil.FuzzSeeds(f, "FuzzSanitizeLabel")
	f.Fuzz(func(t *testing.T, in []byte) {
		checkLabel(t, string(in), plugin.SanitizeLabel(string(in)))
	})
}

func BenchmarkSanitizeLabel(b *testing.B) {
	for _, bc := range []struct{ name, in string }{
		{"safe", "max_time"},
		{"product", "timer: BackgroundStorager 0"},
		{"cyrillic", "Очередь сообщений оператора"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = plugin.SanitizeLabel(bc.in)
			}
		})
	}
}
