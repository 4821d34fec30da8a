package httpc_test

import (
	"context"
	"encoding/base64"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// getCheck is a small check that GETs /status with the chosen
// authentication, so that traces are tested through the real runtime.
type getCheck struct {
	User     string        `short:"U" long:"user"`
	Password plugin.Secret `short:"P" long:"password" env:"HTTPC_TEST_PASSWORD"`
	APIKey   plugin.Secret `long:"api-key"`
	Token    plugin.Secret `long:"auth-token"`
	Auth     string        `long:"auth" default:"none"`
}

func (c *getCheck) Info() plugin.Info {
	return plugin.Info{Name: "check_get", Prefix: "GET", Short: "GETs /status."}
}

func (c *getCheck) Run(ctx context.Context, env *plugin.Env) (*plugin.Result, error) {
	var auth httpc.Auth
	switch c.Auth {
	case "basic":
		auth = httpc.Basic{User: c.User, Password: c.Password}
	case "digest":
		auth = httpc.Digest{User: c.User, Password: c.Password}
	case "apikey":
		auth = httpc.Header{Name: "Authorization", Value: "Apikey " + c.APIKey}
	case "cookie":
		auth = httpc.Cookie{Cookies: []*http.Cookie{{Name: "auth_token", Value: c.Token.Reveal()}}}
	}
	cl, err := httpc.New(env, auth)
	if err != nil {
		return nil, err
	}
	resp, err := cl.Get(ctx, "/status", nil)
	if err != nil {
		return nil, err
	}
	res := &plugin.Result{Summary: "answered: " + httpc.Snippet(resp.Body, 200)}
	return res, nil
}

// authServer accepts Basic, Digest (any response to its challenge), an
// API key or a cookie, records the credentials it was sent and echoes
// them in the body, as a careless server might.
type authServer struct {
	mu   sync.Mutex
	seen []string
}

func (a *authServer) handler(w http.ResponseWriter, r *http.Request) {
	h := r.Header.Get("Authorization")
	if ck, err := r.Cookie("auth_token"); err == nil {
		h = "Cookie " + ck.Value
	}
	a.mu.Lock()
	a.seen = append(a.seen, h)
	a.mu.Unlock()
	if h == "" {
		w.Header().Set("WWW-Authenticate", `Digest realm="itgrix", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", qop="auth", algorithm=MD5`)
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	w.Header().Set("Set-Cookie", "session=server-session-id")
	io.WriteString(w, `{"you sent": "`+h+`"}`)
}

func (a *authServer) headers() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.seen...)
}

func TestTraceRedactsCredentials(t *testing.T) {
	const password = "hunter22-secret"
	const apiKey = "0123456789abcdef-key"
	const token = "agent-session-token"
	basic64 := base64.StdEncoding.EncodeToString([]byte("monitor:" + password))
	tests := []struct {
		name      string
		args      []string
		traced    string // the Authorization line of the trace
		sentStart string // what the server received
		secrets   []string
	}{
		{"basic", []string{"--auth", "basic", "-U", "monitor", "-P", password}, "> Authorization: Basic ****", "Basic " + basic64, []string{password, basic64}},
		{"digest", []string{"--auth", "digest", "-U", "monitor", "-P", password}, "> Authorization: Digest ****", `Digest username="monitor"`, []string{password}},
		{"api key", []string{"--auth", "apikey", "--api-key", apiKey}, "> Authorization: Apikey ****", "Apikey " + apiKey, []string{apiKey}},
		{"cookie", []string{"--auth", "cookie", "--auth-token", token}, "> Cookie: ****", "Cookie " + token, []string{token}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var as authServer
			srv := server(t, as.handler)
			args := append([]string{"-H", srv.URL, "-vvv"}, tt.args...)
			code, out, errOut := testutil.Run(t, &getCheck{}, testutil.Fixed(t0), args...)
			assert.Equal(t, 0, code, out)
			assert.True(t, strings.HasPrefix(out, "GET OK - answered: "), out)
			assert.Contains(t, out, "| time=0s;;;0")

			sent := as.headers()
			require.NotEmpty(t, sent)
			assert.True(t, strings.HasPrefix(sent[len(sent)-1], tt.sentStart), "the server got the credentials: %q", sent[len(sent)-1])

			assert.Contains(t, errOut, "> GET "+srv.URL+"/status\n")
			assert.Contains(t, errOut, "> User-Agent: webim-checks/"+plugin.Version+"\n")
			assert.Contains(t, errOut, "< HTTP/1.1 200 OK")
			assert.Contains(t, errOut, "< Set-Cookie: ****\n")
			assert.Contains(t, errOut, tt.traced+"\n")
			assert.Contains(t, errOut, "< body: ")
			for _, s := range tt.secrets {
				assert.NotContains(t, errOut, s, "trace")
				assert.NotContains(t, out, s, "output")
			}
			assert.NotContains(t, errOut, "server-session-id")
		})
	}
}

