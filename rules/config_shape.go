package rules

import (
	"github.com/tauriaudit/tauriaudit/internal/tauriconfig"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// applyConfigShape spells every config key the way Tauri's structs name it
// (Tauri.toml's kebab-case, `macos` for `macOS`, …), for the tauri release
// the app locks, so rules look keys up one way; then it checks each
// target's merged config against that release's schema, as the Tauri CLI
// does before building, and records what Tauri rejects or ignores.
func (p *Project) applyConfigShape() {
	if p.Base == nil || V1.Of(p).V1 { // v1 configs have another shape; the V1 rules audit them
		return
	}
	shape, err := tauriconfig.ForVersion(p.TauriVersion())
	if err != nil {
		p.tree.problem(p.Base.Root.Location(), Warning, "config not checked against Tauri's schema: %v", err)
		return
	}
	docs := []*ConfigDoc{p.Base}
	for _, pf := range source.Platforms {
		if d := p.Overlays[pf]; d != nil {
			docs = append(docs, d)
		}
	}
	for _, d := range docs {
		p.recordShapeIssues(shape, shape.Canonicalize(d.Root))
	}
	p.shape = shape
}

// validateTargets checks each target's merged config (after the merge, as
// Tauri validates the merged value).
func (p *Project) validateTargets() {
	if p.shape == nil {
		return
	}
	for _, t := range p.Targets {
		p.recordShapeIssues(p.shape, p.shape.Validate(t.Config))
	}
}

func (p *Project) recordShapeIssues(shape *tauriconfig.Shape, issues []tauriconfig.Issue) {
	note := shape.Choice.Note()
	for _, is := range issues {
		level := Warning
		if is.Error {
			level = Error
		}
		msg := is.Msg
		if note != "" {
			msg += " (" + note + ")"
		}
		p.tree.problem(is.Location(), level, "%s", msg)
	}
}
