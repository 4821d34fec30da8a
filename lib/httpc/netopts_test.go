package httpc_test

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccmon/webim-checks/lib/testutil"
)

// get runs the GET check with args and returns its exit code, first line
// and stderr.
func get(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	code, out, errOut := testutil.Run(t, &getCheck{}, testutil.Fixed(t0), append([]string{"--retries", "0"}, args...)...)
	return code, testutil.FirstLine(out), errOut
}

const okLine = `GET OK - answered: {"result": "ok"} | time=0s;;;0`

// TestHTTPProxy: plain http is forwarded and https tunnelled (CONNECT)
// by the proxy, which gets the target's name (never resolved here);
// failures at the proxy name the proxy.
func TestHTTPProxy(t *testing.T) {
	p := newPKI(t)
	plain := newBackend(t, "127.0.0.1:0", nil)
	secure := newBackend(t, "127.0.0.1:0", &p, "chat.example.com")
	refused := "http://" + testutil.RefusedAddr(t)
	tests := []struct {
		name   string
		tls    bool
		proxy  *httpProxy
		url    string // --proxy; "" the proxy started for the row
		userpw string // in the proxy URL
		code   int
		first  string // {P} is the proxy's host:port
		asked  []string
	}{
		{"plain http forwarded", false, &httpProxy{}, "", "", 0, okLine, []string{"GET http://chat.example.com/status"}},
		{"https tunnelled", true, &httpProxy{}, "", "", 0, okLine, []string{"CONNECT chat.example.com:443"}},
		{"plain http with a login", false, &httpProxy{login: "bob:pr0xy-pw"}, "", "bob:pr0xy-pw", 0, okLine, []string{"GET http://chat.example.com/status"}},
		{"https with a login", true, &httpProxy{login: "bob:pr0xy-pw"}, "", "bob:pr0xy-pw", 0, okLine, []string{"CONNECT chat.example.com:443"}},
		{"plain http, wrong login", false, &httpProxy{login: "bob:pr0xy-pw"}, "", "bob:wrong", 3,
			"GET UNKNOWN - proxy {P}: authentication failed (407 Proxy Authentication Required); check the user:password of the proxy URL", []string{"407 GET"}},
		{"https, wrong login, not retried", true, &httpProxy{login: "bob:pr0xy-pw"}, "", "bob:wrong", 3,
			"GET UNKNOWN - proxy {P}: authentication failed (407 Proxy Authentication Required); check the user:password of the proxy URL", []string{"407 CONNECT"}},
		{"tunnel refused", true, &httpProxy{refuse: http.StatusForbidden}, "", "", 2,
			"GET CRITICAL - proxy {P} could not connect to chat.example.com:443: 403 Forbidden", []string{"CONNECT chat.example.com:443"}},
		{"proxy down, plain http", false, &httpProxy{}, refused, "", 2, "GET CRITICAL - cannot connect to proxy {P}: connection refused", nil},
		{"proxy down, https", true, &httpProxy{}, refused, "", 2, "GET CRITICAL - cannot connect to proxy {P}: connection refused", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			target, host := "http://chat.example.com", plain.addr()
			if tt.tls {
				target, host = "https://chat.example.com", secure.addr()
			}
			tt.proxy.backend = host
			proxy := tt.url
			if proxy == "" {
				u := tt.proxy.start(t)
				if tt.userpw != "" {
					u.User = userinfo(tt.userpw)
				}
				proxy = u.String()
			}
			code, first, _ := get(t, "-H", target, "--ca-file", p.caFile, "--proxy", proxy, "--retries", "2")
			assert.Equal(t, tt.code, code, first)
			assert.Equal(t, strings.ReplaceAll(tt.first, "{P}", hostOf(proxy)), first)
			assert.Equal(t, tt.asked, tt.proxy.asked.list())
		})
	}
	t.Run("https proxy", func(t *testing.T) {
		hp := &httpProxy{backend: secure.addr()}
		u := hp.startTLS(t, &p, "127.0.0.1")
		code, first, _ := get(t, "-H", "https://chat.example.com", "--ca-file", p.caFile, "--proxy", u.String())
		assert.Equal(t, 0, code, first)
		assert.Equal(t, []string{"CONNECT chat.example.com:443"}, hp.asked.list())
	})
	t.Run("https proxy with a certificate for another name", func(t *testing.T) {
		hp := &httpProxy{backend: plain.addr()}
		u := hp.startTLS(t, &p, "proxy.example.com")
		code, first, _ := get(t, "-H", "http://chat.example.com", "--ca-file", p.caFile, "--proxy", u.String())
		assert.Equal(t, 2, code, first)
		assert.Equal(t, "GET CRITICAL - cannot connect to proxy "+u.Host+": certificate is for proxy.example.com, not 127.0.0.1", first)
		assert.Empty(t, hp.asked.list())
	})
	if t.Failed() {
		return
	}
	assert.Equal(t, []string{"chat.example.com | -", "chat.example.com | -"}, plain.record.list()[:2])
	assert.Contains(t, secure.record.list(), "chat.example.com | chat.example.com", "SNI and Host of the target, through the tunnel")
}

