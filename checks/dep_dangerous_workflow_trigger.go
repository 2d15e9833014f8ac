package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/rules"
)

// DangerousWorkflowTrigger reports workflows that run with secrets and a
// writable token on events anyone can cause.
var DangerousWorkflowTrigger = &rules.Rule{
	ID:       "TA-DEP-022",
	Name:     "dangerous-workflow-trigger",
	Title:    "workflow runs with secrets and a write token on events anyone can cause",
	Level:    rules.Warning,
	Severity: 5.0,
	Tags:     []string{"supply-chain"},
	CWE:      []int{284},
	Doc: `Three triggers run a workflow in the base repository's context — with its secrets and a
GITHUB_TOKEN that can write unless restricted — on events outsiders cause:

- **pull_request_target**: any pull request, from any fork; the event carries the pull
  request's title, body, branch name and head commit.
- **workflow_run**: after another workflow, which a fork's pull request can trigger; the
  run's artifacts, branch name and head commit come from the fork.
- **issue_comment**: any comment on any issue or pull request of a public repository.

The workflow file itself comes from the default branch, so the trigger is safe only as long as
nothing from the event is executed or interpolated: no checkout of the pull request's code
(TA-DEP-009), no ${{ github.event.* }} text in scripts, no downloaded artifact that is run or
sourced, no untrusted values written to $GITHUB_ENV. Each is an easy mistake, and a later edit
can add one.

Reported at the trigger: a warning when a job of the workflow reads secrets other than
GITHUB_TOKEN, else a note naming what the token can write. TA-DEP-018 reports an undeclared or
write-all token on these triggers as a warning, and TA-DEP-009 the jobs that actually run the
pull request's code.

**Fix:** use pull_request (no secrets, read-only token for forks) where the job only builds or
tests; split privileged follow-up work (commenting, labelling) into a job with the narrowest
permissions and no checkout of the event's code; use workflow_call instead of workflow_run
between your own workflows.

Bad:

~~~yaml
on: pull_request_target
jobs:
  label:
    steps:
      - run: echo "${{ github.event.pull_request.title }}"
~~~

Good:

~~~yaml
on: pull_request_target
permissions:
  pull-requests: write
jobs:
  label:
    steps:
      - uses: actions/labeler@<sha>
~~~

**False positives:** the note on a narrowly permitted workflow marks where to look, not a
flaw. Triggers restricted by branch filters still run for any fork's pull request into those
branches.`,
	Run: dangerousWorkflowTrigger,
}

func dangerousWorkflowTrigger(pass *rules.Pass) error {
	for _, w := range auditWorkflows(pass.Project) {
		for _, ev := range deps.ExternalTriggers {
			t := w.Trigger(ev)
			if t == nil {
				continue
			}
			level, why := triggerPrivileges(w)
			pass.Report(rules.Finding{Location: t.Loc, Subject: w.File + ":" + ev, Level: level,
				Message: fmt.Sprintf("workflow runs on %s, %s, %s", ev, triggerWho[ev], why)})
		}
	}
	return nil
}

// triggerWho says who can cause each external trigger.
var triggerWho = map[string]string{
	"pull_request_target": "which any fork's pull request triggers",
	"workflow_run":        "after a run that a fork's pull request can trigger",
	"issue_comment":       "which anyone's comment triggers",
}

// triggerPrivileges returns what the workflow's jobs hold and the level
// that follows: warning with secrets, note otherwise (TA-DEP-018 reports
// an undeclared or write-all token).
func triggerPrivileges(w *deps.Workflow) (rules.Level, string) {
	set, writes := map[string]bool{}, map[string]bool{}
	defaultToken := false
	for _, j := range w.Jobs {
		for _, s := range jobReadsSecrets(w, j) {
			set[s] = true
		}
		perms := w.EffectivePermissions(j)
		defaultToken = defaultToken || perms == nil || perms.All == "write-all"
		for _, s := range perms.Writes() {
			writes[s] = true
		}
	}
	switch {
	case len(set) > 0:
		return rules.Warning, "with secrets " + depList(deps.SortedKeys(set), 3)
	case defaultToken:
		return rules.Note, "with the repository's default token (no permissions declared, or write-all)"
	case len(writes) > 0:
		return rules.Note, "with a token that can write " + depList(deps.SortedKeys(writes), 3)
	}
	return rules.Note, "with a read-only token"
}
