package checks

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
	"github.com/tauriaudit/tauriaudit/signing"
)

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

// historyGap says what part of the selected range the audit did not read
// (a shallow clone's cut-off, the --max-commits limit), or "".
func historyGap(h *rules.GitHistory) string {
	info := h.Audit.Info
	var gaps []string
	if info.Shallow && info.Missing > 0 {
		gaps = append(gaps, "the clone is shallow, so commits before its cut-off were not read (git fetch --unshallow)")
	}
	if info.Truncated {
		gaps = append(gaps, fmt.Sprintf("the walk stopped at the %d-commit limit (--max-commits)", info.Visited))
	}
	return strings.Join(gaps, "; ")
}

// gapLevel is the level of an incomplete history: in release mode the
// gate cannot vouch for commits it did not read, so it fails the run.
func gapLevel(p *rules.Project) rules.Level {
	if p.Settings().Mode == "release" {
		return rules.Error
	}
	return rules.Note
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
