// Command check_webim_info checks the PHP side of Webim: version, server, load and uptime.
package main

import (
	"os"

	"github.com/ccmon/webim-checks/lib/checks/webiminfo"
	"github.com/ccmon/webim-checks/lib/plugin"
)

func main() { os.Exit(plugin.Main(webiminfo.New())) }
