// Command check_webim_account checks that a Webim account is not blocked.
package main

import (
	"os"

	"github.com/ccmon/webim-checks/lib/checks/webimaccount"
	"github.com/ccmon/webim-checks/lib/plugin"
)

func main() { os.Exit(plugin.Main(webimaccount.New())) }
