// Package webimenvs is check_webim_envs: are the expected environments of a
// hosted Webim server all there? GET
// /webim/service/monitor/get-all-env-list.php with the service login
// (CONTRACT section 8, seed 000).
package webimenvs

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/webim"
)

// Check is check_webim_envs.
type Check struct {
	Login plugin.Login `group:"Webim service login" env-namespace:"WEBIM"`
	Envs  []string     `long:"env" value-name:"NAME" description:"an environment that must be listed, else CRITICAL (repeatable)"`
}

// New returns the check with its defaults.
func New() *Check { return &Check{} }

// Info describes the check.
func (c *Check) Info() plugin.Info {
	return plugin.Info{
		Name:    "check_webim_envs",
		Prefix:  "WEBIM ENVS",
		Product: webim.Product,
		Perf: plugin.WithTime([]plugin.PerfDef{
			{Label: "envs", Meaning: "environments listed on the server"},
		}),
		Short: "Checks that the expected environments of a Webim server are listed (GET /webim/service/monitor/get-all-env-list.php).",
		States: []string{
			"OK        the list answers and holds every --env",
			"WARNING   not used: an environment that is not listed is CRITICAL",
			"CRITICAL  an --env is not listed; the server is down, times out or answers 5xx",
			"UNKNOWN   wrong login (HTTP 401/403), an answer that is not the documented list (HTML, an empty list, an entry without env), bad command line",
		},
		Examples: []string{
			"WEBIM_USER=monitor WEBIM_PASSWORD=secret check_webim_envs -H chat.example.com",
			"check_webim_envs -H chat.example.com -U monitor --password-file /etc/nagios/webim.pw --env eta --env epsilon",
		},
	}
}

// Validate refuses an empty --env.
func (c *Check) Validate(*plugin.Env) error {
	for _, e := range c.Envs {
		if strings.TrimSpace(e) == "" {
			return plugin.Errorf(plugin.ErrUsage, "bad value for --env: an empty name")
		}
	}
	return nil
}

// Run performs the check.
func (c *Check) Run(ctx context.Context, env *plugin.Env) (*plugin.Result, error) {
	_, list, err := webim.Fetch(ctx, env, c.Login, (*webim.Client).EnvList)
	if err != nil {
		return nil, err
	}
	listed := map[string]bool{}
	var hosts, names []string
	seenHost := map[string]bool{}
	for _, e := range list {
		listed[e.Env] = true
		names = append(names, e.Env)
		if !seenHost[e.Host] {
			seenHost[e.Host] = true
			hosts = append(hosts, e.Host)
		}
	}
	res := &plugin.Result{Summary: fmt.Sprintf("%s on %s: %s", plugin.Plural(len(list), "environment"), plugin.Plural(len(hosts), "host"), joinMax(names, 10))}
	var missing []string
	for _, want := range c.Envs {
		if want = strings.TrimSpace(want); !listed[want] && !slices.Contains(missing, want) {
			missing = append(missing, want)
		}
	}
	var ps plugin.Problems
	switch len(missing) {
	case 0:
	case 1:
		ps.Add(plugin.Critical, fmt.Sprintf("environment %s is not listed", missing[0]))
	default:
		ps.Add(plugin.Critical, fmt.Sprintf("environments %s are not listed", joinMax(missing, 10)))
	}
	ps.Apply(res, 3)
	for _, e := range list {
		line := fmt.Sprintf("%s: host %s", e.Env, e.Host)
		if e.IP != "" {
			line += " (" + e.IP + ")"
		}
		res.AddLong("%s", line)
	}
	res.AddPerf(plugin.Perf{Label: "envs", Value: float64(len(list)), Min: plugin.Float(0)})
	return res, nil
}

// joinMax joins at most n names with ", ", then "and N more".
func joinMax(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:n], ", ") + " and " + strconv.Itoa(len(names)-n) + " more"
}
