package rules

import (
	"path"
	"strings"
	"sync"

	"github.com/tauriaudit/tauriaudit/capabilities"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// ACLState is an app's access control as Tauri's build would see it: the
// target-independent model plus what the loader could and could not find.
type ACLState struct {
	Model   *capabilities.Model
	Version capabilities.Version
	// Plugins are the app's direct tauri plugin dependencies by manifest
	// key; MissingPlugins those whose permission files were not found.
	Plugins        map[string]*PluginDep
	MissingPlugins []*PluginDep
	// Origins say where each plugin's permissions came from.
	Origins map[string]*PluginOrigin
	// Build is what build.rs declares (inlined plugins, app manifest,
	// patterns) and what of it the scan could not follow.
	Build *BuildDecl
}

// AppACL is the app's access control, loaded on first use rather than by
// Run: apps the ACL rules skip (v1 configs, which have no capabilities)
// never load it, so its problems are never reported for them.
var AppACL = PerApp("acl", func(p *Project) *ACLs { return &ACLs{p: p} })

// ACLs holds one app's ACL state and its resolution per target.
type ACLs struct {
	p        *Project
	once     sync.Once
	state    *ACLState
	resolved sync.Map // source.Platform -> *targetACLEntry
}

type targetACLEntry struct {
	once sync.Once
	v    *capabilities.TargetACL
}

// State returns the target-independent ACL, loaded once.
func (a *ACLs) State() *ACLState {
	a.once.Do(func() { a.state = a.p.loadACL() })
	return a.state
}

// Target returns the ACL resolved for target t, once per platform.
func (a *ACLs) Target(t *Target) *capabilities.TargetACL {
	e, _ := a.resolved.LoadOrStore(t.Platform, &targetACLEntry{})
	entry := e.(*targetACLEntry)
	entry.once.Do(func() {
		entry.v = a.State().Model.Resolve(t.Platform, t.Config.Get("app").Get("security").Get("capabilities"))
	})
	return entry.v
}

// ACL returns the app's ACL model, loaded once.
func (p *Project) ACL() *ACLState { return AppACL.Of(p).State() }

// TargetACL returns the ACL resolved for target t, computed once.
func (p *Project) TargetACL(t *Target) *capabilities.TargetACL { return AppACL.Of(p).Target(t) }

func (p *Project) loadACL() *ACLState {
	st := &ACLState{Version: p.aclVersion()}
	deps := p.pluginDeps()
	st.Plugins = map[string]*PluginDep{}
	for _, d := range deps {
		st.Plugins[d.Key] = d
	}
	in := capabilities.Inputs{Version: st.Version, Manifests: capabilities.ManifestInputs{
		Committed: p.Parse(p.Path("gen/schemas/acl-manifests.json"), JSONStrict),
		Core:      capabilities.CoreAuto,
	}}
	st.Origins = p.pluginSources(deps, &in.Manifests)
	for _, d := range deps {
		if st.Origins[d.Key].Source == FromNowhere {
			st.MissingPlugins = append(st.MissingPlugins, d)
		}
	}
	st.Build = p.buildDecl()
	in.Manifests.App = p.appInputs(st.Build)
	in.Manifests.Inlined = p.inlinedInputs(st.Build)
	var capDir string
	in.CapabilityFiles, capDir = p.capabilityFiles(st.Build, st.Version)
	if len(in.CapabilityFiles) == 0 && !p.IsDir(p.Path(capDir)) {
		in.Generated = p.Parse(p.Path("gen/schemas/capabilities.json"), JSONStrict)
	}
	st.Model = capabilities.Load(in)
	return st
}

// aclVersion is the locked tauri version, or unknown (treated as the
// newest verified behaviour by the capabilities package).
func (p *Project) aclVersion() capabilities.Version {
	v, err := capabilities.ParseVersion(p.TauriVersion())
	if err != nil {
		return capabilities.Version{}
	}
	return v
}

// relDocs parses the files at root-relative paths, keyed by their path
// relative to the app directory (as tauri-build globs them).
func (p *Project) relDocs(rels []string) []capabilities.Doc {
	var out []capabilities.Doc
	for _, rel := range rels {
		full := p.Path(rel)
		if root := p.Parse(full, FormatOf(full)); root != nil {
			out = append(out, capabilities.Doc{Path: full, Root: root})
		}
	}
	return out
}

// appRelative lists files under dir (relative to the app directory) as
// app-relative paths.
func (p *Project) appRelative(dir string) []string {
	var out []string
	prefix := p.Path() + "/"
	if p.Dir == "." {
		prefix = ""
	}
	// Tauri's build reads these folders through a symlink; the scan does
	// not follow one, so that fails the run rather than hiding what the
	// folder grants behind a warning.
	p.tree.dirLink(p.Path(dir), Error)
	p.tree.subdirLinks(p.Path(dir), Error)
	for _, f := range p.FilesUnder(p.Path(dir)) {
		out = append(out, strings.TrimPrefix(f, prefix))
	}
	return out
}

func (p *Project) capabilityDocs(v capabilities.Version) []capabilities.Doc {
	return p.relDocs(capabilities.DiscoverCapabilityFiles(p.appRelative("capabilities"), v))
}

// PluginDep is a direct dependency of the app crate that is a Tauri plugin.
type PluginDep struct {
	Crate   string // crate name, e.g. tauri-plugin-fs
	Key     string // manifest key, e.g. fs
	Version string // locked version, "" if unknown
	Path    string // root-relative directory for path dependencies
	Node    *source.Node
}

// TauriVersion returns the locked version of the tauri crate, or "".
func (p *Project) TauriVersion() string {
	return p.LockedVersion("tauri")
}

// LockedVersion returns the version of crate name in the nearest
// Cargo.lock that the app builds with, or "": the one the app crate's
// lock entry depends on, else the highest locked (deps.Lockfile.LockedCrate).
func (p *Project) LockedVersion(name string) string {
	return CargoBuild.Of(p).LockedVersion(name)
}

// Manifest returns the app crate's Cargo.toml, or nil.
func (p *Project) Manifest() *source.Node {
	rel := p.Path("Cargo.toml")
	if !p.Exists(rel) {
		return nil
	}
	return p.Parse(rel, TOML)
}

// pluginDeps lists the app crate's direct plugin dependencies (plain and
// target-specific): crates named tauri-plugin-*, and path dependencies
// whose Cargo.toml declares `links` (local plugins).
func (p *Project) pluginDeps() []*PluginDep {
	m := p.Manifest()
	var tables []*source.Node
	tables = append(tables, m.Get("dependencies"))
	for _, t := range m.Get("target").Members() {
		tables = append(tables, t.Value.Get("dependencies"))
	}
	var out []*PluginDep
	for _, tbl := range tables {
		for _, mem := range tbl.Members() {
			if d := p.pluginDep(mem.Name, mem.Value); d != nil {
				out = append(out, d)
			}
		}
	}
	return out
}

func (p *Project) pluginDep(name string, spec *source.Node) *PluginDep {
	node, base := spec, p.Dir
	if spec.Get("workspace").IsTrue() {
		// `dep = { workspace = true }` inherits the workspace's entry,
		// whose path is relative to the workspace root.
		if ws, dir := p.WorkspaceDep(name); ws != nil {
			spec, base = ws, dir
		}
	}
	crate := name
	if pkg := spec.Get("package").String(); pkg != "" {
		crate = pkg
	}
	d := &PluginDep{Crate: crate, Node: node, Version: p.LockedVersion(crate)}
	if rel := spec.Get("path").String(); rel != "" {
		d.Path = path.Clean(path.Join(base, rel))
		links := p.Parse(path.Join(d.Path, "Cargo.toml"), TOML).Get("package").Get("links").String()
		if links == "" && !strings.HasPrefix(crate, "tauri-plugin-") {
			return nil
		}
		if links == "" {
			links = crate
		}
		d.Key = ManifestKey(links)
		return d
	}
	if !strings.HasPrefix(crate, "tauri-plugin-") {
		return nil
	}
	d.Key = ManifestKey(crate)
	return d
}

// WorkspaceDep returns [workspace.dependencies].<name> of the app's
// workspace root (deps.WorkspaceRootDir: the nearest manifest whose
// [workspace] has the app as a member), and that root's directory (paths
// in the entry are relative to it).
func (p *Project) WorkspaceDep(name string) (*source.Node, string) {
	c := CargoBuild.Of(p)
	if d := c.WorkspaceDep(name); d != nil {
		return d.Node, c.RootDir
	}
	return nil, ""
}

// ManifestKey turns a plugin's `links` value into its manifest key
// (tauri-acl §5.3): lower-case, '_' → '-', without "tauri-plugin-".
func ManifestKey(links string) string {
	k := strings.ReplaceAll(strings.ToLower(links), "_", "-")
	return strings.TrimPrefix(k, "tauri-plugin-")
}

// pluginPermissionDocs finds a plugin's permission files: in its path
// dependency, a vendored copy, or the local Cargo registry cache.
func (p *Project) pluginPermissionDocs(d *PluginDep) []capabilities.Doc {
	if d.Path != "" {
		return p.permissionDocsUnder(d.Path)
	}
	for _, dir := range []string{"vendor/" + d.Crate, "vendor/" + d.Crate + "-" + d.Version} {
		for _, base := range []string{p.Dir, path.Dir(p.Dir), "."} {
			if full := path.Join(base, dir); p.IsDir(full) {
				return p.permissionDocsUnder(full)
			}
		}
	}
	return p.registryPermissionDocs(d)
}

func (p *Project) permissionDocsUnder(crateDir string) []capabilities.Doc {
	var rels []string
	for _, f := range p.FilesUnder(path.Join(crateDir, "permissions")) {
		rels = append(rels, strings.TrimPrefix(f, crateDir+"/"))
	}
	var out []capabilities.Doc
	for _, rel := range capabilities.DiscoverPermissionFiles(rels, nil) {
		full := path.Join(crateDir, rel)
		if root := p.Parse(full, FormatOf(full)); root != nil {
			out = append(out, capabilities.Doc{Path: full, Root: root})
		}
	}
	return out
}
