package webim

import (
	"context"
	"encoding/json"
	"math"
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

// TimerRuns is one entry of last_min. Only what the checks read is kept
// (not func_name, not the list of durations): an installation may run
// thousands of timers.
type TimerRuns struct {
	// Count is the number of runs in the last 60 seconds.
	Count int `json:"count"`
	// Times is execution_times, the durations of the runs in seconds.
	Times RunTimes `json:"execution_times"`
}

// Max returns the slowest run in seconds (0 without runs).
func (t TimerRuns) Max() float64 { return t.Times.Max }

// RunTimes is what the checks read of a list of durations in seconds:
// how many it has, the slowest, and the first that is not a plausible
// number of seconds.
type RunTimes struct {
	// N is how many durations the list has.
	N int
	// Max is the slowest (0 without runs; a negative one does not count).
	Max float64
	// Bad is the first duration out of its domain: negative, not finite
	// or beyond a week. 0, always plausible, stands for none.
	Bad float64
}

// add counts one duration.
func (rt *RunTimes) add(v float64) {
	rt.N++
	if v > rt.Max {
		rt.Max = v
	}
	if rt.Bad == 0 && !plausible(v, maxSeconds) {
		rt.Bad = v
	}
}

// UnmarshalJSON implements json.Unmarshaler: a list of numbers, null for
// none.
func (rt *RunTimes) UnmarshalJSON(b []byte) error {
	var times []float64
	if err := json.Unmarshal(b, &times); err != nil {
		return err
	}
	*rt = RunTimes{}
	for _, v := range times {
		rt.add(v)
	}
	return nil
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
	st, ok := scanTimerStats(r.Body)
	if !ok {
		st = &TimerStats{}
		if err := decode(r, "timer-stats", "a JSON object with last_min and failed", st); err != nil {
			return nil, err
		}
	}
	if st.LastMin == nil {
		return nil, plugin.Errorf(plugin.ErrDecode, "timer-stats: the answer has no last_min (%s)", httpc.Describe(r.Body, ""))
	}
	if err := st.inDomain(); err != nil {
		return nil, err
	}
	plugin.Release(&r.Body)
	return st, nil
}

// maxSeconds bounds a plausible execution time: a week. Beyond it (1e300,
// what a broken server may send) the answer cannot be interpreted.
const maxSeconds = 7 * 24 * 3600

// inDomain refuses numbers out of their domain: a negative count, an
// execution time or timestamp that is negative, not finite or absurd.
func (st *TimerStats) inDomain() error {
	for name, runs := range st.LastMin {
		if runs.Count < 0 {
			return plugin.Errorf(plugin.ErrDecode, "timer-stats: %s has count %d; a count cannot be negative", TimerName(name), runs.Count)
		}
		if bad := runs.Times.Bad; bad != 0 {
			return plugin.Errorf(plugin.ErrDecode, "timer-stats: %s has an execution time of %s, not a number of seconds", TimerName(name), formatTs(bad))
		}
	}
	for _, f := range st.Failed {
		if !plausible(f.ExecutionTime, maxSeconds) {
			return plugin.Errorf(plugin.ErrDecode, "timer-stats: failed task %s has an execution time of %s, not a number of seconds", f.TimerName, formatTs(f.ExecutionTime))
		}
		if !plausible(f.Ts, maxStartTs) {
			return plugin.Errorf(plugin.ErrDecode, "timer-stats: failed task %s has ts %s, not a Unix time", f.TimerName, formatTs(f.Ts))
		}
	}
	return nil
}

// plausible reports whether v is a finite number between 0 and max.
func plausible(v, max float64) bool {
	return !math.IsNaN(v) && !math.IsInf(v, 0) && v >= 0 && v <= max
}
