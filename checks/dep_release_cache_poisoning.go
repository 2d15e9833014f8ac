package checks

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/internal/lazyre"
	"github.com/tauriaudit/tauriaudit/rules"
)

// ReleaseCachePoisoning reports release and signing jobs that restore
// GitHub Actions caches.
var ReleaseCachePoisoning = &rules.Rule{
	ID:       "TA-DEP-020",
	Name:     "release-cache-poisoning",
	Title:    "release job restores a cache that other workflow runs can write",
	Level:    rules.Warning,
	Severity: 6.8,
	Tags:     []string{"supply-chain"},
	CWE:      []int{349, 494},
	Doc: `GitHub Actions caches are shared: a cache saved by any run on the default branch can be
restored by every later run, including tag pushes and releases. Code that runs in such a run —
a compromised dependency in CI, a pull_request_target or issue_comment workflow, an injected
script — can save a poisoned entry under the key the release job restores (or evict and
replace it). The release job then builds, signs and publishes with attacker-chosen
node_modules, cargo registry or target folders.

Reported once per job, at its first caching step (the others are related locations), when the job publishes: the workflow runs on a pushed tag or a
release, or the job creates a release (tauri-apps/tauri-action with tagName or releaseId,
softprops/action-gh-release, gh release create…), or it holds signing secrets (updater key,
Apple or Windows certificates). Caching steps: actions/cache and actions/cache/restore,
Swatinem/rust-cache, actions/setup-node and setup-python/java with cache:, actions/setup-go
(caches by default), actions-rust-lang/setup-rust-toolchain (by default), oven-sh/setup-bun,
jdx/mise-action, astral-sh/setup-uv with enable-cache, Mozilla-Actions/sccache-action.

A warning when the job signs or creates a release, a note when only the trigger makes it a
release job. Not reported: a cache turned off for tags (lookup-only: true, cache: false, an
if: or input that excludes refs/tags/), or a control we cannot evaluate.

**Fix:** build releases without caches (or with lookup-only caches), or on a fresh runner
that restores nothing; keep caches for CI.

Bad:

~~~yaml
on:
  push:
    tags: ['v*']
jobs:
  release:
    steps:
      - uses: Swatinem/rust-cache@<sha>
      - uses: tauri-apps/tauri-action@<sha>
        env:
          TAURI_SIGNING_PRIVATE_KEY: ${{ secrets.TAURI_SIGNING_PRIVATE_KEY }}
~~~

Good:

~~~yaml
      - uses: Swatinem/rust-cache@<sha>
        with:
          lookup-only: ${{ startsWith(github.ref, 'refs/tags/') }}
~~~

Jobs of local reusable workflows are judged with their caller's triggers and secrets, and the
cache steps of local composite actions count as the job's; each finding is given once, at its
own line, with the calling job as a related location.

**False positives:** a repository where no untrusted code ever runs on the default branch
cannot have its cache poisoned this way; the finding says the release trusts every such run.`,
	Run: releaseCachePoisoning,
}

func releaseCachePoisoning(pass *rules.Pass) error {
	set := rules.Workflows.Of(pass.Project)
	if set == nil || set.Graph == nil {
		return nil
	}
	var out worstAt
	for _, ej := range set.Graph.Jobs {
		if f, ok := cachePoisoningFinding(ej); ok {
			out.add(f)
		}
	}
	out.report(pass)
	return nil
}

// cachePoisoningFinding reports release job ej at its first step that
// restores a cache, composite actions' steps included.
func cachePoisoningFinding(ej *deps.ExecJob) (rules.Finding, bool) {
	why, level := releaseJobReason(ej)
	if why == "" {
		return rules.Finding{}, false
	}
	var steps []*deps.ExecStep
	var what []string
	for _, es := range ej.Steps {
		if c := restoresCache(es.Step); c != "" {
			steps, what = append(steps, es), append(what, c)
		}
	}
	if len(steps) == 0 {
		return rules.Finding{}, false
	}
	f := rules.Finding{Location: steps[0].Step.Uses.Loc, Subject: ej.Workflow.File + ":" + ej.Job.ID, Level: level,
		Message: fmt.Sprintf("job %s %s and restores %s (%s) that any run on the default branch can write",
			jobLabel(ej), why, depPlural(len(steps), "cache", "caches"), depList(what, 3))}
	for _, es := range steps[1:] {
		f.Related = append(f.Related, rules.Related{Location: es.Step.Uses.Loc, Message: "also restores a cache"})
	}
	f.Related = append(f.Related, execRelated(steps[0])...)
	return f, true
}

