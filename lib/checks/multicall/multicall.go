// Package multicall is the set of checks the multi-call binary
// (checks/webim-checks) holds: every check of the registry (package all)
// but those marked to be built as their own binary, whose imports would
// otherwise cost every check started through the multi-call binary
// (check_webim_metrics: prometheus/common/expfmt pulls in protobuf, whose
// package init runs, and reads the executable, at every start). A test in
// package all holds this set, the registry and the Makefile's OWN_BINARY
// in agreement.
package multicall

import (
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
	"github.com/ccmon/webim-checks/lib/checks/webimobjects"
	"github.com/ccmon/webim-checks/lib/checks/webimping"
	"github.com/ccmon/webim-checks/lib/checks/webimports"
	"github.com/ccmon/webim-checks/lib/checks/webimrestart"
	"github.com/ccmon/webim-checks/lib/checks/webimstorage"
	"github.com/ccmon/webim-checks/lib/checks/webimtimers"
	"github.com/ccmon/webim-checks/lib/plugin"
)

// Checks returns a fresh map of the name of every check of the multi-call
// binary to its constructor.
func Checks() map[string]func() plugin.Check {
	return map[string]func() plugin.Check{
		"check_webim_db":       func() plugin.Check { return webimdb.New() },
		"check_webim_timers":   func() plugin.Check { return webimtimers.New() },
		"check_webim_restart":  func() plugin.Check { return webimrestart.New() },
		"check_itgrix_license": func() plugin.Check { return itgrixlicense.New() },
		"check_itgrix_status":  func() plugin.Check { return itgrixstatus.New() },
		"check_wa_gateway":     func() plugin.Check { return wagateway.New() },
		"check_webim_backend":  func() plugin.Check { return webimbackend.New() },
		"check_webim_account":  func() plugin.Check { return webimaccount.New() },
		"check_webim_storage":  func() plugin.Check { return webimstorage.New() },
		"check_webim_accounts": func() plugin.Check { return webimaccounts.New() },
		"check_webim_channels": func() plugin.Check { return webimchannels.New() },
		"check_webim_objects":  func() plugin.Check { return webimobjects.New() },
		"check_webim_info":     func() plugin.Check { return webiminfo.New() },
		"check_webim_ports":    func() plugin.Check { return webimports.New() },
		"check_webim_envs":     func() plugin.Check { return webimenvs.New() },
		"check_webim_ping":     func() plugin.Check { return webimping.New() },
		"check_webim_handler":  func() plugin.Check { return webimhandler.New() },
		"check_dolibarr":       func() plugin.Check { return dolibarr.New() },
	}
}
