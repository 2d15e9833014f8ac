package deps

import (
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// ResolveWorkspace fills every `dep = { workspace = true }` declaration
// of m (dependencies and target dependencies) from the
// [workspace.dependencies] table of root, the workspace's root manifest
// (m itself when it is the root). Cargo's rules apply: the source,
// version, rename and default-features come from the workspace entry;
// features are the union of both; `optional` is the member's own.
// Declarations the root does not define are returned as errors at the
// member's key.
func (m *CargoManifest) ResolveWorkspace(root *CargoManifest) []*source.Error {
	if m == nil {
		return nil
	}
	defs := map[string]*CargoDep{}
	if root != nil && root.Workspace != nil {
		for _, d := range root.Workspace.Dependencies {
			defs[d.Name] = d
		}
	}
	var errs []*source.Error
	for _, d := range m.Dependencies {
		if !d.Workspace || d.Inherited {
			continue
		}
		def := defs[d.Name]
		if def == nil {
			errs = append(errs, errLoc(d.Loc, "dependency %q sets `workspace = true` but the workspace root has no [workspace.dependencies] entry for it", d.Name))
			continue
		}
		inherit(d, def)
	}
	return errs
}

func inherit(d, def *CargoDep) {
	d.Inherited, d.WorkspaceDef = true, def
	d.Req, d.ReqLoc = def.Req, def.ReqLoc
	d.Git, d.Branch, d.Tag, d.Rev = def.Git, def.Branch, def.Tag, def.Rev
	d.GitLoc, d.RefLoc = def.GitLoc, def.RefLoc
	d.Path, d.PathLoc = def.Path, def.PathLoc
	d.Registry, d.RegIndex, d.Package = def.Registry, def.RegIndex, def.Package
	if d.DefaultFeatures == nil {
		d.DefaultFeatures = def.DefaultFeatures
	}
	seen := map[string]bool{}
	var feats []string
	for _, f := range append(append([]string(nil), def.Features...), d.Features...) {
		if !seen[f] {
			seen[f] = true
			feats = append(feats, f)
		}
	}
	d.Features = feats
}

// Deps returns the manifest's dependencies whose crate is name (after
// renames), in file order.
func (m *CargoManifest) Deps(name string) []*CargoDep {
	var out []*CargoDep
	for _, d := range m.Dependencies {
		if d.CrateName() == name {
			out = append(out, d)
		}
	}
	return out
}
