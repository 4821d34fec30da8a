package wa

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// recorder is a test server answering /v1/health with a fixture and
// recording the Authorization header of every request.
type recorder struct {
	mu    sync.Mutex
	auths []string
	paths []string
}

func (rec *recorder) serve(t *testing.T, status int, fixture string) *httptest.Server {
	t.Helper()
	body := testutil.Fixture(t, fixture)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.mu.Lock()
		rec.auths = append(rec.auths, r.Header.Get("Authorization"))
		rec.paths = append(rec.paths, r.URL.Path)
		rec.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func newTestClient(t *testing.T, host string, creds Credentials) *Client {
	t.Helper()
	env := plugin.NewTestEnv(nil)
	env.Common.Host = host
	env.Common.Retries = 0
	c, err := New(env, creds)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestClientSendsAuthorization(t *testing.T) {
	tests := []struct {
		name  string
		creds Credentials
		want  string
	}{
		{name: "api key", creds: Credentials{APIKey: "api-key-000000000001"}, want: "Apikey api-key-000000000001"},
		{name: "bearer token", creds: Credentials{Token: "eyJhbGciOiJIUzI1NiJ9.e30.token"}, want: "Bearer eyJhbGciOiJIUzI1NiJ9.e30.token"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var rec recorder
			srv := rec.serve(t, 200, "wa/health/connected.json")
			h, err := newTestClient(t, srv.URL+"/prefix", tc.creds).Health(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if h.Cluster || h.GatewayStatus != StatusConnected {
				t.Errorf("got %+v, want a connected single instance", h)
			}
			if len(rec.auths) != 1 || rec.auths[0] != tc.want {
				t.Errorf("server saw Authorization %q, want [%q]", rec.auths, tc.want)
			}
			if rec.paths[0] != "/prefix/v1/health" {
				t.Errorf("server saw path %q, want /prefix/v1/health", rec.paths[0])
			}
		})
	}
}

func TestHealthErrorAnswers(t *testing.T) {
	tests := []struct {
		name    string
		creds   Credentials
		status  int
		fixture string
		kind    error
		want    string
	}{
		{name: "401 with the vendor's body, api key", creds: Credentials{APIKey: "wrong-key-000000"}, status: 401, fixture: "wa/errors/unauthorized.json", kind: plugin.ErrAuth,
			want: `authentication failed (HTTP 401): "Unauthorized" (code 1005): Invalid or missing Authorization header; check the API key from WA_API_KEY against the Webapp's WA_API_KEY (restart the Webapp after changing it)`},
		{name: "401 with the vendor's body, token", creds: Credentials{Token: "expired-token"}, status: 401, fixture: "wa/errors/unauthorized.json", kind: plugin.ErrAuth,
			want: `authentication failed (HTTP 401): "Unauthorized" (code 1005): Invalid or missing Authorization header; the Bearer token from WA_TOKEN may have expired (tokens last 7 days; an API key does not)`},
		{name: "403 without the vendor's body", creds: Credentials{APIKey: "wrong-key-000000"}, status: 403, fixture: "bad/text.txt", kind: plugin.ErrAuth,
			want: `authentication failed (HTTP 403); check the API key from WA_API_KEY`},
		{name: "500 with the vendor's body", creds: Credentials{APIKey: "right-key-000000"}, status: 500, fixture: "wa/errors/internal.json", kind: plugin.ErrServer,
			want: `GET /v1/health: HTTP 500 Internal Server Error: "Internal error" (code 1014): Coreapp is not reachable`},
		{name: "502 HTML", creds: Credentials{APIKey: "right-key-000000"}, status: 502, fixture: "bad/502.html", kind: plugin.ErrServer,
			want: `GET /v1/health: HTTP 502 Bad Gateway (an HTML page titled "502 Bad Gateway")`},
		{name: "404 with the vendor's body", creds: Credentials{APIKey: "right-key-000000"}, status: 404, fixture: "wa/health/errors-only.json", kind: plugin.ErrStatus,
			want: `GET /v1/health: HTTP 404 Not Found: "Service not ready" (code 1011): Database schema upgrade in progress`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var rec recorder
			srv := rec.serve(t, tc.status, tc.fixture)
			_, err := newTestClient(t, srv.URL, tc.creds).Health(context.Background())
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, tc.kind) {
				t.Errorf("error %q is not %v", err, tc.kind)
			}
			if !strings.HasPrefix(testutil.URLless(err.Error()), tc.want) {
				t.Errorf("error\n  %s\nwant it to start with\n  %s", err, tc.want)
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string
	}{
		{name: "one error", body: `{"errors":[{"code":1005,"title":"Unauthorized"}]}`, want: `"Unauthorized" (code 1005)`},
		{name: "details", body: `{"errors":[{"code":1014,"title":"Internal error","details":"Coreapp is not reachable"}]}`, want: `"Internal error" (code 1014): Coreapp is not reachable`},
		{name: "details equal to the title", body: `{"errors":[{"code":1,"title":"Oops","details":"Oops"}]}`, want: `"Oops" (code 1)`},
		{name: "no title", body: `{"errors":[{"code":1000,"details":"Generic error"}]}`, want: `code 1000: Generic error`},
		{name: "several", body: `{"errors":[{"code":1,"title":"A"},{"code":2,"title":"B"},{"code":3,"title":"C"}]}`, want: `"A" (code 1) (and 2 more)`},
		{name: "multi-line title", body: `{"errors":[{"code":1,"title":"line one\nline two"}]}`, want: `"line one line two" (code 1)`},
		{name: "empty entries", body: `{"errors":[{}]}`, want: ""},
		{name: "empty list", body: `{"errors":[]}`, want: ""},
		{name: "another shape", body: `{"error": "unauthorized"}`, want: ""},
		{name: "code as a string", body: `{"errors":[{"code":"1005","title":"Unauthorized"}]}`, want: ""},
		{name: "html", body: `<html><title>401</title></html>`, want: ""},
		{name: "empty", body: ``, want: ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := DescribeErrors(DecodeErrors([]byte(tc.body))); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
