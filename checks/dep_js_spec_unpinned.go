package checks

import (
	"fmt"
	"path"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/rules"
)

// JSSpecUnpinned reports package.json specs that do not name a
// reproducible source.
var JSSpecUnpinned = &rules.Rule{
	ID:       "TA-DEP-006",
	Name:     "js-spec-unpinned",
	Title:    "package.json dependency spec is not pinned",
	Level:    rules.Warning,
	Severity: 4.8,
	Tags:     []string{"supply-chain"},
	CWE:      []int{829},
	Doc: `A dependency of the frontend's package.json accepts anything: "*", "" or "x", a dist-tag
("latest", "next"), a range with no upper bound (">=1.2"), a git URL or github:user/repo
shortcut without a full commit hash, or an http(s) tarball URL. Whoever can publish that name,
push to that branch or change that URL decides what is bundled into the app. Plain-http and
git:// sources can also be changed in transit.

Checked: dependencies, devDependencies, optionalDependencies and the override tables
(overrides, resolutions, pnpm.overrides) of the frontend's package.json files. Reported at the
spec.

**Fix:** use a bounded semver range or an exact version with a committed lockfile, or a git URL
with #<full commit hash>.

Bad:

~~~json
{ "devDependencies": { "@tauri-apps/cli": "latest", "ui-kit": "github:acme/ui-kit" } }
~~~

Good:

~~~json
{ "devDependencies": { "@tauri-apps/cli": "^2.5.0", "ui-kit": "github:acme/ui-kit#<full commit hash>" } }
~~~

Open ranges in the override tables are the usual way to force a patched minimum version
(">=1.2.3"); with a lockfile in place they are **notes**.

**False positives:** ^ and ~ ranges are bounded and fine with a lockfile; workspace:, file:,
link:, portal: and catalog: specs are local and never reported. peerDependencies are not
checked (libraries legitimately use wide peer ranges).`,
	Run: jsSpecUnpinned,
}

func jsSpecUnpinned(pass *rules.Pass) error {
	for _, pj := range rules.Deps.Of(pass.Project).Packages {
		locked := pass.Project.FindUpFrom(path.Dir(pj.File), deps.JSLockNames...) != ""
		for _, d := range pj.Deps {
			if d.Group == deps.GroupPeer {
				continue
			}
			why := d.Spec.Unpinned()
			if why == "" {
				continue
			}
			if d.Spec.Insecure {
				why += " over an unencrypted transport"
			}
			name := d.Name
			if d.Selector != "" {
				name = string(d.Group) + " " + d.Selector
			}
			f := rules.Finding{Location: d.SpecLoc, Subject: name, Message: fmt.Sprintf("%s %q: %s", name, d.Spec.Raw, why)}
			if d.Selector != "" && locked && d.Spec.Kind == deps.SpecRange {
				// ">=1.2.3" overrides force a patched minimum; the lock holds the result.
				f.Level = rules.Note
				f.Message += " (an override floor; the lockfile records the version it resolved to)"
			}
			pass.Report(f)
		}
	}
	return nil
}
