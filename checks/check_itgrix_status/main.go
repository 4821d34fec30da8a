// Command check_itgrix_status checks that the Itgrix connector is running and reports no error.
package main

import (
	"os"

	"github.com/ccmon/webim-checks/lib/checks/itgrixstatus"
	"github.com/ccmon/webim-checks/lib/plugin"
)

func main() { os.Exit(plugin.Main(itgrixstatus.New())) }
