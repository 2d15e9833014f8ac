package checks

import (
	"path"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// cargoDepSpecs returns the app crate's dependency entries for crate
// (plain and per-target tables, renamed ones included) and, for
// `workspace = true` entries, the workspace entry they inherit features
// from.
func cargoDepSpecs(p *rules.Project, crate string) []*source.Node {
	m := p.Manifest()
	tables := []*source.Node{m.Get("dependencies")}
	for _, t := range m.Get("target").Members() {
		tables = append(tables, t.Value.Get("dependencies"))
	}
	var out []*source.Node
	for _, tbl := range tables {
		for _, mem := range tbl.Members() {
			if mem.Name != crate && mem.Value.Get("package").String() != crate {
				continue
			}
			out = append(out, mem.Value)
			if mem.Value.Get("workspace").IsTrue() {
				if ws := workspaceDependency(p, mem.Name); ws != nil {
					out = append(out, ws)
				}
			}
		}
	}
	return out
}

// workspaceDependency returns [workspace.dependencies].<name> of the
// nearest workspace manifest at or above the app directory.
func workspaceDependency(p *rules.Project, name string) *source.Node {
	for dir := p.Dir; ; dir = path.Dir(dir) {
		rel := path.Join(dir, "Cargo.toml")
		if p.Exists(rel) {
			if ws := p.Parse(rel, rules.TOML).Get("workspace"); ws != nil {
				return ws.Get("dependencies").Get(name)
			}
		}
		if dir == "." || dir == "/" {
			return nil
		}
	}
}
