// Command check_webim_timers checks the timers of the Webim Chat Backend.
package main

import (
	"os"

	"github.com/ccmon/webim-checks/lib/checks/webimtimers"
	"github.com/ccmon/webim-checks/lib/plugin"
)

func main() { os.Exit(plugin.Main(webimtimers.New())) }
