// Command check_webim_storage checks the write-behind queue and load of the Webim Chat Backend.
package main

import (
	"os"

	"github.com/ccmon/webim-checks/lib/checks/webimstorage"
	"github.com/ccmon/webim-checks/lib/plugin"
)

func main() { os.Exit(plugin.Main(webimstorage.New())) }
