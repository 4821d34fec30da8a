package webimmetrics_test

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/checks/webimmetrics"
	"github.com/ccmon/webim-checks/lib/testutil"
)

func TestCheck(t *testing.T) {
	tests := []testutil.Case{
		{Name: "ok", Code: 0, State: true},
		{Name: "queue-ok", Args: []string{"--metric", `webim_chats{state="queue"}`, "--aggregate", "max", "-w", "10", "-c", "30"}, Code: 0, State: true},
		{Name: "queue-critical", Path: "/metrics-busy", Args: []string{"--metric", `webim_chats{state="queue"}`, "--aggregate", "max", "-w", "10", "-c", "30"}, Code: 2, State: true},
		{Name: "queue-warning", Path: "/metrics-busy", Args: []string{"--metric", `webim_chats{state="queue",account="wmtest107"}`, "-w", "10", "-c", "50"}, Code: 1, State: true},
		{Name: "storing-disabled", Path: "/metrics-busy", Args: []string{"--metric", "webim_storing_enabled", "-c", "1:"}, Code: 2, State: true},
		{Name: "several-worst-first", Path: "/metrics-busy", Args: []string{"--metric", "webim_sessions", "--metric", `webim_failed_to_store_objects_total{account=~"wm.*"}`, "--metric", "webim_storing_enabled", "-w", "100", "-c", "1000:"}, Code: 2, State: true},
		{Name: "regex-and-not", Args: []string{"--metric", `webim_http_requests_total{code=~"5..",handler!="/l/a/monitor"}`, "-w", "0"}, Code: 1, State: true},
		{Name: "count", Args: []string{"--metric", `webim_chats{state!~"queue|closed"}`, "--aggregate", "count"}, Code: 0, State: true},
		{Name: "avg-seconds", Args: []string{"--metric", `webim_timer_execution_seconds{quantile="0.99"}`, "--aggregate", "avg", "-w", "0.5"}, Code: 0, State: true},
		{Name: "histogram-bucket", Args: []string{"--metric", `webim_http_request_duration_seconds_bucket{le="+Inf"}`}, Code: 0, State: true},
		{Name: "escaped-label", Args: []string{"--metric", `webim_channel_errors_total{last_error=~".*\"ops\\\\support\".*"}`, "-w", "0"}, Code: 1, State: true},
		{Name: "label-flag", Args: []string{"--metric", "webim_sessions", "--label", "Sessions All", "--metric", "webim_operators_online"}, Code: 0, State: true},
		{Name: "same-label-twice", Args: []string{"--metric", `webim_sessions{account=~"wm.*"}`, "--metric", `webim_sessions{account!~"wm.*"}`}, Code: 0, State: true},
		{Name: "absent", Args: []string{"--metric", "webim_no_such_metric"}, Code: 3, State: true},
		{Name: "absent-ok", Args: []string{"--metric", "webim_no_such_metric", "--absent", "OK"}, Code: 0, State: true},
		{Name: "absent-critical", Args: []string{"--metric", `webim_sessions{account="gone"}`, "--absent", "CRITICAL"}, Code: 2, State: true},
		{Name: "malformed", Path: "/metrics-malformed", Code: 3, State: true},
		{Name: "login-page", Path: "/login-page", Code: 3, State: true},
		{Name: "no-login", NoLogin: true, Code: 3, State: true},
		{Name: "format-json", Path: "/metrics-busy", Args: []string{"--format", "json", "--metric", `webim_chats{state="queue"}`, "--metric", "webim_nope", "-w", "10"}, Code: 3, State: true},
		{Name: "verbose", Args: []string{"-v", "--metric", "webim_http_requests_total"}, Code: 0, State: true},
		{Name: "bad-selector", Args: []string{"--metric", `webim_chats{state=queue}`}, Code: 3, State: true},
		{Name: "bad-aggregate", Args: []string{"--metric", "webim_chats", "--aggregate", "median"}, Code: 3, State: true},
		{Name: "bad-absent", Args: []string{"--metric", "webim_chats", "--absent", "MAYBE"}, Code: 3, State: true},
		{Name: "too-many-labels", Args: []string{"--metric", "webim_chats", "--label", "a", "--label", "b"}, Code: 3, State: true},
		{Name: "rate-without-metric", Args: []string{"--rate"}, Code: 3, State: true},
		{Name: "bad-path", Args: []string{"--path", "metrics"}, Code: 3, State: true},
	}
	testutil.RunSimCases(t, webimmetrics.New, testutil.WebimLogin(), testutil.T0, tests)
}

