// Package webimports is check_webim_ports: are all the Chat Backend
// processes still listed, and do their ports answer? GET
// /webim/service/monitor/get-tornado-ports.php with the service login; the
// set of ports is kept in a state file, and --connect opens a TCP
// connection to each (CONTRACT sections 7 and 8, seed 000).
package webimports

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/state"
	"github.com/ccmon/webim-checks/lib/webim"
)

// timeLayout is how times are printed: UTC, so that every monitoring host
// says the same.
const timeLayout = "2006-01-02 15:04:05 UTC"

// Check is check_webim_ports. Use [New] for the defaults.
type Check struct {
	Login       plugin.Login    `group:"Webim service login" env-namespace:"WEBIM"`
	MinPorts    int             `long:"min-ports" value-name:"N" default:"1" description:"CRITICAL when fewer ports are listed"`
	Hold        plugin.Duration `long:"hold" value-name:"DURATION" default:"15m" description:"WARNING for this long after ports appeared or disappeared was first seen; 0 reports a change once (seconds, or e.g. 15m, 1h)"`
	Connect     bool            `long:"connect" description:"also open a TCP connection to each port; one that refuses is CRITICAL"`
	ConnectHost string          `long:"connect-host" value-name:"HOST" description:"host to connect to with --connect (default: the host of -H)"`
	State       state.Options   `group:"State"`
}

// New returns the check with its defaults.
func New() *Check { return &Check{MinPorts: 1, Hold: plugin.Duration(15 * time.Minute)} }

// Info describes the check.
func (c *Check) Info() plugin.Info {
	return plugin.Info{
		Name:    "check_webim_ports",
		Prefix:  "WEBIM PORTS",
		Product: webim.Product,
		Perf: plugin.WithTime([]plugin.PerfDef{
			{Label: "ports", Meaning: "Chat Backend ports listed"},
		}),
		Short: "Checks the TCP ports the Webim Chat Backend answers on: how many, changes since the last run, and optionally a connection to each (GET /webim/service/monitor/get-tornado-ports.php).",
		States: []string{
			"OK        at least --min-ports ports, the same as on the last run (the first run records them); with --connect each accepts a connection",
			"WARNING   ports appeared or disappeared since the last run (held for --hold after the change was first seen)",
			"CRITICAL  fewer than --min-ports ports; with --connect a port that refuses or does not answer; the server is down, times out or answers 5xx",
			"UNKNOWN   wrong login (HTTP 401/403), an answer that is not a list of ports, a state directory that cannot be used, bad command line",
		},
		Examples: []string{
			"WEBIM_USER=monitor WEBIM_PASSWORD=secret check_webim_ports -H chat.example.com --min-ports 13",
			"check_webim_ports -H chat.example.com -U monitor --password-file /etc/nagios/webim.pw --hold 30m --state-dir /var/lib/nagios/webim",
			"WEBIM_USER=monitor WEBIM_PASSWORD=secret check_webim_ports -H chat.example.com --connect --connect-host 10.0.0.5",
		},
	}
}

// Validate checks --min-ports.
func (c *Check) Validate(*plugin.Env) error {
	if c.MinPorts < 0 || c.MinPorts > 65535 {
		return plugin.Errorf(plugin.ErrUsage, "bad value for --min-ports: %d (want 0 to 65535)", c.MinPorts)
	}
	return nil
}

// Run performs the check.
func (c *Check) Run(ctx context.Context, env *plugin.Env) (*plugin.Result, error) {
	cl, ports, err := webim.Fetch(ctx, env, c.Login, (*webim.Client).TornadoPorts)
	if err != nil {
		return nil, err
	}
	var ps plugin.Problems
	res := &plugin.Result{Summary: fmt.Sprintf("%s listed: %s", plural(len(ports)), joinPorts(ports, 20))}
	switch {
	case len(ports) == 0 && c.MinPorts == 0:
		res.Summary = "no Chat Backend port listed"
	case len(ports) == 0:
		ps.Add(plugin.Critical, fmt.Sprintf("no Chat Backend port listed, expected at least %d", c.MinPorts))
		res.Summary = ""
	case len(ports) < c.MinPorts:
		ps.Add(plugin.Critical, fmt.Sprintf("only %s listed, expected at least %d", plural(len(ports)), c.MinPorts))
		res.Summary = "listed: " + joinPorts(ports, 20)
	}
	if c.Connect && len(ports) > 0 {
		host := c.ConnectHost
		if host == "" {
			host = cl.HTTP().Base().Hostname()
		}
		env.Step(fmt.Sprintf("connecting to %s on %s", plural(len(ports)), host))
		failed, err := dialAll(ctx, host, ports)
		if err != nil {
			return nil, err
		}
		judgeConnect(host, len(ports), failed, res, &ps)
	}
	if err := c.compare(ctx, env, cl, ports, res, &ps); err != nil {
		return nil, err
	}
	ps.Apply(res, 3)
	res.AddPerf(plugin.Perf{Label: "ports", Value: float64(len(ports)), Crit: minRange(c.MinPorts), Min: plugin.Float(0)})
	return res, nil
}

