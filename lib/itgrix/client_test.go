package itgrix_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ccmon/webim-checks/lib/itgrix"
	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/sim"
	"github.com/ccmon/webim-checks/lib/testutil"
)

func newClient(t *testing.T, host string, login plugin.Login) *itgrix.Client {
	t.Helper()
	env := plugin.NewTestEnv(testutil.Fixed(testNow))
	env.Common.Host = host
	c, err := itgrix.New(env, login)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

func TestBaseURL(t *testing.T) {
	tests := []struct {
		host string
		port int
		want string
	}{
		{"asterisk.example.com", 0, "http://asterisk.example.com:8077"},
		{"10.0.0.5", 0, "http://10.0.0.5:8077"},
		{"asterisk.example.com:9077", 0, "http://asterisk.example.com:9077"},
		{"asterisk.example.com", 9000, "http://asterisk.example.com:9000"},
		{"[fd00::5]", 0, "http://[fd00::5]:8077"},
		{"https://asterisk.example.com", 0, "https://asterisk.example.com"},
		{"http://127.0.0.1:18080/itgrix-ok", 0, "http://127.0.0.1:18080/itgrix-ok"},
	}
	for _, tc := range tests {
		t.Run(tc.host, func(t *testing.T) {
			env := plugin.NewTestEnv(nil)
			env.Info.Product = itgrix.Product
			env.Common.Host, env.Common.Port = tc.host, tc.port
			c, err := itgrix.New(env, plugin.Login{})
			if err != nil {
				t.Fatal(err)
			}
			if got := c.HTTP().Base().String(); got != tc.want {
				t.Errorf("base URL %q, want %q", got, tc.want)
			}
		})
	}
}

func TestStatusDigest(t *testing.T) {
	srv := testutil.Simulator(t, testutil.Fixed(testNow))
	good := plugin.Login{User: sim.ItgrixUser, Password: sim.ItgrixPassword}
	tests := []struct {
		name     string
		scenario string
		login    plugin.Login
		wantErr  string
		kind     error
	}{
		{"MD5", "itgrix-ok", good, "", nil},
		{"SHA-256", "digest-sha256", good, "", nil},
		{"wrong password", "itgrix-ok", plugin.Login{User: sim.ItgrixUser, Password: "not-the-password"}, "authentication failed (HTTP 401)", plugin.ErrAuth},
		{"wrong password, SHA-256", "digest-sha256", plugin.Login{User: sim.ItgrixUser, Password: "not-the-password"}, "authentication failed (HTTP 401)", plugin.ErrAuth},
		{"wrong user", "itgrix-ok", plugin.Login{User: "operator", Password: sim.ItgrixPassword}, "authentication failed (HTTP 401)", plugin.ErrAuth},
		{"no login", "itgrix-ok", plugin.Login{}, "authentication failed (HTTP 401); no admin panel login given (--user and --password)", plugin.ErrAuth},
		{"401 with a Basic challenge only", "unauthorized", good, "authentication failed (HTTP 401)", plugin.ErrAuth},
		{"502", "bad-gateway", good, "GET /bad-gateway/status: HTTP 502 Bad Gateway", plugin.ErrServer},
		{"login page", "login-page", good, "status: expected a JSON object with app_state, app_status and license, got an HTML page", plugin.ErrDecode},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := newClient(t, srv.URL+"/"+tc.scenario, tc.login)
			st, err := c.Status(context.Background())
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("Status: %v", err)
				}
				if st.AppState == nil || *st.AppState != "" || st.License == nil || *st.License.ValidTill != "2027-05-22" {
					t.Errorf("unexpected status %+v", st)
				}
				return
			}
			if err == nil || testutil.URLless(err.Error()) != tc.wantErr && !strings.HasPrefix(testutil.URLless(err.Error()), tc.wantErr) {
				t.Fatalf("error %v, want %q", err, tc.wantErr)
			}
			if !errors.Is(err, tc.kind) {
				t.Errorf("error %q is not %v", err, tc.kind)
			}
		})
	}
}

// TestStatusNoDigestChallenge: a 401 whose challenge the client cannot
// answer (malformed, or an algorithm it does not know) is an
// authentication failure, not a broken connection.
func TestStatusNoDigestChallenge(t *testing.T) {
	for _, chal := range []string{`Digest realm="x", nonce="abc`, `Digest realm="x", nonce="abc", algorithm=MD5-sess-2`, `Negotiate`} {
		t.Run(chal, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("WWW-Authenticate", chal)
				http.Error(w, "Unauthorized", http.StatusUnauthorized)
			}))
			defer srv.Close()
			c := newClient(t, srv.URL, plugin.Login{User: "admin", Password: "secret"})
			_, err := c.Status(context.Background())
			if !errors.Is(err, plugin.ErrAuth) || err.Error() != "authentication failed (HTTP 401)" {
				t.Errorf("error %v, want authentication failed (HTTP 401)", err)
			}
		})
	}
}
