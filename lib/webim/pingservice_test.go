package webim

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
)

const testToken = "agent-token-0123"

// servePing starts a server that answers a on /l/o/pingservice to the
// agent token testToken, and records the cookies and query it was sent.
func servePing(t *testing.T, a answer, session AgentSession) (*Client, *http.Request) {
	t.Helper()
	seen := &http.Request{}
	env := serveAnswer(t, a, "text/html; charset=UTF-8", func(w http.ResponseWriter, r *http.Request) bool {
		*seen = *r.Clone(context.Background())
		if c, err := r.Cookie("WEBIM_AUTH_TOKEN"); err != nil || c.Value != testToken {
			http.Error(w, "not authorized", http.StatusUnauthorized)
			return false
		}
		return true
	})
	c, err := NewAgent(env, session)
	if err != nil {
		t.Fatal(err)
	}
	return c, seen
}

func TestPingService(t *testing.T) {
	good := AgentSession{AuthToken: testToken}
	tests := []struct {
		name       string
		a          answer
		session    AgentSession
		wantResult string
		wantErr    error
		wantMsg    string
	}{
		{name: "ok as in the seed", a: answer{fixture: "webim/pingservice/ok.txt"}, wantResult: "ok"},
		{name: "ok as JSON", a: answer{body: `{"result": "ok"}`, contentType: "application/json"}, wantResult: "ok"},
		{name: "result error", a: answer{fixture: "webim/pingservice/error.txt"}, wantResult: "error"},
		{name: "odd result is returned", a: answer{fixture: "webim/pingservice/odd-result.txt"}, wantResult: "maybe"},
		{name: "no result field", a: answer{fixture: "webim/pingservice/no-result.txt"}, wantErr: plugin.ErrDecode, wantMsg: "pingservice: the answer has no result field"},
		{name: "wrong token", a: answer{fixture: "webim/pingservice/ok.txt"}, session: AgentSession{AuthToken: "expired-token"}, wantErr: plugin.ErrAuth, wantMsg: TokenRejected + " (HTTP 401)"},
		{name: "403", a: answer{status: 403, fixture: "webim/pingservice/expired.json"}, wantErr: plugin.ErrAuth, wantMsg: TokenRejected + " (HTTP 403)"},
		{name: "login page with 200", a: answer{fixture: "webim/pingservice/login.html", contentType: "text/html; charset=utf-8"}, wantErr: plugin.ErrAuth, wantMsg: TokenRejected + ` (got an HTML page titled "Webim: вход для операторов")`},
		{name: "login page without content type", a: answer{fixture: "bad/login.html", contentType: "application/octet-stream"}, wantErr: plugin.ErrAuth, wantMsg: TokenRejected},
		{name: "400", a: answer{status: 400, fixture: "webim/pingservice/bad-request.json"}, wantErr: plugin.ErrStatus, wantMsg: "HTTP 400 Bad Request"},
		{name: "404", a: answer{status: 404, body: "not found"}, wantErr: plugin.ErrStatus, wantMsg: "the backend refused pinger-id or ts"},
		{name: "500", a: answer{status: 500, fixture: "webim/pingservice/down.html"}, wantErr: plugin.ErrServer, wantMsg: "HTTP 500 Internal Server Error"},
		{name: "500 saying ok is a server error", a: answer{status: 500, fixture: "webim/pingservice/ok.txt"}, wantErr: plugin.ErrServer, wantMsg: "HTTP 500"},
		{name: "204", a: answer{status: 204}, wantErr: plugin.ErrStatus, wantMsg: "HTTP 204"},
		{name: "truncated literal", a: answer{body: `{'result': 'ok'`}, wantErr: plugin.ErrDecode, wantMsg: "not a valid Python literal"},
		{name: "empty body", a: answer{body: ""}, wantErr: plugin.ErrDecode, wantMsg: "empty answer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			session := tt.session
			if session == (AgentSession{}) {
				session = good
			}
			c, _ := servePing(t, tt.a, session)
			st, err := c.PingService(context.Background(), "17595", 123)
			testutil.AssertErrorKind(t, err, tt.wantErr, tt.wantMsg)
			if tt.wantErr != nil {
				return
			}
			if st.Result != tt.wantResult {
				t.Errorf("result %q, want %q", st.Result, tt.wantResult)
			}
		})
	}
}

// TestPingServiceRequest holds the request to the seed's example: the
// query and the five cookies.
func TestPingServiceRequest(t *testing.T) {
	c, seen := servePing(t, answer{fixture: "webim/pingservice/ok.txt"}, AgentSession{AuthToken: testToken})
	if _, err := c.PingService(context.Background(), "17595", 123); err != nil {
		t.Fatal(err)
	}
	if got := seen.URL.Path + "?" + seen.URL.RawQuery; got != "/l/o/pingservice?pinger-id=17595&ts=123" {
		t.Errorf("request %s", got)
	}
	base := c.HTTP().Base()
	want := map[string]string{
		"WEBIM_LOCALE":     "ru",
		"WEBIM_AUTH_TOKEN": testToken,
		"WEBIM_ONLINE":     "true",
		"WEBIM_URL":        url.QueryEscape(base.Scheme + "://" + base.Host + "/webim"),
		"WEBIM_STATUS":     "online",
	}
	for name, v := range want {
		ck, err := seen.Cookie(name)
		if err != nil || ck.Value != v {
			t.Errorf("cookie %s = %v (%v), want %q", name, ck, err, v)
		}
	}
}

func TestNewAgentToken(t *testing.T) {
	tests := []struct {
		name    string
		session AgentSession
		file    string
		wantMsg string
	}{
		{name: "none", wantMsg: "no agent token given"},
		{name: "space", session: AgentSession{AuthToken: "ab cd"}, wantMsg: "characters a cookie cannot carry"},
		{name: "semicolon", session: AgentSession{AuthToken: "ab;cd"}, wantMsg: "characters a cookie cannot carry"},
		{name: "from file", file: testToken + "\n"},
		{name: "empty file", file: "\n", wantMsg: "is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := plugin.NewTestEnv(nil)
			env.Common.Host = "http://127.0.0.1:1"
			s := tt.session
			if tt.file != "" {
				s.AuthTokenFile = testutil.SecretFile(t, tt.file)
			}
			_, err := NewAgent(env, s)
			if tt.wantMsg == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			testutil.AssertErrorKind(t, err, plugin.ErrUsage, tt.wantMsg)
		})
	}
}

// FuzzDecodePingStatus feeds arbitrary bodies, as HTTP 200 answers,
// through the interpretation of pingservice: it never panics, a success
// has a result, and a failure is an ErrDecode or (a login page) ErrAuth.
func FuzzDecodePingStatus(f *testing.F) {
	testutil.FuzzSeeds(f, "FuzzDecodePingStatus")
	c := offlineClient(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		st, err := c.pingStatus(response(http.StatusOK, body))
		switch {
		case err == nil && (st == nil || st.Result == ""):
			t.Fatalf("no error and no result for %q", body)
		case err != nil && !errors.Is(err, plugin.ErrDecode) && !errors.Is(err, plugin.ErrAuth):
			t.Fatalf("error of an unexpected kind: %v", err)
		}
	})
}
