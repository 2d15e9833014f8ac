package checks

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// fsImports are the packages a rule would need to open, stat or walk
// files itself.
var fsImports = map[string]bool{"os": true, "io/fs": true, "io/ioutil": true, "path/filepath": true}

// diskFuncs are the functions of domain packages that take an OS path and
// read (or write) the disk. Rules get what they name from Project.Inputs,
// read once by the loader.
var diskFuncs = map[string][]string{
	"github.com/tauriaudit/tauriaudit/signing": {"LoadTrust", "FindRepo", "OpenRepo", "OpenVerifyCache",
		"SHA256File", "VerifyUpdaterFile"},
	"github.com/tauriaudit/tauriaudit/signing/cosign": {"LoadKey", "VerifySig", "VerifyBundle"},
	"github.com/tauriaudit/tauriaudit/deps":           {"ReadOSVDB"},
}

// Rules are pure functions of the loaded project (rules/doc.go): no file
// under checks/ may touch the file system, so every input problem is
// handled once, by the loader, with one policy.
func TestChecksNeverTouchFS(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, msg := range fsUses(fset, f) {
			t.Error(msg)
		}
	}
}

// fsUses lists the forbidden imports and calls of one file.
func fsUses(fset *token.FileSet, f *ast.File) []string {
	var out []string
	local := map[string]string{} // import name -> path, for diskFuncs' packages
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		if fsImports[p] {
			out = append(out, fmt.Sprintf("%s: imports %s", fset.Position(imp.Pos()), p))
		}
		if diskFuncs[p] != nil {
			name := p[strings.LastIndex(p, "/")+1:]
			if imp.Name != nil {
				name = imp.Name.Name
			}
			local[name] = p
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if x, ok := sel.X.(*ast.Ident); ok && slices.Contains(diskFuncs[local[x.Name]], sel.Sel.Name) {
			out = append(out, fmt.Sprintf("%s: uses %s.%s, which reads the disk by path", fset.Position(sel.Pos()), x.Name, sel.Sel.Name))
		}
		return true
	})
	return out
}
