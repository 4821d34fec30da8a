// Package all is the registry of every check of the suite: its name (the
// binary name, check_webim_db) and its constructor. The multi-call binary,
// the man pages and the engine configurations are all built from it, and a
// test holds it equal to the checks/check_* mains.
package all

import (
	"maps"
	"slices"

	"github.com/ccmon/webim-checks/lib/checks/multicall"
	"github.com/ccmon/webim-checks/lib/checks/webimmetrics"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// inOrder lists every check in the order it joined the suite. Append a
// new check at the end: engine configurations number things in this order
// (the Nagios $USERn$ macros of the credentials), and a user's
// configuration must not shift when a check is added. The constructors
// are those of the multi-call binary (package multicall) and ownBinary.
var inOrder = []string{
	"check_webim_db",
	"check_webim_timers",
	"check_webim_restart",
	"check_itgrix_license",
	"check_itgrix_status",
	"check_wa_gateway",
	"check_webim_backend",
	"check_webim_account",
	"check_webim_storage",
	"check_webim_accounts",
	"check_webim_channels",
	"check_webim_objects",
	"check_webim_info",
	"check_webim_ports",
	"check_webim_envs",
	"check_webim_ping",
	"check_webim_metrics",
	"check_webim_handler",
	"check_dolibarr",
}

// ownBinary lists the checks built and installed as their own binary
// rather than linked to the multi-call binary (package multicall leaves
// them out; the Makefile's OWN_BINARY lists them): their imports would
// cost every check started through the multi-call binary.
// check_webim_metrics imports prometheus/common/expfmt, which pulls in
// protobuf, whose package init runs (and reads the executable) at every
// start: +0.3 M instructions, +0.5 ms CPU, +1.8 MiB, +65 page faults for
// check_webim_db through a multi-call binary holding it.
var ownBinary = map[string]func() plugin.Check{
	"check_webim_metrics": func() plugin.Check { return webimmetrics.New() },
}

// OwnBinary returns the names of the checks built and installed as their
// own binary, not linked to the multi-call binary, sorted.
func OwnBinary() []string {
	return slices.Sorted(maps.Keys(ownBinary))
}

// Checks returns a fresh map of every check name to its constructor.
func Checks() map[string]func() plugin.Check {
	m := multicall.Checks()
	maps.Copy(m, ownBinary)
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
	return slices.Clone(inOrder)
}
