package webim

import (
	"context"
	"net/http"
	"strings"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// TimerStatsPath is the endpoint path.
const TimerStatsPath = "/l/a/monitor/timer-stats"

// TimerStats is the answer of GET /l/a/monitor/timer-stats (seed 000):
// the tasks run by timers in the last 60 seconds and the failed tasks.
type TimerStats struct {
	// LastMin is keyed by "timer: NAME".
	LastMin map[string]TimerRuns `json:"last_min"`
	// Failed lists the tasks that ended with an error.
	Failed []FailedTask `json:"failed"`
}

// TimerRuns is one entry of last_min.
type TimerRuns struct {
	// Count is the number of runs in the last 60 seconds.
	Count int `json:"count"`
	// ExecutionTimes are the durations of the runs, in seconds.
	ExecutionTimes []float64 `json:"execution_times"`
	// FuncName is the task name.
	FuncName string `json:"func_name"`
}

// Max returns the slowest run in seconds (0 without runs).
func (t TimerRuns) Max() float64 {
	m := 0.0
	for _, v := range t.ExecutionTimes {
		if v > m {
			m = v
		}
	}
	return m
}

// FailedTask is one entry of failed.
type FailedTask struct {
	TimerName     string  `json:"timer_name"`
	FuncName      string  `json:"func_name"`
	ExecutionTime float64 `json:"execution_time"`
	// Ts is the Unix time of the failure.
	Ts float64 `json:"ts"`
}

// TimerName strips the "timer: " prefix of a last_min key.
func TimerName(key string) string { return strings.TrimPrefix(key, "timer: ") }

// TimerStats fetches the timer statistics.
func (c *Client) TimerStats(ctx context.Context) (*TimerStats, error) {
	r, err := c.get(ctx, TimerStatsPath, nil)
	if err != nil {
		return nil, err
	}
	return c.timerStats(r)
}

// timerStats interprets an answer of timer-stats.
func (c *Client) timerStats(r *httpc.Response) (*TimerStats, error) {
	if err := c.expect(r, http.StatusOK); err != nil {
		return nil, err
	}
	var st TimerStats
	if err := decode(r, "timer-stats", "a JSON object with last_min and failed", &st); err != nil {
		return nil, err
	}
	if st.LastMin == nil {
		return nil, plugin.Errorf(plugin.ErrDecode, "timer-stats: the answer has no last_min (%s)", httpc.Describe(r.Body, ""))
	}
	return &st, nil
}
