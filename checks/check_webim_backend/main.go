// Command check_webim_backend checks that the Webim Chat Backend writes to its database and reaches its visitors.
package main

import (
	"os"

	"github.com/ccmon/webim-checks/lib/checks/webimbackend"
	"github.com/ccmon/webim-checks/lib/plugin"
)

func main() { os.Exit(plugin.Main(webimbackend.New())) }
