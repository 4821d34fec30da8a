package sim

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// Instance ids the simulator answers on /l/i/instance-id.
const (
	// WebimInstanceID is the id of the healthy backend, the example of
	// seed 000 (also in testdata/webim/instance-id/seed.txt).
	WebimInstanceID = "9b5ad6b158354197bcfb949c55756c4c"
)

// How long ago the simulated backends started. The quarter second keeps
// whole-second uptimes away from a rounding edge.
const (
	healthyUptime = 3*24*time.Hour + 4*time.Hour + 13*time.Minute + 250*time.Millisecond
	recentUptime  = 2*time.Minute + 250*time.Millisecond
	clockSkew     = 5 * time.Minute
)

// webimRestartProduct: the Webim endpoints check_webim_restart reads
// (/l/a/monitor, /l/i/instance-id; seed 000). Authentication is the Webim
// service login, handled by webimProduct, which owns every /l/ path.
func webimRestartProduct() product {
	return product{
		owns: func(string) bool { return false },
		healthy: map[string]Answer{
			"/l/a/monitor": monitorAnswer(-healthyUptime, ""),
		},
		scenarios: []Scenario{
			{Name: "restart-recent", Doc: "Webim: the Chat Backend restarted 2 minutes ago (check_webim_restart WARNING)", Answers: map[string]Answer{
				"/l/a/monitor": monitorAnswer(-recentUptime, ""),
			}},
			{Name: "restart-node", Doc: "Webim: node chat-node-2 of a multi-node backend restarted 2 minutes ago (check_webim_restart WARNING naming the node)", Answers: map[string]Answer{
				"/l/a/monitor": monitorAnswer(-recentUptime, "chat-node-2"),
			}},
			{Name: "clock-skew", Doc: "Webim: the backend's start time is 5 minutes in the future (check_webim_restart WARNING, says clock skew)", Answers: map[string]Answer{
				"/l/a/monitor": monitorAnswer(clockSkew, ""),
			}},
			// its 404 of /l/a/monitor is in testdata/webim/monitor/404.html.sim
			{Name: "instance-changes", Answers: map[string]Answer{
				"/l/i/instance-id": {ContentType: "text/html; charset=UTF-8", Body: func(s *Server, _ *http.Request) []byte {
					return []byte(changingInstanceID(s.Next("instance-id")))
				}},
			}},
		},
	}
}

// monitorAnswer is the answer of /l/a/monitor for a backend that started
// at the simulator's now plus offset (negative: in the past), shaped as the
// example of seed 000.
func monitorAnswer(offset time.Duration, node string) Answer {
	return Answer{Body: func(s *Server, _ *http.Request) []byte {
		return MonitorBody(s.Now().Add(offset), node)
	}}
}

// MonitorBody renders a /l/a/monitor answer as in seed 000 for a backend
// started at start, with the given node name ("" for none).
func MonitorBody(start time.Time, node string) []byte {
	ts := strconv.FormatFloat(float64(start.UnixNano())/1e9, 'f', 7, 64)
	multinode := ""
	if node != "" {
		multinode = "multinode"
	}
	return fmt.Appendf(nil, `{
"mainInfo":
{
"env": "wmtest107",
"port": 8248,
"multinodeMode": %q,
"nodeName": %q,
"startTs": %s,
"startTime": %q,
"version": "10.7.134",
"osName": "Ubuntu",
"osVersion": "20.04",
"ubuntuVersion": "20.04",
"branch": "remotes/webim-server/release-10.7",
"revision": "xxx",
"tag": "remotes/webim-server/release-10.7",
"avgNTries": 0.0,
"n": 2,
"storingEnabled": true
},
"host": "wmtest107.webim.ru"
}
`, multinode, node, ts, start.UTC().Format("02-01-2006 15:04:05"))
}

// changingInstanceID is the n-th id of the instance-changes scenario: 32
// hex digits like a real TORNADO_INSTANCE_ID.
func changingInstanceID(n int) string {
	sum := sha256.Sum256([]byte("instance-" + strconv.Itoa(n)))
	return hex.EncodeToString(sum[:16])
}
