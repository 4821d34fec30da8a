// Package webimaccounts is check_webim_accounts: per account of a Webim
// Chat Backend, chats waiting in the queue, objects that failed to be
// stored or wait to be, operators online, and requests that reach the
// wrong backend instance. GET /l/a/monitor/accounts-stat with the service
// login (CONTRACT section 8, seed 000).
//
// A hosted installation serves thousands of accounts: the answer is
// decoded into compact rows, problems are kept as small records, and text
// is formatted only for what will be printed (the summary names a few
// problems, the long output stops at the output cap, per-account JSON
// items are built only for --format json).
package webimaccounts

import (
	"context"

	"github.com/ccmon/webim-checks/lib/plugin"
	"github.com/ccmon/webim-checks/lib/webim"
)

// Check is check_webim_accounts. Use [New] for the defaults.
type Check struct {
	Login               plugin.Login  `group:"Webim service login" env-namespace:"WEBIM"`
	Accounts            []string      `long:"account" value-name:"NAME" description:"judge only this account (repeatable); a named account missing from the answer is CRITICAL"`
	WarningQueue        *plugin.Range `long:"warning-queue" value-name:"N" description:"chats waiting in an account's queue for an operator that warn (range, e.g. 5)"`
	CriticalQueue       *plugin.Range `long:"critical-queue" value-name:"N" description:"chats waiting in an account's queue that are critical (range, e.g. 20)"`
	WarningFailedStore  plugin.Range  `long:"warning-failed-store" value-name:"N" default:"0" description:"objects of an account that failed to be written to the database that warn (range; the default 0 warns on any)"`
	CriticalFailedStore *plugin.Range `long:"critical-failed-store" value-name:"N" description:"objects that failed to be written that are critical (range, e.g. 100)"`
	WarningBacklog      *plugin.Range `long:"warning-backlog" value-name:"N" description:"objects of an account waiting to be written to the database that warn (range, e.g. 1000)"`
	CriticalBacklog     *plugin.Range `long:"critical-backlog" value-name:"N" description:"objects waiting to be written that are critical (range, e.g. 10000)"`
	MinOperators        int           `long:"min-operators" value-name:"N" description:"WARNING when an account has fewer operators online (e.g. in support hours; 0 or unset judges nothing)"`
	MaxPerfAccounts     int           `long:"max-perf-accounts" value-name:"N" default:"20" description:"per-account perfdata while at most this many accounts are judged"`
}

// New returns the check with its defaults.
func New() *Check {
	return &Check{WarningFailedStore: *plugin.MustRange("0"), MaxPerfAccounts: 20}
}

// Info describes the check.
func (c *Check) Info() plugin.Info {
	return plugin.Info{
		Name:    "check_webim_accounts",
		Prefix:  "WEBIM ACCOUNTS",
		Product: webim.Product,
		Perf: plugin.WithTime([]plugin.PerfDef{
			{Label: "accounts", Meaning: "accounts served by the Chat Backend"},
			{Label: "sessions", Meaning: "chat sessions, all accounts (TOTAL)"},
			{Label: "operators_online", Meaning: "operators online, all accounts"},
			{Label: "operators_working", Meaning: "operators working, all accounts"},
			{Label: "chats", Meaning: "chats, all accounts"},
			{Label: "in_queue", Meaning: "chats waiting in the queue, all accounts"},
			{Label: "failed_store", Meaning: "objects that failed to be written to the database, all accounts"},
			{Label: "backlog", Meaning: "objects waiting to be written to the database, all accounts"},
			{Label: "ACCOUNT_in_queue", Meaning: "chats waiting in the queue of each judged account (up to --max-perf-accounts accounts)"},
			{Label: "ACCOUNT_failed_store", Meaning: "objects of each judged account that failed to be written"},
			{Label: "ACCOUNT_backlog", Meaning: "objects of each judged account waiting to be written"},
			{Label: "ACCOUNT_operators_online", Meaning: "operators online in each judged account"},
		}),
		Items: "account",
		Short: "Checks each account of a Webim Chat Backend: chats in the queue, objects failing or waiting to be stored, operators online, requests reaching the wrong instance (GET /l/a/monitor/accounts-stat).",
		States: []string{
			"OK        no account crosses a threshold; every --account is served",
			"WARNING   an account crosses a --warning-* threshold (by default: any object that failed to be stored), has fewer than --min-operators online, or its requests reach the wrong Chat Backend instance",
			"CRITICAL  an account crosses a --critical-* threshold; an --account is not served by this backend; the server is down, times out or answers 5xx",
			"UNKNOWN   wrong login (HTTP 401/403), an empty list or an answer that is not the documented one, bad command line",
		},
		Examples: []string{
			"WEBIM_USER=monitor WEBIM_PASSWORD=secret check_webim_accounts -H chat.example.com",
			"check_webim_accounts -H chat.example.com -U monitor --password-file /etc/nagios/webim.pw --warning-queue 5 --critical-queue 20 --critical-backlog 10000",
			"check_webim_accounts -H chat.example.com --account wmtest107 --min-operators 1 --critical-failed-store 100",
		},
	}
}

// Validate checks the numbers and names of the command line.
func (c *Check) Validate(*plugin.Env) error {
	switch {
	case c.MinOperators < 0:
		return plugin.Errorf(plugin.ErrUsage, "bad value for --min-operators: %d (want 0 or more)", c.MinOperators)
	case c.MaxPerfAccounts < 0:
		return plugin.Errorf(plugin.ErrUsage, "bad value for --max-perf-accounts: %d (want 0 or more)", c.MaxPerfAccounts)
	}
	return plugin.NoEmpty("--account", "account", c.Accounts)
}

// Run performs the check.
func (c *Check) Run(ctx context.Context, env *plugin.Env) (*plugin.Result, error) {
	cl, err := webim.New(env, c.Login)
	if err != nil {
		return nil, err
	}
	st, err := cl.AccountsStat(ctx)
	if err != nil {
		return nil, err
	}
	return c.Judge(st, env.Common.Format == plugin.FormatJSON), nil
}
