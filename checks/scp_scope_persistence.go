package checks

import (
	"github.com/tauriaudit/tauriaudit/rules"
)

// ScopePersistence reports the persisted-scope plugin.
var ScopePersistence = &rules.Rule{
	ID:       "TA-SCP-020",
	Name:     "scope-persistence",
	Title:    "runtime scope grants persist across restarts",
	Level:    rules.Note,
	Severity: 2.7,
	Tags:     []string{"scope"},
	CWE:      []int{272},
	Doc: `tauri-plugin-persisted-scope is a dependency: scope grants made at runtime — files and folders
picked in a dialog, Rust ` + "`allow_*`" + ` calls — are saved and restored on the next start. They
accumulate silently, invisible to any static review of the capabilities, so the effective fs and
asset scopes grow with use.

**Fix:** document the choice; clear persisted scopes periodically or offer a reset; prefer
per-session grants.

**False positives:** informational.`,
	Run: scopePersistence,
}

func scopePersistence(pass *rules.Pass) error {
	p := pass.Project
	if !aclAudited(p) {
		return nil
	}
	// The first entry is the app crate's own.
	if specs := cargoDepSpecs(p, "tauri-plugin-persisted-scope"); len(specs) > 0 {
		pass.Report(rules.Finding{Location: specs[0].KeyLocation(), Subject: "tauri-plugin-persisted-scope",
			Message: "tauri-plugin-persisted-scope keeps runtime scope grants (dialog picks, allow_* calls) across restarts, beyond what the capabilities show"})
	}
	return nil
}
