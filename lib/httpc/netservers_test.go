package httpc_test

import (
	"bufio"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/ccmon/webim-checks/lib/testutil"
)

// The loopback servers of the tests of -I, -4/-6, --proxy and --header:
// backends that record what reached them, an HTTP proxy and a SOCKS5
// proxy. Both proxies send every connection to one backend whatever the
// host asked for, so that a target such as chat.example.com is never
// looked up: a request that reached the backend went through the proxy.

// record records what reached a server: "Host | SNI | X-Node" lines, or
// the requests a proxy was asked for.
type record struct {
	mu  sync.Mutex
	all []string
}

func (s *record) add(v string) {
	s.mu.Lock()
	s.all = append(s.all, v)
	s.mu.Unlock()
}

func (s *record) list() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.all...)
}

// backend is a server answering {"result": "ok"} and recording the Host
// header, the TLS server name and the headers of each request.
type backend struct {
	srv    *httptest.Server
	record record
	// req is the last request.
	mu  sync.Mutex
	req *http.Request
}

func (b *backend) handler(w http.ResponseWriter, r *http.Request) {
	sni := "-"
	if r.TLS != nil {
		sni = r.TLS.ServerName
	}
	b.record.add(r.Host + " | " + sni)
	b.mu.Lock()
	b.req = r
	b.mu.Unlock()
	io.WriteString(w, `{"result": "ok"}`)
}

func (b *backend) last() *http.Request {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.req
}

// pki is a test CA and the PEM file trusting it.
type pki struct {
	ca     *testutil.Authority
	caFile string
}

func newPKI(t *testing.T) pki {
	ca := testutil.NewCA("Net Options Root", nil, nil, t0.Add(-24*time.Hour), t0.Add(365*24*time.Hour))
	name := filepath.Join(t.TempDir(), "ca.pem")
	require.NoError(t, os.WriteFile(name, testutil.PEMOf(ca.Cert), 0o644))
	return pki{ca: ca, caFile: name}
}

// newBackend starts a backend on addr (127.0.0.1:0, 127.0.0.2:0,
// [::1]:0); with a pki, over TLS with a certificate for names.
func newBackend(t *testing.T, addr string, p *pki, names ...string) *backend {
	b := &backend{}
	b.srv = httptest.NewUnstartedServer(http.HandlerFunc(b.handler))
	ln, err := net.Listen("tcp", addr)
	require.NoError(t, err)
	b.srv.Listener.Close()
	b.srv.Listener = ln
	if p == nil {
		b.srv.Start()
	} else {
		key := testutil.NewKey()
		leaf := testutil.NewLeaf(p.ca, key, t0.Add(-time.Hour), t0.Add(90*24*time.Hour), x509.ExtKeyUsageServerAuth, names...)
		b.srv.TLS = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{leaf.Raw}, PrivateKey: key}}}
		b.srv.Config.ErrorLog = log.New(io.Discard, "", 0) // handshakes the client refuses
		b.srv.StartTLS()
	}
	t.Cleanup(b.srv.Close)
	return b
}

// addr is the backend's host:port.
func (b *backend) addr() string { return b.srv.Listener.Addr().String() }

// port is the backend's port.
func (b *backend) port() string { _, p, _ := net.SplitHostPort(b.addr()); return p }

// httpProxy is a loopback HTTP proxy: CONNECT tunnels and plain
// forwarding, both to backend. With login set it wants that user:password
// (407 otherwise); with refuse set it answers CONNECT with that status.
type httpProxy struct {
	backend string
	login   string
	refuse  int
	asked   record
}

func (p *httpProxy) start(t *testing.T) *url.URL {
	return p.startTLS(t, nil)
}

// startTLS starts the proxy over TLS with a certificate for names (an
// HTTPS proxy), or plain with no pki.
func (p *httpProxy) startTLS(t *testing.T, k *pki, names ...string) *url.URL {
	srv := httptest.NewUnstartedServer(p)
	if k == nil {
		srv.Start()
	} else {
		key := testutil.NewKey()
		leaf := testutil.NewLeaf(k.ca, key, t0.Add(-time.Hour), t0.Add(90*24*time.Hour), x509.ExtKeyUsageServerAuth, names...)
		srv.TLS = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{leaf.Raw}, PrivateKey: key}}}
		srv.Config.ErrorLog = log.New(io.Discard, "", 0) // handshakes the client refuses
		srv.StartTLS()
	}
	t.Cleanup(srv.Close)
	u, err := url.Parse(srv.URL)
	require.NoError(t, err)
	return u
}

