package webimtimers_test

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/ccmon/webim-checks/lib/checks/webimtimers"
	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
)

func TestCheck(t *testing.T) {
	tests := []testutil.Case{
		{Name: "ok", Code: 0, First: "WEBIM TIMERS OK - 5 timers ran in the last minute, slowest BackgroundStorager 0 took 0.00s; no failed tasks | max_time=0.000354s;1;5;0 failed=0;0;;0 timers=5;;;0 "},
		{Name: "python-literal", Path: "/timers-python", Code: 0, First: "WEBIM TIMERS OK - 5 timers ran in the last minute"},
		{Name: "slow-critical", Path: "/slow-timer", Code: 2, First: "WEBIM TIMERS CRITICAL - BackgroundStorager 0 took 6.50s (> 5s); 5 timers, 0 failed | max_time=6.5s;1;5;0 failed=0;0;;0 timers=5;;;0 "},
		{Name: "slow-warning", Path: "/slow-timer", Args: []string{"-c", "10"}, Code: 1, First: "WEBIM TIMERS WARNING - BackgroundStorager 0 took 6.50s (> 1s); 5 timers, 0 failed"},
		{Name: "slow-within-thresholds", Path: "/slow-timer", Args: []string{"-w", "7", "-c", "10"}, Code: 0},
		{Name: "warning-range", Args: []string{"-w", "0.0002"}, Code: 1, First: "WEBIM TIMERS WARNING - BackgroundStorager 0 took 0.00s (> 0.0002s); recheck_all_session_subset took 0.00s (> 0.0002s); 5 timers, 0 failed"},
		{Name: "warning-range-below", Args: []string{"-w", "1:"}, Code: 1, First: "WEBIM TIMERS WARNING - BackgroundStorager 0 took 0.00s (< 1s); recheck_all_session_subset took 0.00s (< 1s); hide_or_unhide_chats_if_necessary took 0.00s (< 1s) and 2 more slow timers; 5 timers, 0 failed"},
		{Name: "failed-warning", Path: "/failed-task", Code: 1, First: "WEBIM TIMERS WARNING - 1 failed task: CachedBelongingToCurrentTornadoInstance update_data async (update_data, ran 27.35s); 5 timers, 1 failed | max_time=0.000354s;1;5;0 failed=1;0;;0 timers=5;;;0 "},
		{Name: "failed-below-critical", Path: "/failed-task", Args: []string{"--critical-failed", "1"}, Code: 1},
		{Name: "failed-critical", Path: "/many-failed-tasks", Args: []string{"--critical-failed", "1"}, Code: 2, First: "WEBIM TIMERS CRITICAL - 3 failed tasks: CachedBelongingToCurrentTornadoInstance update_data async (update_data, ran 27.35s), BackgroundStorager 0 (store, ran 0.51s), recheck_all_session_subset (t, ran 0.00s); 5 timers, 3 failed | max_time=0.000354s;1;5;0 failed=3;0;1;0 "},
		{Name: "failed-tolerated", Path: "/many-failed-tasks", Args: []string{"--warning-failed", "5"}, Code: 0, First: "WEBIM TIMERS OK - 5 timers ran in the last minute, slowest BackgroundStorager 0 took 0.00s; 3 failed tasks (within --warning-failed)"},
		{Name: "failed-excluded", Path: "/many-failed-tasks", Args: []string{"--exclude", "^Cached", "--exclude", "^BackgroundStorager", "--exclude", "^recheck"}, Code: 0},
		{Name: "timer-absent", Path: "/stalled-timer", Args: []string{"--timer", "recheck_all_session_subset"}, Code: 2, First: "WEBIM TIMERS CRITICAL - timer recheck_all_session_subset did not run in the last minute; 4 timers, 0 failed"},
		{Name: "timer-count-zero", Path: "/stalled-timer", Args: []string{"--timer", "hide_or_unhide_chats_if_necessary"}, Code: 2, First: "WEBIM TIMERS CRITICAL - timer hide_or_unhide_chats_if_necessary did not run in the last minute; 4 timers, 0 failed"},
		{Name: "timers-stalled", Path: "/stalled-timer", Args: []string{"--timer", "recheck_all_session_subset", "--timer", "timer: hide_or_unhide_chats_if_necessary", "--timer", "close_surveys_if_needed"}, Code: 2, First: "WEBIM TIMERS CRITICAL - timers recheck_all_session_subset, hide_or_unhide_chats_if_necessary did not run in the last minute; 4 timers, 0 failed"},
		{Name: "timer-ran", Args: []string{"--timer", "recheck_all_session_subset"}, Code: 0},
		{Name: "several-problems", Path: "/timers-trouble", Args: []string{"--timer", "hide_or_unhide_chats_if_necessary"}, Code: 2, First: "WEBIM TIMERS CRITICAL - timer hide_or_unhide_chats_if_necessary did not run in the last minute; BackgroundStorager 0 took 7.25s (> 5s); recheck_all_session_subset took 2.50s (> 1s); 1 failed task: CachedBelongingToCurrentTornadoInstance update_data async (update_data, ran 27.35s); 4 timers, 1 failed"},
		{Name: "include", Path: "/slow-timer", Args: []string{"--include", "^BackgroundStorager"}, Code: 2, First: "WEBIM TIMERS CRITICAL - BackgroundStorager 0 took 6.50s (> 5s); 2 timers, 0 failed"},
		{Name: "include-several", Args: []string{"--include", "^close_", "--include", "^hide_"}, Code: 0, First: "WEBIM TIMERS OK - 2 timers ran in the last minute"},
		{Name: "exclude", Path: "/slow-timer", Args: []string{"--exclude", "^BackgroundStorager 0$"}, Code: 0, First: "WEBIM TIMERS OK - 4 timers ran in the last minute"},
		{Name: "include-exclude", Path: "/slow-timer", Args: []string{"--include", "^BackgroundStorager", "--exclude", "0$"}, Code: 0, First: "WEBIM TIMERS OK - 1 timer ran in the last minute, slowest BackgroundStorager 1 took 0.00s"},
		{Name: "no-timer-matches", Args: []string{"--include", "^nothing$"}, Code: 3, First: "WEBIM TIMERS UNKNOWN - no timer matches --include/--exclude"},
		{Name: "bad-include", Args: []string{"--include", "("}, Code: 3, First: "WEBIM TIMERS UNKNOWN - --include: bad regular expression \"(\""},
		{Name: "bad-exclude", Args: []string{"--exclude", "a[b"}, Code: 3, First: "WEBIM TIMERS UNKNOWN - --exclude: bad regular expression \"a[b\""},
		{Name: "bad-warning", Args: []string{"-w", "5:1"}, Code: 3, First: "WEBIM TIMERS UNKNOWN - bad value for -w, --warning"},
		{Name: "bad-critical-failed", Args: []string{"--critical-failed", "x"}, Code: 3, First: "WEBIM TIMERS UNKNOWN - bad value for --critical-failed"},
		{Name: "empty-last-min", Path: "/timers-empty", Code: 2, First: "WEBIM TIMERS CRITICAL - no timer ran in the last minute"},
		{Name: "empty-last-min-filtered", Path: "/timers-empty", Args: []string{"--include", "^Background"}, Code: 2, First: "WEBIM TIMERS CRITICAL - no timer ran in the last minute"},
		{Name: "missing-last-min", Path: "/timers-no-last-min", Code: 3, First: "WEBIM TIMERS UNKNOWN - timer-stats: the answer has no last_min"},
		{Name: "broken-python", Host: func(t *testing.T) string {
			return testutil.Serve(t, 200, "text/html", `{'last_min': {'timer: a': {'count': 1, 'execution_times': [0.1,]}}, 'failed': [}`)
		}, Code: 3, First: "WEBIM TIMERS UNKNOWN - timer-stats: expected a JSON object with last_min and failed, got"},
		{Name: "wrong-shape", Host: func(t *testing.T) string {
			return testutil.Serve(t, 200, "application/json", `{"last_min": {"timer: a": {"count": "one"}}, "failed": []}`)
		}, Code: 3, First: "WEBIM TIMERS UNKNOWN - timer-stats: expected"},
		{Name: "format-json", Path: "/slow-timer", Args: []string{"--format", "json"}, Code: 2},
		{Name: "quiet-ok", Args: []string{"-q"}, Code: 0},
	}
	testutil.RunSimCases(t, webimtimers.New, testutil.WebimLogin(), testutil.T0, tests)
}

