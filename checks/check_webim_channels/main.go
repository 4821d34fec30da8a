// Command check_webim_channels checks the messaging channels of a Webim Chat Backend for new errors.
package main

import (
	"os"

	"github.com/ccmon/webim-checks/lib/checks/webimchannels"
	"github.com/ccmon/webim-checks/lib/plugin"
)

func main() { os.Exit(plugin.Main(webimchannels.New())) }
