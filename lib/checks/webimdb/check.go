// Package webimdb is check_webim_db: does the Webim Chat Backend reach its
// databases? GET /l/a/monitor/connect-to-db with the service login
// (CONTRACT section 8, seed 000).
package webimdb

import (
	"context"
	"fmt"
	"strings"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/webim"
)

// Check is check_webim_db. The zero value is ready to parse flags into.
type Check struct {
	Login plugin.Login `group:"Webim service login" env-namespace:"WEBIM"`
	plugin.ResponseTime
}

// New returns the check with its defaults.
func New() *Check { return &Check{} }

// Info describes the check.
func (c *Check) Info() plugin.Info {
	return plugin.Info{
		Name:     "check_webim_db",
		Prefix:   "WEBIM DB",
		Interval: "1m",
		Product:  webim.Product,
		Perf:     plugin.WithTime(nil),
		Short:    "Checks that the Webim Chat Backend is connected to its databases (GET /l/a/monitor/connect-to-db).",
		States: []string{
			"OK        the backend answers result ok",
			"WARNING   the answer took longer than -w seconds",
			"CRITICAL  result error: the meta database, or the pro database of an account, is unreachable; or the server is down, times out or answers 5xx; or slower than -c",
			"UNKNOWN   wrong login (HTTP 401/403), an answer that is not the documented one (HTML page, broken JSON), bad command line",
		},
		Examples: []string{
			"WEBIM_USER=monitor WEBIM_PASSWORD=secret check_webim_db -H chat.example.com",
			"check_webim_db -H https://chat.example.com -U monitor --password-file /etc/nagios/webim.pw -w 2 -c 5",
		},
	}
}

// Run performs the check.
func (c *Check) Run(ctx context.Context, env *plugin.Env) (*plugin.Result, error) {
	cl, st, err := webim.Fetch(ctx, env, c.Login, (*webim.Client).ConnectToDB)
	if err != nil {
		return nil, err
	}
	elapsed := cl.HTTP().Elapsed().Seconds()
	res := &plugin.Result{TimeThresholds: c.ResponseTime.Thresholds()}

	switch st.Result {
	case "ok":
		res.Summary = fmt.Sprintf("Chat Backend is connected to its databases (answered in %.3fs)", elapsed)
	case "error":
		res.State = plugin.Critical
		res.Summary = describeDBError(st.E)
		res.AddLong("backend said: %s", st.E)
	default:
		res.State = plugin.Unknown
		res.Summary = fmt.Sprintf("connect-to-db answered result %q, expected ok or error", st.Result)
		return res, nil
	}
	res.JudgeTime(elapsed, func(took string) string { return "Chat Backend answered in " + took + "; connected to its databases" })
	return res, nil
}

// describeDBError turns the exception text of connect-to-db into words:
// "Failed to connect to database meta" and "... pro @ACCOUNT" (seed 000).
func describeDBError(e string) string {
	const prefix = "Failed to connect to database "
	if rest, ok := strings.CutPrefix(e, prefix); ok {
		switch {
		case rest == "meta":
			return "the meta database is unreachable (" + e + ")"
		case strings.HasPrefix(rest, "pro @"):
			return fmt.Sprintf("the pro database of account %s is unreachable (%s)", strings.TrimPrefix(rest, "pro @"), e)
		}
	}
	if e == "" {
		return "database check failed (result error, no reason given)"
	}
	return "database check failed: " + e
}
