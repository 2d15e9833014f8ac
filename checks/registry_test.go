package checks

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/rules"
)

// TestEveryRuleListed: every exported *rules.Rule declared in checks/ or
// in the engine (rules/) is in All(), so a rule cannot be written and
// then silently never run.
func TestEveryRuleListed(t *testing.T) {
	declared := declaredRules(t, ".", "")
	declared = append(declared, declaredRules(t, "../rules", "rules.")...)
	listed := listedRules(t, "all.go")
	if len(listed) != len(All()) {
		t.Fatalf("all.go lists %d rules but All() returns %d: the list is no longer one literal", len(listed), len(All()))
	}
	for _, name := range unlisted(declared, listed) {
		t.Errorf("%s is a rule but is not listed in All() (checks/all.go)", name)
	}
	if len(declared) < 100 {
		t.Errorf("found only %d declared rules: the declaration scan is broken", len(declared))
	}
}

// TestRegistryCheckCatchesStray guards the check above with a package
// that declares a rule its list forgets.
func TestRegistryCheckCatchesStray(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.go", `package checks
import "github.com/tauriaudit/tauriaudit/rules"
var Listed = &rules.Rule{ID: "TA-CFG-901"}
var Stray = &rules.Rule{ID: "TA-CFG-902"}
var StrayBuilt = build("TA-CFG-903")
var notExported = &rules.Rule{ID: "TA-CFG-904"}
var NotARule = &rules.Finding{}
func build(id string) *rules.Rule { return &rules.Rule{ID: id} }
`)
	write("all.go", `package checks
import "github.com/tauriaudit/tauriaudit/rules"
func All() []*rules.Rule { return []*rules.Rule{Listed, rules.IgnoreExpired} }
`)
	write("a_test.go", `package checks
var InTest = &rules.Rule{ID: "TA-CFG-905"}
`)
	got := unlisted(declaredRules(t, dir, ""), listedRules(t, filepath.Join(dir, "all.go")))
	if want := []string{"Stray", "StrayBuilt"}; !slices.Equal(got, want) {
		t.Errorf("unlisted = %q, want %q", got, want)
	}
}

// declaredRules returns the exported package-level variables of the Go
// files in dir (tests excluded) whose value is &Rule{…} or &rules.Rule{…},
// or a call of a function of the package that returns *Rule; each name is
// prefixed with qual.
func declaredRules(t *testing.T, dir, qual string) []string {
	t.Helper()
	files := parseDir(t, dir)
	builders := map[string]bool{}
	for _, f := range files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Type.Results != nil &&
				len(fd.Type.Results.List) == 1 && isRulePtr(fd.Type.Results.List[0].Type) {
				builders[fd.Name.Name] = true
			}
		}
	}
	var out []string
	for _, f := range files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if name.IsExported() && (vs.Type != nil && isRulePtr(vs.Type) || i < len(vs.Values) && isRuleValue(vs.Values[i], builders)) {
						out = append(out, qual+name.Name)
					}
				}
			}
		}
	}
	return out
}

func parseDir(t *testing.T, dir string) []*ast.File {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	return files
}

// isRuleValue reports whether e is &Rule{…}, &rules.Rule{…} or a call of
// a rule builder.
func isRuleValue(e ast.Expr, builders map[string]bool) bool {
	switch e := e.(type) {
	case *ast.UnaryExpr:
		cl, ok := e.X.(*ast.CompositeLit)
		return ok && e.Op == token.AND && isRuleType(cl.Type)
	case *ast.CallExpr:
		id, ok := e.Fun.(*ast.Ident)
		return ok && builders[id.Name]
	}
	return false
}

func isRulePtr(e ast.Expr) bool {
	st, ok := e.(*ast.StarExpr)
	return ok && isRuleType(st.X)
}

func isRuleType(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name == "Rule"
	case *ast.SelectorExpr:
		x, ok := e.X.(*ast.Ident)
		return ok && x.Name == "rules" && e.Sel.Name == "Rule"
	}
	return false
}

// listedRules returns the elements of the []*rules.Rule literal that All
// returns in the file at path, as written ("Name" or "rules.Name").
func listedRules(t *testing.T, path string) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		fd, ok := n.(*ast.FuncDecl)
		if !ok || fd.Name.Name != "All" {
			return true
		}
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			cl, ok := n.(*ast.CompositeLit)
			if !ok {
				return true
			}
			for _, el := range cl.Elts {
				switch el := el.(type) {
				case *ast.Ident:
					out = append(out, el.Name)
				case *ast.SelectorExpr:
					if x, ok := el.X.(*ast.Ident); ok {
						out = append(out, x.Name+"."+el.Sel.Name)
					}
				}
			}
			return false
		})
		return false
	})
	return out
}

func unlisted(declared, listed []string) []string {
	var out []string
	for _, d := range declared {
		if !slices.Contains(listed, d) {
			out = append(out, d)
		}
	}
	return out
}

// TestAllInIDOrder: the list is kept in ID order, so a new rule has one
// obvious place.
func TestAllInIDOrder(t *testing.T) {
	all := All()
	if !slices.IsSortedFunc(all, func(a, b *rules.Rule) int { return strings.Compare(a.ID, b.ID) }) {
		for i := 1; i < len(all); i++ {
			if all[i-1].ID >= all[i].ID {
				t.Errorf("All(): %s is listed before %s", all[i-1].ID, all[i].ID)
			}
		}
	}
}

// TestAdvisoryRulesMatchAdvisories: each advisory of deps.Advisories has
// its rule, and each advisory rule (TA-DEP-1xx) finds its advisory, which
// it looks up only when it runs.
func TestAdvisoryRulesMatchAdvisories(t *testing.T) {
	for _, a := range deps.Advisories {
		if rules.Find(All(), a.Rule) == nil {
			t.Errorf("advisory %s names rule %s, which is not in All()", a.ID, a.Rule)
		}
	}
	n := 0
	for _, r := range All() {
		if strings.HasPrefix(r.ID, "TA-DEP-1") {
			n++
			if advisoryFor(r.ID) == nil {
				t.Errorf("%s has no advisory in deps.Advisories", r.ID)
			}
		}
	}
	if n != len(deps.Advisories) {
		t.Errorf("%d advisory rules for %d advisories", n, len(deps.Advisories))
	}
}
