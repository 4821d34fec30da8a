package checks_test

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/ccmon/webim-checks/lib/testutil"
)

// mainShape is the only shape a checks/*/main.go may have: a doc comment,
// two imports (os, the check's package, plugin) and one line of main.
var mainShape = regexp.MustCompile(`^// Command (check_[a-z_]+) [^\n]+\.
package main

import \(
	"os"

	"github.com/ccmon/webim-checks/lib/checks/([a-z]+)"
	"github.com/ccmon/webim-checks/lib/plugin"
\)

func main\(\) \{ os\.Exit\(plugin\.Main\(([a-z]+)\.New\(\)\)\) \}
$`)

func TestMainsHaveOneShape(t *testing.T) {
	mains, err := filepath.Glob(filepath.Join(testutil.Root(), "checks", "*", "main.go"))
	if err != nil || len(mains) == 0 {
		t.Fatalf("no checks/*/main.go found (%v)", err)
	}
	for _, m := range mains {
		dir := filepath.Base(filepath.Dir(m))
		t.Run(dir, func(t *testing.T) {
			b, err := os.ReadFile(m)
			if err != nil {
				t.Fatal(err)
			}
			sub := mainShape.FindSubmatch(b)
			if sub == nil {
				t.Fatalf("%s does not have the shape of every main (see mainShape in this test):\n%s", m, b)
			}
			if string(sub[1]) != dir {
				t.Errorf("doc comment names %s, directory is %s", sub[1], dir)
			}
			if string(sub[2]) != string(sub[3]) {
				t.Errorf("imports package %s but calls %s.New", sub[2], sub[3])
			}
		})
	}
}
