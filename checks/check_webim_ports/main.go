// Command check_webim_ports checks the set of TCP ports the Webim Chat Backend answers on.
package main

import (
	"os"

	"github.com/ccmon/webim-checks/lib/checks/webimports"
	"github.com/ccmon/webim-checks/lib/plugin"
)

func main() { os.Exit(plugin.Main(webimports.New())) }
