package webim

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// decode decodes a Webim answer into v (a pointer): JSON first, then the
// Python-literal form the vendor documents. An answer that is neither says
// what came instead: an HTML page, broken JSON, a field of the wrong type,
// or, when the body looks like a Python literal ('-quoted strings), where
// that literal breaks.
func decode(r *httpc.Response, endpoint, want string, v any) error {
	body := bytes.TrimSpace(r.Body)
	if len(body) == 0 || (body[0] != '{' && body[0] != '[') {
		return httpc.DecodeJSON(r, endpoint, want, v)
	}
	// Webim serves its literals as text/html: a body that starts like a
	// literal is judged by its content, not by that header.
	plain := *r
	plain.Header = http.Header{}
	err := json.Unmarshal(body, v)
	if err == nil {
		return nil
	}
	var syn *json.SyntaxError
	if !errors.As(err, &syn) {
		// well-formed JSON of the wrong shape: name the field
		return httpc.DecodeJSON(&plain, endpoint, want, v)
	}
	conv, perr := PythonToJSON(body)
	if perr == nil {
		// the failed first attempt may have filled part of v
		reflect.ValueOf(v).Elem().SetZero()
		if json.Unmarshal(conv, v) == nil {
			return nil
		}
		// a well-formed literal of the wrong shape: name the field
		plain.Body = conv
		return httpc.DecodeJSON(&plain, endpoint, want, v)
	}
	if looksPython(body) {
		if want == "" {
			want = "an answer"
		}
		return plugin.Errorf(plugin.ErrDecode, "%s: expected %s, got %s: not a valid Python literal (%v)", endpoint, want, httpc.Describe(body, ""), perr)
	}
	return httpc.DecodeJSON(&plain, endpoint, want, v)
}

// looksPython reports whether the first quote in body is a single quote,
// as in Python's repr ({'result': 'ok'}), rather than JSON's double quote.
func looksPython(body []byte) bool {
	i := bytes.IndexAny(body, `'"`)
	return i >= 0 && body[i] == '\''
}
