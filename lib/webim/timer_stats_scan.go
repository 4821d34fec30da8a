package webim

import (
	"strings"

	"github.com/tidwall/gjson"
)

// scanTimerStats reads a timer-stats answer of the documented shape
// without encoding/json (see scanDoc): ok is false for anything else.
func scanTimerStats(body []byte) (*TimerStats, bool) {
	doc, ok := scanDoc(body)
	if !ok {
		return nil, false
	}
	st := &TimerStats{}
	var seenLastMin, seenFailed bool
	ok = scanFields(doc, []string{"last_min", "failed"}, func(name string, v gjson.Result) (ok bool) {
		switch name {
		case "last_min":
			// a second last_min would be merged into the first by
			// encoding/json, a second failed reuse its elements
			if ok = !seenLastMin && v.IsObject(); ok {
				st.LastMin, ok = scanLastMin(v)
			}
			seenLastMin = true
		default:
			if ok = !seenFailed && v.IsArray(); ok {
				st.Failed, ok = scanFailed(v)
			}
			seenFailed = true
		}
		return ok
	})
	if !ok {
		return nil, false
	}
	return st, true
}

// scanLastMin reads the object last_min: timer name to its runs. The map
// is made its size at once rather than grown (a map of 100 000 timers
// grown by doubling leaves as much again behind it): each entry opens an
// object, so the count of '{' (a byte count, a millisecond over 12 MB)
// bounds the timers; and a timer takes 32 bytes or more in a real answer,
// which bounds the map of a hostile one by the size of the answer.
func scanLastMin(obj gjson.Result) (map[string]TimerRuns, bool) {
	m := make(map[string]TimerRuns, min(strings.Count(obj.Raw, "{"), len(obj.Raw)/32))
	ok := true
	obj.ForEach(func(key, v gjson.Result) bool {
		var name string
		var runs TimerRuns
		if name, ok = scanString(key); ok && !v.IsObject() {
			ok = false
		}
		if ok {
			runs, ok = scanTimerRuns(v)
			m[name] = runs
		}
		return ok
	})
	return m, ok
}

// scanTimerRuns reads one entry of last_min.
func scanTimerRuns(obj gjson.Result) (runs TimerRuns, ok bool) {
	ok = scanFields(obj, []string{"count", "execution_times"}, func(name string, v gjson.Result) (ok bool) {
		if name == "count" {
			runs.Count, ok = scanInt(v)
		} else {
			runs.Times, ok = scanTimes(v)
		}
		return ok
	})
	return runs, ok
}

// scanFailed reads the list failed.
func scanFailed(list gjson.Result) ([]FailedTask, bool) {
	failed := []FailedTask{}
	ok := true
	list.ForEach(func(_, v gjson.Result) bool {
		var f FailedTask
		if f, ok = scanFailedTask(v); ok {
			failed = append(failed, f)
		}
		return ok
	})
	return failed, ok
}

// scanFailedTask reads one entry of failed.
func scanFailedTask(obj gjson.Result) (f FailedTask, ok bool) {
	ok = scanFields(obj, []string{"timer_name", "func_name", "execution_time", "ts"}, func(name string, v gjson.Result) (ok bool) {
		switch name {
		case "timer_name":
			f.TimerName, ok = scanString(v)
		case "func_name":
			f.FuncName, ok = scanString(v)
		case "execution_time":
			f.ExecutionTime, ok = scanFloat(v)
		default:
			f.Ts, ok = scanFloat(v)
		}
		return ok
	})
	return f, ok
}
