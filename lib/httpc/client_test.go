package httpc_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
)

var t0 = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

// newEnv returns the environment of a run with default options, a fixed
// clock and the given number of retries.
func newEnv(retries int) *plugin.Env {
	env := plugin.NewTestEnv(testutil.Fixed(t0))
	env.Common.Retries = retries
	return env
}

// newClient returns a client for rawURL.
func newClient(t *testing.T, env *plugin.Env, rawURL string, auth httpc.Auth) *httpc.Client {
	t.Helper()
	env.Common.Host = rawURL
	c, err := httpc.New(env, auth)
	require.NoError(t, err)
	return c
}

func withTimeout(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

// server starts an httptest server closed at the end of the test.
func server(t *testing.T, h http.HandlerFunc) *httptest.Server {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// scripted answers the n-th request with statuses[n] (the last one from
// then on) and counts the requests.
func scripted(t *testing.T, hits *atomic.Int32, statuses ...int) *httptest.Server {
	return server(t, func(w http.ResponseWriter, r *http.Request) {
		n := int(hits.Add(1)) - 1
		st := statuses[min(n, len(statuses)-1)]
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(st)
		fmt.Fprintf(w, `{"attempt":%d,"status":%d}`, n+1, st)
	})
}

func TestRetries(t *testing.T) {
	tests := []struct {
		name     string
		statuses []int
		retries  int
		requests int32
		kind     error
		msg      string
	}{
		{"503 then 200", []int{503, 200}, 1, 2, nil, ""},
		{"503 twice", []int{503, 503}, 1, 2, plugin.ErrServer, "/x: HTTP 503 Service Unavailable"},
		{"500 is not retried", []int{500, 200}, 1, 1, plugin.ErrServer, "/x: HTTP 500 Internal Server Error"},
		{"429 retried", []int{429, 200}, 1, 2, nil, ""},
		{"502 retried", []int{502, 200}, 1, 2, nil, ""},
		{"504 retried", []int{504, 200}, 1, 2, nil, ""},
		{"no retries", []int{503, 200}, 0, 1, plugin.ErrServer, "HTTP 503"},
		{"404 is not retried", []int{404, 200}, 1, 1, plugin.ErrStatus, ": HTTP 404 Not Found"},
		{"401 is not retried", []int{401, 200}, 3, 1, plugin.ErrAuth, "authentication failed (HTTP 401)"},
		{"three retries", []int{502, 503, 504, 200}, 3, 4, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var hits atomic.Int32
			srv := scripted(t, &hits, tt.statuses...)
			c := newClient(t, newEnv(tt.retries), srv.URL, nil)
			resp, err := c.Get(withTimeout(t, 10*time.Second), "/x", nil)
			assert.Equal(t, tt.requests, hits.Load(), "requests made")
			if tt.kind == nil {
				require.NoError(t, err)
				assert.Equal(t, 200, resp.StatusCode)
				assert.Equal(t, fmt.Sprintf(`{"attempt":%d,"status":200}`, tt.requests), string(resp.Body))
				return
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.kind)
			assert.Contains(t, err.Error(), tt.msg)
		})
	}
}

func TestRetriesStopAtDeadline(t *testing.T) {
	t.Run("always 503", func(t *testing.T) {
		t.Parallel()
		var hits atomic.Int32
		srv := scripted(t, &hits, 503)
		c := newClient(t, newEnv(10), srv.URL, nil)
		start := time.Now()
		_, err := c.Get(withTimeout(t, 1200*time.Millisecond), "/x", nil)
		elapsed := time.Since(start)
		require.Error(t, err)
		// waits of 200 and 400 ms fit; the next 800 ms would not: the
		// last answer is reported rather than a timeout
		assert.ErrorIs(t, err, plugin.ErrServer)
		assert.Less(t, elapsed, 1200*time.Millisecond, "returns before the deadline")
		assert.GreaterOrEqual(t, hits.Load(), int32(2))
		assert.LessOrEqual(t, hits.Load(), int32(4))
	})
	t.Run("Retry-After beyond the deadline", func(t *testing.T) {
		t.Parallel()
		var hits atomic.Int32
		srv := server(t, func(w http.ResponseWriter, r *http.Request) {
			hits.Add(1)
			w.Header().Set("Retry-After", "3600")
			w.WriteHeader(http.StatusServiceUnavailable)
		})
		c := newClient(t, newEnv(1), srv.URL, nil)
		start := time.Now()
		_, err := c.Get(withTimeout(t, time.Second), "/x", nil)
		assert.ErrorIs(t, err, plugin.ErrServer)
		assert.Equal(t, int32(1), hits.Load())
		assert.Less(t, time.Since(start), 500*time.Millisecond)
	})
	t.Run("connection refused", func(t *testing.T) {
		t.Parallel()
		addr := closedPort(t)
		c := newClient(t, newEnv(10), "http://"+addr, nil)
		start := time.Now()
		_, err := c.Get(withTimeout(t, 1200*time.Millisecond), "/x", nil)
		assert.ErrorIs(t, err, plugin.ErrUnreachable)
		assert.Contains(t, err.Error(), "connection refused")
		assert.Less(t, time.Since(start), 1200*time.Millisecond)
	})
}

// redirector answers /r/N with a redirect to /r/N-1 and /r/0 with "ok",
// and records the Authorization header of the last request.
func redirector(t *testing.T) (*httptest.Server, *atomic.Value) {
	var auth atomic.Value
	auth.Store("")
	srv := server(t, func(w http.ResponseWriter, r *http.Request) {
		n, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/r/"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		auth.Store(r.Header.Get("Authorization"))
		if n > 0 {
			http.Redirect(w, r, "/r/"+strconv.Itoa(n-1), http.StatusFound)
			return
		}
		io.WriteString(w, "ok")
	})
	return srv, &auth
}

// recorder counts requests and keeps every Authorization header it saw.
type recorder struct {
	mu    sync.Mutex
	hits  int
	auths []string
}

func (rec *recorder) server(t *testing.T, tls bool) *httptest.Server {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec.mu.Lock()
		rec.hits++
		rec.auths = append(rec.auths, r.Header.Get("Authorization"))
		rec.mu.Unlock()
		io.WriteString(w, "landed")
	})
	return start(t, h, tls)
}

