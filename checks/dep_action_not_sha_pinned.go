package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/rules"
)

// ActionNotSHAPinned reports workflow actions referenced by a movable tag
// or branch instead of a commit SHA.
var ActionNotSHAPinned = &rules.Rule{
	ID:       "TA-DEP-008",
	Name:     "action-not-sha-pinned",
	Title:    "workflow action is not pinned to a commit SHA",
	Level:    rules.Warning,
	Severity: 5.5,
	Tags:     []string{"supply-chain"},
	CWE:      []int{829},
	Doc: `A workflow step (or a reusable-workflow call) uses an action by tag or branch, such as
tauri-apps/tauri-action@v0, dtolnay/rust-toolchain@stable or swatinem/rust-cache@v2. Tags and
branches can be moved by whoever controls the action's repository: a compromised or
hijacked action then runs inside your build, with the job's token and secrets, and its output
goes into the app you sign. Tauri's app-lifecycle security guidance warns about exactly this.

Every uses: that is not a full 40-hex commit SHA is reported at the uses: value: tags,
branches, short SHAs (GitHub does not accept them as pins) and Docker images without a
sha256 digest. The finding is an **error** when the job handles signing credentials
(secrets or variables named TAURI_SIGNING_*, TAURI_PRIVATE_KEY, TAURI_KEY_PASSWORD,
APPLE_*, WINDOWS_CERTIFICATE*): there, an unpinned action can read the updater or
code-signing key.

**Fix:** pin the commit SHA and keep the version as a comment, then let Dependabot or Renovate
update the pins.

Bad:

~~~yaml
- uses: tauri-apps/tauri-action@v0
  env:
    TAURI_SIGNING_PRIVATE_KEY: ${{ secrets.TAURI_SIGNING_PRIVATE_KEY }}
~~~

Good:

~~~yaml
- uses: tauri-apps/tauri-action@<full 40-hex commit sha> # v0.5.x
  env:
    TAURI_SIGNING_PRIVATE_KEY: ${{ secrets.TAURI_SIGNING_PRIVATE_KEY }}
~~~

**False positives:** local actions (./path) and docker://image@sha256:… are immutable and never
reported. First-party actions/* are reported too; a policy that trusts them can suppress them
with an ignore entry on the subject (the action's owner/repo, e.g. actions/checkout). Composite
actions under .github/actions are not scanned.`,
	Run: actionNotSHAPinned,
}

func actionNotSHAPinned(pass *rules.Pass) error {
	for _, w := range rules.Deps.Of(pass.Project).Workflows {
		for _, j := range w.Jobs {
			signing := jobSigningSecrets(w, j)
			for _, a := range j.AllUses() {
				if a.Pinned() || a.Raw == "" {
					continue
				}
				f := rules.Finding{Location: a.Loc, Subject: actionSubject(a), Message: unpinnedMessage(a)}
				if len(signing) > 0 {
					f.Level = rules.Error
					f.Message += fmt.Sprintf("; job %q handles signing secrets (%s)", j.ID, depList(signing, 3))
				}
				pass.Report(f)
			}
		}
	}
	return nil
}

// actionSubject names an action for fingerprints and ignore entries.
func actionSubject(a *deps.ActionRef) string {
	if a.Kind == deps.ActionDocker {
		return "docker://" + a.Image
	}
	if a.Path != "" {
		return a.Name() + "/" + a.Path
	}
	return a.Name()
}

func unpinnedMessage(a *deps.ActionRef) string {
	name := actionSubject(a)
	if a.Kind == deps.ActionDocker {
		if a.RefKind == deps.RefNone {
			return fmt.Sprintf("%s is used without a tag or digest; pin it with @sha256:<digest>", name)
		}
		return fmt.Sprintf("%s is used by tag %q, which can be re-pushed; pin it with @sha256:<digest>", name, a.Ref)
	}
	var how string
	switch a.RefKind {
	case deps.RefShortSHA:
		how = fmt.Sprintf("by the short SHA %q, which GitHub does not accept as a pin", a.Ref)
	case deps.RefTag:
		how = fmt.Sprintf("by tag %q, which its owner can move", a.Ref)
	case deps.RefNone:
		how = "without a reference"
	default:
		how = fmt.Sprintf("by branch %q, which moves with every push", a.Ref)
	}
	return fmt.Sprintf("%s is used %s; pin the full commit SHA", name, how)
}