func (p *httpProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if p.login != "" && r.Header.Get("Proxy-Authorization") != "Basic "+base64.StdEncoding.EncodeToString([]byte(p.login)) {
		p.asked.add("407 " + r.Method)
		w.Header().Set("Proxy-Authenticate", `Basic realm="proxy"`)
		w.WriteHeader(http.StatusProxyAuthRequired)
		return
	}
	if r.Method != http.MethodConnect {
		p.asked.add(r.Method + " " + r.URL.String())
		rp := &httputil.ReverseProxy{Rewrite: func(pr *httputil.ProxyRequest) {
			pr.Out.URL.Scheme, pr.Out.URL.Host = "http", p.backend
			pr.Out.Host = pr.In.Host
		}}
		rp.ServeHTTP(w, r)
		return
	}
	p.asked.add("CONNECT " + r.Host)
	if p.refuse != 0 {
		w.WriteHeader(p.refuse)
		return
	}
	testutil.Tunnel(w, r, p.backend)
}

// socksServer is a small SOCKS5 server (RFC 1928, CONNECT only; RFC 1929
// login when login is set) that connects every request to backend, or
// answers with the failure reply when reply is set. It records each
// destination as asked: "name chat.example.com:80" or "ip 127.0.0.1:80".
type socksServer struct {
	backend string
	login   string
	reply   byte
	asked   record
}

func (s *socksServer) start(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	var wg sync.WaitGroup
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() { defer wg.Done(); s.serve(c) }()
		}
	}()
	return ln.Addr().String()
}

func (s *socksServer) serve(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	if err := s.greet(r, c); err != nil {
		return
	}
	dest, err := readRequest(r)
	if err != nil {
		return
	}
	s.asked.add(dest)
	reply := s.reply
	var up net.Conn
	if reply == 0 {
		if up, err = net.Dial("tcp", s.backend); err != nil {
			reply = 5 // connection refused
		}
	}
	c.Write([]byte{5, reply, 0, 1, 127, 0, 0, 1, 0, 0})
	if reply != 0 {
		return
	}
	testutil.Pipe(c, r, up)
}

// greet does the method negotiation and, with a login, RFC 1929.
func (s *socksServer) greet(r *bufio.Reader, w io.Writer) error {
	head := make([]byte, 2)
	if _, err := io.ReadFull(r, head); err != nil || head[0] != 5 {
		return errors.New("not SOCKS5")
	}
	methods := make([]byte, head[1])
	if _, err := io.ReadFull(r, methods); err != nil {
		return err
	}
	if s.login == "" {
		_, err := w.Write([]byte{5, 0})
		return err
	}
	w.Write([]byte{5, 2})
	ver, _ := r.ReadByte()
	user, _ := readShort(r)
	pass, err := readShort(r)
	if err != nil || ver != 1 || user+":"+pass != s.login {
		w.Write([]byte{1, 1})
		return errors.New("login failed")
	}
	_, err = w.Write([]byte{1, 0})
	return err
}

func readShort(r *bufio.Reader) (string, error) {
	n, err := r.ReadByte()
	if err != nil {
		return "", err
	}
	b := make([]byte, n)
	_, err = io.ReadFull(r, b)
	return string(b), err
}

// readRequest reads a CONNECT request and returns its destination.
func readRequest(r *bufio.Reader) (string, error) {
	head := make([]byte, 4)
	if _, err := io.ReadFull(r, head); err != nil || head[1] != 1 {
		return "", errors.New("not a CONNECT")
	}
	var kind, host string
	switch head[3] {
	case 1, 4:
		ip := make([]byte, 4)
		if head[3] == 4 {
			ip = make([]byte, 16)
		}
		if _, err := io.ReadFull(r, ip); err != nil {
			return "", err
		}
		kind, host = "ip", net.IP(ip).String()
	case 3:
		name, err := readShort(r)
		if err != nil {
			return "", err
		}
		kind, host = "name", name
	default:
		return "", errors.New("bad address type")
	}
	port := make([]byte, 2)
	if _, err := io.ReadFull(r, port); err != nil {
		return "", err
	}
	return kind + " " + net.JoinHostPort(host, strconv.Itoa(int(binary.BigEndian.Uint16(port)))), nil
}
