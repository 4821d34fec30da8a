package webim

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// AgentSession holds the flags of the agent session cookie. Seed 000:
// /l/o/pingservice needs the authorisation of the Agent Frontend, "при
// помощи токена авторизации, передаваемого в файле cookie"
// (WEBIM_AUTH_TOKEN).
type AgentSession struct {
	AuthToken     plugin.Secret `long:"auth-token" env:"WEBIM_AUTH_TOKEN" default-mask:"-" value-name:"TOKEN" description:"the agent session token, the WEBIM_AUTH_TOKEN cookie of a logged-in Agent Frontend; prefer WEBIM_AUTH_TOKEN or --auth-token-file (the command line shows in ps)"`
	AuthTokenFile string        `long:"auth-token-file" value-name:"FILE" description:"read the agent session token from the first line of FILE"`
}

// TokenRejected is what an agent token the server refuses (HTTP 401, 403
// or a login page) means, with the fix (CONTRACT section 8).
const TokenRejected = "agent token rejected (expired?): log in to the Agent Frontend for a fresh WEBIM_AUTH_TOKEN"

// noToken says that no token was given and how to give one.
const noToken = "no agent token given (--auth-token, WEBIM_AUTH_TOKEN or --auth-token-file): log in to the Agent Frontend and copy its WEBIM_AUTH_TOKEN cookie"

// NewAgent returns a client for the host in env's common options that
// sends the cookies of the seed's pingservice example: WEBIM_LOCALE,
// WEBIM_AUTH_TOKEN, WEBIM_ONLINE, WEBIM_URL and WEBIM_STATUS. The token is
// required and registered for redaction.
func NewAgent(env *plugin.Env, s AgentSession) (*Client, error) {
	base, err := env.Target()
	if err != nil {
		return nil, err
	}
	tok, err := env.LoadSecret(s.AuthToken, s.AuthTokenFile)
	if err != nil {
		return nil, err
	}
	if tok == "" {
		return nil, plugin.Errorf(plugin.ErrUsage, "%s", noToken)
	}
	if !validCookieValue(tok.Reveal()) {
		return nil, plugin.Errorf(plugin.ErrUsage, "the agent token holds characters a cookie cannot carry (spaces, quotes, ';', ',', '\\' or control characters): copy the WEBIM_AUTH_TOKEN cookie value exactly")
	}
	agentURL := (&url.URL{Scheme: base.Scheme, Host: base.Host, Path: "/webim"}).String()
	auth := httpc.Cookie{
		Cookies: []*http.Cookie{{Name: "WEBIM_AUTH_TOKEN", Value: tok.Reveal()}},
		Plain: []*http.Cookie{
			{Name: "WEBIM_LOCALE", Value: "ru"},
			{Name: "WEBIM_ONLINE", Value: "true"},
			{Name: "WEBIM_URL", Value: url.QueryEscape(agentURL)},
			{Name: "WEBIM_STATUS", Value: "online"},
		},
	}
	hc, err := httpc.New(env, auth)
	if err != nil {
		return nil, err
	}
	return &Client{http: hc}, nil
}

// validCookieValue reports whether v is a non-empty run of the octets
// RFC 6265 allows in a cookie value (net/http would otherwise drop the
// others and log about it).
func validCookieValue(v string) bool {
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c <= 0x20 || c >= 0x7f || c == '"' || c == ',' || c == ';' || c == '\\' {
			return false
		}
	}
	return v != ""
}

// PingStatus is the answer of GET /l/o/pingservice?pinger-id=ID&ts=MS
// (seed 000): 200 {'result': 'ok'}; otherwise a server error (5xx), or a
// 4xx when the query parameters are missing.
type PingStatus struct {
	// Result is "ok" when the Chat Backend served the agent's ping.
	Result string `json:"result"`
}

// PingServicePath is the endpoint path.
const PingServicePath = "/l/o/pingservice"

// PingService sends the agent's long-polling ping with pinger id and the
// time ts in milliseconds since the epoch.
func (c *Client) PingService(ctx context.Context, pingerID string, ts int64) (*PingStatus, error) {
	q := url.Values{"pinger-id": {pingerID}, "ts": {strconv.FormatInt(ts, 10)}}
	r, err := c.get(ctx, PingServicePath, q)
	if err != nil {
		return nil, err
	}
	return c.pingStatus(r)
}

// pingStatus interprets an answer of pingservice: 401, 403 and a login
// page mean the token was refused; 5xx is a server error; another 4xx
// refused pinger-id or ts.
func (c *Client) pingStatus(r *httpc.Response) (*PingStatus, error) {
	switch {
	case r.StatusCode == http.StatusUnauthorized || r.StatusCode == http.StatusForbidden:
		return nil, plugin.Errorf(plugin.ErrAuth, "%s (HTTP %d)", TokenRejected, r.StatusCode)
	case r.StatusCode >= 400 && r.StatusCode < 500:
		return nil, plugin.Errorf(plugin.ErrStatus, "%v; the backend refused pinger-id or ts", c.fail(r))
	case r.StatusCode != http.StatusOK:
		if err := c.fail(r); err != nil {
			return nil, err
		}
		return nil, plugin.Errorf(plugin.ErrStatus, "%s: HTTP %d, expected 200", r.Step, r.StatusCode)
	case httpc.IsHTML(r.Body, "") && !looksLiteral(r.Body):
		// markup, not a literal served as text/html: the Agent
		// Frontend's login page, where an expired session is sent
		return nil, plugin.Errorf(plugin.ErrAuth, "%s (got %s)", TokenRejected, httpc.Describe(r.Body, "text/html"))
	}
	var st PingStatus
	if err := decode(r, "pingservice", `{"result": "ok"}`, &st); err != nil {
		return nil, err
	}
	if st.Result == "" {
		return nil, plugin.Errorf(plugin.ErrDecode, "pingservice: the answer has no result field (%s)", httpc.Describe(r.Body, ""))
	}
	return &st, nil
}

// looksLiteral reports whether body starts like a JSON or Python literal:
// Webim serves those as text/html, so the header alone does not make a
// login page.
func looksLiteral(body []byte) bool {
	t := bytes.TrimSpace(body)
	return len(t) > 0 && (t[0] == '{' || t[0] == '[')
}
