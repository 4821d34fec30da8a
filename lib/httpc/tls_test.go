package httpc

import (
	"context"
	"crypto"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
)

// tlsNow is the clock of these tests; certificates are made around it.
var tlsNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

const tlsDay = 24 * time.Hour

// issuer is a CA certificate with its key (the test PKI of lib/testutil).
type issuer = testutil.Authority

// mkTLSCert signs tmpl for a new key with parent (nil: self-signed).
func mkTLSCert(t *testing.T, tmpl *x509.Certificate, parent *issuer) (*x509.Certificate, crypto.Signer) {
	t.Helper()
	key := testutil.NewKey()
	return testutil.SignCert(tmpl, key, parent), key
}

func mkCA(t *testing.T, cn string, parent *issuer, nb, na time.Time) *issuer {
	t.Helper()
	return testutil.NewCA(cn, nil, parent, nb, na)
}

// serverCert is a server certificate for names with its chain.
type serverCert struct {
	chain []*x509.Certificate
	key   crypto.Signer
}

func mkServerCert(t *testing.T, parent *issuer, nb, na time.Time, eku x509.ExtKeyUsage, names ...string) serverCert {
	t.Helper()
	key := testutil.NewKey()
	c := testutil.NewLeaf(parent, key, nb, na, eku, names...)
	return serverCert{chain: []*x509.Certificate{c}, key: key}
}

// with appends the certificates the server sends after its own.
func (s serverCert) with(c ...*x509.Certificate) serverCert {
	s.chain = append(append([]*x509.Certificate(nil), s.chain...), c...)
	return s
}

// tlsServer serves 200 {"result": "ok"} over TLS with cert (or, with a
// redirect target, 302 there) on loopback.
func tlsServer(t *testing.T, cert serverCert, redirect string) *httptest.Server {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if redirect != "" {
			http.Redirect(w, r, redirect+r.URL.Path, http.StatusFound)
			return
		}
		fmt.Fprint(w, `{"result": "ok"}`)
	}))
	tc := tls.Certificate{PrivateKey: cert.key}
	for _, c := range cert.chain {
		tc.Certificate = append(tc.Certificate, c.Raw)
	}
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{tc}}
	srv.Config.ErrorLog = nil
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

// pemFile writes certs to a PEM file in the test's directory.
func pemFile(t *testing.T, certs ...*x509.Certificate) string {
	var b []byte
	for _, c := range certs {
		b = append(b, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})...)
	}
	name := filepath.Join(t.TempDir(), "ca.pem")
	require.NoError(t, os.WriteFile(name, b, 0o644))
	return name
}

// on rewrites the URL of srv to reach it by host (127.0.0.1 or localhost).
func on(srv *httptest.Server, host string) string {
	return strings.Replace(srv.URL, "127.0.0.1", host, 1)
}

func get(t *testing.T, env *plugin.Env, rawURL string) (*Response, error) {
	t.Helper()
	env.Common.Host = rawURL
	c, err := New(env, nil)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return c.Get(ctx, "/l/a/monitor/connect-to-db", nil)
}

