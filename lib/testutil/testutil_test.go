package testutil_test

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Errorf(string, ...any) { r.failed = true }

func TestAssertions(t *testing.T) {
	tests := []struct {
		name   string
		assert func(tb testing.TB)
		fails  bool
	}{
		{"first line equal", func(tb testing.TB) { testutil.AssertFirstLine(tb, 0, "OK - fine\nlong\n", 0, "OK - fine") }, false},
		{"first line differs", func(tb testing.TB) { testutil.AssertFirstLine(tb, 0, "OK - fine\n", 0, "OK - fin") }, true},
		{"first line, exit differs", func(tb testing.TB) { testutil.AssertFirstLine(tb, 1, "OK - fine\n", 0, "OK - fine") }, true},
		{"prefix of the first line", func(tb testing.TB) {
			testutil.AssertFirstLinePrefix(tb, 2, "CRITICAL - down | time=0s\n", 2, "CRITICAL - down")
		}, false},
		{"prefix beyond the first line", func(tb testing.TB) { testutil.AssertFirstLinePrefix(tb, 0, "OK\nmore", 0, "OK\nmore") }, true},
		{"prefix, exit differs", func(tb testing.TB) { testutil.AssertFirstLinePrefix(tb, 3, "OK", 0, "OK") }, true},
		{"secret absent", func(tb testing.TB) { testutil.AssertNotPrinted(tb, "s3cret", "password=****", "") }, false},
		{"secret on stderr", func(tb testing.TB) { testutil.AssertNotPrinted(tb, "s3cret", "ok", "> Authorization: Basic s3cret") }, true},
		{"empty secret not looked for", func(tb testing.TB) { testutil.AssertNotPrinted(tb, "", "anything") }, false},
		{"redacted Basic", func(tb testing.TB) { testutil.AssertRedactedAuth(tb, "> Authorization: Basic ****\n", "Basic") }, false},
		{"Digest not redacted", func(tb testing.TB) { testutil.AssertRedactedAuth(tb, "> Authorization: Digest username=a\n", "Digest") }, true},
		{"error of the kind", func(tb testing.TB) {
			testutil.AssertErrorKind(tb, fmt.Errorf("status: %w", plugin.ErrDecode), plugin.ErrDecode, "status")
		}, false},
		{"error of another kind", func(tb testing.TB) { testutil.AssertErrorKind(tb, plugin.ErrAuth, plugin.ErrDecode, "") }, true},
		{"error without the message", func(tb testing.TB) { testutil.AssertErrorKind(tb, plugin.ErrDecode, plugin.ErrDecode, "status") }, true},
		{"no error wanted, none", func(tb testing.TB) { testutil.AssertErrorKind(tb, nil, nil, "") }, false},
		{"no stderr", func(tb testing.TB) { testutil.AssertNoStderr(tb, "") }, false},
		{"stderr", func(tb testing.TB) { testutil.AssertNoStderr(tb, "trace") }, true},
		{"within the time", func(tb testing.TB) { testutil.Within(tb, time.Hour)() }, false},
		{"no limit", func(tb testing.TB) { testutil.Within(tb, 0)() }, false},
		{"over the time", func(tb testing.TB) {
			done := testutil.Within(tb, time.Nanosecond)
			for start := time.Now(); time.Since(start) <= time.Nanosecond; { // busy: more than 1ns passes
			}
			done()
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{TB: t}
			tt.assert(r)
			assert.Equal(t, tt.fails, r.failed)
		})
	}
}

func TestHelpersOfText(t *testing.T) {
	assert.Equal(t, "first", testutil.FirstLine("first\nsecond\n"))
	assert.Equal(t, "only", testutil.FirstLine("only"))
	assert.Equal(t, "cannot connect to HOST; see http://HOST/x", testutil.Hostless("cannot connect to 127.0.0.1:4321; see http://127.0.0.1:4321/x", "http://127.0.0.1:4321/scenario"))
	srv := httptest.NewServer(http.NotFoundHandler())
	defer srv.Close()
	assert.Equal(t, []string{"-H", srv.URL, "-U", "u", "--format", "json"}, testutil.SimArgs(srv, "", []string{"-U", "u"}, "--format", "json"))
	assert.Equal(t, []string{"-H", srv.URL + "/hang", "-t", "1"}, testutil.SimArgs(srv, "hang", nil, "-t", "1"))
	login := testutil.WebimLogin()
	login[1] = "changed"
	assert.NotEqual(t, "changed", testutil.WebimLogin()[1], "a new slice at each call")
	assert.Len(t, testutil.ItgrixLogin(), 4)
}

func TestSecretFile(t *testing.T) {
	p := testutil.SecretFile(t, "pw\n")
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	assert.Equal(t, "pw\n", string(b))
	fi, err := os.Stat(p)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm())
}

func TestServers(t *testing.T) {
	fx := testutil.FixtureServer(t, "/status", map[string]testutil.Answer{
		"json": {Body: []byte(`{"a": 1}`)},
		"html": {Status: 502, ContentType: "text/html", Body: []byte("<html>")},
	})
	one := testutil.Serve(t, 403, "text/plain", "Forbidden")
	tests := []struct {
		name, url   string
		status      int
		contentType string
		body        string
	}{
		{"fixture, defaults", fx.URL + "/json/status", 200, "application/json", `{"a": 1}`},
		{"fixture, status and type", fx.URL + "/html/status", 502, "text/html", "<html>"},
		{"fixture, other endpoint", fx.URL + "/json/other", 404, "text/plain; charset=utf-8", "404 page not found\n"},
		{"fixture, unknown name", fx.URL + "/none/status", 404, "text/plain; charset=utf-8", "404 page not found\n"},
		{"one answer", one + "/any/path", 403, "text/plain", "Forbidden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := http.Get(tt.url)
			require.NoError(t, err)
			defer resp.Body.Close()
			b, err := io.ReadAll(resp.Body)
			require.NoError(t, err)
			assert.Equal(t, tt.status, resp.StatusCode)
			assert.Equal(t, tt.contentType, resp.Header.Get("Content-Type"))
			assert.Equal(t, tt.body, string(b))
		})
	}
}

func TestJSONFixtures(t *testing.T) {
	m := testutil.JSONFixtures(t, "itgrix/status", "ok")
	require.Contains(t, m, "ok")
	assert.Equal(t, testutil.Fixture(t, "itgrix/status/ok.json"), m["ok"].Body)
	assert.Zero(t, m["ok"].Status)
}

func TestRefusedAddr(t *testing.T) {
	addr := testutil.RefusedAddr(t)
	c, err := net.Dial("tcp", addr)
	if err == nil {
		c.Close()
	}
	assert.Error(t, err, fmt.Sprintf("%s accepts connections", addr))
}
