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
		name      string
		v         float64
		state     plugin.State
		problem   string
		good, bad string
	}{
		{"within", 5, plugin.OK, "", "connected", "refused"},
		{"warns", 12, plugin.Warning, "12 chats waiting (> 10)", "answered in 12.000s (> 10s); connected", "refused; answered in 12.000s (> 10s)"},
		{"critical", 25, plugin.Critical, "25 chats waiting (> 20)", "answered in 25.000s (> 20s); connected", "refused; answered in 25.000s (> 20s)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var ps plugin.Problems
			ps.Judge(rt.Thresholds(), tc.v, "", plugin.Plural(int(tc.v), "chat")+" waiting")
			assert.Equal(t, tc.state, ps.State())
			assert.Equal(t, tc.problem, ps.Summary(0))

			good := &plugin.Result{Summary: "connected", TimeThresholds: rt.Thresholds()}
			good.JudgeTime(tc.v, func(took string) string { return "answered in " + took + "; connected" })
			assert.Equal(t, tc.state, good.State)
			assert.Equal(t, tc.good, good.Summary)

			bad := &plugin.Result{State: plugin.Critical, Summary: "refused", TimeThresholds: rt.Thresholds()}
			bad.JudgeTime(tc.v, func(string) string { panic("a result with a problem keeps its summary") })
			assert.Equal(t, plugin.Critical, bad.State)
			assert.Equal(t, tc.bad, bad.Summary)
		})
	}
}
