package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/signing"
)

// UnsignedReleaseTag reports release tags that are lightweight or carry
// no signature.
var UnsignedReleaseTag = &rules.Rule{
	ID:       "TA-GIT-003",
	Name:     "unsigned-release-tag",
	Title:    "a release tag is not signed",
	Level:    rules.Note,
	Severity: 3.5,
	Tags:     []string{"git"},
	CWE:      []int{345},
	Doc: `A release tag that is lightweight, or annotated without a signature, cannot be tied to a
maintainer key, so nothing shows that the tagged source is what the maintainers released.

Release tags are names like v1.2.3, app-v1.2.3 or tauri-v2.0.0 by default; --release-tags or
release_tags in .tauriaudit.toml replace that with globs (path.Match: "*" stops at "/", so write
"desktop/v*" for tags under a folder). The tags checked are those on commits of the audited range and on HEAD (every
release tag with ` + "`--git-all`" + `). Signed tags
that fail verification are reported by TA-GIT-002.

**Fix:** ` + "`git tag -s v1.2.3 -m 'v1.2.3'`" + `.

**False positives:** release bots that create tags through the GitHub API make lightweight tags.`,
	Run: unsignedReleaseTag,
}

func unsignedReleaseTag(pass *rules.Pass) error {
	h := gitHistoryOf(pass.Project)
	if h == nil || h.Err != nil {
		return nil
	}
	for _, t := range h.Audit.Tags {
		switch {
		case t.Lightweight:
			pass.Report(rules.Finding{Location: commitLoc(h, t.Commit), Subject: "tag:" + t.Name,
				Message: fmt.Sprintf("release tag %s is a lightweight tag (no tagger, no signature) at commit %s", t.Name, t.Commit.Short())})
		case t.Verdict.Status == signing.StatusUnsigned:
			pass.Report(rules.Finding{Location: commitLoc(h, t.Commit), Subject: "tag:" + t.Name,
				Message: fmt.Sprintf("release tag %s by %s is annotated but not signed (commit %s)", t.Name, gitWho(t.Tagger), t.Commit.Short())})
		}
	}
	return nil
}
