package httpc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

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
		return plugin.Errorf(plugin.ErrDecode, "%s: expected %s, got %s: %s", endpoint, want, Describe(body, ""), jsonReason(err))
	}
	return nil
}

func jsonReason(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn) && syn.Error() == "unexpected end of JSON input":
		return "truncated JSON"
	case errors.As(err, &syn):
		return fmt.Sprintf("invalid JSON at byte %d", syn.Offset)
	case errors.As(err, &typ):
		if typ.Field != "" {
			return fmt.Sprintf("field %s is a JSON %s, not %s", typ.Field, typ.Value, typ.Type)
		}
		return fmt.Sprintf("a JSON %s, not %s", typ.Value, typ.Type)
	}
	if err.Error() == "unexpected end of JSON input" {
		return "truncated JSON"
	}
	return err.Error()
}
