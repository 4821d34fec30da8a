package webim

import (
	"context"
	"testing"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
)

func TestBackend(t *testing.T) {
	tests := []struct {
		name    string
		a       answer
		storing bool
		tries   float64 // -1: absent
		start   bool
		version string
		wantErr error
		wantMsg string
	}{
		{name: "seed 000", a: answer{fixture: "webim/monitor/seed.json"}, storing: true, tries: 0, start: true, version: "10.7.134"},
		{name: "Python literal", a: answer{fixture: "webim/monitor/python.txt", contentType: "text/html; charset=UTF-8"}, storing: true, tries: 0, start: true, version: "10.7.134"},
		{name: "not storing", a: answer{fixture: "webim/monitor/not-storing.json"}, storing: false, tries: 0, start: true, version: "10.7.134"},
		{name: "slow polls", a: answer{fixture: "webim/monitor/slow-polls.json"}, storing: true, tries: 3.5, start: true, version: "10.7.134"},
		{name: "multinode", a: answer{fixture: "webim/monitor/multinode.json"}, storing: true, tries: 1.2, start: true, version: "10.7.140-hotfix2"},
		{name: "no startTs is fine", a: answer{fixture: "webim/monitor/no-startts.json"}, storing: true, tries: -1, version: "10.7.134"},
		{name: "no avgNTries is fine", a: answer{fixture: "webim/monitor/no-tries.json"}, storing: true, tries: -1, start: true, version: "10.7.134"},
		{name: "no storingEnabled", a: answer{fixture: "webim/monitor/no-storing.json"}, wantErr: plugin.ErrDecode, wantMsg: "monitor: no mainInfo.storingEnabled in the answer"},
		{name: "storingEnabled a string", a: answer{fixture: "webim/monitor/storing-string.json"}, wantErr: plugin.ErrDecode, wantMsg: "field mainInfo.storingEnabled is a JSON string, not bool"},
		{name: "negative tries", a: answer{fixture: "webim/monitor/tries-negative.json"}, wantErr: plugin.ErrDecode, wantMsg: "monitor: mainInfo.avgNTries -1 is not an average number of attempts"},
		{name: "absurd tries", a: answer{fixture: "webim/monitor/tries-huge.json"}, wantErr: plugin.ErrDecode, wantMsg: "monitor: mainInfo.avgNTries 1e+300 is not an average number of attempts"},
		{name: "negative n", a: answer{body: `{"mainInfo": {"storingEnabled": true, "n": -2}}`}, wantErr: plugin.ErrDecode, wantMsg: "monitor: mainInfo.n -2 is negative"},
		{name: "port out of range", a: answer{body: `{"mainInfo": {"storingEnabled": true, "port": 70000}}`}, wantErr: plugin.ErrDecode, wantMsg: "monitor: mainInfo.port 70000 is not a port"},
		{name: "startTs in milliseconds", a: answer{fixture: "webim/monitor/startts-millis.json"}, wantErr: plugin.ErrDecode, wantMsg: "is not a Unix time in seconds"},
		{name: "no mainInfo", a: answer{fixture: "webim/monitor/no-maininfo.json"}, wantErr: plugin.ErrDecode, wantMsg: "monitor: no mainInfo in the answer"},
		{name: "404", a: answer{status: 404, fixture: "webim/monitor/404.html", contentType: "text/html"}, wantErr: plugin.ErrStatus, wantMsg: "HTTP 404 Not Found"},
		{name: "500", a: answer{status: 500, fixture: "bad/502.html", contentType: "text/html"}, wantErr: plugin.ErrServer, wantMsg: "HTTP 500"},
		{name: "login page", a: answer{fixture: "bad/login.html", contentType: "text/html"}, wantErr: plugin.ErrDecode, wantMsg: "monitor: expected a JSON object with mainInfo, got an HTML page"},
		{name: "truncated", a: answer{fixture: "bad/truncated.json"}, wantErr: plugin.ErrDecode, wantMsg: "monitor: expected a JSON object with mainInfo"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := serve(t, MonitorPath, tt.a, goodLogin).Backend(context.Background())
			testutil.AssertErrorKind(t, err, tt.wantErr, tt.wantMsg)
			if tt.wantErr != nil {
				return
			}
			mi := m.MainInfo
			if *mi.StoringEnabled != tt.storing || mi.Version != tt.version || (mi.StartTs != nil) != tt.start {
				t.Errorf("got storing %v, version %q, startTs %v", *mi.StoringEnabled, mi.Version, mi.StartTs)
			}
			switch {
			case tt.tries < 0 && mi.AvgNTries != nil:
				t.Errorf("avgNTries %v, want none", *mi.AvgNTries)
			case tt.tries >= 0 && (mi.AvgNTries == nil || *mi.AvgNTries != tt.tries):
				t.Errorf("avgNTries %v, want %v", mi.AvgNTries, tt.tries)
			}
		})
	}
}

// FuzzDecodeBackend feeds arbitrary bodies through the interpretation of
// /l/a/monitor for check_webim_backend: it never panics, a success says
// whether the backend stores, and every value is in its domain.
func FuzzDecodeBackend(f *testing.F) {
	testutil.FuzzDecode(f, "FuzzDecodeBackend", ok200(offlineClient(f).backend), func(t *testing.T, body []byte, m *Monitor) {
		mi := m.MainInfo
		if mi == nil || mi.StoringEnabled == nil {
			t.Fatalf("accepted an answer without storingEnabled: %q", body)
		}
		if mi.AvgNTries != nil && !(*mi.AvgNTries >= 0 && *mi.AvgNTries <= maxAvgNTries) {
			t.Fatalf("accepted avgNTries %v", *mi.AvgNTries)
		}
		if mi.N < 0 || mi.Port < 0 || mi.Port > 65535 {
			t.Fatalf("accepted n %d, port %d", mi.N, mi.Port)
		}
		if mi.StartTs != nil {
			if y := mi.Start().Year(); y < 2000 || y > 5000 {
				t.Fatalf("accepted start year %d", y)
			}
		}
	})
}
