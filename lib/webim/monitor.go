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
	// Port is the port of this Chat Backend process, e.g. 8248.
	Port int `json:"port"`
	// OSName and OSVersion name the operating system ("Ubuntu", "20.04").
	OSName    string `json:"osName"`
	OSVersion string `json:"osVersion"`
	// Branch, Revision and Tag name the source the build comes from.
	Branch   string `json:"branch"`
	Revision string `json:"revision"`
	Tag      string `json:"tag"`
	// AvgNTries is the average number of attempts a visitor's long
	// polling needs to reach the backend ("Среднее число попыток связи
	// фронтенда клиента с бэкендом при long polling"); nil when absent.
	AvgNTries *float64 `json:"avgNTries"`
	// N is the number of update cycles AvgNTries is averaged over.
	N int `json:"n"`
	// StoringEnabled says whether the backend can write to its database
	// ("Возможна ли запись в БД"); nil when absent.
	StoringEnabled *bool `json:"storingEnabled"`
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
	m, err := decodeMonitor(r)
	if err != nil {
		return nil, err
	}
	if m.MainInfo.StartTs == nil {
		return nil, plugin.Mark(plugin.ErrDecode, fmt.Errorf("monitor: no mainInfo.startTs in the answer: %w", ErrNoStartTime))
	}
	return m, nil
}

// decodeMonitor decodes a 200 answer of /l/a/monitor and checks the domain
// of every field it holds: mainInfo must be there (else
// [ErrNoStartTime]); startTs, when given, a plausible Unix time in
// seconds; avgNTries finite, not negative and below maxAvgNTries; n and
// port not negative.
func decodeMonitor(r *httpc.Response) (*Monitor, error) {
	var m Monitor
	if err := decode(r, "monitor", "a JSON object with mainInfo", &m); err != nil {
		return nil, err
	}
	mi := m.MainInfo
	if mi == nil {
		return nil, plugin.Mark(plugin.ErrDecode, fmt.Errorf("monitor: no mainInfo in the answer (%s): %w", httpc.Describe(r.Body, ""), ErrNoStartTime))
	}
	if ts := mi.StartTs; ts != nil && (math.IsNaN(*ts) || *ts < minStartTs || *ts > maxStartTs) {
		return nil, plugin.Errorf(plugin.ErrDecode, "monitor: mainInfo.startTs %s is not a Unix time in seconds", formatTs(*ts))
	}
	if t := mi.AvgNTries; t != nil && !(*t >= 0 && *t <= maxAvgNTries) {
		return nil, plugin.Errorf(plugin.ErrDecode, "monitor: mainInfo.avgNTries %s is not an average number of attempts", formatTs(*t))
	}
	if mi.N < 0 {
		return nil, plugin.Errorf(plugin.ErrDecode, "monitor: mainInfo.n %d is negative", mi.N)
	}
	if mi.Port < 0 || mi.Port > 65535 {
		return nil, plugin.Errorf(plugin.ErrDecode, "monitor: mainInfo.port %d is not a port", mi.Port)
	}
	return &m, nil
}

// maxAvgNTries bounds a plausible avgNTries: a visitor's long poll that
// needs a million attempts on average is not a measurement.
const maxAvgNTries = 1e6

// Backend fetches /l/a/monitor for check_webim_backend: any answer but
// HTTP 200 goes through the client's failure mapping (404 is UNKNOWN
// naming the status), and the answer must say whether the backend stores
// (mainInfo.storingEnabled); startTs and avgNTries may be absent.
func (c *Client) Backend(ctx context.Context) (*Monitor, error) {
	r, err := c.get(ctx, MonitorPath, nil)
	if err != nil {
		return nil, err
	}
	return c.backend(r)
}

// backend interprets an answer of /l/a/monitor for [Client.Backend].
func (c *Client) backend(r *httpc.Response) (*Monitor, error) {
	if r.StatusCode != http.StatusOK {
		return nil, c.fail(r)
	}
	m, err := decodeMonitor(r)
	if err != nil {
		return nil, err
	}
	if m.MainInfo.StoringEnabled == nil {
		return nil, plugin.Errorf(plugin.ErrDecode, "monitor: no mainInfo.storingEnabled in the answer (%s)", httpc.Describe(r.Body, ""))
	}
	return m, nil
}

func formatTs(v float64) string {
	if math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', 6, 64)
}
