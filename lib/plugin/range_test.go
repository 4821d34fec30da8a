package plugin_test

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// TestRangeAlert has one group of rows per line of the guideline table
// (CONTRACT section 4), each probed below, at the start, inside, at the end
// and above the range.
func TestRangeAlert(t *testing.T) {
	type probe struct {
		name  string
		v     float64
		alert bool
	}
	tests := []struct {
		rng    string
		probes []probe
	}{
		{"10", []probe{ // < 0 or > 10
			{"below", -0.5, true},
			{"at start", 0, false},
			{"inside", 5, false},
			{"at end", 10, false},
			{"above", 10.001, true},
		}},
		{"10:", []probe{ // < 10
			{"below", 9.999, true},
			{"at start", 10, false},
			{"inside", 1e6, false},
			{"at end", math.MaxFloat64, false},
			{"above", math.Inf(1), false},
		}},
		{"~:10", []probe{ // > 10
			{"below", -1e300, false},
			{"at start", math.Inf(-1), false},
			{"inside", 0, false},
			{"at end", 10, false},
			{"above", 10.5, true},
		}},
		{"10:20", []probe{ // < 10 or > 20
			{"below", 9.99, true},
			{"at start", 10, false},
			{"inside", 15, false},
			{"at end", 20, false},
			{"above", 20.01, true},
		}},
		{"@10:20", []probe{ // >= 10 and <= 20
			{"below", 9.99, false},
			{"at start", 10, true},
			{"inside", 15, true},
			{"at end", 20, true},
			{"above", 20.01, false},
		}},
	}
	for _, tt := range tests {
		r, err := plugin.ParseRange(tt.rng)
		require.NoError(t, err, tt.rng)
		for _, p := range tt.probes {
			t.Run(tt.rng+"/"+p.name, func(t *testing.T) {
				assert.Equal(t, p.alert, r.Alert(p.v), "range %s, value %v", tt.rng, p.v)
			})
		}
		t.Run(tt.rng+"/NaN always alerts", func(t *testing.T) {
			assert.True(t, r.Alert(math.NaN()))
		})
	}
}

func TestParseRangeBounds(t *testing.T) {
	inf := math.Inf(1)
	tests := []struct {
		name, in   string
		start, end float64
		inside     bool
	}{
		{"plain upper bound", "10", 0, 10, false},
		{"lower bound only", "10:", 10, inf, false},
		{"no lower bound", "~:10", math.Inf(-1), 10, false},
		{"both bounds", "10:20", 10, 20, false},
		{"inside", "@10:20", 10, 20, true},
		{"inside plain", "@5", 0, 5, true},
		{"zero start written", "0:10", 0, 10, false},
		{"zero start open end", "0:", 0, inf, false},
		{"negative", "-5:-1", -5, -1, false},
		{"decimals", "0.5:1.25", 0.5, 1.25, false},
		{"surrounding spaces", "  7 ", 0, 7, false},
		{"exponent", "1e3", 0, 1000, false},
		{"negative zero", "-0", 0, 0, false},
		{"empty start", ":5", 0, 5, false},
		{"equal bounds", "3:3", 3, 3, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := plugin.ParseRange(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.start, r.Start)
			assert.Equal(t, tt.end, r.End)
			assert.Equal(t, tt.inside, r.Inside)
		})
	}
}

func TestParseRangeErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "empty range"},
		{"blank", "   ", "empty range"},
		{"word", "abc", `"abc" is not a number`},
		{"start above end", "20:10", "start 20 is greater than end 10"},
		{"at sign alone", "@", "missing number"},
		{"colon alone", ":", "missing number"},
		{"overflow", "1e400", `"1e400" is not a number`},
		{"NaN", "NaN", `"NaN" is not a number`},
		{"infinity", "Inf", `"Inf" is not a number`},
		{"tilde alone", "~", `"~" is not a number`},
		{"tilde end", "~:~", `"~" is not a number`},
		{"bad end", "10:abc", `"abc" is not a number`},
		{"double at", "@@1", `"@1" is not a number`},
		{"two colons", "1:2:3", `"2:3" is not a number`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := plugin.ParseRange(tt.in)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestRangeString(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "10", "10"},
		{"lower bound", "10:", "10:"},
		{"no lower bound", "~:10", "~:10"},
		{"both", "10:20", "10:20"},
		{"inside", "@10:20", "@10:20"},
		{"inside plain", "@5", "@5"},
		{"zero start dropped", "0:10", "10"},
		{"zero start kept when open", "0:", "0:"},
		{"spaces trimmed", " 5 ", "5"},
		{"exponent written out", "1e3", "1000"},
		{"large", "1e20", "100000000000000000000"},
		{"tiny kept exact", "0.0000001", "0.0000001"},
		{"trailing zeros", "1.50", "1.5"},
		{"negative zero", "-0", "0"},
		{"plus sign", "+5", "5"},
		{"inside open", "@~:0", "@~:0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := plugin.ParseRange(tt.in)
			require.NoError(t, err)
			got := r.String()
			assert.Equal(t, tt.want, got)
			back, err := plugin.ParseRange(got)
			require.NoError(t, err, "String() %q does not parse", got)
			assert.Equal(t, r, back, "String() %q parses to another range", got)
			m, err := r.MarshalFlag()
			require.NoError(t, err)
			assert.Equal(t, got, m)
		})
	}
}

func TestRangeDescribe(t *testing.T) {
	tests := []struct {
		in, unit, want string
	}{
		{"5", "s", "> 5s"},
		{"10:", "", "< 10"},
		{"~:10", "%", "> 10%"},
		{"10:20", "", "outside 10..20"},
		{"@10:20", "", "inside 10..20"},
		{"@~:3", "", "<= 3"},
		{"@3:", "", ">= 3"},
		{"@~:", "", "any value"},
		{"~:", "", "never"},
		{"0.25", "s", "> 0.25s"},
		{"1e3", "B", "> 1000B"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			assert.Equal(t, tt.want, plugin.MustRange(tt.in).Describe(tt.unit))
		})
	}
}

func TestRangeUnmarshalFlag(t *testing.T) {
	var r plugin.Range
	require.NoError(t, r.UnmarshalFlag("@1:2"))
	assert.Equal(t, "@1:2", r.String())
	err := r.UnmarshalFlag("x")
	require.Error(t, err)
	assert.Equal(t, "@1:2", r.String(), "a bad value leaves the range unchanged")
	assert.Panics(t, func() { plugin.MustRange("bad") })
}

// TestRangeBadFlag runs a real check with a bad -w: a usage error (exit 3)
// whose first line names the flag and the bad value, then a short usage.
func TestRangeBadFlag(t *testing.T) {
	tests := []struct {
		name string
		args []string
		flag string
		bad  string
	}{
		{"word", []string{"-H", "h", "-w", "abc"}, "-w", "abc"},
		{"reversed", []string{"-H", "h", "-w", "20:10"}, "-w", "20:10"},
		{"long form", []string{"-H", "h", "--critical=NaN"}, "--critical", "NaN"},
		{"colon", []string{"-H", "h", "-c", ":"}, "-c", ":"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &fakeCheck{}
			code, out, errOut := testutil.Run(t, c, nil, tt.args...)
			assert.Equal(t, 3, code)
			assert.Empty(t, errOut)
			assert.False(t, c.ran, "the check must not run after a usage error")
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			assert.LessOrEqual(t, len(lines), 23, "usage is short")
			assert.True(t, strings.HasPrefix(lines[0], "FAKE UNKNOWN - "), lines[0])
			assert.Contains(t, lines[0], tt.flag)
			assert.Contains(t, lines[0], tt.bad)
			assert.Contains(t, out, "Usage: check_fake -H HOST [OPTIONS]")
		})
	}
}

