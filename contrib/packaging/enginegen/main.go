// Command enginegen writes the engine configurations that are derived from
// the checks' flag definitions, so that they always name real flags:
//
//	contrib/icinga2/webim-checks.conf  one CheckCommand per check (ITL style)
//	contrib/zabbix/webim-checks.yaml   the Zabbix 6.0 template
//	contrib/nagios/webim-checks-commands.cfg  one Nagios command per check
//
// and the generated regions of hand-written files (see [Regions]): the
// README's table of checks, the Zabbix README's perfdata table, the
// packages' description.
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
	{"contrib/nagios/webim-checks-commands.cfg", nagios},
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
	for _, r := range Regions {
		p := filepath.Join(*root, r.Path)
		out, err := regionFile(p, r.Name, r.Gen)
		if err == nil {
			err = os.WriteFile(p, out, 0o644)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "enginegen: %s: %v\n", r.Path, err)
			os.Exit(1)
		}
	}
}

// regionFile returns the file at path with its region name generated anew.
func regionFile(path, name string, gen func(*bytes.Buffer) error) ([]byte, error) {
	text, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := gen(&b); err != nil {
		return nil, err
	}
	return replaceRegion(text, name, b.Bytes())
}
