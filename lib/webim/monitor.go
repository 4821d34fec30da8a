package webim

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// MonitorPath is the endpoint path.
const MonitorPath = "/l/a/monitor"

// Monitor is the answer of GET /l/a/monitor (seed 000):
//
//	{"mainInfo": {"env": "wmtest107", "port": 8248, "multinodeMode": "",
//	  "nodeName": "", "startTs": 1759500493.7488275,
//	  "startTime": "03-10-2025 17:08:13", "version": "10.7.134", ...},
//	 "host": "wmtest107.webim.ru"}
//
// Only the fields the checks use are decoded, so that a change in one they
// do not read cannot make the answer undecodable.
type Monitor struct {
	MainInfo *MainInfo `json:"mainInfo"`
	// Host is the host name of the server.
	Host string `json:"host"`
}

// MainInfo is the mainInfo object of /l/a/monitor.
type MainInfo struct {
	// Env is the Webim environment, e.g. "wmtest107".
	Env string `json:"env"`
	// NodeName is the node name, when set (multi-node installations).
	NodeName string `json:"nodeName"`
	// MultinodeMode is non-empty in multi-node mode.
	MultinodeMode string `json:"multinodeMode"`
	// StartTs is the Unix time of the last start of the backend ("Время
	// последнего рестарта бэкенда (unix timestamp)"), a float.
	StartTs *float64 `json:"startTs"`
	// StartTime is the same time as the server prints it, in its local
	// time zone ("03-10-2025 17:08:13").
	StartTime string `json:"startTime"`
	// Version is the Webim build, e.g. "10.7.134".
	Version string `json:"version"`
}

// Start returns startTs as a time.
func (m *MainInfo) Start() time.Time {
	sec, frac := math.Modf(*m.StartTs)
	return time.Unix(int64(sec), int64(math.Round(frac*1e9))).UTC()
}

// ErrNoStartTime marks the answers of /l/a/monitor that mean "this server
// does not report its start time": HTTP 404 (an older version, or the
// endpoint not routed), or an answer without mainInfo.startTs. Such errors
// are also of kind [plugin.ErrStatus] (404) or [plugin.ErrDecode] (no
// field), so that a check that needs the start time reports them as
// UNKNOWN; a check that can use another way tests for this one.
var ErrNoStartTime = errors.New("the server does not report the backend start time")

// Bounds of a plausible startTs: after 2000-01-01, before 5000-01-01. A
// value outside is not a Unix time in seconds (milliseconds, say).
const (
	minStartTs = 946684800
	maxStartTs = 95617584000
)

// Monitor fetches the backend's main information.
func (c *Client) Monitor(ctx context.Context) (*Monitor, error) {
	r, err := c.get(ctx, MonitorPath, nil)
	if err != nil {
		return nil, err
	}
	if r.StatusCode == http.StatusNotFound {
		return nil, plugin.Mark(plugin.ErrStatus, fmt.Errorf("%s: HTTP 404 Not Found: %w", r.Step, ErrNoStartTime))
	}
	if err := c.expect(r, http.StatusOK); err != nil {
		return nil, err
	}
	return DecodeMonitor(r)
}

// DecodeMonitor decodes a 200 answer of /l/a/monitor (JSON or the Python
// literal form) and checks mainInfo.startTs: missing mainInfo or startTs is
// [ErrNoStartTime]; a value that is not a plausible Unix time in seconds
// is an [plugin.ErrDecode].
func DecodeMonitor(r *httpc.Response) (*Monitor, error) {
	var m Monitor
	if err := decode(r, "monitor", "a JSON object with mainInfo", &m); err != nil {
		return nil, err
	}
	switch {
	case m.MainInfo == nil:
		return nil, plugin.Mark(plugin.ErrDecode, fmt.Errorf("monitor: no mainInfo in the answer (%s): %w", httpc.Describe(r.Body, ""), ErrNoStartTime))
	case m.MainInfo.StartTs == nil:
		return nil, plugin.Mark(plugin.ErrDecode, fmt.Errorf("monitor: no mainInfo.startTs in the answer: %w", ErrNoStartTime))
	}
	ts := *m.MainInfo.StartTs
	if math.IsNaN(ts) || ts < minStartTs || ts > maxStartTs {
		return nil, plugin.Errorf(plugin.ErrDecode, "monitor: mainInfo.startTs %s is not a Unix time in seconds", formatTs(ts))
	}
	return &m, nil
}

func formatTs(v float64) string {
	if math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', 6, 64)
}
