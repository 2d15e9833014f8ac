package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
	"github.com/tauriaudit/tauriaudit/signing"
)

// gitTags returns the tags of a GIT rule.
func gitTags(cwes ...string) []string {
	out := []string{"security", "git"}
	for _, c := range cwes {
		out = append(out, "external/cwe/cwe-"+c)
	}
	return out
}

// maxPerCommitFindings caps the per-commit findings of one rule; the rest
// are counted in one summary finding, so a 20k-commit history without
// signatures stays a readable report.
const maxPerCommitFindings = 50

// gitHistoryOf is the history audit of the scan (rules.History), nil
// when history is not wanted or the tree is not on disk.
func gitHistoryOf(p *rules.Project) *rules.GitHistory { return rules.History.Of(p) }

// commitLoc locates a finding about a whole commit: the repository (the
// scanned root, ".") at that commit.
func commitLoc(id signing.Hash) source.Location {
	if id.IsZero() {
		return source.Location{File: "."}
	}
	return source.Location{File: ".", Commit: id.String()}
}

// rangeDesc describes the audited range for summary messages.
func rangeDesc(h *rules.GitHistory) string {
	info := h.Audit.Info
	d := info.Desc
	if info.Truncated {
		d += fmt.Sprintf(", stopped at the %d-commit limit (--max-commits)", info.Visited)
	}
	if info.Shallow {
		d += ", shallow clone: commits before the cut-off are unknown"
	}
	return d
}

// who names a commit's author for messages.
func gitWho(id signing.Ident) string {
	if id.Email == "" {
		return id.Name
	}
	return id.String()
}
