package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/signing"
)

// UnsignedCommit reports commits in the audited range that carry no
// signature.
var UnsignedCommit = &rules.Rule{
	ID:       "TA-GIT-001",
	Name:     "unsigned-commit",
	Title:    "a commit in the audited range is not signed",
	Level:    rules.Warning,
	Severity: 4.0,
	Tags:     []string{"git"},
	CWE:      []int{345},
	Doc: `A commit without a gpgsig header can claim any author: nothing ties it to a maintainer's key.
Tauri's lifecycle guidance recommends signed commits, and the Radically Open Security audit of
Tauri 2 (TAU2-078) flagged unenforced commit signing.

A normal scan reads no history: auditing a branch since its merge-base with the default branch
needs remote refs a checkout may not have, and the walk costs time on every run (give
` + "`--git-range origin/main..HEAD`" + ` for exactly that range). History is read only in release mode
(` + "`--mode release`" + `, which audits the commits since the newest
tag reachable from HEAD) or when a range is given: ` + "`--git-range A..B`" + `, ` + "`--git-since-tag`" + `,
` + "`--git-all`" + `. ` + "`--max-commits`" + ` bounds the walk. Each unsigned commit is one finding, located at line 1 of
the app's config with the commit id (code scanning shows a result only at a file); past 50 the rest are summed up in one finding. A range the
audit could not read whole (a shallow clone's cut-off, the ` + "`--max-commits`" + ` limit) is one more
finding: an error in release mode, where the gate cannot vouch for what it did not read, a note
otherwise. A range that does not resolve, or history flags outside a repository, stop the scan
with exit 2.

**Fix:** sign commits (` + "`git config commit.gpgsign true`" + ` with an OpenPGP, SSH or X.509 key) and require
signatures with a branch ruleset.

**False positives:** commits made in the GitHub web UI are signed by GitHub's key; bots may not
sign.`,
	Run: unsignedCommit,
}

func unsignedCommit(pass *rules.Pass) error {
	h := gitHistoryOf(pass.Project)
	if h == nil {
		return nil
	}
	if h.Err != nil {
		// The range resolved when the scan started (else it stops with
		// exit 2), so this is damage met during the walk.
		pass.Report(rules.Finding{Level: rules.Error, Location: commitLoc(h, signing.Hash{}), Subject: "history",
			Message: fmt.Sprintf("git history was not audited: %v", h.Err)})
		return nil
	}
	if gap := historyGap(h); gap != "" {
		pass.Report(rules.Finding{Level: gapLevel(pass.Project), Location: commitLoc(h, signing.Hash{}), Subject: "history-incomplete",
			Message: fmt.Sprintf("the audit of %s is incomplete: %s", h.Audit.Info.Desc, gap)})
	}
	n := 0
	for _, c := range h.Audit.Problems {
		if c.Verdict.Status != signing.StatusUnsigned {
			continue
		}
		if n++; n > maxPerCommitFindings {
			continue
		}
		pass.Report(rules.Finding{Location: commitLoc(h, c.ID), Subject: c.ID.String(),
			Message: fmt.Sprintf("commit %s by %s is not signed: %q", c.ID.Short(), gitWho(c.Author), c.Summary)})
	}
	if n > maxPerCommitFindings {
		pass.Report(rules.Finding{Location: commitLoc(h, signing.Hash{}), Subject: "unsigned-summary",
			Message: fmt.Sprintf("%d more unsigned commits in %s (%d unsigned in all)", n-maxPerCommitFindings, rangeDesc(h), n)})
	}
	return nil
}