// start starts a loopback server, with TLS if tls, for the test.
func start(t *testing.T, h http.Handler, tls bool) *httptest.Server {
	var srv *httptest.Server
	if tls {
		srv = httptest.NewTLSServer(h)
	} else {
		srv = httptest.NewServer(h)
	}
	t.Cleanup(srv.Close)
	return srv
}

func (rec *recorder) seen() (int, []string) {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return rec.hits, append([]string(nil), rec.auths...)
}

func redirectTo(t *testing.T, target string, tls bool) *httptest.Server {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target, http.StatusTemporaryRedirect)
	})
	return start(t, h, tls)
}

func TestRedirects(t *testing.T) {
	basic := httpc.Basic{User: "monitor", Password: "hunter22"}
	t.Run("three followed", func(t *testing.T) {
		srv, auth := redirector(t)
		c := newClient(t, newEnv(0), srv.URL, basic)
		resp, err := c.Get(withTimeout(t, 5*time.Second), "/r/3", nil)
		require.NoError(t, err)
		assert.Equal(t, "ok", string(resp.Body))
		assert.Equal(t, srv.URL+"/r/0", resp.URL)
		assert.Equal(t, "GET "+srv.URL+"/r/3", resp.Step)
		assert.True(t, strings.HasPrefix(auth.Load().(string), "Basic "), "credentials kept on the same host")
	})
	t.Run("fourth refused", func(t *testing.T) {
		srv, _ := redirector(t)
		c := newClient(t, newEnv(3), srv.URL, basic)
		_, err := c.Get(withTimeout(t, 5*time.Second), "/r/4", nil)
		require.Error(t, err)
		assert.ErrorIs(t, err, plugin.ErrStatus)
		assert.Equal(t, strings.TrimPrefix(srv.URL, "http://")+": redirect refused: more than 3 redirects", err.Error())
	})
	for _, auth := range []struct {
		name string
		auth httpc.Auth
	}{
		{"basic", basic},
		{"api key", httpc.Header{Name: "Authorization", Value: "Apikey 0123456789abcdef"}},
		{"digest", httpc.Digest{User: "monitor", Password: "hunter22"}},
		{"cookie", httpc.Cookie{Cookies: []*http.Cookie{{Name: "auth_token", Value: "tok"}}}},
	} {
		t.Run("other host with credentials refused/"+auth.name, func(t *testing.T) {
			var rec recorder
			other := rec.server(t, false)
			srv := redirectTo(t, other.URL+"/landing", false)
			c := newClient(t, newEnv(1), srv.URL, auth.auth)
			_, err := c.Get(withTimeout(t, 5*time.Second), "/away", nil)
			require.Error(t, err)
			assert.ErrorIs(t, err, plugin.ErrStatus)
			assert.Contains(t, err.Error(), "redirect refused: redirected to another host ("+strings.TrimPrefix(other.URL, "http://")+"); credentials are not sent there")
			hits, _ := rec.seen()
			assert.Zero(t, hits, "the other host is never contacted")
		})
	}
	t.Run("other host without credentials followed", func(t *testing.T) {
		var rec recorder
		other := rec.server(t, false)
		srv := redirectTo(t, other.URL+"/landing", false)
		c := newClient(t, newEnv(0), srv.URL, nil)
		resp, err := c.Get(withTimeout(t, 5*time.Second), "/away", nil)
		require.NoError(t, err)
		assert.Equal(t, "landed", string(resp.Body))
		hits, auths := rec.seen()
		assert.Equal(t, 1, hits)
		assert.Equal(t, []string{""}, auths)
	})
	t.Run("https to http with credentials refused", func(t *testing.T) {
		var rec recorder
		plain := rec.server(t, false)
		srv := redirectTo(t, plain.URL+"/landing", true)
		env := newEnv(1)
		env.Common.Insecure = true // the test server's certificate
		c := newClient(t, env, srv.URL, basic)
		_, err := c.Get(withTimeout(t, 5*time.Second), "/x", nil)
		require.Error(t, err)
		assert.ErrorIs(t, err, plugin.ErrStatus)
		assert.Contains(t, err.Error(), "redirect refused: redirected from https to http; credentials are not sent there")
		hits, _ := rec.seen()
		assert.Zero(t, hits)
	})
}

