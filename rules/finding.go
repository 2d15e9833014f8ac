package rules

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Finding is one problem found. Its JSON form is part of the versioned
// output schema (tauriaudit/v1).
type Finding struct {
	RuleID   string          `json:"ruleId"`
	RuleName string          `json:"ruleName"`
	Level    Level           `json:"level"`
	Message  string          `json:"message"` // one line; the rule's Doc says why and how to fix
	Location source.Location `json:"location"`
	Related  []Related       `json:"related,omitempty"`
	// Subject names what the finding is about ("fs:allow-write-all",
	// "'unsafe-eval'"); it identifies the finding in fingerprints.
	Subject string `json:"subject,omitempty"`
	// Platforms lists the targets where the finding holds; empty means
	// every platform the app was audited for.
	Platforms []string `json:"platforms,omitempty"`
	// Variant names the build variant (--config, TAURI_CONFIG) where the
	// finding holds and the plain build does not.
	Variant     string       `json:"variant,omitempty"`
	App         string       `json:"app,omitempty"` // the app's config directory
	Fingerprint string       `json:"fingerprint"`
	Suppressed  *Suppression `json:"suppressed,omitempty"`
}

// Related is a secondary location that explains a finding.
type Related struct {
	Location source.Location `json:"location"`
	Message  string          `json:"message"`
}

// Suppression records why a finding is not counted.
type Suppression struct {
	Reason string `json:"reason"`
	Source string `json:"source"` // where the ignore entry is, "file:line"
	// Inline is true for a tauriaudit-ignore comment in the file itself,
	// false for .tauriaudit.toml and baselines.
	Inline bool `json:"inline,omitempty"`
}

// fingerprintBase is what identifies a finding across edits: "pointer
// locates, subject identifies". Lines are left out on purpose, so a
// finding keeps its fingerprint when unrelated lines move.
func (f *Finding) fingerprintBase() string {
	id := f.Subject
	if id == "" {
		id = f.Location.Pointer
	}
	if id == "" {
		id = f.Message
	}
	return f.RuleID + "\x00" + f.Location.File + "\x00" + id + "\x00" + f.Location.Commit
}

func hash32(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:16])
}
