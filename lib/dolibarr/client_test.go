package dolibarr_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/dolibarr"
	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
)

var t0 = time.Date(2025, 10, 3, 17, 8, 13, 0, time.UTC)

// client returns a client for a server answering with h.
func client(t *testing.T, h http.HandlerFunc, auth httpc.Auth) *dolibarr.Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	env := plugin.NewTestEnv(testutil.Fixed(t0))
	env.Common.Host, env.Common.Retries = srv.URL, 0
	c, err := dolibarr.New(env, auth)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestRequests: what each API is sent.
func TestRequests(t *testing.T) {
	var got *http.Request
	record := func(status int, body string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			got = r
			w.WriteHeader(status)
			w.Write([]byte(body))
		}
	}
	ctx := context.Background()
	t.Run("webobserver signs with md5(token . time)", func(t *testing.T) {
		c := client(t, record(200, `{"dolibarr": {"version": "19.0.2"}}`), nil)
		if _, err := c.WebObserver(ctx, "", "tok", t0); err != nil {
			t.Fatal(err)
		}
		q := got.URL.Query()
		ts := strconv.FormatInt(t0.Unix(), 10)
		if got.URL.Path != dolibarr.WebObserverPath || q.Get("time") != ts || q.Get("hash") != dolibarr.WebObserverHash("tok", t0.Unix()) {
			t.Errorf("request %s", got.URL)
		}
	})
	t.Run("status sends DOLAPIKEY", func(t *testing.T) {
		c := client(t, record(200, `{"success": {"code": 200, "dolibarr_version": "19.0.2"}}`), httpc.Header{Name: "DOLAPIKEY", Value: "k3y"})
		if _, err := c.Status(ctx, ""); err != nil {
			t.Fatal(err)
		}
		if got.URL.Path != dolibarr.StatusPath || got.Header.Get("DOLAPIKEY") != "k3y" {
			t.Errorf("request %s, DOLAPIKEY %q", got.URL, got.Header.Get("DOLAPIKEY"))
		}
	})
	t.Run("serverobserver at --path", func(t *testing.T) {
		b := testutil.Fixture(t, "dolibarr/serverobserver/healthy.json")
		c := client(t, record(200, string(b)), nil)
		if _, err := c.ServerObserver(ctx, "/so/check.php"); err != nil {
			t.Fatal(err)
		}
		if got.URL.Path != "/so/check.php" {
			t.Errorf("request %s", got.URL)
		}
	})
}

func TestPing(t *testing.T) {
	tests := []struct {
		name   string
		status int
		header string
		kind   error
	}{
		{"200", 200, "", nil},
		{"204", 204, "", nil},
		{"302 without Location", 302, "", nil},
		{"404", 404, "", plugin.ErrStatus},
		{"401", 401, "", plugin.ErrAuth},
		{"503", 503, "", plugin.ErrServer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := client(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(tt.status) }, nil)
			r, err := c.Ping(context.Background(), "/")
			testutil.AssertErrorKind(t, err, tt.kind, "")
			if tt.kind == nil && r.StatusCode != tt.status {
				t.Errorf("status %d", r.StatusCode)
			}
		})
	}
}