func TestTLSVerification(t *testing.T) {
	root := mkCA(t, "Test Root", nil, tlsNow.Add(-365*tlsDay), tlsNow.Add(3650*tlsDay))
	inter := mkCA(t, "Test Issuing CA", root, tlsNow.Add(-100*tlsDay), tlsNow.Add(1000*tlsDay))
	oldInter := mkCA(t, "Old Issuing CA", root, tlsNow.Add(-800*tlsDay), time.Date(2026, 5, 2, 0, 0, 0, 0, time.UTC))
	valid := func(names ...string) serverCert {
		return mkServerCert(t, inter, tlsNow.Add(-10*tlsDay), tlsNow.Add(80*tlsDay), x509.ExtKeyUsageServerAuth, names...).with(inter.Cert)
	}
	srv := x509.ExtKeyUsageServerAuth
	loopback := []string{"localhost", "127.0.0.1", "::1"}
	many := []string{"a.example.com", "b.example.com", "c.example.com", "d.example.com", "e.example.com", "f.example.com", "g.example.com"}

	tests := []struct {
		name     string
		cert     serverCert
		host     string // how the server is reached
		trust    []*x509.Certificate
		insecure bool
		want     string // the error, %s the host:port; "" for OK
	}{
		{"valid chain", valid(loopback...), "127.0.0.1", []*x509.Certificate{root.Cert}, false, ""},
		{"valid chain by name", valid(loopback...), "localhost", []*x509.Certificate{root.Cert}, false, ""},
		{"server sends the root too", valid(loopback...).with(root.Cert), "127.0.0.1", []*x509.Certificate{root.Cert}, false, ""},
		{"intermediate trusted directly", valid(loopback...), "127.0.0.1", []*x509.Certificate{inter.Cert}, false, ""},
		{"expired", mkServerCert(t, inter, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 5, 1, 23, 59, 59, 0, time.UTC), srv, loopback...).with(inter.Cert),
			"127.0.0.1", []*x509.Certificate{root.Cert}, false, "%s: certificate expired on 2026-05-01"},
		{"not yet valid", mkServerCert(t, inter, time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC), tlsNow.Add(300*tlsDay), srv, loopback...).with(inter.Cert),
			"127.0.0.1", []*x509.Certificate{root.Cert}, false, "%s: certificate is not valid before 2026-07-01"},
		{"expired intermediate", mkServerCert(t, oldInter, tlsNow.Add(-100*tlsDay), tlsNow.Add(80*tlsDay), srv, loopback...).with(oldInter.Cert),
			"127.0.0.1", []*x509.Certificate{root.Cert}, false, `%s: CA certificate "Old Issuing CA" expired on 2026-05-02`},
		{"wrong host name", valid("chat.example.com"), "localhost", []*x509.Certificate{root.Cert}, false, "%s: certificate is for chat.example.com, not localhost"},
		{"wrong IP address", valid("chat.example.com", "10.0.0.1"), "127.0.0.1", []*x509.Certificate{root.Cert}, false, "%s: certificate is for chat.example.com, 10.0.0.1, not 127.0.0.1"},
		{"many names", valid(many...), "localhost", []*x509.Certificate{root.Cert}, false, "%s: certificate is for a.example.com, b.example.com, c.example.com, d.example.com, e.example.com and 2 more, not localhost"},
		{"only a common name", func() serverCert {
			c, k := mkTLSCert(t, &x509.Certificate{Subject: pkix.Name{CommonName: "localhost"}, NotBefore: tlsNow.Add(-tlsDay), NotAfter: tlsNow.Add(tlsDay), KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{srv}}, inter)
			return serverCert{chain: []*x509.Certificate{c, inter.Cert}, key: k}
		}(), "localhost", []*x509.Certificate{root.Cert}, false, "%s: certificate is not valid for localhost: it names no host in its subject alternative names (its common name localhost is not used for verification)"},
		{"unknown authority", valid(loopback...), "127.0.0.1", nil, false, "%s: certificate signed by unknown authority (issuer: CN=Test Root,O=webim-checks test)"},
		{"intermediate not sent", mkServerCert(t, inter, tlsNow.Add(-10*tlsDay), tlsNow.Add(80*tlsDay), srv, loopback...), "127.0.0.1", []*x509.Certificate{root.Cert}, false,
			"%s: certificate signed by unknown authority (issuer: CN=Test Issuing CA,O=webim-checks test)"},
		{"self-signed", mkServerCert(t, nil, tlsNow.Add(-10*tlsDay), tlsNow.Add(80*tlsDay), srv, loopback...), "127.0.0.1", nil, false,
			"%s: certificate signed by unknown authority (issuer: CN=localhost)"},
		{"client certificate only", mkServerCert(t, inter, tlsNow.Add(-10*tlsDay), tlsNow.Add(80*tlsDay), x509.ExtKeyUsageClientAuth, loopback...).with(inter.Cert),
			"127.0.0.1", []*x509.Certificate{root.Cert}, false, "%s: certificate is not for TLS servers (its extended key usage does not allow server authentication)"},
		{"-k accepts an unknown authority", valid(loopback...), "127.0.0.1", nil, true, ""},
		{"-k accepts an expired certificate", mkServerCert(t, inter, tlsNow.Add(-100*tlsDay), tlsNow.Add(-tlsDay), srv, loopback...).with(inter.Cert), "127.0.0.1", nil, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tlsServer(t, tt.cert, "")
			env := plugin.NewTestEnv(testutil.Fixed(tlsNow))
			env.Common.Retries = 1
			env.Common.Insecure = tt.insecure
			if tt.trust != nil {
				env.Common.CAFile = pemFile(t, tt.trust...)
			}
			u := on(s, tt.host)
			r, err := get(t, env, u)
			if tt.want == "" {
				require.NoError(t, err)
				assert.Equal(t, `{"result": "ok"}`, string(r.Body))
				return
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, plugin.ErrUnreachable)
			assert.Equal(t, plugin.Critical, plugin.StateFor(err, plugin.Unknown))
			assert.Equal(t, fmt.Sprintf(tt.want, strings.TrimPrefix(u, "https://")), err.Error())
		})
	}
}

