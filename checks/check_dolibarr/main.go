// Command check_dolibarr checks a Dolibarr instance the way the WebHost module monitors it.
package main

import (
	"os"

	"github.com/ccmon/webim-checks/lib/checks/dolibarr"
	"github.com/ccmon/webim-checks/lib/plugin"
)

func main() { os.Exit(plugin.Main(dolibarr.New())) }
