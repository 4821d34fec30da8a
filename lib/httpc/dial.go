package httpc

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"

	"golang.org/x/net/proxy"

	"github.com/ccmon/webim-checks/lib/plugin"
)

// dialer makes the TCP connections of a run (CONTRACT section 5): over
// IPv4 or IPv6 only with -4/-6, to the address of -I for the host of -H,
// and through a SOCKS5 proxy when one is set. The TLS dialer (tls.go) and
// the transport's own TLS run over these connections with the names of
// the URL, so that -I keeps the host name for SNI and the certificate.
type dialer struct {
	env *plugin.Env
	// network is tcp, tcp4 (-4) or tcp6 (-6).
	network string
	// target is the host name of -H, whose connections go to address
	// (-I) when that is set.
	target, address string
	// socks is the SOCKS5 proxy, with socksDial dialing through it.
	socks     *url.URL
	socksDial func(ctx context.Context, network, addr string) (net.Conn, error)
}

// setupNetwork installs the proxies and the dialer on tr, for requests
// to base; it returns the proxies for the error messages.
func setupNetwork(env *plugin.Env, base *url.URL, tr *http.Transport) (*proxies, error) {
	px, err := newProxies(env)
	if err != nil {
		return nil, err
	}
	first, err := px.forURL(base)
	if err != nil {
		return nil, err
	}
	d := &dialer{env: env, network: "tcp", target: base.Hostname(), address: env.Common.Address}
	switch {
	case env.Common.IPv4:
		d.network = "tcp4"
	case env.Common.IPv6:
		d.network = "tcp6"
	}
	if first != nil && d.address != "" && !isSOCKS(first) {
		return nil, plugin.Errorf(plugin.ErrUsage, "-I/--address cannot be used through the HTTP proxy %s, which connects by the name of -H itself; use --proxy=none or a SOCKS5 proxy", proxyName(first))
	}
	if first != nil && isSOCKS(first) {
		d.useSOCKS(first)
	}
	tr.Proxy = px.transportProxy
	tr.OnProxyConnectResponse = px.connectResponse
	tr.DialContext = d.dial
	return px, nil
}

// useSOCKS makes every connection through the SOCKS5 proxy u.
func (d *dialer) useSOCKS(u *url.URL) {
	var auth *proxy.Auth
	if u.User != nil {
		pw, _ := u.User.Password()
		auth = &proxy.Auth{User: u.User.Username(), Password: pw}
	}
	// proxy.SOCKS5 fails only for a nil forward dialer
	s, _ := proxy.SOCKS5("tcp", proxyName(u), auth, forward{d, proxyName(u)})
	d.socks = u
	d.socksDial = s.(proxy.ContextDialer).DialContext
}

// dial is the transport's DialContext.
func (d *dialer) dial(ctx context.Context, _, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	if d.address != "" && strings.EqualFold(host, d.target) {
		host = d.address
		d.env.Tracef("* connecting to %s for %s (-I)", net.JoinHostPort(host, port), d.target)
	}
	if d.socks == nil {
		conn, err := (&net.Dialer{KeepAlive: -1}).DialContext(ctx, d.network, net.JoinHostPort(host, port))
		return conn, d.familyError(host, err)
	}
	return d.dialSOCKS(ctx, host, port)
}

// familyError says that host has no address of the family of -4/-6,
// when that is why err happened; otherwise it returns err.
func (d *dialer) familyError(host string, err error) error {
	var aerr *net.AddrError
	if err == nil || d.network == "tcp" || !errors.As(err, &aerr) {
		return err
	}
	family, flag := "IPv4", "-4"
	if d.network == "tcp6" {
		family, flag = "IPv6", "-6"
	}
	if net.ParseIP(host) != nil {
		return fmt.Errorf("%s is not an %s address (%s)", host, family, flag)
	}
	return fmt.Errorf("%s has no %s address (%s)", host, family, flag)
}

// dialSOCKS connects to host:port through the SOCKS5 proxy: socks5://
// resolves the name here (over the family of -4/-6), socks5h:// sends it
// to the proxy.
func (d *dialer) dialSOCKS(ctx context.Context, host, port string) (net.Conn, error) {
	target := net.JoinHostPort(host, port)
	if d.socks.Scheme == "socks5" && net.ParseIP(host) == nil {
		ips, err := net.DefaultResolver.LookupNetIP(ctx, "ip"+strings.TrimPrefix(d.network, "tcp"), host)
		if err != nil {
			return nil, err
		}
		target = net.JoinHostPort(ips[0].Unmap().String(), port)
	}
	d.env.Tracef("* through SOCKS5 proxy %s to %s", proxyName(d.socks), target)
	conn, err := d.socksDial(ctx, "tcp", target)
	if err == nil {
		return conn, nil
	}
	var down *proxyUnreachable
	if errors.As(err, &down) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) || errors.Is(err, os.ErrDeadlineExceeded) {
		return nil, err
	}
	reason := strings.TrimPrefix(innermost(err), "unknown error ")
	auth := strings.Contains(reason, "authentication") || strings.Contains(reason, "username/password")
	return nil, &proxyRefusal{proxy: proxyName(d.socks), target: net.JoinHostPort(host, port), status: reason, auth: auth}
}

// forward dials the SOCKS5 proxy itself; its failures are the proxy's.
type forward struct {
	d     *dialer
	proxy string
}

// Dial is DialContext without a deadline (proxy.Dialer).
func (f forward) Dial(network, addr string) (net.Conn, error) {
	return f.DialContext(context.Background(), network, addr)
}

// DialContext connects to the proxy over the family of -4/-6.
func (f forward) DialContext(ctx context.Context, _, addr string) (net.Conn, error) {
	conn, err := (&net.Dialer{KeepAlive: -1}).DialContext(ctx, f.d.network, addr)
	if err != nil && ctx.Err() == nil && !errors.Is(err, os.ErrDeadlineExceeded) {
		return nil, &proxyUnreachable{proxy: f.proxy, err: err}
	}
	return conn, err
}
