package webimtimers

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/ccmon/webim-checks/lib/plugin"
)

func TestTimerItems(t *testing.T) {
	th := plugin.Thresholds{Warn: plugin.MustRange("1"), Crit: plugin.MustRange("5")}
	ts := &timerSet{timers: []*timer{
		{name: "slow", runs: 2, max: 6.5, state: plugin.Critical, why: "> 5s"},
		{name: "idle", runs: 0},
		{name: "fast", runs: 3, max: 0.1},
	}}
	tests := []struct {
		name    string
		stalled []string
		want    map[string]plugin.State
		summary map[string]string
	}{
		{"judged timers, by name", nil,
			map[string]plugin.State{"fast": plugin.OK, "idle": plugin.OK, "slow": plugin.Critical},
			map[string]string{"slow": "2 runs in the last minute, slowest 6.50s (> 5s)", "fast": "3 runs in the last minute, slowest 0.10s"}},
		{"a --timer that did not run, in the answer or not", []string{"idle", "gone"},
			map[string]plugin.State{"fast": plugin.OK, "gone": plugin.Critical, "idle": plugin.Critical, "slow": plugin.Critical},
			map[string]string{"idle": "did not run in the last minute (required by --timer)", "gone": "not in the answer, did not run in the last minute (required by --timer)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := timerItems(ts, tt.stalled, th)
			got := map[string]plugin.State{}
			var order []string
			for _, it := range items {
				got[it.Name] = it.State
				order = append(order, it.Name)
				if want, ok := tt.summary[it.Name]; ok {
					assert.Equal(t, want, it.Summary, it.Name)
				}
			}
			assert.Equal(t, tt.want, got)
			assert.IsIncreasing(t, order)
		})
	}
}
