package sim_test

import (
	"crypto/md5"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// TestDolibarr: WebObserver's hash and 180 s window, the REST API's
// DOLAPIKEY, ServerObserver without credentials.
func TestDolibarr(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	srv := httptest.NewServer(sim.New(os.DirFS(testutil.Path("")), testutil.Fixed(now)).Handler(""))
	t.Cleanup(srv.Close)
	signed := func(token string, at time.Time) string {
		ts := strconv.FormatInt(at.Unix(), 10)
		sum := md5.Sum([]byte(token + ts))
		return "?hash=" + hex.EncodeToString(sum[:]) + "&time=" + ts
	}
	tests := []struct {
		name, path, apiKey string
		status             int
		want               string
	}{
		{name: "serverobserver", path: sim.DolibarrServerObserverPath, status: 200, want: `"percent_used": "46.66 %"`},
		{name: "webobserver", path: sim.DolibarrWebObserverPath + signed(sim.DolibarrToken, now), status: 200, want: `"version": "19.0.2"`},
		{name: "webobserver 170 s behind", path: sim.DolibarrWebObserverPath + signed(sim.DolibarrToken, now.Add(-170*time.Second)), status: 200, want: `"version"`},
		{name: "webobserver 190 s ahead", path: sim.DolibarrWebObserverPath + signed(sim.DolibarrToken, now.Add(190*time.Second)), status: 200, want: "Invalid hash"},
		{name: "webobserver wrong token", path: sim.DolibarrWebObserverPath + signed("other", now), status: 200, want: "Invalid hash"},
		{name: "webobserver no hash", path: sim.DolibarrWebObserverPath + "?time=1", status: 200, want: "Missing parameter"},
		{name: "webobserver clock skew", path: "/dolibarr-clock-skew" + sim.DolibarrWebObserverPath + signed(sim.DolibarrToken, now), status: 200, want: "Invalid hash"},
		{name: "status", path: sim.DolibarrStatusPath, apiKey: sim.DolibarrAPIKey, status: 200, want: `"dolibarr_version": "19.0.2"`},
		{name: "status wrong key", path: sim.DolibarrStatusPath, apiKey: "nope", status: 401, want: "HTTP_DOLAPIKEY"},
		{name: "status no key", path: sim.DolibarrStatusPath, status: 401, want: "Unauthorized"},
		{name: "url", path: sim.DolibarrURLPath, status: 200, want: "<title>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodGet, srv.URL+tt.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			if tt.apiKey != "" {
				req.Header.Set("DOLAPIKEY", tt.apiKey)
			}
			assertAnswer(t, req, tt.status, tt.want)
		})
	}
}