// TestSOCKS5Proxy: socks5h:// sends the name to the proxy, socks5://
// resolves it here; https runs over the SOCKS connection with the
// target's name; failures at the proxy name the proxy.
func TestSOCKS5Proxy(t *testing.T) {
	p := newPKI(t)
	plain := newBackend(t, "127.0.0.1:0", nil)
	secure := newBackend(t, "127.0.0.1:0", &p, "chat.example.com")
	tests := []struct {
		name   string
		target string
		tls    bool
		socks  *socksServer
		scheme string
		userpw string
		extra  []string
		code   int
		first  string
		asked  []string
	}{
		{"socks5h: the proxy resolves", "http://chat.example.com", false, &socksServer{}, "socks5h", "", nil, 0, okLine, []string{"name chat.example.com:80"}},
		{"socks5: resolved here", "http://localhost:8080", false, &socksServer{}, "socks5", "", []string{"-4"}, 0, okLine, []string{"ip 127.0.0.1:8080"}},
		{"https through socks5h", "https://chat.example.com", true, &socksServer{}, "socks5h", "", nil, 0, okLine, []string{"name chat.example.com:443"}},
		{"with a login", "http://chat.example.com", false, &socksServer{login: "bob:s0cks-pw"}, "socks5h", "bob:s0cks-pw", nil, 0, okLine, []string{"name chat.example.com:80"}},
		{"wrong login", "http://chat.example.com", false, &socksServer{login: "bob:s0cks-pw"}, "socks5h", "bob:wrong", nil, 3,
			"GET UNKNOWN - proxy {P}: authentication failed (username/password authentication failed); check the user:password of the proxy URL", nil},
		{"target refused at the proxy", "http://chat.example.com", false, &socksServer{reply: 5}, "socks5h", "", nil, 2,
			"GET CRITICAL - proxy {P} could not connect to chat.example.com:80: connection refused", []string{"name chat.example.com:80"}},
		{"-I through the proxy", "http://chat.example.com:8080", false, &socksServer{}, "socks5h", "", []string{"-I", "127.0.0.2"}, 0, okLine, []string{"ip 127.0.0.2:8080"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.socks.backend = plain.addr()
			if tt.tls {
				tt.socks.backend = secure.addr()
			}
			addr := tt.socks.start(t)
			proxy := tt.scheme + "://" + addr
			if tt.userpw != "" {
				proxy = tt.scheme + "://" + tt.userpw + "@" + addr
			}
			args := append([]string{"-H", tt.target, "--ca-file", p.caFile, "--proxy", proxy}, tt.extra...)
			code, first, _ := get(t, args...)
			assert.Equal(t, tt.code, code, first)
			assert.Equal(t, strings.ReplaceAll(tt.first, "{P}", addr), first)
			assert.Equal(t, tt.asked, tt.socks.asked.list())
		})
	}
	t.Run("proxy down", func(t *testing.T) {
		addr := testutil.RefusedAddr(t)
		code, first, _ := get(t, "-H", "http://chat.example.com", "--proxy", "socks5h://"+addr)
		assert.Equal(t, 2, code)
		assert.Equal(t, "GET CRITICAL - cannot connect to proxy "+addr+": connection refused", first)
	})
	assert.Contains(t, secure.record.list(), "chat.example.com | chat.example.com")
}

