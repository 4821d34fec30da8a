package checks_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ccmon/webim-checks/lib/testutil"
)

// maxFuncLines is the longest a function of lib/ or contrib/ may be: a
// longer one does too many things to read at 3 a.m.
const maxFuncLines = 60

// TestFunctionsAreShort holds every non-test function of lib/ and
// contrib/ to maxFuncLines lines.
func TestFunctionsAreShort(t *testing.T) {
	fset := token.NewFileSet()
	for _, dir := range []string{"lib", "contrib"} {
		root := filepath.Join(testutil.Root(), dir)
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return err
			}
			f, err := parser.ParseFile(fset, p, nil, 0)
			if err != nil {
				return err
			}
			for _, decl := range f.Decls {
				fn, ok := decl.(*ast.FuncDecl)
				if !ok || fn.Body == nil {
					continue
				}
				if n := fset.Position(fn.End()).Line - fset.Position(fn.Pos()).Line + 1; n > maxFuncLines {
					rel, _ := filepath.Rel(testutil.Root(), p)
					t.Errorf("%s: %s is %d lines long, more than %d: split it", rel, fn.Name.Name, n, maxFuncLines)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}
