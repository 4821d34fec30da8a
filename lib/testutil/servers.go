package testutil

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
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

// RefusedAddr returns host:port of a loopback port that nothing listens
// on, so that a connection to it is refused. It fails the test if the
// port still accepts connections.
func RefusedAddr(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	if c, err := net.Dial("tcp", addr); err == nil {
		c.Close()
		t.Fatalf("%s still accepts connections", addr)
	}
	return addr
}
