package httpc

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestHostPort: messages name the port, the scheme's default one too
// ("cannot connect to 127.0.0.1:443", not "127.0.0.1").
func TestHostPort(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"https://127.0.0.1", "127.0.0.1:443"},
		{"http://chat.example.com/prefix", "chat.example.com:80"},
		{"http://itgrix.local:8077", "itgrix.local:8077"},
		{"https://[::1]", "[::1]:443"},
		{"https://[::1]:8443", "[::1]:8443"},
	} {
		t.Run(tt.in, func(t *testing.T) {
			u, err := url.Parse(tt.in)
			if assert.NoError(t, err) {
				assert.Equal(t, tt.want, hostPort(u))
			}
		})
	}
}

// TestBackoffHasAFloor: "Retry-After: 0" (or a past date) does not make
// retries back to back.
func TestBackoffHasAFloor(t *testing.T) {
	for _, ra := range []string{"0", "-5", "Wed, 21 Oct 2015 07:28:00 GMT", ""} {
		t.Run("Retry-After "+ra, func(t *testing.T) {
			resp := &http.Response{StatusCode: http.StatusServiceUnavailable, Header: http.Header{}}
			if ra != "" {
				resp.Header.Set("Retry-After", ra)
			}
			for attempt := range 5 {
				w := backoff(retryWaitMin, retryWaitMax, attempt, resp)
				assert.GreaterOrEqual(t, w, retryWaitMin, "attempt %d", attempt)
				assert.LessOrEqual(t, w, retryWaitMax, "attempt %d", attempt)
			}
		})
	}
}
