package sim_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
)

func restartServer(t *testing.T, now time.Time) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(sim.New(os.DirFS(testutil.Path("")), testutil.Fixed(now)).Handler(""))
	t.Cleanup(srv.Close)
	return srv
}

// getWebim fetches path with the Webim service login and returns status
// and body.
func getWebim(t *testing.T, url string, login bool) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if login {
		req.SetBasicAuth(sim.WebimUser, sim.WebimPassword)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

func TestRestartScenarios(t *testing.T) {
	now := time.Date(2026, 11, 23, 18, 0, 13, 0, time.UTC)
	srv := restartServer(t, now)
	tests := []struct {
		scenario string
		status   int
		uptime   time.Duration // of /l/a/monitor, when 200
		node     string
	}{
		{"healthy", 200, 3*24*time.Hour + 4*time.Hour + 13*time.Minute + 250*time.Millisecond, ""},
		{"restart-recent", 200, 2*time.Minute + 250*time.Millisecond, ""},
		{"restart-node", 200, 2*time.Minute + 250*time.Millisecond, "chat-node-2"},
		{"clock-skew", 200, -5 * time.Minute, ""},
		{"no-monitor", 404, 0, ""},
		{"instance-changes", 404, 0, ""},
		{"instance-id-garbage", 404, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			if st, _ := getWebim(t, srv.URL+"/"+tt.scenario+"/l/a/monitor", false); st != http.StatusUnauthorized {
				t.Errorf("without login: HTTP %d, want 401", st)
			}
			st, body := getWebim(t, srv.URL+"/"+tt.scenario+"/l/a/monitor", true)
			if st != tt.status {
				t.Fatalf("HTTP %d, want %d: %s", st, tt.status, body)
			}
			if st != 200 {
				return
			}
			var m struct {
				MainInfo struct {
					StartTs  float64 `json:"startTs"`
					NodeName string  `json:"nodeName"`
					Version  string  `json:"version"`
				} `json:"mainInfo"`
			}
			if err := json.Unmarshal(body, &m); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, body)
			}
			start := time.Unix(0, int64(m.MainInfo.StartTs*1e9))
			if d := now.Sub(start) - tt.uptime; d > time.Millisecond || d < -time.Millisecond {
				t.Errorf("started %v before now, want %v", now.Sub(start), tt.uptime)
			}
			if m.MainInfo.NodeName != tt.node || m.MainInfo.Version != "10.7.134" {
				t.Errorf("node %q version %q", m.MainInfo.NodeName, m.MainInfo.Version)
			}
		})
	}
}

func TestInstanceIDScenarios(t *testing.T) {
	srv := restartServer(t, time.Now())
	st, body := getWebim(t, srv.URL+"/l/i/instance-id", true)
	if st != 200 || string(body) != sim.WebimInstanceID+"\n" {
		t.Errorf("healthy: HTTP %d %q", st, body)
	}
	seen := map[string]bool{}
	for i := 0; i < 5; i++ {
		st, body := getWebim(t, srv.URL+"/instance-changes/l/i/instance-id", true)
		if st != 200 || len(body) != 32 || seen[string(body)] {
			t.Errorf("instance-changes: HTTP %d %q (seen before: %v)", st, body, seen[string(body)])
		}
		seen[string(body)] = true
	}
}