func TestThresholds(t *testing.T) {
	tests := []struct {
		name       string
		warn, crit string
		v          float64
		want       plugin.State
		crossed    string
	}{
		{"both nil", "", "", 1e9, plugin.OK, ""},
		{"both nil NaN", "", "", math.NaN(), plugin.OK, ""},
		{"warn only crossed", "5", "", 6, plugin.Warning, "5"},
		{"warn only fine", "5", "", 4, plugin.OK, ""},
		{"crit only crossed", "", "5", 6, plugin.Critical, "5"},
		{"crit only fine", "", "5", 5, plugin.OK, ""},
		{"both crossed: critical first", "5", "10", 11, plugin.Critical, "10"},
		{"only warn crossed", "5", "10", 7, plugin.Warning, "5"},
		{"neither", "5", "10", 3, plugin.OK, ""},
		{"crit crossed warn not", "~:100", "10:", 3, plugin.Critical, "10:"},
		{"inside ranges", "@1:5", "@2:3", 2.5, plugin.Critical, "@2:3"},
		{"NaN is critical", "5", "10", math.NaN(), plugin.Critical, "10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var th plugin.Thresholds
			if tt.warn != "" {
				th.Warn = plugin.MustRange(tt.warn)
			}
			if tt.crit != "" {
				th.Crit = plugin.MustRange(tt.crit)
			}
			assert.Equal(t, tt.want, th.Evaluate(tt.v))
			st, r := th.Crossed(tt.v)
			assert.Equal(t, tt.want, st)
			if tt.crossed == "" {
				assert.Nil(t, r)
			} else {
				require.NotNil(t, r)
				assert.Equal(t, tt.crossed, r.String())
			}
		})
	}
}

// TestHotPathsDoNotAllocate pins what the benchmarks report: judging a
// value against thresholds allocates nothing.
func TestHotPathsDoNotAllocate(t *testing.T) {
	th := plugin.Thresholds{Warn: plugin.MustRange("1"), Crit: plugin.MustRange("@5:10")}
	r := *th.Warn
	v := 3.0
	assert.Zero(t, testing.AllocsPerRun(100, func() { _ = r.Alert(v) }), "Range.Alert")
	assert.Zero(t, testing.AllocsPerRun(100, func() { _ = th.Evaluate(v) }), "Thresholds.Evaluate")
	assert.Zero(t, testing.AllocsPerRun(100, func() { _, _ = th.Crossed(v) }), "Thresholds.Crossed")
	assert.Zero(t, testing.AllocsPerRun(100, func() { _ = plugin.SanitizeLabel("max_time") }), "SanitizeLabel of a safe label")
}

func FuzzParseRange(f *testing.F) {
	testutil.FuzzSeeds(f, "FuzzParseRange")
	f.Fuzz(func(t *testing.T, in []byte) {
		r, err := plugin.ParseRange(string(in))
		if err != nil {
			if r != (plugin.Range{}) {
				t.Fatalf("error %v with a non-zero range %+v", err, r)
			}
			return
		}
		if math.IsNaN(r.Start) || math.IsNaN(r.End) || r.Start > r.End {
			t.Fatalf("%q parsed to a bad range %+v", in, r)
		}
		s := r.String()
		if strings.ContainsAny(s, "eE ") || !utf8.ValidString(s) {
			t.Fatalf("String() of %q is %q: exponent, space or invalid UTF-8", in, s)
		}
		back, err := plugin.ParseRange(s)
		if err != nil {
			t.Fatalf("String() of %q is %q, which does not parse: %v", in, s, err)
		}
		if back != r {
			t.Fatalf("%q: String() %q parses to %+v, not %+v", in, s, back, r)
		}
		for _, v := range []float64{r.Start, r.End, 0, -1, 1, math.NaN()} {
			_ = r.Alert(v)
		}
		_ = r.Describe("s")
	})
}

func BenchmarkParseRange(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := plugin.ParseRange("@10.5:20"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvaluate(b *testing.B) {
	th := plugin.Thresholds{Warn: plugin.MustRange("1"), Crit: plugin.MustRange("5")}
	vals := []float64{0.5, 2, 7, math.NaN()}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		_ = th.Evaluate(vals[i&3])
		i++
	}
}
