package checks

import (
	"fmt"
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
	Doc: `A workflow triggered by pull_request_target, workflow_run or issue_comment runs in the
context of the base repository: it gets the repository's secrets and a token that can usually
write. When such a workflow fetches the pull request's code and then installs dependencies or
builds (npm/pnpm/yarn/bun install, cargo build/check/test, tauri build, tauri-apps/tauri-action,
make, a repository script, a local action from the checked-out tree…), anyone who opens a pull
request runs code of their choosing — package.json scripts, build.rs, proc macros — next to your
signing keys and release permissions.

The fetch is any of: actions/checkout with a ref or repository naming the pull request
(${{ github.event.pull_request.head.sha }}, github.head_ref, github.event.workflow_run.head_sha,
refs/pull/N/head, refs/pull/${{ … }}/merge), also when that value comes through env:, a step or
job output, a local reusable-workflow input or a composite-action input; gh pr checkout; git
fetch of pull/…; git checkout of a head SHA or branch held in such a value; a head looked up with
gh pr view or actions/github-script and then checked out; git or gh run from
actions/github-script. Composite actions' steps count as steps of the job that uses them.

Reported at the fetch, when a later step (or a later line of the same script) of the same job
runs code; the message names that step. The finding is an error when the job reads secrets
(other than GITHUB_TOKEN; signing secrets are named) or its token may write (explicit write
permissions, or none declared, which leaves the repository default); it is a warning when the
job is read-only and uses no secrets, since the code can still poison caches and artifacts that
privileged jobs consume.

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

// buildPrograms run code from the checked-out tree.
var buildPrograms = []string{"npm", "pnpm", "yarn", "bun", "npx", "bunx", "pnpx", "cargo", "cross", "tauri", "make",
	"cmake", "node", "deno", "python", "python3", "pip", "pip3", "go", "gradle", "gradlew", "mvn", "docker", "just",
	"bash", "sh", "pwsh", "powershell"}

func privilegedWorkflowUntrusted(pass *rules.Pass) error {
	set := rules.Workflows.Of(pass.Project)
	if set == nil || set.Flows == nil {
		return nil
	}
	seen := map[string]bool{}
	// Per job, computed once: per checkout, checkouts × steps is quadratic.
	runners := map[*deps.ExecJob][]int{}
	signingOf := map[*deps.ExecJob][]string{}
	lineRunners := map[*deps.ExecStep][]bool{}
	for _, co := range set.Flows.Checkouts {
		trig := privilegedTrigger(co.Step.Job.Root)
		if trig == "" {
			continue
		}
		runner := codeRunnerAfter(pass.Project, co, runners, lineRunners)
		if runner == nil {
			continue
		}
		signing, ok := signingOf[co.Step.Job]
		if !ok {
			signing = execSigningSecrets(co.Step.Job)
			signingOf[co.Step.Job] = signing
		}
		f := untrustedFinding(trig, co, runner, signing)
		key := fmt.Sprintf("%s:%d:%d", f.Location.File, f.Location.Start.Line, f.Location.Start.Col)
		if !seen[key] {
			seen[key] = true
			pass.Report(f)
		}
	}
	return nil
}

// privilegedTrigger returns the privileged event the workflow runs on.
func privilegedTrigger(w *deps.Workflow) string {
	for _, ev := range []string{"pull_request_target", "workflow_run", "issue_comment"} {
		if w.Trigger(ev) != nil {
			return ev
		}
	}
	return ""
}

// codeRunnerAfter returns the first step that executes code from the tree
// after the checkout: a later line of the checkout's own script, or a
// later step of its job.
func codeRunnerAfter(p *rules.Project, co *deps.PRCheckout, runners map[*deps.ExecJob][]int,
	lineRunners map[*deps.ExecStep][]bool) *deps.ExecStep {
	es := co.Step
	if co.Line >= 0 && es.Step.Run != nil {
		if runsCode(p, []deps.ScriptLine{{Text: co.Rest, Loc: co.Loc}}) || laterLineRuns(p, es, co.Line, lineRunners) {
			return es
		}
	}
	next, ok := runners[es.Job]
	if !ok {
		next = nextRunners(p, es.Job)
		runners[es.Job] = next
	}
	if i := next[es.Pos+1]; i >= 0 {
		return es.Job.Steps[i]
	}
	return nil
}

// laterLineRuns reports whether a line after line i of the step's script
// runs code; per step, each line is read once.
func laterLineRuns(p *rules.Project, es *deps.ExecStep, i int, memo map[*deps.ExecStep][]bool) bool {
	after, ok := memo[es]
	if !ok {
		lines := es.Step.Run.Lines
		after = make([]bool, len(lines)+1) // after[k]: a line at k or later runs code
		for k := len(lines) - 1; k >= 0; k-- {
			after[k] = after[k+1] || runsCode(p, lines[k:k+1])
		}
		memo[es] = after
	}
	return i+1 < len(after) && after[i+1]
}

// nextRunners returns, for each position of the job's steps (and one past
// the end), the first step at or after it that runs tree code, or -1.
func nextRunners(p *rules.Project, ej *deps.ExecJob) []int {
	next := make([]int, len(ej.Steps)+1)
	next[len(ej.Steps)] = -1
	for i := len(ej.Steps) - 1; i >= 0; i-- {
		next[i] = next[i+1]
		if runsTreeCode(p, ej.Steps[i].Step) {
			next[i] = i
		}
	}
	return next
}

// runsTreeCode reports whether a step executes code from the checked-out
// tree: a build step, or a local action (read from the tree the checkout
// just replaced).
func runsTreeCode(p *rules.Project, s *deps.Step) bool {
	return buildStep(p, s) || s.Uses != nil && s.Uses.Kind == deps.ActionLocal
}

// buildStep reports whether a step runs a build tool, a repository script
// or tauri-action.
func buildStep(p *rules.Project, s *deps.Step) bool {
	if s.IsAction("tauri-apps/tauri-action") {
		return true
	}
	return s.Run != nil && runsCode(p, s.Run.Lines)
}

// runsCode reports whether script lines run a build tool or a script
// from the tree.
func runsCode(p *rules.Project, lines []deps.ScriptLine) bool {
	for _, l := range logicalLines(p, lines) {
		for _, c := range shell.Split(l.Text) {
			prog, _ := c.Program()
			if slices.Contains(buildPrograms, prog) || strings.HasPrefix(prog, "./") || strings.HasPrefix(c.Words[0], "./") {
				return true
			}
		}
	}
	return false
}

func untrustedFinding(trig string, co *deps.PRCheckout, runner *deps.ExecStep, signing []string) rules.Finding {
	ej := co.Step.Job
	secrets := slices.DeleteFunc(slices.Clone(ej.Secrets), func(s string) bool { return s == "GITHUB_TOKEN" })
	perms := ej.Permissions
	why, level := "", rules.Error
	switch {
	case len(signing) > 0:
		why = "with signing secrets " + depList(signing, 3)
	case len(secrets) > 0:
		why = "with secrets " + depList(secrets, 3)
	case perms == nil:
		why = "with the repository's default token permissions"
	case len(perms.Writes()) > 0:
		why = "with a token that can write " + depList(perms.Writes(), 3)
	default:
		why, level = "with a read-only token", rules.Warning
	}
	runs := "step " + stepName(runner.Step)
	if runner == co.Step {
		runs = "the same step " + stepName(runner.Step)
	}
	related := append(hopsRelated(co.Value), rules.Related{Location: runner.Step.Loc, Message: "runs the checked-out code"})
	related = append(related, execRelated(co.Step)...)
	return rules.Finding{Location: co.Loc, Subject: trig + ":" + ej.Job.ID, Level: level,
		Message: fmt.Sprintf("%s job %s checks out the pull request's code (%s) and runs it in %s %s",
			trig, jobLabel(ej), co.How, runs, why),
		Related: related}
}
