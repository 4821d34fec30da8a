// Package webimping is check_webim_ping: does the Webim Chat Backend serve
// an agent's long-polling ping? GET /l/o/pingservice?pinger-id=ID&ts=MS
// with the Agent Frontend's session cookie (CONTRACT section 8, seed 000).
package webimping

import (
	"context"
	"fmt"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/webim"
)

// Check is check_webim_ping. Use [New] for the defaults.
type Check struct {
	Agent    webim.AgentSession `group:"Webim agent session"`
	PingerID string             `long:"pinger-id" value-name:"ID" default:"1" description:"the pinger-id query parameter (the Agent Frontend sends a number)"`
	plugin.ResponseTime
}

// New returns the check with its defaults.
func New() *Check { return &Check{PingerID: "1"} }

// Info describes the check.
func (c *Check) Info() plugin.Info {
	return plugin.Info{
		Name:     "check_webim_ping",
		Prefix:   "WEBIM PING",
		Interval: "1m",
		Product: plugin.Product{Name: webim.Product.Name, Scheme: webim.Product.Scheme,
			Auth: "the Agent Frontend's session cookie WEBIM_AUTH_TOKEN"},
		Perf:  plugin.WithTime(nil),
		Short: "Checks that the Webim Chat Backend answers an agent's long-polling ping with a real agent session (GET /l/o/pingservice).",
		States: []string{
			"OK        pingservice answers result ok",
			"WARNING   the answer took longer than -w seconds",
			"CRITICAL  pingservice answers result error, or the server is down, times out or answers 5xx; or slower than -c",
			"UNKNOWN   the agent token is rejected (HTTP 401/403 or a login page: log in for a fresh WEBIM_AUTH_TOKEN), pinger-id or ts refused (other 4xx), an answer that is not the documented one, bad command line",
		},
		Examples: []string{
			"WEBIM_AUTH_TOKEN=0123abcd check_webim_ping -H chat.example.com",
			"WEBIM_AUTH_TOKEN=0123abcd check_webim_ping -H https://chat.example.com --pinger-id 17595 -w 2 -c 5",
		},
	}
}

// Validate checks --pinger-id.
func (c *Check) Validate(*plugin.Env) error {
	if c.PingerID == "" || len(c.PingerID) > 64 {
		return plugin.Errorf(plugin.ErrUsage, "bad value for --pinger-id: %q (want 1 to 64 characters, e.g. 1)", c.PingerID)
	}
	return nil
}

// Run performs the check.
func (c *Check) Run(ctx context.Context, env *plugin.Env) (*plugin.Result, error) {
	cl, err := webim.NewAgent(env, c.Agent)
	if err != nil {
		return nil, err
	}
	st, err := cl.PingService(ctx, c.PingerID, env.Now().UnixMilli())
	if err != nil {
		return nil, err
	}
	elapsed := cl.HTTP().Elapsed().Seconds()
	res := &plugin.Result{TimeThresholds: c.ResponseTime.Thresholds()}
	if env.Verbosity() > 0 {
		res.AddLong("pinger-id %s, ts %d", c.PingerID, env.Now().UnixMilli())
	}
	switch st.Result {
	case "ok":
		res.Summary = fmt.Sprintf("Chat Backend answers the agent ping (answered in %.3fs)", elapsed)
	case "error":
		res.State = plugin.Critical
		res.Summary = "Chat Backend answers the agent ping with result error"
	default:
		res.State = plugin.Unknown
		res.Summary = fmt.Sprintf("pingservice answered result %q, expected ok", st.Result)
		return res, nil
	}
	res.JudgeTime(elapsed, func(took string) string { return "Chat Backend answered in " + took + " to the agent ping" })
	return res, nil
}
