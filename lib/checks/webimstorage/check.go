// Package webimstorage is check_webim_storage: is the write-behind queue of
// the Webim Chat Backend failing or growing, and what load does the backend
// carry? GET /l/a/monitor/zabbix/tornado, and with --account the classes
// waiting from /l/a/monitor/collected-to-store-objects (CONTRACT section 8,
// seed 000).
package webimstorage

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ccmon/webim-checks/lib/httpc"
	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/webim"
)

// Check is check_webim_storage. Use [New] for the defaults.
type Check struct {
	Login          plugin.Login  `group:"Webim service login" env-namespace:"WEBIM"`
	WarningFailed  plugin.Range  `long:"warning-failed-store" value-name:"N" default:"0" description:"objects that failed to be written to the database (failed_to_store_objects_cnt) that warn (range; the default 0 warns on any)"`
	CriticalFailed *plugin.Range `long:"critical-failed-store" value-name:"N" description:"objects that failed to be written that are critical (range, e.g. 10)"`
	Warning        *plugin.Range `short:"w" long:"warning" value-name:"N" description:"objects waiting to be written to the database (collected_to_store_objects_cnt, the write-behind backlog) that warn (range, e.g. 1000)"`
	Critical       *plugin.Range `short:"c" long:"critical" value-name:"N" description:"objects waiting to be written that are critical (range, e.g. 5000)"`
	Account        string        `long:"account" value-name:"NAME" description:"when a threshold is crossed, also list the object classes of this account waiting to be written (GET collected-to-store-objects; never changes the state)"`
}

// New returns the check with its defaults.
func New() *Check { return &Check{WarningFailed: *plugin.MustRange("0")} }

// Info describes the check.
func (c *Check) Info() plugin.Info {
	return plugin.Info{
		Name:     "check_webim_storage",
		Prefix:   "WEBIM STORAGE",
		Interval: "1m",
		Product:  webim.Product,
		Perf: plugin.WithTime([]plugin.PerfDef{
			{Label: "failed_store", Meaning: "objects that failed to be written to the database (failed_to_store_objects_cnt)"},
			{Label: "backlog", Meaning: "objects waiting to be written to the database (collected_to_store_objects_cnt)"},
			{Label: "sessions", Meaning: "chat sessions (sessions_cnt)"},
			{Label: "operators_working", Meaning: "working operators (working_operators_cnt)"},
			{Label: "chats", Meaning: "chats (chats_cnt)"},
			{Label: "accounts", Meaning: "active accounts on this backend (accounts_cnt)"},
		}),
		Short: "Checks the write-behind queue of the Webim Chat Backend (objects that failed to be stored, objects waiting) and reports its load (GET /l/a/monitor/zabbix/tornado).",
		States: []string{
			"OK        no object failed to be stored (beyond --warning-failed-store), the backlog within -w",
			"WARNING   objects failed to be stored (default: any), or the backlog crosses -w",
			"CRITICAL  failures cross --critical-failed-store or the backlog crosses -c; the server is down, times out or answers 5xx",
			"UNKNOWN   wrong login (HTTP 401/403), an answer without the queue counts or with a negative count, an HTML page, bad command line",
		},
		Examples: []string{
			"WEBIM_USER=monitor WEBIM_PASSWORD=secret check_webim_storage -H chat.example.com",
			"check_webim_storage -H chat.example.com -U monitor --password-file /etc/nagios/webim.pw -w 1000 -c 5000 --critical-failed-store 10",
			"check_webim_storage -H chat.example.com -w 1000 --account demo",
		},
	}
}

// Validate refuses an empty --account given explicitly.
func (c *Check) Validate(*plugin.Env) error {
	if c.Account != "" && strings.TrimSpace(c.Account) == "" {
		return plugin.Errorf(plugin.ErrUsage, "--account: empty account name")
	}
	return nil
}

// Run performs the check.
func (c *Check) Run(ctx context.Context, env *plugin.Env) (*plugin.Result, error) {
	cl, st, err := webim.Fetch(ctx, env, c.Login, (*webim.Client).TornadoStats)
	if err != nil {
		return nil, err
	}
	res := c.judge(st)
	if res.State != plugin.OK && c.Account != "" {
		// half of the time left, so that a detail that hangs ends as one
		// line of long output, not as a timeout of the whole check
		dctx, cancel, limit := halfLeft(ctx)
		o, err := cl.CollectedToStore(dctx, c.Account)
		if err != nil && dctx.Err() != nil && ctx.Err() == nil {
			err = fmt.Errorf("no answer within %s, half the time left under -t", roughly(limit))
		}
		cancel()
		res.Long = append(detail(c.Account, o, err), res.Long...)
	}
	return res, nil
}

