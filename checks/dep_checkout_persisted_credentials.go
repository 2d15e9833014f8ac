package checks

import (
	"fmt"
	"path"
	"strings"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/rules"
)

// CheckoutPersistedCredentials reports checkouts that leave the job's
// token on disk for a later step to publish or steal.
var CheckoutPersistedCredentials = &rules.Rule{
	ID:       "TA-DEP-019",
	Name:     "checkout-persisted-credentials",
	Title:    "checkout keeps the token on disk for a later step that uploads or runs untrusted code",
	Level:    rules.Warning,
	Severity: 5.9,
	Tags:     []string{"supply-chain"},
	CWE:      []int{522},
	Doc: `actions/checkout writes the job's GITHUB_TOKEN into the git configuration unless it is given
persist-credentials: false: into .git/config of the checked-out folder before v6, into a file
under $RUNNER_TEMP that .git/config includes from v6 on. Every later step of the job can read it.

Reported at the checkout step (without persist-credentials) when a later step of the same job:

- **uploads the checkout's .git** with actions/upload-artifact (a path of ".", the workspace,
  the checkout's folder or .git): a warning when the token lands in the artifact (checkout before
  v6, and hidden files uploaded: include-hidden-files: true or upload-artifact before v4.4),
  else a note. Anyone who can download the artifact gets the token while the job runs, and
  public repositories' artifacts are public.
- **runs code on an event anyone can cause** (pull_request_target, workflow_run, issue_comment):
  a warning, since the code can read the token from disk.

Checkouts that set persist-credentials explicitly (true or false, or an expression) are not
reported: true states that a later git push needs it.

**Fix:** add persist-credentials: false to the checkout; pass the token to the one step that
pushes.

Bad:

~~~yaml
- uses: actions/checkout@<sha> # v4
- uses: actions/upload-artifact@<sha> # v4.3.0
  with:
    path: .
~~~

Good:

~~~yaml
- uses: actions/checkout@<sha> # v4
  with:
    persist-credentials: false
- uses: actions/upload-artifact@<sha> # v4.6.0
  with:
    path: dist/
~~~

Checkouts inside local composite actions count with the steps the calling job runs after them,
and jobs of local reusable workflows run with their caller's triggers; each checkout is reported
once, at its own line, with the calling step or job as a related location.

**False positives:** jobs whose later steps neither upload the checkout nor run on those
events are not reported, though any step can read the stored token: zizmor's artipacked
reports every checkout; we report the ones with a path to misuse.`,
	Run: checkoutPersistedCredentials,
}

func checkoutPersistedCredentials(pass *rules.Pass) error {
	set := rules.Workflows.Of(pass.Project)
	if set == nil || set.Graph == nil {
		return nil
	}
	var out worstAt
	for _, ej := range set.Graph.Jobs {
		steps := make([]*deps.Step, len(ej.Steps))
		for i, es := range ej.Steps {
			steps[i] = es.Step
		}
		runners, uploads := &runnerCache{}, gitUploads(steps)
		for i, es := range ej.Steps {
			if !es.Step.IsAction("actions/checkout") {
				continue
			}
			if _, set := es.Step.Input("persist-credentials"); set {
				continue
			}
			if f, ok := persistedCredentialUse(pass.Project, ej, steps, i, uploads[i], runners); ok {
				f.Related = append(f.Related, execRelated(es)...)
				out.add(f)
			}
		}
	}
	out.report(pass)
	return nil
}

// persistedCredentialUse returns the finding for the checkout at steps[i]
// of job ej when a later step can misuse the stored token: up, the first
// later upload of its .git, or a code runner on an external trigger.
func persistedCredentialUse(p *rules.Project, ej *deps.ExecJob, steps []*deps.Step, i int, up gitUpload, runners *runnerCache) (rules.Finding, bool) {
	co := steps[i]
	f := rules.Finding{Location: co.Uses.Loc, Subject: ej.Workflow.File + ":" + ej.Job.ID}
	if up.step != nil {
		f.Level, f.Message = rules.Note, fmt.Sprintf("checkout in job %s keeps the token in the git configuration, and step %s uploads %q, which holds the checkout's .git",
			jobLabel(ej), stepName(up.step), up.path)
		if tokenInArtifact(co, up.step) {
			f.Level = rules.Warning
			f.Message += "; hidden files are included, so the artifact carries the token"
		}
		f.Related = []rules.Related{{Location: up.step.Loc, Message: "uploads the checkout"}}
		return f, true
	}
	if t := ej.Root.ExternalTrigger(); t != nil {
		if runner := runners.after(p, steps, i); runner != nil {
			f.Level = rules.Warning
			f.Message = fmt.Sprintf("checkout in %s job %s keeps the token in the git configuration, and step %s runs code that can read it",
				t.Event, jobLabel(ej), stepName(runner))
			f.Related = []rules.Related{{Location: runner.Loc, Message: "runs code"}}
			return f, true
		}
	}
	return f, false
}

