// Command check_webim_ping checks that the Webim Chat Backend answers an agent's ping.
package main

import (
	"os"

	"github.com/ccmon/webim-checks/lib/checks/webimping"
	"github.com/ccmon/webim-checks/lib/plugin"
)

func main() { os.Exit(plugin.Main(webimping.New())) }
