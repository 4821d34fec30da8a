package webim_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
	"github.com/ccmon/webim-checks/lib/webim"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var now = time.Date(2026, 11, 23, 18, 0, 13, 0, time.UTC)

// simClient returns a client for the simulator scenario with the service
// login the simulator accepts.
func simClient(t *testing.T, scenario string) *webim.Client {
	t.Helper()
	srv := testutil.Simulator(t, testutil.Fixed(now))
	env := plugin.NewTestEnv(testutil.Fixed(now))
	env.Common.Host = srv.URL + "/" + scenario
	env.Common.Retries = 0
	cl, err := webim.New(env, plugin.Login{User: sim.WebimUser, Password: sim.WebimPassword})
	require.NoError(t, err)
	return cl
}

func body(status int, b []byte, contentType string) *httpc.Response {
	h := http.Header{}
	if contentType != "" {
		h.Set("Content-Type", contentType)
	}
	return &httpc.Response{StatusCode: status, Status: http.StatusText(status), Header: h, Body: b, Step: "GET " + webim.MonitorPath}
}

// decodeMonitor parses b as an answer of monitor with the content type ct.
func decodeMonitor(b []byte, ct string) (*webim.Monitor, error) {
	return webim.DecodeMonitor(body(200, b, ct))
}

func TestDecodeMonitor(t *testing.T) {
	seedStart := time.Date(2025, 10, 3, 14, 8, 13, 748827500, time.UTC)
	tests := []struct {
		name        string
		fixture     string
		contentType string
		start       time.Time
		node        string
		noStart     bool   // ErrNoStartTime: --method auto falls back
		err         string // the whole error text, when one is expected
	}{
		{name: "seed 000", fixture: "webim/monitor/seed.json", start: seedStart},
		{name: "python literal", fixture: "webim/monitor/python.txt", start: seedStart, node: "node-2"},
		{name: "no mainInfo", fixture: "webim/monitor/no-maininfo.json", noStart: true,
			err: `monitor: no mainInfo in the answer ("{\"host\": \"wmtest107.webim.ru\"}"): the server does not report the backend start time`},
		{name: "no startTs", fixture: "webim/monitor/no-startts.json", noStart: true,
			err: "monitor: no mainInfo.startTs in the answer: the server does not report the backend start time"},
		{name: "startTs a string", fixture: "webim/monitor/startts-string.json",
			err: "field mainInfo.startTs is a JSON string"},
		{name: "startTs in milliseconds", fixture: "webim/monitor/startts-millis.json",
			err: "monitor: mainInfo.startTs 1759500493748 is not a Unix time in seconds"},
		{name: "login page", fixture: "bad/login.html", contentType: "text/html; charset=utf-8",
			err: `monitor: expected a JSON object with mainInfo, got an HTML page titled "Вход — Webim" (a login page or a proxy error?)`},
		{name: "truncated", fixture: "bad/truncated.json"},
		{name: "text", fixture: "bad/text.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := webim.DecodeMonitor(body(200, testutil.Fixture(t, tt.fixture), tt.contentType))
			if tt.start.IsZero() {
				require.Error(t, err)
				assert.ErrorIs(t, err, plugin.ErrDecode)
				assert.Equal(t, tt.noStart, errors.Is(err, webim.ErrNoStartTime), "ErrNoStartTime")
				if tt.err != "" {
					assert.Contains(t, err.Error(), tt.err)
				}
				return
			}
			require.NoError(t, err)
			assert.WithinDuration(t, tt.start, m.MainInfo.Start(), time.Microsecond)
			assert.Equal(t, "10.7.134", m.MainInfo.Version)
			assert.Equal(t, "wmtest107", m.MainInfo.Env)
			assert.Equal(t, "03-10-2025 17:08:13", m.MainInfo.StartTime)
			assert.Equal(t, tt.node, m.MainInfo.NodeName)
			assert.Equal(t, "wmtest107.webim.ru", m.Host)
		})
	}
}