func TestBodyCap(t *testing.T) {
	t.Run("200 MiB streamed", func(t *testing.T) {
		var written atomic.Int64
		chunk := bytes.Repeat([]byte("0123456789abcdef"), 2048) // 32 KiB
		srv := server(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			for written.Load() < 200<<20 {
				n, err := w.Write(chunk)
				written.Add(int64(n))
				if err != nil {
					return
				}
			}
		})
		c := newClient(t, newEnv(0), srv.URL, nil)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		resp, err := c.Get(withTimeout(t, 30*time.Second), "/huge", nil)
		runtime.ReadMemStats(&after)
		require.Error(t, err)
		assert.Nil(t, resp)
		assert.ErrorIs(t, err, plugin.ErrTooLarge)
		assert.Equal(t, "GET "+srv.URL+"/huge: response too large (more than 4 MiB; raise --max-body if this is expected)", err.Error())
		assert.Equal(t, plugin.Unknown, plugin.StateFor(err, plugin.Critical))
		// everything allocated while reading (client and server both)
		// bounds how far the heap can have grown
		grew := after.TotalAlloc - before.TotalAlloc
		assert.Less(t, grew, uint64(16<<20), "allocated %d MiB for a 4 MiB cap", grew>>20)
		t.Logf("allocated %.1f MiB while refusing a 200 MiB body", float64(grew)/(1<<20))
		assert.Less(t, written.Load(), int64(100<<20), "the client stopped reading")
	})
	t.Run("gzip bomb", func(t *testing.T) {
		var gz bytes.Buffer
		zw, err := gzip.NewWriterLevel(&gz, gzip.BestSpeed)
		require.NoError(t, err)
		_, err = zw.Write(make([]byte, 6<<20))
		require.NoError(t, err)
		require.NoError(t, zw.Close())
		srv := server(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gz.Bytes())
		})
		c := newClient(t, newEnv(0), srv.URL, nil)
		_, err = c.Get(withTimeout(t, 10*time.Second), "/z", nil)
		assert.ErrorIs(t, err, plugin.ErrTooLarge, "the cap applies to the decompressed body")
	})
	t.Run("--max-body 1KiB", func(t *testing.T) {
		srv := server(t, func(w http.ResponseWriter, r *http.Request) {
			n, _ := strconv.Atoi(r.URL.Query().Get("n"))
			w.Write(bytes.Repeat([]byte("x"), n))
		})
		env := newEnv(0)
		require.NoError(t, env.Common.MaxBody.UnmarshalFlag("1KiB"))
		c := newClient(t, env, srv.URL, nil)
		resp, err := c.Get(withTimeout(t, 5*time.Second), "/b", map[string][]string{"n": {"1024"}})
		require.NoError(t, err)
		assert.Len(t, resp.Body, 1024)
		_, err = c.Get(withTimeout(t, 5*time.Second), "/b", map[string][]string{"n": {"1025"}})
		require.Error(t, err)
		assert.ErrorIs(t, err, plugin.ErrTooLarge)
		assert.Equal(t, "GET "+srv.URL+"/b?n=1025: response too large (more than 1 KiB; raise --max-body if this is expected)", err.Error())
	})
}

