// Package all is the registry of every check of the suite: its name (the
// binary name, check_webim_db) and its constructor. The multi-call binary,
// the man pages and the engine configurations are all built from it, and a
// test holds it equal to the checks/check_* mains.
package all

import (
	"slices"

	"github.com/ccmon/webim-checks/lib/checks/dolibarr"
	"github.com/ccmon/webim-checks/lib/checks/itgrixlicense"
	"github.com/ccmon/webim-checks/lib/checks/itgrixstatus"
	"github.com/ccmon/webim-checks/lib/checks/wagateway"
	"github.com/ccmon/webim-checks/lib/checks/webimaccount"
	"github.com/ccmon/webim-checks/lib/checks/webimaccounts"
	"github.com/ccmon/webim-checks/lib/checks/webimbackend"
	"github.com/ccmon/webim-checks/lib/checks/webimchannels"
	"github.com/ccmon/webim-checks/lib/checks/webimdb"
	"github.com/ccmon/webim-checks/lib/checks/webimenvs"
	"github.com/ccmon/webim-checks/lib/checks/webimhandler"
	"github.com/ccmon/webim-checks/lib/checks/webiminfo"
	"github.com/ccmon/webim-checks/lib/checks/webimmetrics"
	"github.com/ccmon/webim-checks/lib/checks/webimobjects"
	"github.com/ccmon/webim-checks/lib/checks/webimping"
	"github.com/ccmon/webim-checks/lib/checks/webimports"
	"github.com/ccmon/webim-checks/lib/checks/webimrestart"
	"github.com/ccmon/webim-checks/lib/checks/webimstorage"
	"github.com/ccmon/webim-checks/lib/checks/webimtimers"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// registry lists every check in the order it joined the suite. Append a
// new check at the end: engine configurations number things in this order
// (the Nagios $USERn$ macros of the credentials), and a user's
// configuration must not shift when a check is added.
var registry = []struct {
	name string
	new  func() plugin.Check
}{
	{"check_webim_db", func() plugin.Check { return webimdb.New() }},
	{"check_webim_timers", func() plugin.Check { return webimtimers.New() }},
	{"check_webim_restart", func() plugin.Check { return webimrestart.New() }},
	{"check_itgrix_license", func() plugin.Check { return itgrixlicense.New() }},
	{"check_itgrix_status", func() plugin.Check { return itgrixstatus.New() }},
	{"check_wa_gateway", func() plugin.Check { return wagateway.New() }},
	{"check_webim_backend", func() plugin.Check { return webimbackend.New() }},
	{"check_webim_account", func() plugin.Check { return webimaccount.New() }},
	{"check_webim_storage", func() plugin.Check { return webimstorage.New() }},
	{"check_webim_accounts", func() plugin.Check { return webimaccounts.New() }},
	{"check_webim_channels", func() plugin.Check { return webimchannels.New() }},
	{"check_webim_objects", func() plugin.Check { return webimobjects.New() }},
	{"check_webim_info", func() plugin.Check { return webiminfo.New() }},
	{"check_webim_ports", func() plugin.Check { return webimports.New() }},
	{"check_webim_envs", func() plugin.Check { return webimenvs.New() }},
	{"check_webim_ping", func() plugin.Check { return webimping.New() }},
	{"check_webim_metrics", func() plugin.Check { return webimmetrics.New() }},
	{"check_webim_handler", func() plugin.Check { return webimhandler.New() }},
	{"check_dolibarr", func() plugin.Check { return dolibarr.New() }},
}

// ownBinary lists the checks built and installed as their own binary
// rather than linked to the multi-call binary (package multicall leaves
// them out; the Makefile's OWN_BINARY lists them): their imports would
// cost every check started through the multi-call binary.
// check_webim_metrics imports prometheus/common/expfmt, which pulls in
// protobuf, whose package init runs (and reads the executable) at every
// start: +0.3 M instructions, +0.5 ms CPU, +1.8 MiB, +65 page faults for
// check_webim_db through a multi-call binary holding it.
var ownBinary = map[string]bool{"check_webim_metrics": true}

// OwnBinary returns the names of the checks built and installed as their
// own binary, not linked to the multi-call binary, sorted.
func OwnBinary() []string {
	var out []string
	for _, r := range registry {
		if ownBinary[r.name] {
			out = append(out, r.name)
		}
	}
	slices.Sort(out)
	return out
}

// Checks returns a fresh map of every check name to its constructor.
func Checks() map[string]func() plugin.Check {
	m := make(map[string]func() plugin.Check, len(registry))
	for _, r := range registry {
		m[r.name] = r.new
	}
	return m
}

// Names returns the check names, sorted.
func Names() []string {
	out := InOrder()
	slices.Sort(out)
	return out
}

// InOrder returns the check names in the order they joined the suite.
func InOrder() []string {
	out := make([]string, len(registry))
	for i, r := range registry {
		out[i] = r.name
	}
	return out
}
