package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/rules"
)

// SecretsInherit reports reusable-workflow calls that pass every secret.
var SecretsInherit = &rules.Rule{
	ID:       "TA-DEP-021",
	Name:     "secrets-inherit",
	Title:    "reusable workflow call passes every secret with secrets: inherit",
	Level:    rules.Warning,
	Severity: 5.0,
	Tags:     []string{"supply-chain"},
	CWE:      []int{200, 250},
	Doc: `A job that calls a reusable workflow with secrets: inherit hands it every secret of the
repository, its organisation and environments — the updater signing key and code-signing
certificates included — whether the callee needs them or not. Which secrets the callee (and
every action it uses) actually received cannot be told from the caller.

Reported at the call's uses:: a note for a local callee (./.github/workflows/…, reviewed with
this repository), a warning for a callee in another repository that is not pinned by commit
SHA, since whoever can move its tag or branch then receives every secret; a note when it is
pinned.

**Fix:** pass the secrets the callee declares, by name.

Bad:

~~~yaml
jobs:
  release:
    uses: my-org/workflows/.github/workflows/tauri-release.yml@main
    secrets: inherit
~~~

Good:

~~~yaml
jobs:
  release:
    uses: my-org/workflows/.github/workflows/tauri-release.yml@<sha>
    secrets:
      TAURI_SIGNING_PRIVATE_KEY: ${{ secrets.TAURI_SIGNING_PRIVATE_KEY }}
~~~

**False positives:** a callee that really needs most secrets; naming them still documents
what it gets.`,
	Run: secretsInherit,
}

func secretsInherit(pass *rules.Pass) error {
	for w, j := range workflowJobs(pass.Project) {
		if !j.SecretsInherit || j.Uses == nil {
			continue
		}
		f := rules.Finding{Location: j.Uses.Loc, Subject: w.File + ":" + j.ID, Level: rules.Note,
			Message: fmt.Sprintf("job %q passes every secret to %s with secrets: inherit", j.ID, j.Uses.Raw)}
		switch {
		case j.Uses.Kind == deps.ActionLocal:
			f.Message += "; pass the ones it needs by name"
		case !j.Uses.Pinned():
			f.Level = rules.Warning
			f.Message += fmt.Sprintf(", a workflow in another repository used by %s %q that can be moved", j.Uses.RefKind, j.Uses.Ref)
		default:
			f.Message += ", a workflow in another repository"
		}
		pass.Report(f)
	}
	return nil
}
