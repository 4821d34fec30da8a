package httpc

import (
	"context"
	"crypto/fips140"
	"crypto/tls"
	"crypto/x509"
	"net"
	"net/http"
	"os"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/tlsroots"
)

// setupTLS configures the TLS side of tr (CONTRACT section 5): the
// server's certificate is verified by default; -k turns that off;
// --ca-file trusts extra CAs on top of the system roots.
//
// Verification is what crypto/tls does by default (host name, validity,
// key usage, intermediates from the handshake, the system roots plus the
// extra CAs), done by a tlsroots.Verifier, which parses only the roots
// that can end the server's chain instead of the whole system store.
// Direct connections are made by a TLS dialer of this package that knows
// the host it dials: InsecureSkipVerify there only hands verification over
// to its VerifyConnection, which checks that host; verification is never
// skipped. An https URL reached through a proxy (HTTPS_PROXY, CONNECT) is
// set up by the transport itself with tr.TLSClientConfig, which keeps Go's
// own verification.
// It returns the dialer it installed, nil with -k (or in FIPS mode).
func setupTLS(env *plugin.Env, tr *http.Transport) (*tlsDialer, error) {
	conf := &tls.Config{MinVersion: tls.VersionTLS12, Time: env.Now}
	tr.TLSClientConfig = conf
	if env.Common.Insecure {
		conf.InsecureSkipVerify = true
		return nil, nil
	}
	extra, err := caFile(env, env.Common.CAFile)
	if err != nil {
		return nil, err
	}
	if fips140.Enabled() {
		// Go filters the verified chains by rules of its own in FIPS
		// mode: leave all of it to the standard verification.
		setRoots(conf, extra, true)
		return nil, nil
	}
	setRoots(conf, extra, httpsProxied(env))
	dialTCP := tr.DialContext
	if dialTCP == nil {
		dialTCP = (&net.Dialer{}).DialContext
	}
	d := &tlsDialer{
		conf:     conf,
		dialTCP:  dialTCP,
		verifier: tlsroots.NewVerifier(tlsroots.System(), extra),
		env:      env,
	}
	tr.DialTLSContext = d.dial
	return d, nil
}

// setRoots sets the roots of the transport's own verification: the
// system pool (nil, read when first needed), or with extra CAs the system
// pool plus those. That pool costs the parse of the whole store, so it is
// made only when the transport can use it (used: an HTTPS proxy is set);
// otherwise the extra CAs alone, which can only be stricter.
func setRoots(conf *tls.Config, extra []*x509.Certificate, used bool) {
	if len(extra) == 0 {
		return
	}
	pool := x509.NewCertPool()
	if used {
		if sys, err := x509.SystemCertPool(); err == nil && sys != nil {
			pool = sys
		}
	}
	for _, c := range extra {
		pool.AddCert(c)
	}
	conf.RootCAs = pool
}

// httpsProxied reports whether an https request can go through an HTTP
// or HTTPS proxy (proxy.go): --proxy, or else HTTPS_PROXY (or
// https_proxy), which the environment uses for those.
func httpsProxied(env *plugin.Env) bool {
	if u, _ := env.Common.Proxy.URL(); u != nil {
		return !isSOCKS(u)
	}
	return !env.Common.Proxy.IsNone() && (os.Getenv("HTTPS_PROXY") != "" || os.Getenv("https_proxy") != "")
}

// caFile reads the extra CA certificates of --ca-file, the PEM blocks
// that x509.CertPool.AppendCertsFromPEM would take.
func caFile(env *plugin.Env, name string) ([]*x509.Certificate, error) {
	if name == "" {
		return nil, nil
	}
	data, err := env.ReadFile("--ca-file", name, plugin.MaxFile)
	if err != nil {
		return nil, err
	}
	certs := tlsroots.PEMCertificates(data, nil, nil)
	if len(certs) == 0 {
		return nil, plugin.Errorf(plugin.ErrUsage, "--ca-file %s: no PEM certificate found", name)
	}
	return certs, nil
}

// tlsDialer makes the TLS connections to the servers (and to an HTTPS
// proxy) and verifies their certificates.
type tlsDialer struct {
	conf     *tls.Config
	dialTCP  func(ctx context.Context, network, addr string) (net.Conn, error)
	verifier *tlsroots.Verifier
	env      *plugin.Env
}

// dial connects to addr and completes the TLS handshake, verifying the
// certificate for the host of addr, which is the name the transport
// itself would verify (and send as SNI).
func (d *tlsDialer) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	raw, err := d.dialTCP(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	conf := d.conf.Clone()
	conf.ServerName = host
	conf.InsecureSkipVerify = true // verified by VerifyConnection below
	conf.VerifyConnection = func(cs tls.ConnectionState) error { return d.verify(cs, host) }
	conn := tls.Client(raw, conf)
	if err := conn.HandshakeContext(ctx); err != nil {
		raw.Close()
		return nil, err
	}
	return conn, nil
}

// verify is crypto/tls's own verification of the server's certificate
// (handshake_client.go, verifyServerCertificate), with the roots of the
// verifier, and the same error.
func (d *tlsDialer) verify(cs tls.ConnectionState, host string) error {
	fast, _ := d.verifier.Counts()
	_, err := d.verifier.Verify(cs.PeerCertificates, host, d.env.Now())
	if err != nil {
		return &tls.CertificateVerificationError{UnverifiedCertificates: cs.PeerCertificates, Err: err}
	}
	how := "with only the roots it can chain to"
	if f, _ := d.verifier.Counts(); f == fast {
		how = "against the whole system root pool"
	}
	d.env.Tracef("* TLS: certificate of %s verified %s", host, how)
	return nil
}
