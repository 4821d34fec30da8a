package httpc

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/ccmon/webim-checks/lib/plugin"
)

// Expect is the one place that decides whether an answer counts as one
// (CONTRACT section 6): nil when the status of r is one the endpoint
// documents (200 for every endpoint in the seeds), else the error that
// status maps to ([Client.Fail]). Decoders only ever see a documented
// status: any other 2xx (201, 204, 206, ...), a 1xx or a 3xx that was not
// followed is UNKNOWN naming the status and the endpoint; a status outside
// 100..599 is UNKNOWN "not an HTTP status".
func (c *Client) Expect(r *Response, documented ...int) error {
	if ValidStatus(r.StatusCode) && slices.Contains(documented, r.StatusCode) {
		return nil
	}
	return c.Fail(r)
}

// ValidStatus reports whether code is an HTTP status (100..599).
func ValidStatus(code int) bool { return code >= 100 && code <= 599 }

// Err maps a status that the endpoint does not document to an error of
// the right kind; it never returns nil. 401/403 → authentication failed,
// 5xx → server error (CRITICAL), a code outside 100..599 → not an HTTP
// status, anything else (a 2xx other than the documented one included) →
// UNKNOWN naming the status and the endpoint. Bodies are summarised (HTML
// title, first JSON error).
func (r *Response) Err() error {
	switch {
	case !ValidStatus(r.StatusCode):
		return plugin.Errorf(plugin.ErrStatus, "%s: not an HTTP status (%d)", r.Step, r.StatusCode)
	case r.StatusCode == http.StatusUnauthorized || r.StatusCode == http.StatusForbidden:
		return plugin.Errorf(plugin.ErrAuth, "authentication failed (HTTP %d)", r.StatusCode)
	case r.StatusCode >= 500:
		return plugin.Errorf(plugin.ErrServer, "%s: HTTP %s%s", r.Step, statusText(r), r.detail())
	case r.StatusCode < 300:
		// a success the endpoint does not document: its body (often
		// none, 204) is never taken for an answer
		return plugin.Errorf(plugin.ErrStatus, "%s: HTTP %s, not the documented answer of this endpoint%s", r.Step, statusText(r), r.detail())
	}
	return plugin.Errorf(plugin.ErrStatus, "%s: HTTP %s%s", r.Step, statusText(r), r.detail())
}

func statusText(r *Response) string {
	if t := http.StatusText(r.StatusCode); t != "" {
		return fmt.Sprintf("%d %s", r.StatusCode, t)
	}
	return fmt.Sprint(r.StatusCode)
}