// releaseJobReason says why job ej is a release job, with the finding's
// level; "" when it is not one.
func releaseJobReason(ej *deps.ExecJob) (string, rules.Level) {
	if sec := execSigningSecrets(ej); len(sec) > 0 {
		return "holds signing secrets " + depList(sec, 3), rules.Warning
	}
	if s := publishingExecStep(ej); s != nil {
		return "publishes a release (step " + stepName(s) + ")", rules.Warning
	}
	if ej.Root.PushesTags() {
		return "runs on pushed tags", rules.Note
	}
	if ej.Trigger("release") != nil {
		return "runs on releases", rules.Note
	}
	return "", ""
}

// cacheAction describes how an action caches: the input that turns the
// cache on (on) or restores nothing (off), and whether it caches when
// neither is given.
type cacheAction struct {
	name      string
	on, off   string
	byDefault bool
}

var cacheActions = []cacheAction{
	{name: "actions/cache", off: "lookup-only", byDefault: true},
	{name: "swatinem/rust-cache", off: "lookup-only", byDefault: true},
	{name: "actions/setup-node", on: "cache"},
	{name: "actions/setup-python", on: "cache"},
	{name: "actions/setup-java", on: "cache"},
	{name: "actions/setup-go", on: "cache", byDefault: true},
	{name: "actions-rust-lang/setup-rust-toolchain", on: "cache", byDefault: true},
	{name: "oven-sh/setup-bun", off: "no-cache", byDefault: true},
	{name: "jdx/mise-action", on: "cache", byDefault: true},
	{name: "astral-sh/setup-uv", on: "enable-cache"},
	{name: "mozilla-actions/sccache-action", byDefault: true},
}

// restoresCache names the cache step s restores ("" when it restores
// none, or only under conditions that exclude tag pushes).
func restoresCache(s *deps.Step) string {
	if s.Uses == nil || excludesTags(s.If) {
		return ""
	}
	for _, c := range cacheActions {
		if !s.Uses.Is(c.name) || !cacheOn(s, c) {
			continue
		}
		if c.on != "" {
			if v, ok := s.Input(c.on); ok {
				return fmt.Sprintf("%s with %s: %s", c.name, c.on, v)
			}
		}
		return c.name
	}
	return ""
}

// cacheOn evaluates the step's cache inputs for a tag push.
func cacheOn(s *deps.Step, c cacheAction) bool {
	if c.off != "" {
		if v, ok := s.Input(c.off); ok {
			on, known := tagPushValue(v)
			return known && !on
		}
	}
	if c.on != "" {
		if v, ok := s.Input(c.on); ok {
			on, known := tagPushValue(v)
			if !known { // a value like "npm" names what to cache
				return !strings.Contains(v, "${{") && v != ""
			}
			return on
		}
	}
	return c.byDefault
}

// tagRefTest matches the tests for a tag push an expression can make.
var tagRefTest = lazyre.New(`startsWith\(\s*github\.ref\s*,\s*'refs/tags/?'\s*\)|github\.ref_type\s*==\s*'tag'`)

// tagPushValue evaluates a boolean input for a tag push: a literal, or an
// expression that is exactly a tag test or its negation. known is false
// for anything else.
func tagPushValue(v string) (on, known bool) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "true":
		return true, true
	case "false", "":
		return false, true
	}
	e := strings.TrimSpace(v)
	if !strings.HasPrefix(e, "${{") || !strings.HasSuffix(e, "}}") {
		return false, false
	}
	e = strings.TrimSpace(e[3 : len(e)-2])
	neg := strings.HasPrefix(e, "!")
	e = strings.TrimSpace(strings.TrimPrefix(e, "!"))
	if loc := tagRefTest.FindStringIndex(e); loc != nil && loc[0] == 0 && loc[1] == len(e) {
		return !neg, true
	}
	return false, false
}

// excludesTags reports whether a step condition skips the step on tag
// pushes: it requires a non-tag ref.
func excludesTags(cond string) bool {
	c := strings.ReplaceAll(cond, " ", "")
	return strings.Contains(c, "!startsWith(github.ref,'refs/tags") || strings.Contains(c, "github.ref_type!='tag'") ||
		strings.Contains(c, "github.event_name!='push'") || strings.Contains(c, "github.event_name=='pull_request'")
}
