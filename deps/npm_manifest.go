package deps

import (
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// DepGroup is the package.json table a spec came from.
type DepGroup string

// package.json dependency groups.
const (
	GroupDependencies  DepGroup = "dependencies"
	GroupDev           DepGroup = "devDependencies"
	GroupPeer          DepGroup = "peerDependencies"
	GroupOptional      DepGroup = "optionalDependencies"
	GroupOverrides     DepGroup = "overrides"      // npm
	GroupResolutions   DepGroup = "resolutions"    // yarn
	GroupPnpmOverrides DepGroup = "pnpm.overrides" // pnpm
)

// NpmDep is one spec from package.json.
type NpmDep struct {
	Name  string // the package the spec applies to
	Spec  *NpmSpec
	Group DepGroup
	// Selector is the override/resolution key path as written, e.g.
	// "react", "foo>bar", "**/lodash", "a@1>b"; "" for plain groups.
	Selector string
	Loc      source.Location // the key
	SpecLoc  source.Location // the spec value
}

// NpmScript is one entry of "scripts".
type NpmScript struct {
	Name, Command string
	Loc           source.Location // the command value
}

// PackageJSON is a parsed package.json.
type PackageJSON struct {
	File           string
	Name, Version  string
	PackageManager string
	Workspaces     []string
	Deps           []*NpmDep
	Scripts        []*NpmScript
	Diagnostics    []*source.Error
	Root           *source.Node
}

// ParsePackageJSON parses a package.json (comments and trailing commas
// are tolerated and reported by the JSON parser's warnings).
func ParsePackageJSON(f *source.File) (*PackageJSON, error) {
	if err := checkSize(f, MaxLockfileBytes); err != nil {
		return nil, err
	}
	root, diags, err := source.ParseJSON(f, false)
	if err != nil {
		return nil, err
	}
	p := PackageJSONFromNode(f, root)
	p.Diagnostics = append(diags, p.Diagnostics...)
	return p, nil
}

// PackageJSONFromNode reads a package.json from its parsed tree.
func PackageJSONFromNode(f *source.File, root *source.Node) *PackageJSON {
	p := &PackageJSON{Root: root}
	if f != nil {
		p.File = f.Path
	}
	if root == nil || root.Kind != source.Object {
		p.Diagnostics = append(p.Diagnostics, nodeErr(f, root, "package.json is not a JSON object"))
		return p
	}
	p.Name, p.Version = root.Get("name").String(), root.Get("version").String()
	p.PackageManager = root.Get("packageManager").String()
	ws := root.Get("workspaces")
	if ws != nil && ws.Kind == source.Object {
		ws = ws.Get("packages") // yarn's { "packages": [...] } form
	}
	p.Workspaces = strList(ws)
	for _, g := range []DepGroup{GroupDependencies, GroupDev, GroupPeer, GroupOptional} {
		for _, m := range root.Get(string(g)).Members() {
			p.add(m.Name, "", g, m.Value)
		}
	}
	p.overrides(root.Get("overrides"), "")
	for _, m := range root.Get("resolutions").Members() {
		p.add(selectorTarget(m.Name, "/"), m.Name, GroupResolutions, m.Value)
	}
	for _, m := range root.Get("pnpm").Get("overrides").Members() {
		p.add(selectorTarget(m.Name, ">"), m.Name, GroupPnpmOverrides, m.Value)
	}
	for _, m := range root.Get("scripts").Members() {
		if s, ok := m.Value.Str(); ok {
			p.Scripts = append(p.Scripts, &NpmScript{Name: m.Name, Command: s, Loc: m.Value.Location()})
		}
	}
	return p
}

func (p *PackageJSON) add(name, selector string, g DepGroup, v *source.Node) {
	s, ok := v.Str()
	if !ok {
		p.Diagnostics = append(p.Diagnostics, errLoc(v.Location(), "%s entry %q must be a string, found %s", g, name, v.Kind))
		return
	}
	p.Deps = append(p.Deps, &NpmDep{Name: name, Spec: ParseNpmSpec(s), Group: g, Selector: selector,
		Loc: v.KeyLocation(), SpecLoc: v.Location()})
}

// overrides flattens npm's nested overrides: {"a": {".": "1", "b": "2"}}
// gives a (selector "a") and b (selector "a>b").
func (p *PackageJSON) overrides(n *source.Node, parent string) {
	for _, m := range n.Members() {
		sel := m.Name
		if parent != "" {
			sel = parent + ">" + m.Name
		}
		if m.Name == "." {
			sel = parent
		}
		if m.Value.Kind == source.Object {
			p.overrides(m.Value, sel)
			continue
		}
		p.add(selectorTarget(sel, ">"), sel, GroupOverrides, m.Value)
	}
}

// selectorTarget returns the package an override/resolution key applies
// to: its last segment without a version ("a@1>b@2" → "b",
// "**/@s/x" → "@s/x").
func selectorTarget(key, sep string) string {
	last := key
	if sep == "/" {
		segs := strings.Split(key, "/")
		last = segs[len(segs)-1]
		if len(segs) > 1 && strings.HasPrefix(segs[len(segs)-2], "@") {
			last = segs[len(segs)-2] + "/" + last
		}
	} else if i := strings.LastIndex(key, sep); i >= 0 {
		last = key[i+len(sep):]
	}
	name, _, _ := splitNameAt(last)
	return name
}

// Dep returns the first dependency spec for name in the plain groups.
func (p *PackageJSON) Dep(name string) *NpmDep {
	for _, d := range p.Deps {
		if d.Name == name && d.Selector == "" {
			return d
		}
	}
	return nil
}
