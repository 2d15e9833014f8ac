package checks

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/internal/updatechannel"
	"github.com/tauriaudit/tauriaudit/rules"
)

// UpdaterManifestOnBranch reports updater endpoints that read the update
// manifest from a mutable branch.
var UpdaterManifestOnBranch = &rules.Rule{
	ID:       "TA-REL-011",
	Name:     "updater-manifest-on-branch",
	Title:    "the update manifest is read from a mutable branch",
	Level:    rules.Warning,
	Severity: 5.3,
	Tags:     []string{"release"},
	CWE:      []int{494, 1328},
	Doc: `An updater endpoint reads the update manifest (latest.json) from a branch, which moves with
every push: raw.githubusercontent.com/OWNER/REPO/BRANCH/…, github.com/OWNER/REPO/raw/BRANCH/…
(or blob/…?raw=true), a gist's raw file without a revision, GitLab's /-/raw/BRANCH/, Gitee's
/raw/BRANCH/, or jsDelivr/Statically gh/OWNER/REPO@BRANCH (or with no ref at all).

The updater verifies the minisign signature of the downloaded artifact only. The manifest (the
version it announces and the URL it points to) is unsigned and the updater installs whatever
signed artifact it names as long as the announced version is newer than the running one. So
whoever can push to that branch (any collaborator, a merged pull request touching the file, a
workflow token with contents: write) can hold every user back on the current version, or relabel
an older, vulnerable signed build as the newest and roll users back to it. A tag, a commit id or a
release asset does not move with ordinary pushes.

Bad:

~~~json
{ "plugins": { "updater": { "endpoints": ["https://raw.githubusercontent.com/o/app/main/latest.json"] } } }
~~~

Good (tauri-action uploads latest.json as a release asset):

~~~json
{ "plugins": { "updater": { "endpoints": ["https://github.com/o/app/releases/latest/download/latest.json"] } } }
~~~

**False positives:** a branch protected so that only the release process can change the
manifest; suppress with that reason.`,
	Run: updaterManifestOnBranch,
}

func updaterManifestOnBranch(pass *rules.Pass) error {
	id := rules.AppIdentity.Of(pass.Project)
	for _, t := range pass.Project.Targets {
		for _, e := range updaterEndpoints(t) {
			c := updatechannel.Classify(e.String(), id)
			if c.Kind != updatechannel.Branch {
				continue
			}
			msg := fmt.Sprintf("updater manifest is read from %s: whoever can push there can withhold updates or announce an older signed build as the newest", branchName(c))
			if !id.OwnsRepo(strings.TrimPrefix(c.Repo, "gist ")) {
				msg += fmt.Sprintf("; %s is not the app's (%s)", c.Repo, identitySource(id))
			}
			pass.ReportOn(t, rules.Finding{Location: e.Location(), Subject: e.String(), Message: msg})
		}
	}
	return nil
}

// branchName says where a Branch endpoint's manifest comes from.
func branchName(c updatechannel.Endpoint) string {
	var s string
	switch {
	case strings.HasPrefix(c.Repo, "gist "):
		s = "the newest revision of " + c.Repo
	case c.Ref == "":
		s = "the newest tag or default branch of " + c.Repo
	default:
		s = fmt.Sprintf("branch %s of %s", c.Ref, c.Repo)
	}
	if !strings.Contains(c.Via, ".") { // a CDN name, not the git host
		s += " through " + c.Via
	}
	return s
}
