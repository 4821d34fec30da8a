package webim

import (
	"context"
	"net/http"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// DBStatus is the answer of GET /l/a/monitor/connect-to-db (seed 000):
// 200 {'result': 'ok'}, or 500 {'result': 'error', 'e': 'Failed to connect
// to database meta'} / '... pro @{account_name}'.
type DBStatus struct {
	// Result is "ok" or "error".
	Result string `json:"result"`
	// E is the exception text when Result is "error".
	E string `json:"e"`
}

// ConnectToDBPath is the endpoint path.
const ConnectToDBPath = "/l/a/monitor/connect-to-db"

// ConnectToDB asks whether the Chat Backend has its database connections.
// A documented error answer (HTTP 500 with result "error") is returned as a
// DBStatus, not as an error.
func (c *Client) ConnectToDB(ctx context.Context) (*DBStatus, error) {
	r, err := c.get(ctx, ConnectToDBPath, nil)
	if err != nil {
		return nil, err
	}
	return c.dbStatus(r)
}

// dbStatus interprets an answer of connect-to-db.
func (c *Client) dbStatus(r *httpc.Response) (*DBStatus, error) {
	var st DBStatus
	if r.StatusCode == http.StatusInternalServerError && decode(r, "connect-to-db", "", &st) == nil && st.Result == "error" {
		// the documented failure; any other 500 is a server error
		return &st, nil
	}
	if err := c.expect(r, http.StatusOK); err != nil {
		return nil, err
	}
	if err := decode(r, "connect-to-db", `{"result": ...}`, &st); err != nil {
		return nil, err
	}
	if st.Result == "" {
		return nil, plugin.Errorf(plugin.ErrDecode, "connect-to-db: the answer has no result field (%s)", httpc.Describe(r.Body, ""))
	}
	return &st, nil
}
