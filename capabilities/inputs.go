package capabilities

import (
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Inputs are the ACL sources of one app, parsed by the loader.
type Inputs struct {
	Version Version
	// CapabilityFiles are the files DiscoverCapabilityFiles keeps, parsed
	// (strict JSON for .json) and in discovery order.
	CapabilityFiles []Doc
	// Generated, when set, is a committed gen/schemas/capabilities.json
	// used instead of CapabilityFiles: for trees whose capability files
	// are absent. It may be stale; Tauri regenerates it on every build.
	Generated *source.Node
	// MacroCapabilityFiles are files passed to generate_context!(capabilities
	// = [..]), when known; they are always enabled.
	MacroCapabilityFiles []Doc
	Manifests            ManifestInputs
}

// Model is the target-independent part of an app's ACL.
type Model struct {
	Version Version
	ACL     *ACL
	Files   *FileCapabilities
	Macro   []*Capability
	// Problems are parse, duplicate and manifest problems.
	Problems []*Problem
}

// Load parses everything target-independent.
func Load(in Inputs) *Model {
	in.Manifests.Version = in.Version
	m := &Model{Version: in.Version}
	var probs []*Problem
	m.ACL, probs = LoadACL(in.Manifests)
	m.Problems = append(m.Problems, probs...)
	if in.Generated != nil {
		m.Files, probs = ParseGeneratedCapabilities(in.Generated, in.Version)
	} else {
		m.Files, probs = ParseCapabilityFiles(in.CapabilityFiles, in.Version)
	}
	m.Problems = append(m.Problems, probs...)
	for _, doc := range in.MacroCapabilityFiles {
		caps, ps := ParseCapabilityDoc(doc.Root, FromMacro, in.Version)
		m.Macro = append(m.Macro, caps...)
		m.Problems = append(m.Problems, ps...)
	}
	return m
}

// TargetACL is the ACL of one build target.
type TargetACL struct {
	Target   source.Platform
	Config   []ConfigEntry
	Enabled  []*Capability
	Resolved *Resolved
	// Problems are this target's: config entries, tauri-build's
	// validator, selection and resolution, in that order.
	Problems []*Problem
}

// Resolve selects, validates and resolves for one target. configList is
// app.security.capabilities of the config merged for that target.
func (m *Model) Resolve(target source.Platform, configList *source.Node) *TargetACL {
	t := &TargetACL{Target: target}
	var probs []*Problem
	t.Config, probs = ParseConfigCapabilities(configList, m.Version)
	t.Problems = append(t.Problems, probs...)
	t.Problems = append(t.Problems, Validate(m.ACL, m.Files, target)...)
	t.Enabled, probs = Select(m.Files, t.Config, m.Macro)
	t.Problems = append(t.Problems, probs...)
	t.Resolved = Resolve(m.ACL, t.Enabled, target, m.Version)
	t.Problems = append(t.Problems, t.Resolved.Problems...)
	for _, p := range t.Problems {
		if p.Target == "" {
			p.Target = target
		}
	}
	return t
}

// ResolveTarget is Load followed by Model.Resolve for one target; the
// problems include Load's.
func ResolveTarget(in Inputs, target source.Platform, configList *source.Node) *TargetACL {
	m := Load(in)
	t := m.Resolve(target, configList)
	t.Problems = append(m.Problems, t.Problems...)
	return t
}