func TestBodyCapAnnounced(t *testing.T) {
	srv := server(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(200<<20))
		w.WriteHeader(http.StatusOK)
		w.Write(make([]byte, 64<<10))
	})
	c := newClient(t, newEnv(0), srv.URL, nil)
	_, err := c.Get(withTimeout(t, 5*time.Second), "/announced", nil)
	require.Error(t, err)
	assert.ErrorIs(t, err, plugin.ErrTooLarge, "refused from its Content-Length")
}

func TestTimeouts(t *testing.T) {
	tests := []struct {
		name string
		h    http.HandlerFunc
	}{
		{"trickling body", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", "100000")
			w.WriteHeader(http.StatusOK)
			tick := time.NewTicker(50 * time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-r.Context().Done():
					return
				case <-tick.C:
					w.Write([]byte("x"))
					w.(http.Flusher).Flush()
				}
			}
		}},
		{"no answer", func(w http.ResponseWriter, r *http.Request) {
			<-r.Context().Done()
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := server(t, tt.h)
			env := newEnv(1)
			c := newClient(t, env, srv.URL, nil)
			start := time.Now()
			_, err := c.Get(withTimeout(t, time.Second), "/slow", nil)
			elapsed := time.Since(start)
			require.Error(t, err)
			assert.ErrorIs(t, err, plugin.ErrTimeout)
			assert.Contains(t, err.Error(), "timed out after ")
			assert.Contains(t, err.Error(), "GET "+srv.URL+"/slow", "the message names the request that timed out")
			assert.Contains(t, env.CurrentStep(), "GET "+srv.URL+"/slow", "the step that timed out")
			assert.GreaterOrEqual(t, elapsed, time.Second)
			assert.Less(t, elapsed, 1500*time.Millisecond)
		})
	}
}

// closedPort returns the address of a loopback port nobody listens on.
func closedPort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	return addr
}

// rawServer accepts connections on loopback, reads one request and
// hands the connection to handle.
func rawServer(t *testing.T, handle func(c *net.TCPConn)) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			if _, err := http.ReadRequest(bufio.NewReader(c)); err != nil {
				c.Close()
				continue
			}
			handle(c.(*net.TCPConn))
		}
	}()
	return l.Addr().String()
}

func TestTransportErrors(t *testing.T) {
	tests := []struct {
		name string
		url  func(t *testing.T) string
		msg  string
	}{
		{"connection refused", func(t *testing.T) string { return "http://" + closedPort(t) }, "cannot connect to %s: connection refused"},
		{"reset", func(t *testing.T) string {
			return "http://" + rawServer(t, func(c *net.TCPConn) {
				c.SetLinger(0) // close with RST
				c.Close()
			})
		}, "connection to %s reset by peer"},
		{"closed without an answer", func(t *testing.T) string {
			return "http://" + rawServer(t, func(c *net.TCPConn) { c.Close() })
		}, "%s closed the connection without an answer"},
		{"DNS failure", func(*testing.T) string { return "http://nosuchhost.invalid" }, "cannot resolve host nosuchhost.invalid: no such host"},
		{"not TLS", func(t *testing.T) string {
			return "https://" + strings.TrimPrefix(server(t, func(http.ResponseWriter, *http.Request) {}).URL, "http://")
		}, "%s does not speak TLS (is it plain http? try -H http://%[1]s)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			raw := tt.url(t)
			c := newClient(t, newEnv(0), raw, nil)
			_, err := c.Get(withTimeout(t, 5*time.Second), "/x", nil)
			require.Error(t, err)
			assert.ErrorIs(t, err, plugin.ErrUnreachable)
			assert.Equal(t, plugin.Critical, plugin.StateFor(err, plugin.Unknown))
			host := c.Base().Host
			want := tt.msg
			if strings.Contains(want, "%") {
				want = fmt.Sprintf(want, host)
			}
			assert.Equal(t, want, err.Error())
		})
	}
}

