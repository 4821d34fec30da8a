package webim

import (
	"context"
	"net/http"
	"sort"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// ChannelsPath is the endpoint path.
const ChannelsPath = "/l/a/monitor/zabbix/channels"

// channelsAnswer is the answer of GET /l/a/monitor/zabbix/channels (seed
// 000): the channels that returned errors, each with its running total:
//
//	{"channels": {"telegram": {"error_cnt": 1}, "vk": {"error_cnt": 1}}}
type channelsAnswer struct {
	Channels *map[string]struct {
		// ErrorCnt is the total number of errors of the channel ("Общее
		// число ошибок (для каждого канала)").
		ErrorCnt *Count `json:"error_cnt"`
	} `json:"channels"`
}

// Channel is one channel of the answer: its name (telegram, vk, ...) and
// its running total of errors.
type Channel struct {
	Name   string
	Errors float64
}

// Channels fetches the channels that report errors, sorted by name.
func (c *Client) Channels(ctx context.Context) ([]Channel, error) {
	r, err := c.get(ctx, ChannelsPath, nil)
	if err != nil {
		return nil, err
	}
	if r.StatusCode != http.StatusOK {
		return nil, c.fail(r)
	}
	return DecodeChannels(r)
}

// DecodeChannels interprets a 200 answer of zabbix/channels (JSON or the
// Python literal form): the channels sorted by name, an empty list when
// none reports errors. No channels object, a channel without error_cnt or
// an error_cnt that is not a count is an error of kind [plugin.ErrDecode].
func DecodeChannels(r *httpc.Response) ([]Channel, error) {
	var a channelsAnswer
	if err := decode(r, "channels", `a JSON object {"channels": {...}}`, &a); err != nil {
		return nil, err
	}
	if a.Channels == nil {
		return nil, plugin.Errorf(plugin.ErrDecode, "channels: the answer has no channels object (%s)", httpc.Describe(r.Body, ""))
	}
	out := make([]Channel, 0, len(*a.Channels))
	for name, ch := range *a.Channels {
		switch {
		case ch.ErrorCnt == nil:
			return nil, plugin.Errorf(plugin.ErrDecode, "channels: channel %q has no error_cnt", name)
		case ch.ErrorCnt.Problem() != "":
			return nil, plugin.Errorf(plugin.ErrDecode, "channels: error_cnt of channel %q %s", name, ch.ErrorCnt.Problem())
		}
		out = append(out, Channel{Name: name, Errors: float64(*ch.ErrorCnt)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}