// TestProxyEnvironment: HTTP_PROXY is honoured without --proxy, and
// --proxy wins over it and over NO_PROXY.
func TestProxyEnvironment(t *testing.T) {
	plain := newBackend(t, "127.0.0.1:0", nil)
	envProxy := &httpProxy{backend: plain.addr()}
	flagProxy := &httpProxy{backend: plain.addr()}
	envURL, flagURL := envProxy.start(t), flagProxy.start(t)
	t.Setenv("HTTP_PROXY", envURL.String())
	t.Setenv("NO_PROXY", "")

	code, first, _ := get(t, "-H", "http://chat.example.com")
	assert.Equal(t, 0, code, first)
	assert.Equal(t, []string{"GET http://chat.example.com/status"}, envProxy.asked.list(), "HTTP_PROXY honoured")

	t.Setenv("NO_PROXY", "chat.example.com")
	code, first, _ = get(t, "-H", "http://chat.example.com", "--proxy", flagURL.String())
	assert.Equal(t, 0, code, first)
	assert.Equal(t, []string{"GET http://chat.example.com/status"}, flagProxy.asked.list(), "--proxy over HTTP_PROXY and NO_PROXY")
	assert.Len(t, envProxy.asked.list(), 1)
}

// TestProxySecretsRedacted: the proxy's user:password shows in neither
// the -vv configuration nor the -vvv trace, and failures name the proxy
// without them.
func TestProxySecretsRedacted(t *testing.T) {
	const pw = "pr0xy-s3cret"
	plain := newBackend(t, "127.0.0.1:0", nil)
	hp := &httpProxy{backend: plain.addr(), login: "monitor:" + pw}
	u := hp.start(t)
	u.User = userinfo("monitor:" + pw)
	code, out, errOut := testutil.Run(t, &getCheck{}, testutil.Fixed(t0), "-H", "http://chat.example.com", "-vvv", "--proxy", u.String())
	assert.Equal(t, 0, code, out)
	assert.Contains(t, out, "config: --proxy=http://****@"+u.Host+"\n")
	assert.Contains(t, errOut, "* through proxy "+u.Host+"\n")
	for _, s := range []string{pw, base64.StdEncoding.EncodeToString([]byte("monitor:" + pw))} {
		testutil.AssertNotPrinted(t, s, out, errOut)
	}
}

// TestAddress: -I connects to another address and keeps the name of -H
// for the Host header, SNI and the certificate check, with verification
// by this package (default) and by the transport (-k).
func TestAddress(t *testing.T) {
	p := newPKI(t)
	secure := newBackend(t, "127.0.0.2:0", &p, "chat.example.com")
	other := newBackend(t, "127.0.0.2:0", &p, "other.example.com")
	plain := newBackend(t, "127.0.0.2:0", nil)
	refused := testutil.RefusedAddr(t)
	_, refusedPort, _ := strings.Cut(refused, ":")
	tests := []struct {
		name  string
		args  []string
		code  int
		first string
		seen  *backend
		want  string // Host | SNI seen by the backend
	}{
		{"https", []string{"-H", "https://chat.example.com:" + secure.port(), "-I", "127.0.0.2"}, 0, okLine, secure, "chat.example.com:" + secure.port() + " | chat.example.com"},
		{"https with -k", []string{"-H", "https://chat.example.com:" + secure.port(), "-I", "127.0.0.2", "-k"}, 0, okLine, secure, "chat.example.com:" + secure.port() + " | chat.example.com"},
		{"plain http with -4", []string{"-H", "http://chat.example.com:" + plain.port(), "--address=127.0.0.2", "-4"}, 0, okLine, plain, "chat.example.com:" + plain.port() + " | -"},
		{"certificate for another name", []string{"-H", "https://chat.example.com:" + other.port(), "-I", "127.0.0.2"}, 2,
			"GET CRITICAL - chat.example.com:" + other.port() + ": certificate is for other.example.com, not chat.example.com", nil, ""},
		{"nothing listens there", []string{"-H", "http://chat.example.com:" + refusedPort, "-I", "127.0.0.1"}, 2,
			"GET CRITICAL - cannot connect to chat.example.com:" + refusedPort + ": connection refused", nil, ""},
		{"not through an HTTP proxy", []string{"-H", "http://chat.example.com", "-I", "127.0.0.2", "--proxy", "http://127.0.0.1:3128"}, 3,
			"GET UNKNOWN - -I/--address cannot be used through the HTTP proxy 127.0.0.1:3128, which connects by the name of -H itself; use --proxy=none or a SOCKS5 proxy", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, first, _ := get(t, append(tt.args, "--ca-file", p.caFile)...)
			assert.Equal(t, tt.code, code, first)
			assert.Equal(t, tt.first, first)
			if tt.seen != nil {
				got := tt.seen.record.list()
				require.NotEmpty(t, got)
				assert.Equal(t, tt.want, got[len(got)-1])
			}
		})
	}
}

