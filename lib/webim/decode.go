package webim

import (
	"bytes"
	"encoding/json"

	"github.com/ccmon/webim-checks/lib/httpc"
)

// decode decodes a Webim answer into v: JSON first, then the Python-literal
// form the vendor documents. Errors are those of [httpc.DecodeJSON] (the
// JSON attempt), which say what came instead.
func decode(r *httpc.Response, endpoint, want string, v any) error {
	body := bytes.TrimSpace(r.Body)
	if len(body) > 0 && (body[0] == '{' || body[0] == '[') {
		if json.Unmarshal(body, v) == nil {
			return nil
		}
		if conv, err := PythonToJSON(body); err == nil {
			if json.Unmarshal(conv, v) == nil {
				return nil
			}
		}
	}
	return httpc.DecodeJSON(r, endpoint, want, v)
}
