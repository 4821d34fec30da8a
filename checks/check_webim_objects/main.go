// Command check_webim_objects checks the object counts of the Webim Chat Backend and their growth.
package main

import (
	"os"

	"github.com/ccmon/webim-checks/lib/checks/webimobjects"
	"github.com/ccmon/webim-checks/lib/plugin"
)

func main() { os.Exit(plugin.Main(webimobjects.New())) }
