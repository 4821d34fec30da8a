package httpc

import (
	"bytes"
	"encoding/json"

	"github.com/ccmon/webim-checks/lib/plugin"
)

// DecodeJSON decodes the body of r into v. endpoint names the answer in
// messages ("timer-stats"); want says what was expected ("a JSON object
// with last_min"). An HTML page, an empty body or broken JSON is an
// ErrDecode that says what came instead.
func DecodeJSON(r *Response, endpoint, want string, v any) error {
	body := bytes.TrimSpace(r.Body)
	if len(body) == 0 {
		return plugin.Errorf(plugin.ErrDecode, "%s: empty answer, expected %s", endpoint, want)
	}
	if IsHTML(body, r.Header.Get("Content-Type")) {
		return plugin.Errorf(plugin.ErrDecode, "%s: expected %s, got %s (a login page or a proxy error?)", endpoint, want, Describe(body, "text/html"))
	}
	if err := json.Unmarshal(body, v); err != nil {
		return plugin.Errorf(plugin.ErrDecode, "%s: expected %s, got %s: %s", endpoint, want, Describe(body, ""), plugin.JSONProblem(err, ""))
	}
	return nil
}
