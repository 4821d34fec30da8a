package checks_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ccmon/webim-checks/lib/testutil"
)

// mainShape is the only shape a checks/check_*/main.go may have: a doc
// comment, three imports (os, the check's package, plugin) and one line of
// main.
var mainShape = regexp.MustCompile(`^// Command (check_[a-z_]+) [^\n]+\.
package main

import \(
	"os"

	"github.com/ccmon/webim-checks/lib/checks/([a-z]+)"
	"github.com/ccmon/webim-checks/lib/plugin"
\)

func main\(\) \{ os\.Exit\(plugin\.Main\(([a-z]+)\.New\(\)\)\) \}
$`)

// multiShape is the shape of the multi-call main, checks/webim-checks: the
// checks of the multi-call set (lib/checks/multicall) handed to the
// runtime in one line.
var multiShape = regexp.MustCompile(`^// Command webim-checks [^\n]+\.
package main

import \(
	"os"

	"github.com/ccmon/webim-checks/lib/checks/multicall"
	"github.com/ccmon/webim-checks/lib/plugin"
\)

func main\(\) \{ os\.Exit\(plugin\.MainMulti\(multicall\.Checks\(\)\)\) \}
$`)

func TestMainsHaveOneShape(t *testing.T) {
	all, err := filepath.Glob(filepath.Join(testutil.Root(), "checks", "*", "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	var mains []string
	for _, m := range all {
		switch dir := filepath.Base(filepath.Dir(m)); {
		case dir == "webim-checks":
		case strings.HasPrefix(dir, "check_"):
			mains = append(mains, m)
		default:
			t.Errorf("%s: a main under checks/ is either check_* or the multi-call webim-checks", m)
		}
	}
	if len(mains) == 0 {
		t.Fatal("no checks/check_*/main.go found")
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

func TestMultiCallMainHasItsShape(t *testing.T) {
	m := filepath.Join(testutil.Root(), "checks", "webim-checks", "main.go")
	b, err := os.ReadFile(m)
	if err != nil {
		t.Fatal(err)
	}
	if !multiShape.Match(b) {
		t.Fatalf("%s does not have the shape of the multi-call main (see multiShape in this test):\n%s", m, b)
	}
}
