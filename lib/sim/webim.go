package sim

import (
	"net/http"
	"strings"
	"time"
)

// Credentials the simulator accepts for the Webim service login.
const (
	WebimUser     = "monitor"
	WebimPassword = "webim-secret"
)

// webimProduct: the Webim endpoints of seed 000.
func webimProduct() product {
	return product{
		owns: func(path string) bool {
			return strings.HasPrefix(path, "/l/") || strings.HasPrefix(path, "/service/") || path == "/metrics"
		},
		auth: func(s *Server, w http.ResponseWriter, r *http.Request) bool {
			u, p, ok := r.BasicAuth()
			if ok && u == WebimUser && p == WebimPassword {
				return true
			}
			w.Header().Set("WWW-Authenticate", `Basic realm="webim"`)
			http.Error(w, "401 Unauthorized", http.StatusUnauthorized)
			return false
		},
		healthy: map[string]Answer{
			"/l/a/monitor/connect-to-db": {Fixture: "webim/connect-to-db/ok.txt", ContentType: "text/html; charset=UTF-8"},
			"/l/a/monitor/timer-stats":   fixture("webim/timer-stats/ok.json"),
		},
		scenarios: []Scenario{
			{Name: "db-down", Doc: "Webim: the meta database is unreachable (check_webim_db CRITICAL)", Answers: map[string]Answer{
				"/l/a/monitor/connect-to-db": {Status: 500, Fixture: "webim/connect-to-db/meta-down.txt", ContentType: "text/html; charset=UTF-8"},
			}},
			{Name: "db-pro-down", Doc: "Webim: the pro database of account wmtest107 is unreachable (check_webim_db CRITICAL)", Answers: map[string]Answer{
				"/l/a/monitor/connect-to-db": {Status: 500, Fixture: "webim/connect-to-db/pro-down.txt", ContentType: "text/html; charset=UTF-8"},
			}},
			{Name: "db-slow", Doc: "Webim: connect-to-db answers ok after 1.2 s (check_webim_db -w 1 WARNING)", Answers: map[string]Answer{
				"/l/a/monitor/connect-to-db": {Fixture: "webim/connect-to-db/ok.txt", Delay: 1200 * time.Millisecond},
			}},
			{Name: "slow-timer", Doc: "Webim: BackgroundStorager 0 took 6.5 s (check_webim_timers CRITICAL)", Answers: map[string]Answer{
				"/l/a/monitor/timer-stats": fixture("webim/timer-stats/slow.json"),
			}},
			{Name: "failed-task", Doc: "Webim: one failed timer task (check_webim_timers WARNING)", Answers: map[string]Answer{
				"/l/a/monitor/timer-stats": fixture("webim/timer-stats/failed.json"),
			}},
			{Name: "stalled-timer", Doc: "Webim: recheck_all_session_subset did not run (check_webim_timers --timer recheck_all_session_subset CRITICAL)", Answers: map[string]Answer{
				"/l/a/monitor/timer-stats": fixture("webim/timer-stats/stalled.json"),
			}},
			{Name: "db-json", Doc: "Webim: connect-to-db answers ok as JSON instead of a Python literal (check_webim_db OK)", Answers: map[string]Answer{
				"/l/a/monitor/connect-to-db": fixture("webim/connect-to-db/ok.json"),
			}},
			{Name: "db-odd-result", Doc: "Webim: connect-to-db answers result 'maybe' (check_webim_db UNKNOWN)", Answers: map[string]Answer{
				"/l/a/monitor/connect-to-db": {Fixture: "webim/connect-to-db/odd-result.txt", ContentType: "text/html; charset=UTF-8"},
			}},
			{Name: "db-no-result", Doc: "Webim: connect-to-db answers without a result field (check_webim_db UNKNOWN)", Answers: map[string]Answer{
				"/l/a/monitor/connect-to-db": {Fixture: "webim/connect-to-db/no-result.txt", ContentType: "text/html; charset=UTF-8"},
			}},
			{Name: "timers-python", Doc: "Webim: timer-stats answers a Python literal (check_webim_timers OK)", Answers: map[string]Answer{
				"/l/a/monitor/timer-stats": {Fixture: "webim/timer-stats/python.txt", ContentType: "text/html; charset=UTF-8"},
			}},
			{Name: "timers-empty", Doc: "Webim: no timer ran in the last minute, last_min is empty (check_webim_timers CRITICAL)", Answers: map[string]Answer{
				"/l/a/monitor/timer-stats": fixture("webim/timer-stats/empty.json"),
			}},
			{Name: "timers-no-last-min", Doc: "Webim: timer-stats answers without last_min (check_webim_timers UNKNOWN)", Answers: map[string]Answer{
				"/l/a/monitor/timer-stats": fixture("webim/timer-stats/no-last-min.json"),
			}},
			{Name: "many-failed-tasks", Doc: "Webim: three failed timer tasks (check_webim_timers WARNING; --critical-failed 1 CRITICAL)", Answers: map[string]Answer{
				"/l/a/monitor/timer-stats": fixture("webim/timer-stats/failed-many.json"),
			}},
			{Name: "timers-trouble", Doc: "Webim: one timer took 7.25 s, another 2.5 s, and a task failed (check_webim_timers CRITICAL)", Answers: map[string]Answer{
				"/l/a/monitor/timer-stats": fixture("webim/timer-stats/trouble.json"),
			}},
		},
	}
}

// generic failure scenarios, valid for every endpoint of every product.
func genericScenarios(paths []string) []Scenario {
	all := func(a Answer) map[string]Answer {
		m := make(map[string]Answer, len(paths))
		for _, p := range paths {
			m[p] = a
		}
		return m
	}
	return []Scenario{
		{Name: "bad-gateway", Doc: "every endpoint answers 502 with an nginx HTML page (CRITICAL)", Answers: all(Answer{Status: 502, Fixture: "bad/502.html", ContentType: "text/html"})},
		{Name: "login-page", Doc: "every endpoint answers 200 with an HTML login page (UNKNOWN)", Answers: all(Answer{Fixture: "bad/login.html", ContentType: "text/html; charset=utf-8"})},
		{Name: "truncated", Doc: "every endpoint answers truncated JSON (UNKNOWN)", Answers: all(fixture("bad/truncated.json"))},
		{Name: "hang", Doc: "every endpoint accepts and never answers (the state of -t)", Answers: all(Answer{Behaviour: Hang})},
		{Name: "trickle", Doc: "every endpoint answers one byte every half second (the state of -t)", Answers: all(Answer{Behaviour: Trickle})},
		{Name: "huge", Doc: "every endpoint answers a 200 MiB body (UNKNOWN response too large)", Answers: all(Answer{Behaviour: Huge})},
		{Name: "reset", Doc: "every endpoint closes the connection without an answer (CRITICAL)", Answers: all(Answer{Behaviour: Reset})},
		{Name: "no-content", Doc: "every endpoint answers 204 No Content, a status no endpoint documents (UNKNOWN naming it)", Answers: all(Answer{Status: 204})},
	}
}