// TestTLSRedirectChecksEachHost: the certificate of each server is
// checked for the host that server is reached by, as the transport does.
func TestTLSRedirectChecksEachHost(t *testing.T) {
	root := mkCA(t, "Redirect Root", nil, tlsNow.Add(-tlsDay), tlsNow.Add(365*tlsDay))
	cert := func(names ...string) serverCert {
		return mkServerCert(t, root, tlsNow.Add(-tlsDay), tlsNow.Add(90*tlsDay), x509.ExtKeyUsageServerAuth, names...)
	}
	tests := []struct {
		name   string
		target serverCert
		want   string
	}{
		{"target valid for its own name", cert("localhost"), ""},
		{"target valid only for the first host", cert("127.0.0.1"), "%s: certificate is for 127.0.0.1, not localhost"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			target := tlsServer(t, tt.target, "")
			first := tlsServer(t, cert("127.0.0.1"), on(target, "localhost"))
			env := plugin.NewTestEnv(testutil.Fixed(tlsNow))
			env.Common.CAFile = pemFile(t, root.Cert)
			_, err := get(t, env, first.URL)
			if tt.want == "" {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			// the error names the host that failed: the one redirected to
			assert.Equal(t, fmt.Sprintf(tt.want, strings.TrimPrefix(on(target, "localhost"), "https://")), err.Error())
		})
	}
}

func TestTLSCAFileErrors(t *testing.T) {
	notPEM := filepath.Join(t.TempDir(), "ca.txt")
	require.NoError(t, os.WriteFile(notPEM, []byte("not a certificate\n"), 0o644))
	tests := []struct {
		name, file, want string
	}{
		{"missing file", filepath.Join(t.TempDir(), "missing.pem"), "cannot read --ca-file %s: no such file or directory"},
		{"no certificate in it", notPEM, "--ca-file %s: no PEM certificate found"},
		{"endless device", "/dev/zero", "--ca-file %s is larger than 1 MiB"},
		{"a directory", t.TempDir(), "cannot read --ca-file %s: is a directory"},
		{"a FIFO without a writer", fifo(t), "--ca-file %s: no PEM certificate found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := plugin.NewTestEnv(testutil.Fixed(tlsNow))
			env.Common.CAFile = tt.file
			_, err := get(t, env, "https://127.0.0.1:1")
			require.Error(t, err)
			assert.ErrorIs(t, err, plugin.ErrUsage)
			assert.Equal(t, fmt.Sprintf(tt.want, tt.file), err.Error())
		})
	}
}

