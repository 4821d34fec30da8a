package webim

import (
	"context"
	"net/http"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// ZabbixTornadoPath is the endpoint path.
const ZabbixTornadoPath = "/l/a/monitor/zabbix/tornado"

// TornadoStats is the answer of GET /l/a/monitor/zabbix/tornado (seed
// 000): the load of this Chat Backend and its write-behind queue.
//
//	{"sessions_cnt": 13, "working_operators_cnt": 2, "chats_cnt": 2,
//	 "accounts_cnt": 1, "failed_to_store_objects_cnt": 0,
//	 "collected_to_store_objects_cnt": 0}
//
// Every count is nil when absent; the two of the queue are required.
type TornadoStats struct {
	// Sessions is the number of chat sessions (VisitSession).
	Sessions *int64 `json:"sessions_cnt"`
	// WorkingOperators is the number of operators at work.
	WorkingOperators *int64 `json:"working_operators_cnt"`
	// Chats is the number of chats.
	Chats *int64 `json:"chats_cnt"`
	// Accounts is the number of active Webim accounts on this backend.
	Accounts *int64 `json:"accounts_cnt"`
	// FailedToStore is the number of objects whose writing to the
	// database failed ("с ошибкой сохранения").
	FailedToStore *int64 `json:"failed_to_store_objects_cnt"`
	// CollectedToStore is the number of objects waiting to be written to
	// the database ("в очереди"), the write-behind backlog.
	CollectedToStore *int64 `json:"collected_to_store_objects_cnt"`
}

// TornadoStats fetches the load and write-behind queue of the backend.
func (c *Client) TornadoStats(ctx context.Context) (*TornadoStats, error) {
	r, err := c.get(ctx, ZabbixTornadoPath, nil)
	if err != nil {
		return nil, err
	}
	return c.tornadoStats(r)
}

// tornadoStats interprets an answer of zabbix/tornado: the queue counts
// must be there, and no count may be negative.
func (c *Client) tornadoStats(r *httpc.Response) (*TornadoStats, error) {
	if r.StatusCode != http.StatusOK {
		return nil, c.fail(r)
	}
	var st TornadoStats
	if err := decode(r, "zabbix/tornado", "a JSON object with failed_to_store_objects_cnt and collected_to_store_objects_cnt", &st); err != nil {
		return nil, err
	}
	for _, f := range []struct {
		name string
		v    *int64
	}{
		{"sessions_cnt", st.Sessions}, {"working_operators_cnt", st.WorkingOperators}, {"chats_cnt", st.Chats},
		{"accounts_cnt", st.Accounts}, {"failed_to_store_objects_cnt", st.FailedToStore}, {"collected_to_store_objects_cnt", st.CollectedToStore},
	} {
		if f.v != nil && *f.v < 0 {
			return nil, plugin.Errorf(plugin.ErrDecode, "zabbix/tornado: %s is %d, a count cannot be negative", f.name, *f.v)
		}
	}
	switch {
	case st.FailedToStore == nil:
		return nil, plugin.Errorf(plugin.ErrDecode, "zabbix/tornado: the answer has no failed_to_store_objects_cnt (%s)", httpc.Describe(r.Body, ""))
	case st.CollectedToStore == nil:
		return nil, plugin.Errorf(plugin.ErrDecode, "zabbix/tornado: the answer has no collected_to_store_objects_cnt (%s)", httpc.Describe(r.Body, ""))
	}
	return &st, nil
}
