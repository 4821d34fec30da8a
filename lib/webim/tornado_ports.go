package webim

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// TornadoPortsPath is the endpoint path (seed 000 documents it as
// /service/monitor/get-tornado-ports.php under the PHP application's
// /webim prefix).
const TornadoPortsPath = "/webim/service/monitor/get-tornado-ports.php"

// TornadoPorts fetches the TCP ports the Chat Backend answers on (seed
// 000, "Возвращает список TCP-портов, на которых отвечает Chat Backend"):
// a list of strings, ["8364", "8366", ...]. The ports are returned sorted
// and without duplicates.
func (c *Client) TornadoPorts(ctx context.Context) ([]int, error) {
	r, err := c.get(ctx, TornadoPortsPath, nil)
	if err != nil {
		return nil, err
	}
	if r.StatusCode != http.StatusOK {
		return nil, c.fail(r)
	}
	return DecodeTornadoPorts(r)
}

// port is one entry of the list: a string as documented, or a number.
type port int

// UnmarshalJSON reads "8364" or 8364; anything else, or a number outside
// 1..65535, is an error.
func (p *port) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		b = []byte(s)
	}
	n, err := strconv.Atoi(string(b))
	if err != nil || n < 1 || n > 65535 {
		return fmt.Errorf("%s is not a TCP port", strconv.Quote(httpc.Snippet(b, 20)))
	}
	*p = port(n)
	return nil
}

// DecodeTornadoPorts reads a 200 answer of get-tornado-ports.php (JSON or
// its Python-literal form). An empty list is an answer; null, anything
// but a list, or an entry that is not a port is an error of kind
// [plugin.ErrDecode].
func DecodeTornadoPorts(r *httpc.Response) ([]int, error) {
	var list []port
	if err := decode(r, "get-tornado-ports", "a JSON list of ports", &list); err != nil {
		return nil, err
	}
	if list == nil {
		return nil, plugin.Errorf(plugin.ErrDecode, "get-tornado-ports: expected a JSON list of ports, got %s", httpc.Describe(r.Body, ""))
	}
	out := make([]int, 0, len(list))
	for _, p := range list {
		out = append(out, int(p))
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}
