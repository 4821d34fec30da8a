// Command enginegen writes the engine configurations that are derived from
// the checks' flag definitions, so that they always name real flags:
//
//	contrib/icinga2/webim-checks.conf  one CheckCommand per check (ITL style)
//	contrib/zabbix/webim-checks.yaml   the Zabbix 6.0 template
//
// Run it from the repository root after changing a check's flags
// (make contrib); a test fails while the files are stale.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

// Outputs are the generated files, relative to the repository root, and
// their generators.
var Outputs = []struct {
	Path string
	Gen  func(*bytes.Buffer) error
}{
	{"contrib/icinga2/webim-checks.conf", icinga},
	{"contrib/zabbix/webim-checks.yaml", zabbix},
}

func main() {
	root := flag.String("root", ".", "repository root")
	flag.Parse()
	for _, o := range Outputs {
		var b bytes.Buffer
		if err := o.Gen(&b); err != nil {
			fmt.Fprintf(os.Stderr, "enginegen: %s: %v\n", o.Path, err)
			os.Exit(1)
		}
		p := filepath.Join(*root, o.Path)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			fmt.Fprintf(os.Stderr, "enginegen: %v\n", err)
			os.Exit(1)
		}
		if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
			fmt.Fprintf(os.Stderr, "enginegen: %v\n", err)
			os.Exit(1)
		}
	}
}