// TestIPFamily: -4 and -6 connect over that family only.
func TestIPFamily(t *testing.T) {
	v4 := newBackend(t, "127.0.0.1:0", nil)
	v6 := newBackend(t, "[::1]:0", nil)
	tests := []struct {
		name  string
		args  []string
		code  int
		first string
	}{
		{"-4 to an IPv4 server by name", []string{"-H", "http://localhost:" + v4.port(), "-4"}, 0, okLine},
		{"-6 to an IPv6 server", []string{"-H", "http://[::1]:" + v6.port(), "-6"}, 0, okLine},
		{"-6 to an IPv4 address", []string{"-H", "http://127.0.0.1:" + v4.port(), "-6"}, 2,
			"GET CRITICAL - request to 127.0.0.1:" + v4.port() + " failed: 127.0.0.1 is not an IPv6 address (-6)"},
		{"-4 to an IPv6 address", []string{"-H", "http://[::1]:" + v6.port(), "-4"}, 2,
			"GET CRITICAL - request to [::1]:" + v6.port() + " failed: ::1 is not an IPv4 address (-4)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, first, _ := get(t, tt.args...)
			assert.Equal(t, tt.code, code, first)
			assert.Equal(t, tt.first, first)
		})
	}
}

// TestExtraHeaders: --header adds headers (several of one name, one
// replacing the suite's own, Host); secret values are redacted in the
// trace and keep a redirect from another host.
func TestExtraHeaders(t *testing.T) {
	b := newBackend(t, "127.0.0.1:0", nil)
	code, out, errOut := testutil.Run(t, &getCheck{}, testutil.Fixed(t0), "-H", b.srv.URL, "-vvv",
		"--header", "X-Node: a1", "--header", "x-node: b2", "--header", "User-Agent: probe/1",
		"--header", "Host: vhost.example.com", "--header", "Authorization: Bearer t0ken-value", "--header", "X-Api-Key: k3y-value")
	assert.Equal(t, 0, code, out)
	r := b.last()
	require.NotNil(t, r)
	assert.Equal(t, []string{"a1", "b2"}, r.Header.Values("X-Node"))
	assert.Equal(t, "probe/1", r.UserAgent())
	assert.Equal(t, "vhost.example.com", r.Host)
	assert.Equal(t, "Bearer t0ken-value", r.Header.Get("Authorization"))
	assert.Equal(t, "k3y-value", r.Header.Get("X-Api-Key"))
	assert.Contains(t, errOut, "> Authorization: Bearer ****\n")
	assert.Contains(t, errOut, "> X-Api-Key: ****\n")
	assert.Contains(t, errOut, "> X-Node: a1\n> X-Node: b2\n")
	assert.Contains(t, out, "config: --header=X-Node: a1, x-node: b2, User-Agent: probe/1, Host: vhost.example.com, Authorization: ****, X-Api-Key: ****\n")
	for _, s := range []string{"t0ken-value", "k3y-value"} {
		testutil.AssertNotPrinted(t, s, out, errOut)
	}

	t.Run("no secret header to another host", func(t *testing.T) {
		target := newBackend(t, "127.0.0.1:0", nil)
		redirect := server(t, func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, strings.Replace(target.srv.URL, "127.0.0.1", "localhost", 1)+r.URL.Path, http.StatusFound)
		})
		code, first, _ := get(t, "-H", redirect.URL, "--header", "X-Api-Key: k3y-value")
		assert.Equal(t, 3, code, first)
		assert.Contains(t, first, "credentials are not sent there")
		assert.Empty(t, target.record.list())
	})
}

func userinfo(userpw string) *url.Userinfo {
	user, pw, _ := strings.Cut(userpw, ":")
	return url.UserPassword(user, pw)
}

// hostOf is the host:port of a URL.
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return u.Host
}