// TestTLSVerifiesWithTheSmallPool: a chain to an extra CA is verified
// without the system pool; one to no known root is verified against it
// (and rejected) before the error is reported.
func TestTLSVerifiesWithTheSmallPool(t *testing.T) {
	root := mkCA(t, "Pool Root", nil, tlsNow.Add(-tlsDay), tlsNow.Add(365*tlsDay))
	s := tlsServer(t, mkServerCert(t, root, tlsNow.Add(-tlsDay), tlsNow.Add(90*tlsDay), x509.ExtKeyUsageServerAuth, "127.0.0.1"), "")

	env := plugin.NewTestEnv(testutil.Fixed(tlsNow))
	env.Common.CAFile = pemFile(t, root.Cert)
	tr := &http.Transport{DialContext: (&net.Dialer{}).DialContext, DisableKeepAlives: true}
	d, err := setupTLS(env, tr)
	require.NoError(t, err)
	require.NotNil(t, d)
	require.NotNil(t, tr.DialTLSContext)
	assert.False(t, tr.TLSClientConfig.InsecureSkipVerify, "the transport's own TLS (proxies) verifies")

	resp, err := (&http.Client{Transport: tr}).Get(s.URL)
	require.NoError(t, err)
	resp.Body.Close()

	other := tlsServer(t, mkServerCert(t, nil, tlsNow.Add(-tlsDay), tlsNow.Add(90*tlsDay), x509.ExtKeyUsageServerAuth, "127.0.0.1"), "")
	_, err = (&http.Client{Transport: tr}).Get(other.URL)
	var cverr *tls.CertificateVerificationError
	require.ErrorAs(t, err, &cverr)

	fast, fallbacks := d.verifier.Counts()
	assert.Equal(t, int64(1), fast, "verified with the extra CA alone")
	assert.Equal(t, int64(1), fallbacks, "the unknown chain was verified against the system pool too")
}

// connectProxy is an HTTP proxy that only tunnels (CONNECT).
func connectProxy(t *testing.T) *url.URL {
	p := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodConnect {
			http.Error(w, "CONNECT only", http.StatusMethodNotAllowed)
			return
		}
		testutil.Tunnel(w, r, r.Host)
	}))
	t.Cleanup(p.Close)
	u, err := url.Parse(p.URL)
	require.NoError(t, err)
	return u
}

// TestTLSThroughProxy: through a proxy the transport sets TLS up itself,
// and verifies (with the extra CAs) for the host of the URL.
func TestTLSThroughProxy(t *testing.T) {
	root := mkCA(t, "Proxy Root", nil, tlsNow.Add(-tlsDay), tlsNow.Add(365*tlsDay))
	tests := []struct {
		name string
		cert serverCert
		ok   bool
	}{
		{"certificate for the host", mkServerCert(t, root, tlsNow.Add(-tlsDay), tlsNow.Add(90*tlsDay), x509.ExtKeyUsageServerAuth, "127.0.0.1"), true},
		{"certificate for another host", mkServerCert(t, root, tlsNow.Add(-tlsDay), tlsNow.Add(90*tlsDay), x509.ExtKeyUsageServerAuth, "chat.example.com"), false},
	}
	proxy := connectProxy(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tlsServer(t, tt.cert, "")
			env := plugin.NewTestEnv(testutil.Fixed(tlsNow))
			env.Common.CAFile = pemFile(t, root.Cert)
			tr := &http.Transport{Proxy: http.ProxyURL(proxy), DisableKeepAlives: true}
			_, err := setupTLS(env, tr)
			require.NoError(t, err)
			resp, err := (&http.Client{Transport: tr}).Get(s.URL)
			if tt.ok {
				require.NoError(t, err)
				resp.Body.Close()
				return
			}
			var herr x509.HostnameError
			require.ErrorAs(t, err, &herr)
		})
	}
}

// fifo returns the path of a new FIFO that nobody writes to.
func fifo(t *testing.T) string {
	p := filepath.Join(t.TempDir(), "fifo")
	require.NoError(t, syscall.Mkfifo(p, 0o600))
	return p
}

// TestTLSCAFileWaitsWithinTheDeadline: a FIFO whose writer never writes
// holds the run no longer than its deadline.
func TestTLSCAFileWaitsWithinTheDeadline(t *testing.T) {
	p := fifo(t)
	w, err := os.OpenFile(p, os.O_RDWR, 0) // a writer that never writes
	require.NoError(t, err)
	defer w.Close()
	env := plugin.NewTestEnv(nil)
	env.Common.CAFile = p
	env.Deadline = time.Now().Add(50 * time.Millisecond)
	_, err = get(t, env, "https://127.0.0.1:1")
	require.Error(t, err)
	assert.ErrorIs(t, err, plugin.ErrTimeout)
	assert.Contains(t, err.Error(), "waiting for reading --ca-file "+p)
}
