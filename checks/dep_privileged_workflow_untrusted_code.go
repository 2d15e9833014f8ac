package checks

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/internal/shell"
	"github.com/tauriaudit/tauriaudit/rules"
)

// PrivilegedWorkflowUntrusted reports privileged workflows that build a
// pull request's code.
var PrivilegedWorkflowUntrusted = &rules.Rule{
	ID:       "TA-DEP-009",
	Name:     "privileged-workflow-untrusted-code",
	Title:    "privileged workflow checks out and runs pull-request code",
	Level:    rules.Error,
	Severity: 8.8,
	Tags:     []string{"supply-chain"},
	CWE:      []int{829, 94},
	Doc: `A workflow triggered by pull_request_target or workflow_run runs in the context of the base
repository: it gets the repository's secrets and a token that can usually write. When such a
workflow checks out the pull request's head (ref: ${{ github.event.pull_request.head.sha }},
github.head_ref, github.event.workflow_run.head_sha, refs/pull/…) and then installs
dependencies or builds (npm/pnpm/yarn/bun install, cargo build/check/test, tauri build,
tauri-apps/tauri-action, make, a repository script…), anyone who opens a pull request
runs code of their choosing — package.json scripts, build.rs, proc macros — next to your
signing keys and release permissions.

Reported at the checkout's ref (or repository) input, when a later step of the same job
runs code. The finding is an error when the job reads secrets (other than GITHUB_TOKEN) or
its token may write (explicit write permissions, or none declared, which leaves the
repository default); it is a warning when the job is read-only and uses no secrets, since the
code can still poison caches and artifacts that privileged jobs consume.

**Fix:** build untrusted code in a pull_request workflow (no secrets, read-only token) and do
privileged work (commenting, publishing) in a separate job that never executes the PR's code.

Bad:

~~~yaml
on: pull_request_target
jobs:
  build:
    steps:
      - uses: actions/checkout@<sha>
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: npm ci && npm run tauri build
        env:
          TAURI_SIGNING_PRIVATE_KEY: ${{ secrets.TAURI_SIGNING_PRIVATE_KEY }}
~~~

Good:

~~~yaml
on: pull_request
jobs:
  build:
    permissions: { contents: read }
    steps:
      - uses: actions/checkout@<sha>
      - run: npm ci && npm run tauri build
~~~

**False positives:** workflows that only label, comment or check out the base branch are not
reported. Gating on a label or on head.repo.full_name == github.repository narrows who can
trigger the job but does not make the code trusted.`,
	Run: privilegedWorkflowUntrusted,
}

// untrustedRef matches expressions naming the pull request's (or the
// triggering run's) head.
var untrustedRef = regexp.MustCompile(`github\.event\.pull_request\.head\.|github\.head_ref|` +
	`github\.event\.workflow_run\.head_(sha|branch|repository|commit)|refs/pull/|github\.event\.pull_request\.merge_commit_sha|` +
	`github\.event\.number|github\.event\.pull_request\.number`)

// buildPrograms run code from the checked-out tree.
var buildPrograms = []string{"npm", "pnpm", "yarn", "bun", "npx", "bunx", "pnpx", "cargo", "cross", "tauri", "make",
	"cmake", "node", "deno", "python", "python3", "pip", "pip3", "go", "gradle", "gradlew", "mvn", "docker", "just",
	"bash", "sh", "pwsh", "powershell"}

func privilegedWorkflowUntrusted(pass *rules.Pass) error {
	for _, w := range rules.Deps.Of(pass.Project).Workflows {
		trig := privilegedTrigger(w)
		if trig == "" {
			continue
		}
		for _, co := range w.Checkouts() {
			kv := untrustedCheckout(co)
			if kv == nil {
				continue
			}
			runner := codeRunnerAfter(pass.Project, co)
			if runner == nil {
				continue
			}
			pass.Report(untrustedFinding(w, trig, co, kv, runner))
		}
	}
	return nil
}

// privilegedTrigger returns the privileged event the workflow runs on.
func privilegedTrigger(w *deps.Workflow) string {
	for _, ev := range []string{"pull_request_target", "workflow_run"} {
		if w.Trigger(ev) != nil {
			return ev
		}
	}
	return ""
}

// untrustedCheckout returns the checkout input that selects the PR head.
func untrustedCheckout(co *deps.Checkout) *deps.KV {
	for _, kv := range []*deps.KV{co.Ref, co.Repository} {
		if kv != nil && untrustedRef.MatchString(kv.Value) {
			return kv
		}
	}
	return nil
}

// codeRunnerAfter returns the first later step of the checkout's job that
// executes code from the tree.
func codeRunnerAfter(p *rules.Project, co *deps.Checkout) *deps.Step {
	for _, s := range co.Job.Steps[co.Step.Index+1:] {
		if s.IsAction("tauri-apps/tauri-action") {
			return s
		}
		if s.Run == nil {
			continue
		}
		for _, l := range logicalLines(p, s.Run.Lines) {
			for _, c := range shell.Split(l.Text) {
				prog, _ := c.Program()
				if slices.Contains(buildPrograms, prog) || strings.HasPrefix(prog, "./") || strings.HasPrefix(c.Words[0], "./") {
					return s
				}
			}
		}
	}
	return nil
}

func untrustedFinding(w *deps.Workflow, trig string, co *deps.Checkout, kv *deps.KV, runner *deps.Step) rules.Finding {
	secrets := slices.DeleteFunc(w.JobSecrets(co.Job), func(s string) bool { return s == "GITHUB_TOKEN" })
	perms := co.Job.Permissions
	if perms == nil {
		perms = w.Permissions
	}
	why, level := "", rules.Error
	switch {
	case len(secrets) > 0:
		why = "with secrets " + depList(secrets, 3)
	case perms == nil:
		why = "with the repository's default token permissions"
	case len(perms.Writes()) > 0:
		why = "with a token that can write " + depList(perms.Writes(), 3)
	default:
		why, level = "with a read-only token", rules.Warning
	}
	return rules.Finding{Location: kv.ValueLoc, Subject: trig + ":" + co.Job.ID, Level: level,
		Message: fmt.Sprintf("%s job %q checks out the pull request's code (%s: %s) and runs it in step %s %s",
			trig, co.Job.ID, kv.Key, kv.Value, stepName(runner), why),
		Related: []rules.Related{{Location: runner.Loc, Message: "runs the checked-out code"}}}
}
