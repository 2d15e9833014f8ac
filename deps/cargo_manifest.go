package deps

import (
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// DepKind is the dependency table a Cargo dependency was declared in.
type DepKind string

// Cargo dependency kinds.
const (
	DepNormal DepKind = "dependencies"
	DepDev    DepKind = "dev-dependencies"
	DepBuild  DepKind = "build-dependencies"
)

// CargoDep is one Cargo dependency declaration.
type CargoDep struct {
	Name    string  // the key in the dependency table
	Package string  // `package = "..."` rename target, "" when not renamed
	Kind    DepKind // normal, dev or build
	Target  string  // `[target.'<Target>'.…]` cfg or triple; "" for every target
	// Section is the table it came from: "dependencies",
	// "target.cfg(windows).dev-dependencies", "workspace.dependencies",
	// "patch.crates-io", "replace".
	Section string

	Req      string // version requirement as written ("" when absent)
	Git      string
	Branch   string
	Tag      string
	Rev      string
	Path     string
	Registry string // registry name, or
	RegIndex string // `registry-index` URL
	Features []string
	// DefaultFeatures is nil when unset (Cargo's default is true).
	DefaultFeatures *bool
	Optional        bool

	// Workspace is set for `dep = { workspace = true }`; after
	// ResolveWorkspace, Inherited reports that the fields above were
	// filled from WorkspaceDef, the root's [workspace.dependencies] entry.
	Workspace    bool
	Inherited    bool
	WorkspaceDef *CargoDep

	Loc     source.Location // the dependency's key
	ReqLoc  source.Location // the version requirement (Loc when absent)
	GitLoc  source.Location // the git URL
	RefLoc  source.Location // rev, tag or branch (GitLoc when none)
	PathLoc source.Location
	Node    *source.Node // the declaration's value
}

// CrateName is the name of the crate the dependency resolves to.
func (d *CargoDep) CrateName() string {
	if d.Package != "" {
		return d.Package
	}
	return d.Name
}

// SourceKind reports where the dependency comes from.
func (d *CargoDep) SourceKind() SourceKind {
	switch {
	case d.Git != "":
		return SourceGit
	case d.Path != "":
		return SourcePath
	}
	return SourceRegistry
}

// GitPinned reports whether a git dependency names a full commit
// (`rev = "<40 hex>"`). A short rev, tag, branch or nothing is unpinned.
func (d *CargoDep) GitPinned() bool { return d.Git != "" && IsFullSHA(d.Rev) }

// ParsedReq parses the version requirement (nil, nil when absent).
func (d *CargoDep) ParsedReq() (*CargoReq, error) {
	if d.Req == "" {
		return nil, nil
	}
	return ParseCargoReq(d.Req)
}

// CargoPackage is the [package] table.
type CargoPackage struct {
	Name        string
	Version     string // "" when inherited or absent
	RustVersion string
	Loc         source.Location // the `name` entry
	Node        *source.Node
}

// CargoManifest is a parsed Cargo.toml.
type CargoManifest struct {
	File    string
	Package *CargoPackage // nil for a virtual (workspace-only) manifest
	// Dependencies holds [dependencies], [dev-dependencies],
	// [build-dependencies] and their [target.*] variants, in file order.
	Dependencies []*CargoDep
	Workspace    *CargoWorkspace // nil when there is no [workspace]
	Patches      []*CargoDep     // [patch.<source>] entries (Section "patch.<source>")
	Replace      []*CargoDep     // [replace] entries (Name is the package spec)
	// LibCrateTypes is [lib] crate-type; Bins the [[bin]] names.
	LibCrateTypes []string
	Bins          []string
	// Features is the [features] table: feature name → what it enables.
	Features    map[string][]string
	Diagnostics []*source.Error
	Root        *source.Node
}

// CargoWorkspace is the [workspace] table.
type CargoWorkspace struct {
	Members, Exclude []string
	Dependencies     []*CargoDep // [workspace.dependencies]
	Loc              source.Location
}

// ParseCargoManifest parses a Cargo.toml.
func ParseCargoManifest(f *source.File) (*CargoManifest, error) {
	if err := checkSize(f, MaxLockfileBytes); err != nil {
		return nil, err
	}
	root, diags, err := source.ParseTOML(f)
	if err != nil {
		return nil, err
	}
	m := CargoManifestFromNode(f, root)
	m.Diagnostics = append(diags, m.Diagnostics...)
	return m, nil
}

// CargoManifestFromNode reads a Cargo.toml from its parsed TOML tree.
func CargoManifestFromNode(f *source.File, root *source.Node) *CargoManifest {
	m := &CargoManifest{Root: root}
	if f != nil {
		m.File = f.Path
	}
	if root == nil || root.Kind != source.Object {
		m.Diagnostics = append(m.Diagnostics, nodeErr(f, root, "Cargo.toml is not a TOML table"))
		return m
	}
	r := &depReader{f: f, m: m}
	if p := root.Get("package"); p != nil {
		m.Package = readPackage(p)
	}
	r.kinds(root, "", "")
	for _, t := range root.Get("target").Members() {
		r.kinds(t.Value, t.Name, "target."+t.Name+".")
	}
	if ws := root.Get("workspace"); ws != nil {
		m.Workspace = &CargoWorkspace{Members: strList(ws.Get("members")), Exclude: strList(ws.Get("exclude")),
			Loc: ws.KeyLocation()}
		m.Workspace.Dependencies = r.table(ws.Get("dependencies"), DepNormal, "", "workspace.dependencies")
	}
	for _, p := range root.Get("patch").Members() {
		m.Patches = append(m.Patches, r.table(p.Value, DepNormal, "", "patch."+p.Name)...)
	}
	m.Replace = r.table(root.Get("replace"), DepNormal, "", "replace")
	lib := root.Get("lib")
	m.LibCrateTypes = strList(lib.Field("crateType"))
	if m.LibCrateTypes == nil {
		m.LibCrateTypes = strList(lib.Get("crate_type")) // Cargo's deprecated spelling
	}
	for _, b := range root.Get("bin").Items() {
		m.Bins = append(m.Bins, b.Get("name").String())
	}
	if fs := root.Get("features").Members(); len(fs) > 0 {
		m.Features = map[string][]string{}
		for _, ft := range fs {
			m.Features[ft.Name] = strList(ft.Value)
		}
	}
	return m
}

func readPackage(p *source.Node) *CargoPackage {
	name := p.Get("name")
	return &CargoPackage{Name: name.String(), Version: p.Get("version").String(),
		RustVersion: p.Field("rustVersion").String(), Loc: memberLoc(name), Node: p}
}

// strList returns the string items of an array node.
func strList(n *source.Node) []string {
	var out []string
	for _, it := range n.Items() {
		if s, ok := it.Str(); ok {
			out = append(out, s)
		}
	}
	return out
}