// roughly rounds d to the second, or to the tenth below a second.
func roughly(d time.Duration) time.Duration {
	if d >= time.Second {
		return d.Round(time.Second)
	}
	return d.Round(100 * time.Millisecond)
}

// halfLeft returns a context that ends after half of the time left before
// ctx's deadline, and that half (ctx itself and 0 when it has none).
func halfLeft(ctx context.Context) (context.Context, context.CancelFunc, time.Duration) {
	dl, ok := ctx.Deadline()
	if !ok {
		c, cancel := context.WithCancel(ctx)
		return c, cancel, 0
	}
	half := time.Until(dl) / 2
	c, cancel := context.WithTimeout(ctx, half)
	return c, cancel, half
}

// judge turns the answer into a result: failures and backlog against
// their thresholds, then the load.
func (c *Check) judge(st *webim.TornadoStats) *plugin.Result {
	fth := plugin.Thresholds{Warn: &c.WarningFailed, Crit: c.CriticalFailed}
	bth := plugin.Thresholds{Warn: c.Warning, Crit: c.Critical}
	failed, backlog := *st.FailedToStore, *st.CollectedToStore
	var ps plugin.Problems
	ps.Judge(fth, float64(failed), "", objects(failed)+" failed to be written to the database")
	ps.Judge(bth, float64(backlog), "", objects(backlog)+" waiting to be written to the database")
	res := &plugin.Result{Summary: about(st)}
	ps.Apply(res, 0)
	res.AddPerf(
		plugin.Perf{Label: "failed_store", Value: float64(failed), Warn: fth.Warn, Crit: fth.Crit, Min: plugin.Float(0)},
		plugin.Perf{Label: "backlog", Value: float64(backlog), Warn: bth.Warn, Crit: bth.Crit, Min: plugin.Float(0)},
	)
	for _, l := range []struct {
		label string
		v     *int64
	}{{"sessions", st.Sessions}, {"operators_working", st.WorkingOperators}, {"chats", st.Chats}, {"accounts", st.Accounts}} {
		if l.v != nil {
			res.AddPerf(plugin.Perf{Label: l.label, Value: float64(*l.v), Min: plugin.Float(0)})
		}
	}
	return res
}

// about is the summary's context: failures and backlog, then the load
// that the answer reports.
func about(st *webim.TornadoStats) string {
	s := fmt.Sprintf("%d failed to be stored, %d waiting to be stored", *st.FailedToStore, *st.CollectedToStore)
	var load []string
	for _, l := range []struct {
		v         *int64
		one, many string
	}{
		{st.Sessions, "session", "sessions"}, {st.WorkingOperators, "working operator", "working operators"},
		{st.Chats, "chat", "chats"}, {st.Accounts, "account", "accounts"},
	} {
		if l.v != nil {
			load = append(load, plugin.PluralOf(int(*l.v), l.one, l.many))
		}
	}
	if len(load) == 0 {
		return s
	}
	return s + "; " + strings.Join(load, ", ")
}

// objects says "1 object", "3 objects".
func objects(n int64) string { return plugin.PluralOf(int(n), "object", "objects") }

// maxDetail is how many lines the classes of --account take at most.
const maxDetail = 20

// detail is the long output of --account: the classes waiting, largest
// first, at most maxDetail lines; the answer quoted when it is not a map;
// or the failure of the request, in one line.
func detail(account string, o *webim.CollectedObjects, err error) []string {
	if err != nil {
		return []string{fmt.Sprintf("objects of account %s waiting to be stored: not available (%v)", account, err)}
	}
	if o.Classes == nil {
		return []string{fmt.Sprintf("objects of account %s waiting to be stored: collected-to-store-objects answered %s", account, describe(o.Raw))}
	}
	classes := o.Largest()
	if len(classes) == 0 {
		return []string{fmt.Sprintf("objects of account %s waiting to be stored: none", account)}
	}
	out := []string{fmt.Sprintf("objects of account %s waiting to be stored, by class (%s):", account, plugin.PluralOf(len(classes), "class", "classes"))}
	shown := classes
	if len(classes) > maxDetail-1 {
		shown = classes[:maxDetail-2]
	}
	for _, cl := range shown {
		out = append(out, fmt.Sprintf("  %s: %s", cl.Class, strconv.FormatFloat(cl.N, 'f', -1, 64)))
	}
	if len(shown) < len(classes) {
		out = append(out, fmt.Sprintf("  and %d more classes", len(classes)-len(shown)))
	}
	return out
}

// describe quotes an answer that is not a map of classes.
func describe(raw []byte) string {
	if d := httpc.Describe(raw, ""); d != "" {
		return d
	}
	return "an empty body"
}
