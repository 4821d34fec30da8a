// Command webim-checks holds every check in one binary: it runs the check named by the link it was started through, or by its first argument.
package main

import (
	"os"

	"github.com/ccmon/webim-checks/lib/checks/all"
	"github.com/ccmon/webim-checks/lib/plugin"
)

func main() { os.Exit(plugin.MainMulti(all.Checks())) }
