package httpc_test

import (
	"io"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/ccmon/webim-checks/lib/httpc"
)

// TestPost: the request a chat event handler gets from Webim (seed 003):
// POST, the data in the query string, an empty body, a form Content-Type.
func TestPost(t *testing.T) {
	type seen struct {
		method, ctype, query, body string
		length                     int64
		user                       string
	}
	got := make(chan seen, 1)
	srv := server(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		u, _, _ := r.BasicAuth()
		got <- seen{r.Method, r.Header.Get("Content-Type"), r.URL.RawQuery, string(b), r.ContentLength, u}
		w.WriteHeader(http.StatusAccepted)
		w.Write([]byte("queued"))
	})
	c := newClient(t, newEnv(0), srv.URL+"/crm/hook", httpc.Basic{User: "crm", Password: "pw-123"})
	q := url.Values{"chat": {`{"id": 1, "name": "Проба & co"}`}, "signature": {"abc"}}
	r, err := c.Post(withTimeout(t, 5*time.Second), "", q)
	require.NoError(t, err)
	assert.Equal(t, http.StatusAccepted, r.StatusCode)
	assert.Equal(t, "queued", string(r.Body))
	s := <-got
	assert.Equal(t, http.MethodPost, s.method)
	assert.Equal(t, "application/x-www-form-urlencoded", s.ctype)
	assert.Equal(t, q.Encode(), s.query)
	assert.Equal(t, "", s.body)
	assert.Equal(t, int64(0), s.length)
	assert.Equal(t, "crm", s.user)
	assert.Equal(t, "POST "+srv.URL+"/crm/hook (query: chat, signature)", r.Step)
}
