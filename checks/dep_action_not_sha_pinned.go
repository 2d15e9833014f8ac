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
with an ignore entry on the subject (the action's owner/repo, e.g. actions/checkout). Steps of
local composite actions and jobs of local reusable workflows are reported once, at their own
line, graded by the jobs that run them (the calling step or job is a related location).`,
	Run: actionNotSHAPinned,
}

func actionNotSHAPinned(pass *rules.Pass) error {
	set := rules.Workflows.Of(pass.Project)
	if set == nil || set.Graph == nil {
		return nil
	}
	signing := signingCache{}
	// A called workflow's job-level uses: once, in its first signing context.
	jobs := map[*deps.ActionRef]*rules.Finding{}
	var order []*deps.ActionRef
	for _, ej := range set.Graph.Jobs {
		a := ej.Job.Uses
		if !unpinned(a) {
			continue
		}
		sec := signing.of(ej)
		if f, ok := jobs[a]; ok && (f.Level == rules.Error || len(sec) == 0) {
			continue
		} else if !ok {
			order = append(order, a)
		}
		f := unpinnedFinding(a, ej, sec, jobRelated(ej))
		jobs[a] = &f
	}
	for _, a := range order {
		pass.Report(*jobs[a])
	}
	for _, gs := range graphStepsOnce(set.Graph, signing, func(s *deps.Step) bool { return unpinned(s.Uses) }) {
		pass.Report(unpinnedFinding(gs.Step.Uses, gs.Job, gs.Signing, gs.Related))
	}
	return nil
}

// unpinned reports a remote action or image used without a commit SHA or
// digest.
func unpinned(a *deps.ActionRef) bool { return a != nil && a.Raw != "" && !a.Pinned() }

// unpinnedFinding reports a at its uses: value; an error when the job
// running it holds signing secrets.
func unpinnedFinding(a *deps.ActionRef, ej *deps.ExecJob, signing []string, related []rules.Related) rules.Finding {
	f := rules.Finding{Location: a.Loc, Subject: actionSubject(a), Message: unpinnedMessage(a), Related: related}
	if len(signing) > 0 {
		f.Level = rules.Error
		f.Message += fmt.Sprintf("; job %s handles signing secrets (%s)", jobLabel(ej), depList(signing, 3))
	}
	return f
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
