// Command check_webim_db checks that the Webim Chat Backend reaches its databases.
package main

import (
	"os"

	"github.com/ccmon/webim-checks/lib/checks/webimdb"
	"github.com/ccmon/webim-checks/lib/plugin"
)

func main() { os.Exit(plugin.Main(webimdb.New())) }