func TestDecodeMonitorStartTsBounds(t *testing.T) {
	tests := []struct {
		name string
		body string
		ok   bool
	}{
		{"zero", `{"mainInfo": {"startTs": 0}}`, false},
		{"negative", `{"mainInfo": {"startTs": -1759500493.7}}`, false},
		{"1999", `{"mainInfo": {"startTs": 946684799}}`, false},
		{"2000", `{"mainInfo": {"startTs": 946684800}}`, true},
		{"integer", `{"mainInfo": {"startTs": 1759500493}}`, true},
		{"far future", `{"mainInfo": {"startTs": 1e300}}`, false},
		{"null", `{"mainInfo": {"startTs": null}}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := webim.DecodeMonitor(body(200, []byte(tt.body), ""))
			if tt.ok {
				assert.NoError(t, err)
			} else {
				assert.ErrorIs(t, err, plugin.ErrDecode)
			}
		})
	}
}

func TestMonitor(t *testing.T) {
	tests := []struct {
		scenario string
		uptime   time.Duration // with no error
		node     string
		kind     error
		noStart  bool
		err      string
	}{
		{scenario: "healthy", uptime: 3*24*time.Hour + 4*time.Hour + 13*time.Minute},
		{scenario: "restart-recent", uptime: 2 * time.Minute},
		{scenario: "restart-node", uptime: 2 * time.Minute, node: "chat-node-2"},
		{scenario: "no-monitor", kind: plugin.ErrStatus, noStart: true,
			err: "GET /no-monitor/l/a/monitor: HTTP 404 Not Found: the server does not report the backend start time"},
		{scenario: "monitor-no-start", kind: plugin.ErrDecode, noStart: true},
		{scenario: "unauthorized", kind: plugin.ErrAuth, err: "authentication failed (HTTP 401)"},
		{scenario: "bad-gateway", kind: plugin.ErrServer},
		{scenario: "login-page", kind: plugin.ErrDecode},
		{scenario: "truncated", kind: plugin.ErrDecode},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			m, err := simClient(t, tt.scenario).Monitor(context.Background())
			if tt.kind != nil {
				require.Error(t, err)
				assert.ErrorIs(t, err, tt.kind)
				assert.Equal(t, tt.noStart, errors.Is(err, webim.ErrNoStartTime), "ErrNoStartTime")
				if tt.err != "" {
					assert.Equal(t, tt.err, testutil.URLless(err.Error()))
				}
				return
			}
			require.NoError(t, err)
			up := now.Sub(m.MainInfo.Start()).Truncate(time.Second)
			assert.Equal(t, tt.uptime, up)
			assert.Equal(t, tt.node, m.MainInfo.NodeName)
		})
	}
}

func TestMonitorWithoutLogin(t *testing.T) {
	srv := testutil.Simulator(t, testutil.Fixed(now))
	env := plugin.NewTestEnv(testutil.Fixed(now))
	env.Common.Host = srv.URL
	cl, err := webim.New(env, plugin.Login{})
	require.NoError(t, err)
	_, err = cl.Monitor(context.Background())
	assert.ErrorIs(t, err, plugin.ErrAuth)
	assert.False(t, errors.Is(err, webim.ErrNoStartTime), "an authentication failure is reported, never skipped")
}

func FuzzDecodeMonitor(f *testing.F) {
	testutil.FuzzDecode(f, "FuzzDecodeMonitor", decodeMonitor, func(t *testing.T, b []byte, m *webim.Monitor) {
		if m.MainInfo == nil || m.MainInfo.StartTs == nil {
			t.Fatalf("accepted an answer without startTs: %q", b)
		}
		if s := m.MainInfo.Start(); s.Year() < 2000 || s.Year() > 5000 {
			t.Fatalf("accepted start time %v", s)
		}
	})
}