func TestStatusErrors(t *testing.T) {
	tests := []struct {
		name   string
		status int
		ctype  string
		body   string
		kind   error
		msg    string
	}{
		{"401", 401, "text/plain", "go away", plugin.ErrAuth, "authentication failed (HTTP 401)"},
		{"403", 403, "", "", plugin.ErrAuth, "authentication failed (HTTP 403)"},
		{"404", 404, "text/plain", "not here\n", plugin.ErrStatus, `GET {URL}/prefix/x: HTTP 404 Not Found ("not here")`},
		{"418 no body", 418, "", "", plugin.ErrStatus, "GET {URL}/prefix/x: HTTP 418 I'm a teapot"},
		{"499 unnamed", 499, "", "", plugin.ErrStatus, "GET {URL}/prefix/x: HTTP 499"},
		{"502 HTML", 502, "text/html", "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>",
			plugin.ErrServer, `GET {URL}/prefix/x: HTTP 502 Bad Gateway (an HTML page titled "502 Bad Gateway")`},
		{"500 JSON", 500, "application/json", `{"result": "error", "e": "Failed to connect to database meta"}`,
			plugin.ErrServer, `GET {URL}/prefix/x: HTTP 500 Internal Server Error ("{\"result\": \"error\", \"e\": \"Failed to connect to database meta\"}")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := server(t, func(w http.ResponseWriter, r *http.Request) {
				if tt.ctype != "" {
					w.Header().Set("Content-Type", tt.ctype)
				}
				w.WriteHeader(tt.status)
				io.WriteString(w, tt.body)
			})
			c := newClient(t, newEnv(0), srv.URL+"/prefix", nil)
			resp, err := c.Get(withTimeout(t, 5*time.Second), "/x", nil)
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.kind)
			assert.Equal(t, strings.ReplaceAll(tt.msg, "{URL}", srv.URL), err.Error())
			require.NotNil(t, resp, "Get returns the answer with the error")
			assert.Equal(t, tt.status, resp.StatusCode)

			resp, err = c.Do(withTimeout(t, 5*time.Second), "/x", nil)
			require.NoError(t, err, "Do accepts any status")
			assert.Equal(t, tt.status, resp.StatusCode)
			assert.Equal(t, tt.body, string(resp.Body))
			assert.Equal(t, "GET "+srv.URL+"/prefix/x", resp.Step)
		})
	}
}

type timerStats struct {
	LastMin map[string]int `json:"last_min"`
}

func TestDecodeJSON(t *testing.T) {
	const endpoint, want = "timer-stats", "a JSON object with last_min"
	tests := []struct {
		name  string
		ctype string
		body  string
		msg   string
	}{
		{"valid", "application/json", `{"last_min": {"a": 1}}`, ""},
		{"HTML page", "text/html; charset=utf-8", "<!DOCTYPE html><html><head><title>Вход в систему</title></head><body>login</body></html>",
			`timer-stats: expected a JSON object with last_min, got an HTML page titled "Вход в систему" (a login page or a proxy error?)`},
		{"HTML without content type", "", "\n  <html><body>Sign in</body></html>",
			`timer-stats: expected a JSON object with last_min, got an HTML page (a login page or a proxy error?)`},
		{"empty body", "application/json", "", "timer-stats: empty answer, expected a JSON object with last_min"},
		{"blank body", "application/json", " \n\t", "timer-stats: empty answer, expected a JSON object with last_min"},
		{"truncated JSON", "application/json", `{"last_min": {"a": 1`, `timer-stats: expected a JSON object with last_min, got "{\"last_min\": {\"a\": 1": truncated JSON`},
		{"broken JSON", "application/json", `{"last_min" 1}`, `timer-stats: expected a JSON object with last_min, got "{\"last_min\" 1}": invalid JSON at byte 13`},
		{"wrong field type", "application/json", `{"last_min": "soon"}`, `timer-stats: expected a JSON object with last_min, got "{\"last_min\": \"soon\"}": field last_min is a JSON string, not map[string]int`},
		{"wrong top-level type", "application/json", `[1, 2]`, `timer-stats: expected a JSON object with last_min, got "[1, 2]": a JSON array, not httpc_test.timerStats`},
		{"Python literal", "text/plain", `{'last_min': {}}`, `timer-stats: expected a JSON object with last_min, got "{'last_min': {}}": invalid JSON at byte 2`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := server(t, func(w http.ResponseWriter, r *http.Request) {
				if tt.ctype != "" {
					w.Header().Set("Content-Type", tt.ctype)
				}
				io.WriteString(w, tt.body)
			})
			c := newClient(t, newEnv(0), srv.URL, nil)
			resp, err := c.Get(withTimeout(t, 5*time.Second), "/l/a/monitor/timer-stats", nil)
			require.NoError(t, err)
			var v timerStats
			err = httpc.DecodeJSON(resp, endpoint, want, &v)
			if tt.msg == "" {
				require.NoError(t, err)
				assert.Equal(t, map[string]int{"a": 1}, v.LastMin)
				return
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, plugin.ErrDecode)
			assert.Equal(t, tt.msg, err.Error())
			assert.Equal(t, plugin.Unknown, plugin.StateFor(err, plugin.Critical))
		})
	}
}

func TestDescribe(t *testing.T) {
	tests := []struct {
		name, body, ctype, want string
	}{
		{"empty", "  ", "", ""},
		{"text", "  hello\n\tworld  ", "", `"hello world"`},
		{"long text", strings.Repeat("ab", 100), "", `"` + strings.Repeat("ab", 40) + `..."`},
		{"invalid UTF-8", "a\xffb", "", `"a?b"`},
		{"HTML with title", "<html><title>\n Login \n</title></html>", "", `an HTML page titled "Login"`},
		{"HTML by content type", "plain words", "text/html", "an HTML page"},
		{"HTML unclosed title", "<html><title>Login", "", "an HTML page"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, httpc.Describe([]byte(tt.body), tt.ctype))
		})
	}
	assert.Equal(t, "Жж...", httpc.Snippet([]byte("Жжжж"), 2), "cut between letters")
}

// seen is what a server saw of a request.
type seen struct {
	userAgent, connection, accept string
	close                         bool
}

func TestRequestHeaders(t *testing.T) {
	got := make(chan seen, 1)
	srv := server(t, func(w http.ResponseWriter, r *http.Request) {
		got <- seen{userAgent: r.UserAgent(), connection: r.Header.Get("Connection"), accept: r.Header.Get("Accept"), close: r.Close}
		io.WriteString(w, "{}")
	})
	env := newEnv(0)
	c := newClient(t, env, srv.URL, nil)
	_, err := c.Get(withTimeout(t, 5*time.Second), "/x", nil)
	require.NoError(t, err)
	s := <-got
	assert.Equal(t, "webim-checks/"+plugin.Version, s.userAgent)
	assert.True(t, s.close, "keep-alive is off: the request says Connection: close")
	assert.Equal(t, "application/json, text/plain;q=0.9, */*;q=0.1", s.accept)
	assert.Equal(t, "the rest of the answer to GET "+srv.URL+"/x", env.CurrentStep())

	d, made := env.RequestTime()
	assert.True(t, made, "the request is noted for the time perfdata")
	assert.Zero(t, d, "a fixed clock measures 0")
	assert.Zero(t, c.Elapsed())
}

func TestElapsedCountsRetries(t *testing.T) {
	var calls atomic.Int64
	env := newEnv(1)
	// each reading of the clock advances it by a second
	env.Now = func() time.Time { return t0.Add(time.Duration(calls.Add(1)) * time.Second) }
	var hits atomic.Int32
	srv := scripted(t, &hits, 503, 200)
	c := newClient(t, env, srv.URL, nil)
	_, err := c.Get(withTimeout(t, 5*time.Second), "/x", nil)
	require.NoError(t, err)
	assert.Equal(t, int32(2), hits.Load())
	assert.Equal(t, time.Second, c.Elapsed(), "one span from the first request to the last byte")
	_, err = c.Get(withTimeout(t, 5*time.Second), "/x", nil)
	require.NoError(t, err)
	assert.Equal(t, 2*time.Second, c.Elapsed(), "requests add up")
}