// TestPasswordNeverShown runs with a wrong password on the command line
// and the HTTP trace on: the password appears nowhere.
func TestPasswordNeverShown(t *testing.T) {
	srv := testutil.Simulator(t, testutil.Fixed(testutil.T0))
	const password = "wrong-password-42"
	code, stdout, stderr := testutil.Run(t, webimtimers.New(), testutil.Fixed(testutil.T0), "-H", srv.URL, "-U", sim.WebimUser, "-P", password, "-vvv")
	if code != 3 || !strings.HasPrefix(stdout, "WEBIM TIMERS UNKNOWN - authentication failed (HTTP 401)") {
		t.Fatalf("exit %d:\n%s", code, stdout)
	}
	testutil.AssertRedactedAuth(t, stderr, "Basic")
	testutil.AssertNotPrinted(t, password, stdout, stderr)
}

// TestPerfdata checks the perfdata of the slow-timer answer item by item
// through --format json: labels sanitised, units, thresholds and minimums.
func TestPerfdata(t *testing.T) {
	srv := testutil.Simulator(t, testutil.Fixed(testutil.T0))
	code, stdout, _ := testutil.Run(t, webimtimers.New(), testutil.Fixed(testutil.T0), testutil.SimArgs(srv, "slow-timer", testutil.WebimLogin(), "--format", "json")...)
	if code != 2 {
		t.Fatalf("exit %d:\n%s", code, stdout)
	}
	var out struct {
		Perfdata []struct {
			Label      string
			Value      float64
			Unit       string
			Warn, Crit *string
			Min        *float64
		}
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	str := func(p *string) string {
		if p == nil {
			return "-"
		}
		return *p
	}
	got := map[string]string{}
	var order []string
	for _, p := range out.Perfdata {
		min := "-"
		if p.Min != nil {
			min = "0"
		}
		got[p.Label] = strings.Join([]string{strconv.FormatFloat(p.Value, 'f', -1, 64), p.Unit, str(p.Warn), str(p.Crit), min}, ";")
		order = append(order, p.Label)
	}
	want := map[string]string{
		"max_time":                     "6.5;s;1;5;0",
		"failed":                       "0;;0;-;0",
		"timers":                       "5;;-;-;0",
		"BackgroundStorager_0_runs":    "20;;-;-;0",
		"BackgroundStorager_0_max":     "6.5;s;-;-;-",
		"BackgroundStorager_1_runs":    "20;;-;-;0",
		"close_surveys_if_needed_runs": "1;;-;-;0",
		"time":                         "0;s;-;-;0",
	}
	for label, w := range want {
		if got[label] != w {
			t.Errorf("%s = %q, want %q", label, got[label], w)
		}
	}
	if len(order) != 3+2*5+1 {
		t.Errorf("%d perfdata items, want 14: %v", len(order), order)
	}
	if order[len(order)-1] != "time" {
		t.Errorf("perfdata does not end with time: %v", order)
	}
	if order[0] != "max_time" || order[1] != "failed" || order[2] != "timers" {
		t.Errorf("perfdata does not start with max_time, failed, timers: %v", order)
	}
}

// TestLabels checks that timer names with spaces, quotes, '=' and great
// length become safe, distinct perfdata labels that keep their suffix.
func TestLabels(t *testing.T) {
	long := strings.Repeat("x", 80)
	body := `{"last_min": {` +
		`"timer: a b": {"count": 1, "execution_times": [0.1], "func_name": "t"},` +
		`"timer: a=b 'c'": {"count": 2, "execution_times": [0.2], "func_name": "t"},` +
		`"timer: ` + long + `": {"count": 3, "execution_times": [0.3], "func_name": "t"}` +
		`}, "failed": []}`
	host := testutil.Serve(t, 200, "application/json", body)
	code, stdout, _ := testutil.Run(t, webimtimers.New(), testutil.Fixed(testutil.T0), append([]string{"-H", host}, testutil.WebimLogin()...)...)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stdout)
	}
	first := testutil.FirstLine(stdout)
	_, perf, _ := strings.Cut(first, " | ")
	stem := long[:64-len("_runs")]
	for _, want := range []string{"a_b_runs=1;;;0", "a_b_max=0.1s", "ab_c_runs=2;;;0", "ab_c_max=0.2s", stem + "_runs=3;;;0", stem + "_max=0.3s"} {
		if !strings.Contains(" "+perf+" ", " "+want+" ") {
			t.Errorf("perfdata lacks %s:\n%s", want, perf)
		}
	}
	if strings.Contains(perf, "=b") || strings.Contains(perf, "'c'") {
		t.Errorf("unsafe label in perfdata:\n%s", perf)
	}
}

