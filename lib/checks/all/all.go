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
	"github.com/ccmon/webim-checks/lib/checks/webimdb"
	"github.com/ccmon/webim-checks/lib/checks/webimhandler"
	"github.com/ccmon/webim-checks/lib/checks/webimrestart"
	"github.com/ccmon/webim-checks/lib/checks/webimtimers"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// Checks returns a fresh map of every check name to its constructor.
func Checks() map[string]func() plugin.Check {
	return map[string]func() plugin.Check{
		"check_webim_db":       func() plugin.Check { return webimdb.New() },
		"check_webim_timers":   func() plugin.Check { return webimtimers.New() },
		"check_webim_restart":  func() plugin.Check { return webimrestart.New() },
		"check_itgrix_license": func() plugin.Check { return itgrixlicense.New() },
		"check_itgrix_status":  func() plugin.Check { return itgrixstatus.New() },
		"check_wa_gateway":     func() plugin.Check { return wagateway.New() },
		"check_webim_handler":  func() plugin.Check { return webimhandler.New() },
		"check_dolibarr":       func() plugin.Check { return dolibarr.New() },
	}
}

// Names returns the check names, sorted.
func Names() []string {
	m := Checks()
	out := make([]string, 0, len(m))
	for n := range m {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}
