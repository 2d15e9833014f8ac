package checks

import (
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
				if ws, _ := p.WorkspaceDep(mem.Name); ws != nil {
					out = append(out, ws)
				}
			}
		}
	}
	return out
}