// gitUpload is an upload-artifact step and the path entry of it that
// includes a checkout's .git.
type gitUpload struct {
	step *deps.Step
	path string
	pos  int // the step's position in the job
}

// gitUploads maps the position of each checkout among a job's steps to
// the first later upload-artifact step that includes the checkout's .git.
// One backward pass: the nearest upload of the whole workspace (or a
// .git), and the nearest of each sub-folder.
func gitUploads(steps []*deps.Step) map[int]gitUpload {
	out := map[int]gitUpload{}
	var whole gitUpload
	byDir := map[string]gitUpload{}
	for i := len(steps) - 1; i >= 0; i-- {
		s := steps[i]
		switch {
		case s.IsAction("actions/upload-artifact"):
			paths, _ := s.Input("path")
			lines := strings.Split(paths, "\n")
			for k := len(lines) - 1; k >= 0; k-- { // the first entry wins
				p := strings.TrimSpace(lines[k])
				if p == "" || strings.HasPrefix(p, "!") {
					continue
				}
				if dir, all := uploadScope(p); all {
					whole = gitUpload{s, p, i}
				} else {
					byDir[dir] = gitUpload{s, p, i}
				}
			}
		case s.IsAction("actions/checkout"):
			dir, _ := s.Input("path")
			best := whole
			if u, ok := byDir[cleanUploadPath(dir)]; ok && (best.step == nil || u.pos < best.pos) {
				best = u
			}
			if best.step != nil {
				out[i] = best
			}
		}
	}
	return out
}

// uploadScope classifies an upload path: all is true when it includes
// the .git of any checkout (the workspace, a glob of it, a .git folder);
// otherwise dir is the folder it uploads, whose checkout's .git it holds.
func uploadScope(p string) (dir string, all bool) {
	c := cleanUploadPath(p)
	if c == "." || c == "*" || c == "**" || path.Base(c) == ".git" || strings.Contains(c, ".git/") {
		return "", true
	}
	return c, false
}

// tokenInArtifact reports whether the upload carries .git/config with the
// token: checkout before v6 (or of unknown version) and hidden files
// uploaded (upload-artifact before v4.4 uploaded them by default).
func tokenInArtifact(co, upload *deps.Step) bool {
	if ma, _, ok := co.Uses.Version(); ok && ma >= 6 {
		return false
	}
	return upload.InputIs("include-hidden-files", true) || upload.Uses.VersionBefore(4, 4)
}

// uploadedCheckoutGit returns the entry of an upload-artifact path list
// that includes the .git folder of a checkout into dir ("" for the
// workspace), or "".
func uploadedCheckoutGit(paths, dir string) string {
	dir = cleanUploadPath(dir)
	for _, line := range strings.Split(paths, "\n") {
		p := strings.TrimSpace(line)
		if p == "" || strings.HasPrefix(p, "!") {
			continue
		}
		if c := cleanUploadPath(p); c == "." || c == dir || c == "*" || c == "**" || path.Base(c) == ".git" || strings.Contains(c, ".git/") {
			return p
		}
	}
	return ""
}

// workspaceExpr matches the workspace expression at the start of a path.
var workspaceExprs = []string{"${{ github.workspace }}", "${{github.workspace}}", "$GITHUB_WORKSPACE", "${GITHUB_WORKSPACE}"}

// cleanUploadPath makes a path relative to the workspace and drops
// trailing globs and slashes: "./", "${{ github.workspace }}/**" and ""
// become ".".
func cleanUploadPath(p string) string {
	p = strings.TrimSpace(p)
	for _, ws := range workspaceExprs {
		if strings.HasPrefix(p, ws) {
			p = "." + strings.TrimPrefix(p, ws)
		}
	}
	for _, suffix := range []string{"/**", "/*", "/"} {
		for strings.HasSuffix(p, suffix) && len(p) > len(suffix) {
			p = strings.TrimSuffix(p, suffix)
		}
	}
	if p == "" {
		return "."
	}
	return path.Clean(p)
}
