// Command check_webim_envs checks that the expected Webim environments are listed on a server.
package main

import (
	"os"

	"github.com/ccmon/webim-checks/lib/checks/webimenvs"
	"github.com/ccmon/webim-checks/lib/plugin"
)

func main() { os.Exit(plugin.Main(webimenvs.New())) }
