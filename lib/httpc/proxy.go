package httpc

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"syscall"

	"golang.org/x/net/http/httpproxy"

	"github.com/ccmon/webim-checks/lib/plugin"
)

// proxies chooses the proxy of each request (CONTRACT section 5):
// --proxy=URL for every request, none with --proxy=none, otherwise
// HTTP_PROXY, HTTPS_PROXY and NO_PROXY (as net/http reads them, which
// never proxies requests to localhost or a loopback address).
//
// The transport itself talks to HTTP and HTTPS proxies; SOCKS5 proxies
// are the dialer's (dial.go), so that socks5:// resolves names here and
// -I and -4/-6 apply through them.
type proxies struct {
	env     *plugin.Env
	fixed   *url.URL
	fromEnv func(*url.URL) (*url.URL, error)
	// last is the proxy of the last request, named by its errors.
	last atomic.Pointer[url.URL]
}

// newProxies reads --proxy, or the environment without it, and
// registers the credentials of either for redaction.
func newProxies(env *plugin.Env) (*proxies, error) {
	p := &proxies{env: env}
	switch {
	case env.Common.Proxy.IsNone():
	case env.Common.Proxy != "":
		u, err := env.Common.Proxy.URL()
		if err != nil {
			return nil, plugin.Errorf(plugin.ErrUsage, "--proxy: %v", err)
		}
		p.fixed = u
	default:
		for _, v := range []string{"HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy"} {
			env.SecretURL(os.Getenv(v))
		}
		p.fromEnv = httpproxy.FromEnvironment().ProxyFunc()
	}
	return p, nil
}

// forURL returns the proxy for a request to u; nil for none.
func (p *proxies) forURL(u *url.URL) (*url.URL, error) {
	switch {
	case p.fixed != nil:
		return p.fixed, nil
	case p.fromEnv != nil:
		pu, err := p.fromEnv(u)
		if err != nil {
			return nil, plugin.Errorf(plugin.ErrUsage, "bad proxy in the environment (HTTP_PROXY, HTTPS_PROXY): %v", err)
		}
		if pu != nil && !isSOCKS(pu) && pu.Scheme != "http" && pu.Scheme != "https" {
			return nil, plugin.Errorf(plugin.ErrUsage, "proxy scheme %q in the environment not supported (http, https, socks5 or socks5h)", pu.Scheme)
		}
		return pu, nil
	}
	return nil, nil
}

// transportProxy is the transport's Proxy: the HTTP or HTTPS proxy of
// the request, nil when there is none or it is a SOCKS5 proxy.
func (p *proxies) transportProxy(req *http.Request) (*url.URL, error) {
	u, err := p.forURL(req.URL)
	if err != nil || u == nil || isSOCKS(u) {
		return nil, err
	}
	p.last.Store(u)
	p.env.Tracef("* through proxy %s", proxyName(u))
	return u, nil
}

// connectResponse is the transport's OnProxyConnectResponse: a tunnel
// the proxy refused is an error naming the proxy.
func (p *proxies) connectResponse(_ context.Context, proxy *url.URL, req *http.Request, resp *http.Response) error {
	if resp.StatusCode == http.StatusOK {
		return nil
	}
	return &proxyRefusal{proxy: proxyName(proxy), target: req.Host, status: resp.Status,
		auth: resp.StatusCode == http.StatusProxyAuthRequired, final: resp.StatusCode < 500}
}

// isSOCKS reports a SOCKS5 proxy URL.
func isSOCKS(u *url.URL) bool { return u.Scheme == "socks5" || u.Scheme == "socks5h" }

// proxyName names a proxy in messages: host:port, never its credentials.
func proxyName(u *url.URL) string {
	if u.Port() == "" && isSOCKS(u) {
		return net.JoinHostPort(u.Hostname(), "1080")
	}
	return hostPort(u)
}

// proxyUnreachable is a failure to reach a proxy at all.
type proxyUnreachable struct {
	proxy string
	err   error
}

func (e *proxyUnreachable) Error() string { return "proxy " + e.proxy + ": " + e.err.Error() }
func (e *proxyUnreachable) Unwrap() error { return e.err }

// proxyRefusal is a proxy that answered but did not connect to the
// target: a refused CONNECT, a SOCKS5 failure reply, a failed login.
type proxyRefusal struct {
	proxy, target string
	// status is the CONNECT answer ("403 Forbidden") or the SOCKS5 reply.
	status string
	// auth: the proxy refused its login; final: a retry cannot help.
	auth, final bool
}

func (e *proxyRefusal) Error() string {
	return "proxy " + e.proxy + " did not connect to " + e.target + ": " + e.status
}

// proxyRefusedForGood reports a proxy that refused its login or the
// tunnel with a 4xx, which a retry cannot change.
func proxyRefusedForGood(err error) bool {
	var refusal *proxyRefusal
	return errors.As(err, &refusal) && (refusal.auth || refusal.final)
}

// failure turns an error at the proxy into a message naming the proxy;
// nil when err is not one (the target's errors, timeouts).
func (p *proxies) failure(ctx context.Context, err error) error {
	if ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded) {
		return nil
	}
	var refusal *proxyRefusal
	if errors.As(err, &refusal) {
		if refusal.auth {
			return plugin.Errorf(plugin.ErrAuth, "proxy %s: authentication failed (%s); check the user:password of the proxy URL", refusal.proxy, refusal.status)
		}
		return plugin.Errorf(plugin.ErrUnreachable, "proxy %s could not connect to %s: %s", refusal.proxy, refusal.target, refusal.status)
	}
	var down *proxyUnreachable
	if errors.As(err, &down) {
		return plugin.Errorf(plugin.ErrUnreachable, "cannot connect to proxy %s: %s", down.proxy, connReason(down.err, down.proxy))
	}
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "proxyconnect" {
		name := "(unknown)"
		if u := p.last.Load(); u != nil {
			name = proxyName(u)
		}
		return plugin.Errorf(plugin.ErrUnreachable, "cannot connect to proxy %s: %s", name, connReason(op.Err, name))
	}
	return nil
}

// authRequired is the error of a 407 answer through an HTTP proxy (a
// plain http request, which the proxy answers itself), nil otherwise.
func (p *proxies) authRequired(resp *http.Response) error {
	u := p.last.Load()
	if resp.StatusCode != http.StatusProxyAuthRequired || u == nil {
		return nil
	}
	return plugin.Errorf(plugin.ErrAuth, "proxy %s: authentication failed (%s); check the user:password of the proxy URL", proxyName(u), resp.Status)
}

// connReason says in a few words why a connection to addr failed.
func connReason(err error, addr string) string {
	host, _, _ := net.SplitHostPort(addr)
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return "cannot resolve " + dnsErr.Name + ": " + dnsReason(dnsErr)
	}
	if msg := certificateProblem(err, host); msg != "" {
		return msg
	}
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset by peer"
	case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		return "no route to host"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "the proxy closed the connection"
	}
	return strings.TrimPrefix(innermost(err), "x509: ")
}
