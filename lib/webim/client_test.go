package webim

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
)

const (
	testUser     = "monitor"
	testPassword = "s3cret-pw"
)

// answer is what the test server sends: a status, and a body from a
// fixture under testdata/ or literal.
type answer struct {
	status      int
	fixture     string
	body        string
	contentType string
}

// serve starts a server that checks the Basic login and answers a on
// path; it returns a client for it.
func serve(t *testing.T, path string, a answer, login plugin.Login) *Client {
	t.Helper()
	env := serveAnswer(t, a, "application/json", func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != path {
			http.NotFound(w, r)
			return false
		}
		if u, p, ok := r.BasicAuth(); !ok || u != testUser || p != testPassword {
			w.Header().Set("WWW-Authenticate", `Basic realm="webim"`)
			http.Error(w, "401 Unauthorized", http.StatusUnauthorized)
			return false
		}
		return true
	})
	c, err := New(env, login)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// serveAnswer starts a server that answers a (as contentType when a names
// none) to the requests accept lets through; accept answers the others.
// It returns an environment for a client of it, without retries.
func serveAnswer(t *testing.T, a answer, contentType string, accept func(w http.ResponseWriter, r *http.Request) bool) *plugin.Env {
	t.Helper()
	body := []byte(a.body)
	if a.fixture != "" {
		body = testutil.Fixture(t, a.fixture)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !accept(w, r) {
			return
		}
		ct := a.contentType
		if ct == "" {
			ct = contentType
		}
		w.Header().Set("Content-Type", ct)
		st := a.status
		if st == 0 {
			st = http.StatusOK
		}
		w.WriteHeader(st)
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	env := plugin.NewTestEnv(nil)
	env.Common.Host = srv.URL
	env.Common.Retries = 0
	return env
}

var goodLogin = plugin.Login{User: testUser, Password: testPassword}

func TestConnectToDB(t *testing.T) {
	tests := []struct {
		name       string
		a          answer
		login      plugin.Login
		wantResult string
		wantE      string
		wantErr    error
		wantMsg    string
	}{
		{name: "ok as Python literal", a: answer{fixture: "webim/connect-to-db/ok.txt", contentType: "text/html; charset=UTF-8"}, wantResult: "ok"},
		{name: "ok as JSON", a: answer{fixture: "webim/connect-to-db/ok.json"}, wantResult: "ok"},
		{name: "meta down", a: answer{status: 500, fixture: "webim/connect-to-db/meta-down.txt"}, wantResult: "error", wantE: "Failed to connect to database meta"},
		{name: "pro down", a: answer{status: 500, fixture: "webim/connect-to-db/pro-down.txt"}, wantResult: "error", wantE: "Failed to connect to database pro @wmtest107"},
		{name: "error with HTTP 200", a: answer{body: `{"result": "error", "e": "boom"}`}, wantResult: "error", wantE: "boom"},
		{name: "odd result is returned", a: answer{fixture: "webim/connect-to-db/odd-result.txt"}, wantResult: "maybe"},
		{name: "no result field", a: answer{fixture: "webim/connect-to-db/no-result.txt"}, wantErr: plugin.ErrDecode, wantMsg: "connect-to-db: the answer has no result field"},
		{name: "500 without result is a server error", a: answer{status: 500, fixture: "webim/connect-to-db/no-result.txt"}, wantErr: plugin.ErrServer, wantMsg: "HTTP 500 Internal Server Error"},
		{name: "500 saying ok is a server error", a: answer{status: 500, fixture: "webim/connect-to-db/ok.txt"}, wantErr: plugin.ErrServer, wantMsg: `HTTP 500 Internal Server Error ("{'result': 'ok'}")`},
		{name: "500 HTML is a server error", a: answer{status: 500, fixture: "bad/502.html", contentType: "text/html"}, wantErr: plugin.ErrServer, wantMsg: "HTTP 500"},
		{name: "502 HTML", a: answer{status: 502, fixture: "bad/502.html", contentType: "text/html"}, wantErr: plugin.ErrServer, wantMsg: `HTTP 502 Bad Gateway (an HTML page titled "502 Bad Gateway")`},
		{name: "wrong password", a: answer{fixture: "webim/connect-to-db/ok.txt"}, login: plugin.Login{User: testUser, Password: "wrong"}, wantErr: plugin.ErrAuth, wantMsg: "authentication failed (HTTP 401)"},
		{name: "no login gives a hint", a: answer{fixture: "webim/connect-to-db/ok.txt"}, login: plugin.Login{}, wantErr: plugin.ErrAuth, wantMsg: "no service login given"},
		{name: "no password says so", a: answer{fixture: "webim/connect-to-db/ok.txt"}, login: plugin.Login{User: testUser}, wantErr: plugin.ErrAuth, wantMsg: "authentication failed (HTTP 401); no password given for user " + testUser + " (--password or --password-file)"},
		{name: "no user says so", a: answer{fixture: "webim/connect-to-db/ok.txt"}, login: plugin.Login{Password: "some-password"}, wantErr: plugin.ErrAuth, wantMsg: "authentication failed (HTTP 401); a password was given but no user (--user)"},
		{name: "403", a: answer{status: 403, body: "forbidden"}, wantErr: plugin.ErrAuth, wantMsg: "authentication failed (HTTP 403)"},
		{name: "404", a: answer{status: 404, body: "not found"}, wantErr: plugin.ErrStatus, wantMsg: "HTTP 404 Not Found"},
		{name: "login page with 200", a: answer{fixture: "bad/login.html", contentType: "text/html; charset=utf-8"}, wantErr: plugin.ErrDecode, wantMsg: "got an HTML page titled"},
		{name: "truncated JSON", a: answer{body: `{"result": "o`}, wantErr: plugin.ErrDecode, wantMsg: "connect-to-db: expected"},
		{name: "truncated Python literal", a: answer{body: `{'result': 'ok'`}, wantErr: plugin.ErrDecode, wantMsg: "not a valid Python literal"},
		{name: "result of the wrong type", a: answer{body: `{'result': True}`}, wantErr: plugin.ErrDecode, wantMsg: "field result is a JSON bool"},
		{name: "empty body", a: answer{body: ""}, wantErr: plugin.ErrDecode, wantMsg: "empty answer"},
		{name: "plain text", a: answer{fixture: "bad/text.txt", contentType: "text/plain"}, wantErr: plugin.ErrDecode, wantMsg: `got "not json at all"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			login := tt.login
			if login == (plugin.Login{}) && !strings.HasPrefix(tt.name, "no login") {
				login = goodLogin
			}
			c := serve(t, ConnectToDBPath, tt.a, login)
			st, err := c.ConnectToDB(context.Background())
			testutil.AssertErrorKind(t, err, tt.wantErr, tt.wantMsg)
			if tt.wantErr != nil {
				return
			}
			if st.Result != tt.wantResult || st.E != tt.wantE {
				t.Errorf("got %+v, want result %q, e %q", *st, tt.wantResult, tt.wantE)
			}
		})
	}
}

func TestTimerStats(t *testing.T) {
	tests := []struct {
		name       string
		a          answer
		wantTimers int
		wantFailed int
		wantMax    map[string]float64 // timer name -> slowest run
		wantCount  map[string]int
		wantErr    error
		wantMsg    string
	}{
		{name: "ok", a: answer{fixture: "webim/timer-stats/ok.json"}, wantTimers: 5,
			wantMax:   map[string]float64{"BackgroundStorager 0": 0.0003540515899658203, "close_surveys_if_needed": 0.00010848045349121094},
			wantCount: map[string]int{"BackgroundStorager 0": 20, "BackgroundStorager 1": 20, "recheck_all_session_subset": 1}},
		{name: "Python literal", a: answer{fixture: "webim/timer-stats/python.txt", contentType: "text/html; charset=UTF-8"}, wantTimers: 5,
			wantMax:   map[string]float64{"BackgroundStorager 1": 9.107589721679688e-05},
			wantCount: map[string]int{"BackgroundStorager 0": 20}},
		{name: "slow", a: answer{fixture: "webim/timer-stats/slow.json"}, wantTimers: 5, wantMax: map[string]float64{"BackgroundStorager 0": 6.5}},
		{name: "failed task", a: answer{fixture: "webim/timer-stats/failed.json"}, wantTimers: 5, wantFailed: 1},
		{name: "stalled", a: answer{fixture: "webim/timer-stats/stalled.json"}, wantTimers: 4,
			wantMax: map[string]float64{"hide_or_unhide_chats_if_necessary": 0}, wantCount: map[string]int{"hide_or_unhide_chats_if_necessary": 0}},
		{name: "empty last_min", a: answer{body: `{"last_min": {}, "failed": []}`}, wantTimers: 0},
		{name: "failed null", a: answer{body: `{"last_min": {"timer: a": {"count": 1, "execution_times": [0.5], "func_name": "t"}}, "failed": null}`}, wantTimers: 1, wantMax: map[string]float64{"a": 0.5}},
		{name: "missing last_min", a: answer{body: `{"failed": []}`}, wantErr: plugin.ErrDecode, wantMsg: "timer-stats: the answer has no last_min"},
		{name: "null last_min", a: answer{body: `{'last_min': None, 'failed': []}`}, wantErr: plugin.ErrDecode, wantMsg: "no last_min"},
		{name: "count of the wrong type", a: answer{body: `{"last_min": {"timer: a": {"count": "many"}}}`}, wantErr: plugin.ErrDecode, wantMsg: "is a JSON string, not int"},
		{name: "an array", a: answer{body: `[1, 2]`}, wantErr: plugin.ErrDecode, wantMsg: "a JSON array"},
		{name: "truncated", a: answer{fixture: "bad/truncated.json"}, wantErr: plugin.ErrDecode, wantMsg: "timer-stats: expected a JSON object with last_min and failed"},
		{name: "login page", a: answer{fixture: "bad/login.html", contentType: "text/html"}, wantErr: plugin.ErrDecode, wantMsg: "an HTML page"},
		{name: "broken Python literal served as text/html", a: answer{body: `{'last_min': {'timer: a': {'count': 1}}, 'failed': [}`, contentType: "text/html; charset=UTF-8"}, wantErr: plugin.ErrDecode, wantMsg: "not a valid Python literal (byte 52: unexpected '}', expected a value)"},
		{name: "truncated JSON served as text/html", a: answer{fixture: "bad/truncated.json", contentType: "text/html"}, wantErr: plugin.ErrDecode, wantMsg: ": truncated JSON"},
		{name: "wrong shape quotes the answer as sent", a: answer{body: `{"last_min": {"timer: a": {"count": "many"}}, "failed": []}`}, wantErr: plugin.ErrDecode, wantMsg: `got "{\"last_min\": {\"timer: a\": {\"count\": \"many\"}}, \"failed\": []}": field last_min.count is a JSON string, not int`},
		{name: "500", a: answer{status: 500, body: "Internal Server Error", contentType: "text/plain"}, wantErr: plugin.ErrServer, wantMsg: "HTTP 500"},
		{name: "403", a: answer{status: 403}, wantErr: plugin.ErrAuth, wantMsg: "HTTP 403"},
		{name: "negative count", a: answer{body: `{"last_min": {"timer: a": {"count": -5, "execution_times": [0.5]}}, "failed": []}`}, wantErr: plugin.ErrDecode, wantMsg: "timer-stats: a has count -5; a count cannot be negative"},
		{name: "absurd execution time", a: answer{body: `{"last_min": {"timer: a": {"count": 1, "execution_times": [1e300]}}, "failed": []}`}, wantErr: plugin.ErrDecode, wantMsg: "timer-stats: a has an execution time of 1e+300, not a number of seconds"},
		{name: "negative execution time", a: answer{body: `{"last_min": {"timer: a": {"count": 1, "execution_times": [-0.5]}}, "failed": []}`}, wantErr: plugin.ErrDecode, wantMsg: "an execution time of -0.5"},
		{name: "infinite in a Python literal", a: answer{body: `{'last_min': {'timer: a': {'count': 1, 'execution_times': [1e999]}}, 'failed': []}`}, wantErr: plugin.ErrDecode, wantMsg: "timer-stats"},
		{name: "absurd failed task time", a: answer{body: `{"last_min": {}, "failed": [{"timer_name": "a", "execution_time": 1e300, "ts": 1700000000}]}`}, wantErr: plugin.ErrDecode, wantMsg: "failed task a has an execution time of 1e+300"},
		{name: "negative failed task ts", a: answer{body: `{"last_min": {}, "failed": [{"timer_name": "a", "execution_time": 1, "ts": -1}]}`}, wantErr: plugin.ErrDecode, wantMsg: "failed task a has ts -1, not a Unix time"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := serve(t, TimerStatsPath, tt.a, goodLogin)
			st, err := c.TimerStats(context.Background())
			testutil.AssertErrorKind(t, err, tt.wantErr, tt.wantMsg)
			if tt.wantErr != nil {
				return
			}
			if len(st.LastMin) != tt.wantTimers || len(st.Failed) != tt.wantFailed {
				t.Fatalf("got %d timers, %d failed; want %d, %d", len(st.LastMin), len(st.Failed), tt.wantTimers, tt.wantFailed)
			}
			for name, want := range tt.wantMax {
				r, ok := st.LastMin["timer: "+name]
				if !ok {
					t.Fatalf("no timer %q", name)
				}
				if got := r.Max(); got != want {
					t.Errorf("%s: max %v, want %v", name, got, want)
				}
			}
			for name, want := range tt.wantCount {
				if got := st.LastMin["timer: "+name].Count; got != want {
					t.Errorf("%s: count %d, want %d", name, got, want)
				}
			}
		})
	}
}

func TestTimerStatsFailedTask(t *testing.T) {
	c := serve(t, TimerStatsPath, answer{fixture: "webim/timer-stats/failed.json"}, goodLogin)
	st, err := c.TimerStats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := FailedTask{
		TimerName:     "CachedBelongingToCurrentTornadoInstance update_data async",
		FuncName:      "update_data",
		ExecutionTime: 27.347047567367554,
		Ts:            1623246738.8386502,
	}
	if len(st.Failed) != 1 || st.Failed[0] != want {
		t.Errorf("failed = %+v, want [%+v]", st.Failed, want)
	}
}

func TestTimerName(t *testing.T) {
	for in, want := range map[string]string{
		"timer: BackgroundStorager 0": "BackgroundStorager 0",
		"close_surveys_if_needed":     "close_surveys_if_needed",
		"timer: ":                     "",
		"timer:x":                     "timer:x",
	} {
		t.Run(in, func(t *testing.T) {
			if got := TimerName(in); got != want {
				t.Errorf("TimerName(%q) = %q, want %q", in, got, want)
			}
		})
	}
}

func TestTimerRunsMax(t *testing.T) {
	tests := []struct {
		name  string
		times []float64
		want  float64
	}{
		{"no runs", nil, 0},
		{"one run", []float64{0.25}, 0.25},
		{"slowest in the middle", []float64{0.1, 6.5, 0.2}, 6.5},
		{"negative ignored", []float64{-1}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r TimerRuns
			for _, v := range tt.times {
				r.Times.add(v)
			}
			if got := r.Max(); got != tt.want {
				t.Errorf("Max() = %v, want %v", got, tt.want)
			}
		})
	}
}

// offlineClient is a client that is never used for a request: it lets the
// answer interpretation run on bodies made in the test.
func offlineClient(tb testing.TB) *Client {
	tb.Helper()
	env := plugin.NewTestEnv(nil)
	env.Common.Host = "http://127.0.0.1:1"
	c, err := New(env, plugin.Login{})
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// ok200 makes a parser of bodies out of the parser of answers decode: it
// gives it the body, with the content type (if any), as an answer of HTTP
// 200.
func ok200[T any](decode func(*httpc.Response) (T, error)) func(body []byte, contentType string) (T, error) {
	return func(body []byte, contentType string) (T, error) {
		r := response(http.StatusOK, body)
		if contentType != "" {
			r.Header.Set("Content-Type", contentType)
		}
		return decode(r)
	}
}

// response wraps a body as an answer of the given status.
func response(status int, body []byte) *httpc.Response {
	return &httpc.Response{StatusCode: status, Status: http.StatusText(status), Header: http.Header{}, Body: body, Step: "GET /x"}
}

// FuzzDecodeDBStatus feeds arbitrary bodies, as HTTP 200 and HTTP 500
// answers, through the interpretation of connect-to-db: it never panics,
// and either returns a result or an error of the kinds the check maps.
func FuzzDecodeDBStatus(f *testing.F) {
	testutil.FuzzSeeds(f, "FuzzDecodeDBStatus")
	c := offlineClient(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, status := range []int{http.StatusOK, http.StatusInternalServerError} {
			st, err := c.dbStatus(response(status, body))
			switch {
			case err == nil && (st == nil || st.Result == ""):
				t.Fatalf("HTTP %d: no error and no result for %q", status, body)
			case err != nil && !errors.Is(err, plugin.ErrDecode) && !errors.Is(err, plugin.ErrServer):
				t.Fatalf("HTTP %d: error of an unexpected kind: %v", status, err)
			}
		}
	})
}

// FuzzDecodeTimerStats feeds arbitrary bodies through the interpretation
// of timer-stats: it never panics, a success has last_min, and a failure
// is an ErrDecode.
func FuzzDecodeTimerStats(f *testing.F) {
	testutil.FuzzDecode(f, "FuzzDecodeTimerStats", ok200(offlineClient(f).timerStats), func(t *testing.T, body []byte, st *TimerStats) {
		if st.LastMin == nil {
			t.Fatalf("no error and no last_min for %q", body)
		}
		for _, r := range st.LastMin {
			_ = r.Max()
		}
	})
}

func BenchmarkDecodeTimerStats(b *testing.B) {
	c := offlineClient(b)
	for _, fx := range []string{"ok.json", "python.txt"} {
		body := testutil.Fixture(b, "webim/timer-stats/"+fx)
		b.Run(fx, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				if _, err := c.timerStats(response(http.StatusOK, body)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