// judgeConnect reports the ports that did not accept a connection.
func judgeConnect(host string, n int, failed []dialResult, res *plugin.Result, ps *plugin.Problems) {
	if len(failed) == 0 {
		if n == 1 {
			addSummary(res, "it accepts connections on "+host)
		} else {
			addSummary(res, fmt.Sprintf("all %d accept connections on %s", n, host))
		}
		return
	}
	var names []int
	for _, f := range failed {
		names = append(names, f.Port)
		res.AddLong("port %d on %s %s", f.Port, host, reason(f.Err))
	}
	what := "port " + strconv.Itoa(names[0]) + " " + reason(failed[0].Err)
	if len(failed) > 1 {
		what = fmt.Sprintf("ports %s do not accept connections", joinPorts(names, 10))
	}
	ps.Add(plugin.Critical, fmt.Sprintf("%s on %s (%d of %d)", what, host, len(failed), n))
}

// minRange is the critical range of the ports perfdata: "N:" (nil for 0).
func minRange(n int) *plugin.Range {
	if n <= 0 {
		return nil
	}
	return plugin.MustRange(strconv.Itoa(n) + ":")
}

// plural says "13 Chat Backend ports".
func plural(n int) string { return plugin.Plural(n, "Chat Backend port") }

// joinPorts lists at most max ports, then "and N more".
func joinPorts(ports []int, max int) string {
	var b strings.Builder
	for i, p := range ports {
		if i == max {
			fmt.Fprintf(&b, " and %d more", len(ports)-max)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(p))
	}
	return b.String()
}

// portsState is what the check keeps between runs.
type portsState struct {
	// Ports are the ports last seen, sorted.
	Ports []int `json:"ports"`
	// Since is when the last change was first seen (the baseline's time
	// before any change).
	Since time.Time `json:"since"`
	// Appeared and Disappeared are the ports of the last change.
	Appeared    []int `json:"appeared,omitempty"`
	Disappeared []int `json:"disappeared,omitempty"`
}

// compare judges ports against the state file and writes the new state.
// The lock is held from reading to writing, so parallel runs judge one
// after the other.
func (c *Check) compare(ctx context.Context, env *plugin.Env, cl *webim.Client, ports []int, res *plugin.Result, ps *plugin.Problems) error {
	key := state.Key{Check: c.Info().Name, Host: cl.HTTP().Base().String()}
	var prev portsState
	sf, loaded, err := state.Begin(ctx, env, c.State.Path(), key, &prev, func() string {
		if !validPorts(prev.Ports) {
			return "no valid list of ports in it"
		}
		return ""
	})
	if err != nil {
		return err
	}
	defer sf.Close()
	now := env.Now()
	next := c.judgeChange(now, ports, prev, loaded, res, ps)
	env.Step("writing the state file " + sf.Path())
	if err := sf.Save(next, now); err != nil {
		return err
	}
	res.AddLong("state file: %s", sf.Path())
	return nil
}

// validPorts reports whether ports read from a state file are a sorted
// set of TCP ports.
func validPorts(ports []int) bool {
	for i, p := range ports {
		if p < 1 || p > 65535 || i > 0 && ports[i-1] >= p {
			return false
		}
	}
	return ports != nil
}

// addSummary appends a part to the summary, after "; " unless it is the
// first.
func addSummary(res *plugin.Result, part string) {
	if res.Summary != "" {
		res.Summary += "; "
	}
	res.Summary += part
}
