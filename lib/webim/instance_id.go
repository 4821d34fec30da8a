package webim

import (
	"bytes"
	"context"
	"net/http"
	"strings"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// InstanceIDPath is the endpoint path.
const InstanceIDPath = "/l/i/instance-id"

// maxInstanceID bounds the length of an instance id; the documented one is
// 32 hex digits.
const maxInstanceID = 128

// InstanceID fetches TORNADO_INSTANCE_ID, generated when the Chat Backend
// starts (seed 000, /l/i/instance-id: "Изменение значения параметра
// говорит о перезапуске Chat Backend"); a change means a restart. The
// answer is a bare hex string, e.g. 9b5ad6b158354197bcfb949c55756c4c.
func (c *Client) InstanceID(ctx context.Context) (string, error) {
	r, err := c.get(ctx, InstanceIDPath, nil)
	if err != nil {
		return "", err
	}
	if err := c.expect(r, http.StatusOK); err != nil {
		return "", err
	}
	return ParseInstanceID(r.Body)
}

// ParseInstanceID reads the answer of /l/i/instance-id: hex digits,
// optionally surrounded by whitespace and one pair of quotes (as a JSON or
// Python string). It returns the id in lower case. Anything else (an HTML
// page, a JSON object, text) is an error of kind [plugin.ErrDecode] that
// says what came instead. The content type is not trusted: the Chat
// Backend sends plain strings as text/html.
func ParseInstanceID(body []byte) (string, error) {
	t := bytes.TrimSpace(body)
	if len(t) >= 2 && (t[0] == '"' || t[0] == '\'') && t[len(t)-1] == t[0] {
		t = bytes.TrimSpace(t[1 : len(t)-1])
	}
	switch {
	case len(bytes.TrimSpace(body)) == 0:
		return "", plugin.Errorf(plugin.ErrDecode, "instance-id: empty answer, expected a hex instance id")
	case len(t) == 0:
		return "", plugin.Errorf(plugin.ErrDecode, "instance-id: empty string, expected a hex instance id")
	case len(t) > maxInstanceID || !isHex(t):
		return "", plugin.Errorf(plugin.ErrDecode, "instance-id: expected a hex instance id, got %s", httpc.Describe(body, ""))
	}
	return strings.ToLower(string(t)), nil
}

// IsInstanceID reports whether s is a well-formed instance id as returned
// by [ParseInstanceID] (for ids read back from a state file).
func IsInstanceID(s string) bool {
	return s != "" && len(s) <= maxInstanceID && isHex([]byte(s)) && strings.ToLower(s) == s
}

func isHex(b []byte) bool {
	for _, c := range b {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return len(b) > 0
}