func TestTraceOnlyAtVVV(t *testing.T) {
	var as authServer
	srv := server(t, as.handler)
	for _, v := range []string{"-v", "-vv"} {
		code, _, errOut := testutil.Run(t, &getCheck{}, testutil.Fixed(t0), "-H", srv.URL, "--auth", "basic", "-U", "u", "-P", "pw-secret", v)
		assert.Equal(t, 0, code)
		assert.Empty(t, errOut, v)
	}
}

func TestPasswordFromEnvironmentRedacted(t *testing.T) {
	t.Setenv("HTTPC_TEST_PASSWORD", "env-password-value")
	var as authServer
	srv := server(t, as.handler)
	code, out, errOut := testutil.Run(t, &getCheck{}, testutil.Fixed(t0), "-H", srv.URL, "--auth", "digest", "-U", "monitor", "-vvv")
	assert.Equal(t, 0, code, out)
	assert.Contains(t, errOut, "> Authorization: Digest ****")
	assert.NotContains(t, out+errOut, "env-password-value")
}

func TestRunnerMapsHTTPFailures(t *testing.T) {
	tests := []struct {
		name   string
		status int
		code   int
		first  string
	}{
		{"401", 401, 3, "GET UNKNOWN - authentication failed (HTTP 401)"},
		{"503", 503, 2, "GET CRITICAL - GET {URL}/status: HTTP 503 Service Unavailable"},
		{"404", 404, 3, "GET UNKNOWN - GET {URL}/status: HTTP 404 Not Found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := server(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(tt.status) })
			code, out, _ := testutil.Run(t, &getCheck{}, testutil.Fixed(t0), "-H", srv.URL, "--retries", "0")
			assert.Equal(t, tt.code, code)
			assert.Equal(t, strings.ReplaceAll(tt.first, "{URL}", srv.URL)+"\n", out)
		})
	}
}

// TestTraceCutAfterRedaction: a password echoed at any position around the
// 2 KiB cut of the traced body never shows, not even its start.
func TestTraceCutAfterRedaction(t *testing.T) {
	const pw = "Xy7q9kLmPw"
	for pos := 2048 - len(pw); pos <= 2048; pos++ {
		body := strings.Repeat("a", pos) + pw + strings.Repeat("b", 100)
		url := testutil.Serve(t, 200, "text/plain", body)
		code, _, errb := testutil.Run(t, &getCheck{}, nil, "-H", url, "--auth", "basic", "-U", "monitor", "-P", pw, "-vvv")
		require.Equal(t, 0, code, "pos %d", pos)
		require.Contains(t, errb, "< body: ", "pos %d", pos)
		for n := 4; n <= len(pw); n++ {
			if strings.Contains(errb, "a"+pw[:n]) {
				t.Fatalf("echo at %d: the trace shows the start %q of the password:\n%s", pos, pw[:n], errb)
			}
		}
	}
}
