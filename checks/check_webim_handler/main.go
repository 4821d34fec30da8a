// Command check_webim_handler sends a signed synthetic chat event to a CRM's Webim chat event handler.
package main

import (
	"os"

	"github.com/ccmon/webim-checks/lib/checks/webimhandler"
	"github.com/ccmon/webim-checks/lib/plugin"
)

func main() { os.Exit(plugin.Main(webimhandler.New())) }
