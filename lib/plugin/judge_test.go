package plugin_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ccmon/webim-checks/lib/plugin"
)

func TestProblemsJudge(t *testing.T) {
	th := plugin.Thresholds{Warn: plugin.MustRange("10"), Crit: plugin.MustRange("20")}
	for _, tc := range []struct {
		name  string
		v     float64
		state plugin.State
		want  string
	}{
		{"within", 5, plugin.OK, ""},
		{"warns", 12, plugin.Warning, "12 chats waiting (> 10)"},
		{"critical", 25, plugin.Critical, "25 chats waiting (> 20)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var ps plugin.Problems
			ps.Judge(th, tc.v, "", plugin.Plural(int(tc.v), "chat")+" waiting")
			assert.Equal(t, tc.state, ps.State())
			assert.Equal(t, tc.want, ps.Summary(0))
		})
	}
}

func TestResultJudgeTime(t *testing.T) {
	for _, tc := range []struct {
		name    string
		seconds float64
		state   plugin.State
		want    string
	}{
		{"fast", 0.5, plugin.OK, ""},
		{"slow", 2.5, plugin.Warning, "2.500s (> 2s)"},
		{"too slow", 6, plugin.Critical, "6.000s (> 5s)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rt := plugin.ResponseTime{Warning: plugin.MustRange("2"), Critical: plugin.MustRange("5")}
			res := &plugin.Result{TimeThresholds: rt.Thresholds()}
			assert.Equal(t, tc.want, res.JudgeTime(tc.seconds))
			assert.Equal(t, tc.state, res.State)
		})
	}
}
