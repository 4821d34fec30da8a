// Command check_webim_restart checks whether the Webim Chat Backend restarted.
package main

import (
	"os"

	"github.com/ccmon/webim-checks/lib/checks/webimrestart"
	"github.com/ccmon/webim-checks/lib/plugin"
)

func main() { os.Exit(plugin.Main(webimrestart.New())) }
