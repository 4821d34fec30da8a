// Command check_wa_gateway checks that the WhatsApp Business API client is connected to the WhatsApp servers.
package main

import (
	"os"

	"github.com/ccmon/webim-checks/lib/checks/wagateway"
	"github.com/ccmon/webim-checks/lib/plugin"
)

func main() { os.Exit(plugin.Main(wagateway.New())) }
