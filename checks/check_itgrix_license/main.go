// Command check_itgrix_license checks the type and the last valid day of the Itgrix license.
package main

import (
	"os"

	"github.com/ccmon/webim-checks/lib/checks/itgrixlicense"
	"github.com/ccmon/webim-checks/lib/plugin"
)

func main() { os.Exit(plugin.Main(itgrixlicense.New())) }
