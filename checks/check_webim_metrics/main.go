// Command check_webim_metrics checks Prometheus metrics of a Webim backend or any Prometheus endpoint.
package main

import (
	"os"

	"github.com/ccmon/webim-checks/lib/checks/webimmetrics"
	"github.com/ccmon/webim-checks/lib/plugin"
)

func main() { os.Exit(plugin.Main(webimmetrics.New())) }
