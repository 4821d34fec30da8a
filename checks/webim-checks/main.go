// Command webim-checks holds the checks of the suite in one binary: it runs the check named by the link it was started through, or by its first argument.
package main

import (
	"os"

	"github.com/ccmon/webim-checks/lib/checks/multicall"
	"github.com/ccmon/webim-checks/lib/plugin"
)

func main() { os.Exit(plugin.MainMulti(multicall.Checks())) }
