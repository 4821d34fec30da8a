package testutil

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// Serve starts a loopback server for the test that answers every request
// with status, contentType and body, and returns its URL.
func Serve(t testing.TB, status int, contentType, body string) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// Answer is what a [FixtureServer] sends for one name.
type Answer struct {
	// Status is the HTTP status; 0 is 200.
	Status int
	// ContentType is the Content-Type; "" is application/json.
	ContentType string
	// Body is the body, sent as is.
	Body []byte
}

// FixtureServer starts a loopback server for the test that answers
// GET /<name><endpoint> (endpoint with its leading slash, e.g. "/status")
// with answers[name], without authentication, and anything else with 404.
func FixtureServer(t testing.TB, endpoint string, answers map[string]Answer) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, ok := strings.CutSuffix(strings.TrimPrefix(r.URL.Path, "/"), endpoint)
		a, known := answers[name]
		if !ok || !known {
			http.NotFound(w, r)
			return
		}
		if a.ContentType == "" {
			a.ContentType = "application/json"
		}
		w.Header().Set("Content-Type", a.ContentType)
		if a.Status != 0 {
			w.WriteHeader(a.Status)
		}
		w.Write(a.Body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// JSONFixtures returns, for each name, an [Answer] whose body is the file
// testdata/<dir>/<name>.json.
func JSONFixtures(t testing.TB, dir string, names ...string) map[string]Answer {
	t.Helper()
	m := make(map[string]Answer, len(names))
	for _, n := range names {
		m[n] = Answer{Body: Fixture(t, dir+"/"+n+".json")}
	}
	return m
}

// ItgrixBadAnswers returns, by name, answers of the Itgrix status that no
// check accepts: an HTML login page ("login"), truncated JSON
// ("truncated"), a Python literal ("python") and an HTML 502 page
// ("502"). A test adds its own to the map.
func ItgrixBadAnswers(t testing.TB) map[string]Answer {
	t.Helper()
	return map[string]Answer{
		"login":     {ContentType: "text/html; charset=utf-8", Body: Fixture(t, "bad/login.html")},
		"truncated": {Body: Fixture(t, "itgrix/status/truncated.json")},
		"python":    {ContentType: "text/plain", Body: Fixture(t, "itgrix/status/python.txt")},
		"502":       {Status: 502, ContentType: "text/html", Body: Fixture(t, "bad/502.html")},
	}
}

// Tunnel answers the CONNECT request r as an HTTP proxy does: it connects
// to addr (502 when it cannot), says so, and copies both ways between the
// client and addr until either side closes.
func Tunnel(w http.ResponseWriter, r *http.Request, addr string) {
	up, err := net.Dial("tcp", addr)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	down, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		up.Close()
		return
	}
	buf.WriteString("HTTP/1.1 200 Connection established\r\n\r\n")
	buf.Flush()
	Pipe(down, buf.Reader, up)
}

// Pipe copies both ways between a client down (read through r) and up
// until either side closes.
func Pipe(down net.Conn, r io.Reader, up net.Conn) {
	done := make(chan struct{})
	go func() { io.Copy(up, r); up.Close(); close(done) }()
	io.Copy(down, up)
	down.Close()
	<-done
}

// RefusedAddr returns host:port of a loopback port that refuses
// connections for as long as the test runs: a socket is bound to it but
// never listens, so that no other test's server can take the port in the
// meantime (a port merely closed again could be). It fails the test if
// the port accepts a connection.
func RefusedAddr(t testing.TB) string {
	t.Helper()
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { syscall.Close(fd) })
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatal(err)
	}
	sa, err := syscall.Getsockname(fd)
	if err != nil {
		t.Fatal(err)
	}
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(sa.(*syscall.SockaddrInet4).Port))
	if c, err := net.Dial("tcp", addr); err == nil {
		c.Close()
		t.Fatalf("%s accepts connections", addr)
	}
	return addr
}
