package capabilities

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Stage says which part of a Tauri build a Problem makes fail.
type Stage uint8

// The stages (tauri-acl §1, §8).
const (
	// StageNone: Tauri accepts the input; the problem is informational.
	StageNone Stage = iota
	// StageBuild: tauri-build fails (a file does not parse, a capability
	// identifier repeats, or its validator rejects a file capability).
	StageBuild
	// StageCodegen: tauri::generate_context! fails (selection or
	// resolution).
	StageCodegen
)

func (s Stage) String() string {
	switch s {
	case StageBuild:
		return "build"
	case StageCodegen:
		return "codegen"
	}
	return "none"
}

// Kind classifies a Problem.
type Kind string

// The problem kinds. Messages follow Tauri's where Tauri has one.
const (
	InvalidCapability     Kind = "InvalidCapability"     // shape of a capability (§3.1–3.3)
	InvalidIdentifierRef  Kind = "InvalidIdentifier"     // a permission reference that is no Identifier (§4)
	InvalidPlatform       Kind = "InvalidPlatform"       // a platforms entry that is no Tauri target
	InvalidPermissionFile Kind = "InvalidPermissionFile" // shape of a permission file or acl-manifests.json (§5.1, §6)
	DuplicateCapability   Kind = "DuplicateCapability"   // §3.4
	CapabilityNotFound    Kind = "CapabilityNotFound"    // §3.5
	PermissionNotFound    Kind = "PermissionNotFound"    // tauri-build's validator (§8)
	UnknownManifest       Kind = "UnknownManifest"       // §7.2
	UnknownPermission     Kind = "UnknownPermission"     // §7.2
	SetPermissionNotFound Kind = "SetPermissionNotFound" // §7.2
	InvalidSetIdentifier  Kind = "InvalidSetIdentifier"  // §7.2: Tauri panics
	SetCycle              Kind = "SetCycle"              // §7.2: Tauri overflows its stack
	SetTooLarge           Kind = "SetTooLarge"           // ours: resolution cut off at maxSteps/maxGrants
	InvalidGlob           Kind = "InvalidGlob"           // §7.1, §9.3
	InvalidURLPattern     Kind = "InvalidURLPattern"     // §7.1, §9.4
)

// Problem is something wrong with the ACL inputs, positioned at the node
// that causes it.
type Problem struct {
	Kind  Kind
	Stage Stage
	Msg   string
	// Node is where the problem is: for resolution problems the
	// capability's permission entry (what the app author can change).
	Node *source.Node
	// Related is a second place, such as the set member that is missing.
	Related *source.Node
	// File is the file when Node is nil.
	File string
	// Capability is the identifier of the capability concerned, if any.
	Capability string
	// Target is the platform resolved for; "" when target-independent.
	Target source.Platform
}

// Location returns where the problem is.
func (p *Problem) Location() source.Location {
	if p.Node != nil {
		return p.Node.Location()
	}
	return source.Location{File: p.File}
}

func (p *Problem) Error() string {
	loc := p.Location()
	if loc.Start.IsValid() {
		return fmt.Sprintf("%s:%d:%d: %s", loc.File, loc.Start.Line, loc.Start.Col, p.Msg)
	}
	if loc.File != "" {
		return loc.File + ": " + p.Msg
	}
	return p.Msg
}

func newProblem(kind Kind, stage Stage, n *source.Node, format string, args ...any) *Problem {
	p := &Problem{Kind: kind, Stage: stage, Node: n, Msg: fmt.Sprintf(format, args...)}
	if n != nil && n.File != nil {
		p.File = n.File.Path
	}
	return p
}
