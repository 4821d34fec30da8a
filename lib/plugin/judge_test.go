package plugin_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ccmon/webim-checks/lib/plugin"
)

// TestJudgeThresholds holds the helpers that judge a value against -w/-c
// (Problems.Judge, Result.JudgeTime) to the same states and ranges.
func TestJudgeThresholds(t *testing.T) {
	rt := plugin.ResponseTime{Warning: plugin.MustRange("10"), Critical: plugin.MustRange("20")}
	for _, tc := range []struct {
		name          string
		v             float64
		state         plugin.State
		problem, slow string
	}{
		{"within", 5, plugin.OK, "", ""},
		{"warns", 12, plugin.Warning, "12 chats waiting (> 10)", "12.000s (> 10s)"},
		{"critical", 25, plugin.Critical, "25 chats waiting (> 20)", "25.000s (> 20s)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var ps plugin.Problems
			ps.Judge(rt.Thresholds(), tc.v, "", plugin.Plural(int(tc.v), "chat")+" waiting")
			assert.Equal(t, tc.state, ps.State())
			assert.Equal(t, tc.problem, ps.Summary(0))

			res := &plugin.Result{TimeThresholds: rt.Thresholds()}
			assert.Equal(t, tc.slow, res.JudgeTime(tc.v))
			assert.Equal(t, tc.state, res.State)
		})
	}
}
