package checks

import (
	"iter"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/rules"
)

// Shared by the workflow audits TA-DEP-018…022. They see workflows only
// through auditWorkflows and workflowJobs, so moving them onto the
// workflow graph is a change here.

// auditWorkflows returns the workflows GitHub runs for the app's
// repository.
func auditWorkflows(p *rules.Project) []*deps.Workflow { return rules.Deps.Of(p).Workflows }

// workflowJobs yields every job of every audited workflow.
func workflowJobs(p *rules.Project) iter.Seq2[*deps.Workflow, *deps.Job] {
	return func(yield func(*deps.Workflow, *deps.Job) bool) {
		for _, w := range auditWorkflows(p) {
			for _, j := range w.Jobs {
				if !yield(w, j) {
					return
				}
			}
		}
	}
}

// jobRunsPRCode reports whether TA-DEP-009 reports job j: a privileged
// workflow's job checks out the pull request's head and runs it. The
// other audits leave that job's token and trigger to TA-DEP-009.
func jobRunsPRCode(p *rules.Project, w *deps.Workflow, j *deps.Job) bool {
	if privilegedTrigger(w) == "" {
		return false
	}
	set := rules.Workflows.Of(p)
	if set == nil || set.Flows == nil {
		return false
	}
	runners, lines := map[*deps.ExecJob][]int{}, map[*deps.ExecStep][]bool{}
	for _, co := range set.Flows.Checkouts {
		if ej := co.Step.Job; ej.Job == j && ej.Workflow == w && codeRunnerAfter(p, co, runners, lines) != nil {
			return true
		}
	}
	return false
}

// runnerCache answers "which later step of the job runs code" for the
// checkouts of one job in file order, in one pass over the job's steps
// however many checkouts it has.
type runnerCache struct {
	runner *deps.Step
	pos    int  // the runner's position in the job
	done   bool // no step after the last search runs code
}

// after returns the first step after steps[i] that runs code.
func (c *runnerCache) after(p *rules.Project, steps []*deps.Step, i int) *deps.Step {
	if c.done || c.runner != nil && c.pos > i {
		return c.runner
	}
	c.runner, c.pos = nil, 0
	for k := i + 1; k < len(steps); k++ {
		if buildStep(p, steps[k]) {
			c.runner, c.pos = steps[k], k
			break
		}
	}
	c.done = c.runner == nil
	return c.runner
}

// jobReadsSecrets returns the secrets job j reads, without GITHUB_TOKEN.
func jobReadsSecrets(w *deps.Workflow, j *deps.Job) []string {
	return slices.DeleteFunc(w.JobSecrets(j), func(s string) bool { return s == "GITHUB_TOKEN" })
}

// publishActions create releases or push what the job built.
var publishActions = []string{"softprops/action-gh-release", "ncipollo/release-action", "svenstaro/upload-release-action",
	"actions/create-release", "actions/upload-release-asset", "goreleaser/goreleaser-action", "marvinpinto/action-automatic-releases"}

// tauriActionPublishes reports whether a tauri-apps/tauri-action step
// creates or uploads to a GitHub release (tagName or releaseId input).
func tauriActionPublishes(s *deps.Step) bool {
	if !s.IsAction("tauri-apps/tauri-action") {
		return false
	}
	_, tag := s.Input("tagName")
	_, id := s.Input("releaseId")
	return tag || id
}

// publishingExecStep returns the first step ej runs, composite steps
// included, that publishes a release, or nil.
func publishingExecStep(ej *deps.ExecJob) *deps.Step {
	for _, es := range ej.Steps {
		if publishes(es.Step) {
			return es.Step
		}
	}
	return nil
}

// publishes reports a step that creates or uploads to a release.
func publishes(s *deps.Step) bool {
	if tauriActionPublishes(s) || slices.ContainsFunc(publishActions, s.Uses.Is) {
		return true
	}
	return s.Run != nil && (strings.Contains(s.Run.Text, "gh release create") || strings.Contains(s.Run.Text, "gh release upload"))
}