// TestManyTimers: with more timers than the first line can carry, the
// per-timer perfdata of the fastest timers is left out (and said so), so
// that the runtime keeps max_time and the rest within its 4 KiB cap.
func TestManyTimers(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"last_min": {`)
	const n = 100
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `"timer: BackgroundStorager with a rather long name %03d": {"count": 20, "execution_times": [0.%04d], "func_name": "t"}`, i, i+1)
	}
	b.WriteString(`}, "failed": []}`)
	host := testutil.Serve(t, 200, "application/json", b.String())
	code, stdout, _ := testutil.Run(t, webimtimers.New(), testutil.Fixed(testutil.T0), append([]string{"-H", host, "-w", "0.0099"}, testutil.WebimLogin()...)...)
	if code != 1 {
		t.Fatalf("exit %d:\n%s", code, stdout)
	}
	first, long, _ := strings.Cut(stdout, "\n")
	if len(first) > 4096 {
		t.Errorf("first line is %d bytes, more than 4096", len(first))
	}
	for _, want := range []string{
		"WEBIM TIMERS WARNING - BackgroundStorager with a rather long name 099 took 0.01s (> 0.0099s); ",
		" | max_time=0.01s;0.0099;5;0 failed=0;0;;0 timers=100;;;0 ",
		" BackgroundStorager_with_a_rather_long_name_099_max=0.01s ",
		" time=0s;;;0",
	} {
		if !strings.Contains(first, want) {
			t.Errorf("first line lacks %q:\n%s", want, first)
		}
	}
	if strings.Contains(first, "name_000_") {
		t.Errorf("the fastest timer kept its perfdata although the budget is exceeded:\n%s", first)
	}
	if !strings.Contains(long, "fastest timers left out to stay within the output limit") {
		t.Errorf("long output does not say perfdata was left out:\n%s", long)
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name    string
		include []string
		exclude []string
		timers  []string
		want    string
	}{
		{name: "good", include: []string{"^a", "b$"}, exclude: []string{"c"}, timers: []string{"x"}},
		{name: "bad include", include: []string{"ok", "("}, want: `--include: bad regular expression "("`},
		{name: "bad exclude", exclude: []string{"*"}, want: `--exclude: bad regular expression "*": missing argument to repetition operator`},
		{name: "empty timer", timers: []string{"timer: "}, want: "--timer: empty timer name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := webimtimers.New()
			c.Include, c.Exclude, c.Timers = tt.include, tt.exclude, tt.timers
			err := c.Validate(nil)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.want != "" && err == nil:
				t.Fatalf("no error, want %q", tt.want)
			case tt.want != "" && !strings.HasPrefix(err.Error(), tt.want):
				t.Errorf("error %q, want it to start with %q", err, tt.want)
			}
		})
	}
}
