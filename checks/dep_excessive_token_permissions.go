package checks

import (
	"fmt"
	"slices"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/internal/lazyre"
	"github.com/tauriaudit/tauriaudit/rules"
)

// ExcessiveTokenPermissions reports workflows whose GITHUB_TOKEN can
// write more than their jobs need.
var ExcessiveTokenPermissions = &rules.Rule{
	ID:       "TA-DEP-018",
	Name:     "excessive-token-permissions",
	Title:    "workflow token has more write access than its jobs need",
	Level:    rules.Warning,
	Severity: 5.3,
	Tags:     []string{"supply-chain"},
	CWE:      []int{250, 272},
	Doc: `Every job gets a GITHUB_TOKEN. Its scopes come from the job's permissions:, else the
workflow's, else the repository's default, which on older repositories and many organisations is
write access to every scope. Whatever runs in the job — an action, a dependency's install script,
a build script — can use the token: push commits or tags, rewrite releases, approve workflow runs.

Reported:

- **permissions: write-all** on a workflow or job (warning).
- **No permissions at all**: neither the workflow nor a job declares any, so the repository default
  applies (one note per workflow, at the first such job). A warning when the workflow runs on
  pull_request_target, workflow_run or issue_comment, events anyone can cause.
- **Workflow-level write scopes** inherited by a job none of whose steps uses the token (note):
  each job gets the union of what any job needs (warning on those triggers when a scope is contents, actions, packages,
  pages, pull-requests, issues, deployments, id-token or attestations).
- **Job-level write scopes no step uses** (note): the job declares write access but none of its
  steps reads the token — no gh or git push, no GITHUB_TOKEN or github.token, and only actions
  known not to take the token.

A job that TA-DEP-009 reports (it runs a pull request's code with this token) is left to
TA-DEP-009.

**Fix:** set permissions: {} or contents: read at the top of the workflow, and grant write
scopes on the jobs that need them.

Bad:

~~~yaml
on: push
permissions: write-all
jobs:
  test:
    steps:
      - run: npm ci && npm test
~~~

Good:

~~~yaml
on: push
permissions:
  contents: read
jobs:
  release:
    permissions:
      contents: write
    steps:
      - uses: tauri-apps/tauri-action@<sha>
        with: { tagName: v__VERSION__ }
~~~

**False positives:** the repository or organisation setting "read repository contents
permission" makes the default read-only; the workflow file cannot show it, so undeclared
permissions are only a note. Actions that read the token without a token input (through
github.token inside the action) are not known to us unless listed.`,
	Run: excessiveTokenPermissions,
}

func excessiveTokenPermissions(pass *rules.Pass) error {
	p := pass.Project
	for _, w := range auditWorkflows(p) {
		jobs := tokenAuditedJobs(p, w)
		reportWriteAll(pass, w, jobs)
		reportUndeclared(pass, w, jobs)
		reportWorkflowWrites(pass, w, jobs)
		for _, j := range jobs {
			reportUnusedWrites(pass, w, j)
		}
	}
	return nil
}

// tokenAuditedJobs returns the workflow's jobs that TA-DEP-009 does not
// report.
func tokenAuditedJobs(p *rules.Project, w *deps.Workflow) []*deps.Job {
	return slices.DeleteFunc(slices.Clone(w.Jobs), func(j *deps.Job) bool { return jobRunsPRCode(p, w, j) })
}

// inheriting returns the jobs that declare no permissions of their own.
func inheriting(jobs []*deps.Job) []*deps.Job {
	return slices.DeleteFunc(slices.Clone(jobs), func(j *deps.Job) bool { return j.Permissions != nil })
}

func jobIDs(jobs []*deps.Job) []string {
	ids := make([]string, len(jobs))
	for i, j := range jobs {
		ids[i] = j.ID
	}
	return ids
}

// triggerLevel is the level of a token finding: warning when the workflow
// runs on an event anyone can cause, else note.
func triggerLevel(w *deps.Workflow) (rules.Level, string) {
	if t := w.ExternalTrigger(); t != nil {
		return rules.Warning, fmt.Sprintf(" on %s, an event anyone can cause", t.Event)
	}
	return rules.Note, ""
}

func reportWriteAll(pass *rules.Pass, w *deps.Workflow, jobs []*deps.Job) {
	if w.Permissions != nil && w.Permissions.All == "write-all" && len(inheriting(jobs)) > 0 {
		pass.Report(rules.Finding{Location: w.Permissions.Loc, Subject: w.File, Level: rules.Warning,
			Message: fmt.Sprintf("permissions: write-all gives %s a token that can write every scope", jobsPhrase(inheriting(jobs)))})
	}
	for _, j := range jobs {
		if j.Permissions != nil && j.Permissions.All == "write-all" {
			pass.Report(rules.Finding{Location: j.Permissions.Loc, Subject: w.File + ":" + j.ID, Level: rules.Warning,
				Message: fmt.Sprintf("job %q has permissions: write-all, a token that can write every scope", j.ID)})
		}
	}
}

