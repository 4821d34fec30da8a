// Package webimaccount is check_webim_account: is the Webim account
// blocked? GET /l/i/account-state?action=get_state with the service login
// on the account's host (CONTRACT section 8, seed 000).
package webimaccount

import (
	"context"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/webim"
)

// Check is check_webim_account. The zero value is ready to parse flags into.
type Check struct {
	Login plugin.Login `group:"Webim service login" env-namespace:"WEBIM"`
}

// New returns the check with its defaults.
func New() *Check { return &Check{} }

// Info describes the check.
func (c *Check) Info() plugin.Info {
	return plugin.Info{
		Name:    "check_webim_account",
		Prefix:  "WEBIM ACCOUNT",
		Product: webim.Product,
		Perf:    plugin.WithTime(nil),
		Short:   "Checks that a Webim account is not blocked (GET /l/i/account-state?action=get_state on the account's host, ACCOUNT.webim.ru).",
		States: []string{
			"OK        blocked is false: the account is active",
			"WARNING   never (the account is active or blocked)",
			"CRITICAL  blocked is true: the account is blocked; the server is down, times out or answers 5xx",
			"UNKNOWN   wrong login (HTTP 401/403), an answer without blocked or where blocked is not a boolean, an HTML page, bad command line",
		},
		Examples: []string{
			"WEBIM_USER=monitor WEBIM_PASSWORD=secret check_webim_account -H demo.webim.ru",
			"check_webim_account -H https://demo.webim.ru -U monitor --password-file /etc/nagios/webim.pw",
		},
	}
}

// Run performs the check.
func (c *Check) Run(ctx context.Context, env *plugin.Env) (*plugin.Result, error) {
	cl, st, err := webim.Fetch(ctx, env, c.Login, (*webim.Client).AccountState)
	if err != nil {
		return nil, err
	}
	res := &plugin.Result{Summary: "account is active"}
	if *st.Blocked {
		res.State = plugin.Critical
		res.Summary = "account is blocked"
		res.AddLong("account-state?action=get_state answered blocked: true")
	}
	res.AddLong("account host: %s", cl.HTTP().Base().Host)
	return res, nil
}