// sequence serves the given expositions one per request, then the last
// one again, without authentication (any Prometheus endpoint).
func sequence(t *testing.T, bodies ...string) string {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := min(int(n.Add(1))-1, len(bodies)-1)
		w.Header().Set("Content-Type", "text/plain; version=0.0.4")
		w.Write([]byte(bodies[i]))
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

var stateFile = regexp.MustCompile(`state file: \S+`)

// TestRate runs --rate four times, a minute apart: the baseline, a rate
// over two series, a counter that went down (one series, then both).
func TestRate(t *testing.T) {
	const help = "# HELP webim_http_requests_total HTTP requests.\n# TYPE webim_http_requests_total counter\n"
	url := sequence(t,
		help+`webim_http_requests_total{code="500",handler="a"} 10`+"\n"+`webim_http_requests_total{code="500",handler="b"} 5`+"\n",
		help+`webim_http_requests_total{code="500",handler="a"} 70`+"\n"+`webim_http_requests_total{code="500",handler="b"} 35`+"\n",
		help+`webim_http_requests_total{code="500",handler="a"} 4`+"\n"+`webim_http_requests_total{code="500",handler="b"} 65`+"\n",
		help+`webim_http_requests_total{code="500",handler="a"} 1`+"\n"+`webim_http_requests_total{code="500",handler="b"} 2`+"\n",
	)
	dir := t.TempDir()
	steps := []struct {
		name string
		at   time.Duration
		code int
	}{
		{"rate-baseline", 0, 0},
		{"rate-warning", time.Minute, 1},
		{"rate-one-reset", 2 * time.Minute, 0},
		{"rate-all-reset", 3 * time.Minute, 0},
	}
	for _, st := range steps {
		code, stdout, stderr := testutil.Run(t, webimmetrics.New(), testutil.Fixed(testutil.T0.Add(st.at)),
			"-H", url, "--state-dir", dir, "--metric", `webim_http_requests_total{code=~"5.."}`, "--rate", "-w", "1", "-c", "10")
		if code != st.code {
			t.Errorf("%s: exit %d, want %d\n%s", st.name, code, st.code, stdout)
		}
		testutil.AssertNoStderr(t, stderr)
		// the file name holds the test server's port
		out := stateFile.ReplaceAllString(testutil.Hostless(stdout, url), "state file: STATEFILE")
		testutil.Golden(t, "check_webim_metrics/"+st.name+".txt", []byte(out))
	}
}

// TestOddValues judges series whose values are NaN or infinite, as a
// summary without observations or a gauge at +Inf exports them.
func TestOddValues(t *testing.T) {
	url := sequence(t, "# TYPE s summary\n"+`s{quantile="0.5"} NaN`+"\ns_sum 0\ns_count 0\n# TYPE g gauge\ng +Inf\n")
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"nan", []string{"--metric", `s{quantile="0.5"}`}, 3},
		{"nan-absent-ok", []string{"--metric", `s{quantile="0.5"}`, "--absent", "OK"}, 0},
		{"inf", []string{"--metric", "g", "-c", "100"}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := testutil.Run(t, webimmetrics.New(), testutil.Fixed(testutil.T0), append([]string{"-H", url, "--state-dir", t.TempDir()}, tt.args...)...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s", code, tt.code, stdout)
			}
			testutil.AssertNoStderr(t, stderr)
			testutil.Golden(t, "check_webim_metrics/"+tt.name+".txt", []byte(testutil.Hostless(stdout, url)))
		})
	}
}