func reportUndeclared(pass *rules.Pass, w *deps.Workflow, jobs []*deps.Job) {
	if w.Permissions != nil {
		return
	}
	bare := inheriting(jobs)
	if len(bare) == 0 {
		return
	}
	level, why := triggerLevel(w)
	pass.Report(rules.Finding{Location: bare[0].Loc, Subject: w.File, Level: level,
		Message: fmt.Sprintf("no permissions are declared for %s%s: the token gets the repository's default, possibly write to every scope",
			jobsPhrase(bare), why)})
}

func jobsPhrase(jobs []*deps.Job) string {
	if len(jobs) == 1 {
		return fmt.Sprintf("job %q", jobs[0].ID)
	}
	return fmt.Sprintf("jobs %s", depList(jobIDs(jobs), 3))
}

func reportWorkflowWrites(pass *rules.Pass, w *deps.Workflow, jobs []*deps.Job) {
	if w.Permissions == nil || w.Permissions.All != "" {
		return
	}
	writes := slices.DeleteFunc(w.Permissions.Writes(), oidcScope)
	idle := slices.DeleteFunc(inheriting(jobs), func(j *deps.Job) bool { return j.Uses != nil || jobUsesToken(w, j) })
	if len(writes) == 0 || len(idle) == 0 {
		return
	}
	level, why := triggerLevel(w)
	if !slices.ContainsFunc(writes, highRiskScope) {
		level = rules.Note
	}
	pass.Report(rules.Finding{Location: w.Permissions.Loc, Subject: w.File, Level: level,
		Message: fmt.Sprintf("workflow-level permissions grant write to %s to every job%s, but none of the steps of %s uses the token; grant writes on the jobs that need them",
			depList(writes, 4), why, jobsPhrase(idle))})
}

// highRiskScope: writing it changes code, releases, packages, workflow
// runs or what people read in issues and pull requests (the scopes
// zizmor rates high).
func highRiskScope(s string) bool {
	switch s {
	case "contents", "actions", "packages", "pages", "pull-requests", "issues", "deployments", "id-token", "attestations":
		return true
	}
	return false
}

// reportUnusedWrites reports a job's own write scopes when none of its
// steps can use the token.
func reportUnusedWrites(pass *rules.Pass, w *deps.Workflow, j *deps.Job) {
	if j.Permissions == nil || j.Permissions.All != "" || j.Uses != nil {
		return
	}
	writes := slices.DeleteFunc(j.Permissions.Writes(), oidcScope)
	if len(writes) == 0 || jobUsesToken(w, j) {
		return
	}
	pass.Report(rules.Finding{Location: j.Permissions.Loc, Subject: w.File + ":" + j.ID, Level: rules.Note,
		Message: fmt.Sprintf("job %q may write %s, but none of its steps uses the token", j.ID, depList(writes, 4))})
}

// oidcScope: id-token and attestations are used through the runner's
// OIDC endpoint by plain commands (npm publish --provenance, cargo
// trusted publishing), which we cannot see.
func oidcScope(s string) bool { return s == "id-token" || s == "attestations" }

// tokenFreeActions do not read the GITHUB_TOKEN for anything a write
// scope would serve (checkout reads the repository; the cache and
// artifact actions use the runner's own runtime token).
var tokenFreeActions = []string{"actions/checkout", "actions/setup-node", "actions/setup-go", "actions/setup-python",
	"actions/setup-java", "actions/cache", "actions/upload-artifact", "actions/download-artifact",
	"dtolnay/rust-toolchain", "swatinem/rust-cache", "pnpm/action-setup", "oven-sh/setup-bun",
	"actions-rust-lang/setup-rust-toolchain", "denoland/setup-deno"}

// tokenUse marks run text, values and variable names that use the token.
var tokenUse = lazyre.New(`(^|[\s;&|(])gh\s|\bgit\s+push\b|GITHUB_TOKEN|GH_TOKEN|github\.token|api\.github\.com`)

// jobUsesToken reports whether any step of job j may use its token.
func jobUsesToken(w *deps.Workflow, j *deps.Job) bool {
	for _, kv := range w.JobKVs(j) {
		if tokenUse.MatchString(kv.Value) || tokenUse.MatchString(kv.Key) {
			return true
		}
	}
	for _, s := range j.Steps {
		if s.Uses != nil && (s.Uses.Kind != deps.ActionRepo || !slices.ContainsFunc(tokenFreeActions, s.Uses.Is)) {
			return true
		}
		if s.Run != nil && tokenUse.MatchString(s.Run.Text) {
			return true
		}
	}
	return false
}
