// Command check_webim_accounts checks each account of a Webim Chat Backend: queue, storage, operators.
package main

import (
	"os"

	"github.com/ccmon/webim-checks/lib/checks/webimaccounts"
	"github.com/ccmon/webim-checks/lib/plugin"
)

func main() { os.Exit(plugin.Main(webimaccounts.New())) }
