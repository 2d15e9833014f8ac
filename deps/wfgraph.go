package deps

import (
	"iter"
	"path"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Graph is the repository's workflows as GitHub runs them: each root
// workflow's jobs, the jobs of the local reusable workflows they call, and
// the steps of the local composite actions their steps use, linked to
// their callers.
type Graph struct {
	// Jobs are every job as it runs: root workflows in path order, a
	// called workflow's jobs right after the job that calls it.
	Jobs []*ExecJob
	// Actions are the local actions read, by folder.
	Actions map[string]*Action
	// Diagnostics are what limited the graph: `uses:` cycles, local
	// actions that are missing, expansion budgets.
	Diagnostics []*source.Error
	fs          *Files // reads the repository scripts steps run
}

// ExecJob is one job as it runs: a root workflow's job, or a called
// workflow's job in the context of its caller.
type ExecJob struct {
	Root     *Workflow // the workflow GitHub starts: its triggers apply
	Workflow *Workflow // the file declaring Job
	Job      *Job
	Caller   *ExecJob // the job that calls Workflow, nil for a root job
	// Permissions are the job's effective token permissions: the job's,
	// else its workflow's, else the caller's; nil is the repository
	// default, which the scan cannot see.
	Permissions *Permissions
	// Secrets are the repository secrets the job reads (a called
	// workflow's secrets.X mapped through the caller's `secrets:`).
	Secrets []string
	Steps   []*ExecStep // in execution order, composite steps inlined
	// Instance numbers the workflow run the job belongs to: jobs of one
	// instance see each other as needs.<id>.
	Instance int
}

// ExecStep is one step as it runs in a job. A composite action's step
// keeps its own file and line; Callers lead to it.
type ExecStep struct {
	Job    *ExecJob
	Step   *Step
	Action *Action // the composite action declaring Step; nil for a job step
	// Callers are the `uses: ./…` steps that lead here, outermost first.
	Callers []*Step
	// Frame numbers the action invocation the step runs in (0: the job's
	// own steps); Inner is the frame a composite call opens.
	Frame, Inner int
	Pos          int // index in Job.Steps
}

// Trigger returns the root workflow's trigger for event, or nil.
func (j *ExecJob) Trigger(event string) *Trigger { return j.Root.Trigger(event) }

// Limits of the expansion: GitHub nests reusable workflows at most ten
// deep; composite actions have no stated limit, so a budget of inlined
// steps keeps a fan-out of actions from growing exponentially.
const (
	maxCallDepth   = 10
	MaxGraphSteps  = 1_000_000
	maxActionDepth = 32
)

// graphBuilder builds one Graph.
type graphBuilder struct {
	fs        *Files
	g         *Graph
	workflows map[string]*Workflow // every parsed workflow by path
	steps     int                  // inlined steps so far
	frames    int
	instances int
	noted     map[string]bool // diagnostics already given
	ran       map[*Workflow]bool
}

// BuildGraph links roots with the local actions and reusable workflows
// they use. all are the parsed workflows a call can reach.
func BuildGraph(fs *Files, roots, all []*Workflow) *Graph {
	b := &graphBuilder{fs: fs, g: &Graph{Actions: map[string]*Action{}, fs: fs}, workflows: map[string]*Workflow{}, noted: map[string]bool{}, ran: map[*Workflow]bool{}}
	for _, w := range all {
		b.workflows[w.File] = w
	}
	called := b.calledWorkflows(roots)
	for _, w := range roots {
		if called[w.File] && onlyCalled(w) {
			continue // runs only as its callers' job, audited there
		}
		b.instance(w, w, nil, 0)
	}
	// Called-only workflows that only call each other: no job reaches
	// them, so they are audited on their own rather than not at all.
	for _, w := range roots {
		if !b.ran[w] {
			b.instance(w, w, nil, 0)
		}
	}
	if fs != nil {
		b.readActionFolder()
	}
	return b.g
}

// onlyCalled reports a workflow whose sole trigger is workflow_call.
func onlyCalled(w *Workflow) bool { return len(w.On) == 1 && w.On[0].Event == "workflow_call" }

// calledWorkflows returns the paths of the workflows some root job calls.
func (b *graphBuilder) calledWorkflows(roots []*Workflow) map[string]bool {
	out := map[string]bool{}
	for _, w := range roots {
		for _, j := range w.Jobs {
			if p := localWorkflowPath(j.Uses); p != "" {
				out[p] = true
			}
		}
	}
	return out
}

// localWorkflowPath returns the path of a job's local reusable workflow
// (`uses: ./.github/workflows/x.yml`), or "".
func localWorkflowPath(u *ActionRef) string {
	if u == nil || u.Kind != ActionLocal {
		return ""
	}
	p := localPath(u.Path)
	if ext := path.Ext(p); ext != ".yml" && ext != ".yaml" {
		return ""
	}
	return p
}

// localPath cleans a `./path` value into a root-relative path.
func localPath(p string) string {
	p = strings.ReplaceAll(strings.TrimSpace(p), "\\", "/")
	p = path.Clean(strings.TrimPrefix(p, "./"))
	if p == "." || strings.HasPrefix(p, "../") || p == ".." {
		return "."
	}
	return p
}

// instance adds the jobs of workflow w run as root (caller nil) or called
// by caller.
func (b *graphBuilder) instance(root, w *Workflow, caller *ExecJob, depth int) {
	b.instances++
	inst := b.instances
	b.ran[w] = true
	for _, j := range w.Jobs {
		ej := &ExecJob{Root: root, Workflow: w, Job: j, Caller: caller, Instance: inst}
		ej.Permissions = effectivePermissions(w, j, caller)
		ej.Secrets = jobSecretNames(w, j, caller)
		b.g.Jobs = append(b.g.Jobs, ej)
		for _, s := range j.Steps {
			b.addStep(ej, s, nil, nil, 0, nil)
		}
		if p := localWorkflowPath(j.Uses); p != "" {
			b.call(root, ej, p, depth)
		}
	}
}

// call adds the jobs of the local reusable workflow at p called by ej.
func (b *graphBuilder) call(root *Workflow, ej *ExecJob, p string, depth int) {
	callee := b.workflows[p]
	switch {
	case callee == nil:
		b.note(ej.Job.Uses.Loc, "local reusable workflow %s is not in the repository; its jobs are not audited", p)
	case depth+1 > maxCallDepth || callsBack(ej, callee):
		b.note(ej.Job.Uses.Loc, "reusable workflow %s calls itself or nests more than %d deep; not followed further", p, maxCallDepth)
	default:
		b.instance(root, callee, ej, depth+1)
	}
}

// callsBack reports whether callee is already on ej's call chain.
func callsBack(ej *ExecJob, callee *Workflow) bool {
	for c := ej; c != nil; c = c.Caller {
		if c.Workflow == callee {
			return true
		}
	}
	return false
}

// addStep adds step s of ej (inside action a, reached through callers) and,
// for a local composite action, its steps after it.
func (b *graphBuilder) addStep(ej *ExecJob, s *Step, a *Action, callers []*Step, frame int, chain []string) {
	if b.steps >= MaxGraphSteps {
		if b.steps == MaxGraphSteps {
			b.note(s.Loc, "more than %d steps once local actions are inlined; the rest are not audited", MaxGraphSteps)
			b.steps++
		}
		return
	}
	b.steps++
	es := &ExecStep{Job: ej, Step: s, Action: a, Callers: callers, Frame: frame, Pos: len(ej.Steps)}
	ej.Steps = append(ej.Steps, es)
	if s.Uses == nil || s.Uses.Kind != ActionLocal {
		return
	}
	dir := localPath(s.Uses.Path)
	act := b.action(dir, s.Uses.Loc)
	if !act.Composite() {
		return
	}
	if slices.Contains(chain, dir) || len(chain) >= maxActionDepth {
		b.note(s.Uses.Loc, "local action %s uses itself through %s; not followed further", dir, strings.Join(append(chain, dir), " → "))
		return
	}
	b.frames++
	es.Inner = b.frames
	inner := append(append([]*Step(nil), callers...), s)
	next := append(append([]string(nil), chain...), dir)
	for _, cs := range act.Steps {
		b.addStep(ej, cs, act, inner, es.Inner, next)
	}
}

// action returns the local action in dir, parsed once (nil when absent).
func (b *graphBuilder) action(dir string, at source.Location) *Action {
	if a, ok := b.g.Actions[dir]; ok {
		return a
	}
	var a *Action
	if b.fs != nil {
		for _, name := range []string{"action.yml", "action.yaml"} {
			rel := path.Join(dir, name)
			if !b.fs.tree.Exists(rel) {
				continue
			}
			if a = parseOnce(b.fs, rel, ParseAction); a != nil {
				a.Dir = dir
			}
			break
		}
	}
	if a == nil && !strings.HasPrefix(dir, ".github/workflows") {
		b.note(at, "local action %s has no action.yml in the repository; its steps are not audited", dir)
	}
	b.g.Actions[dir] = a
	return a
}

// readActionFolder reads the actions under .github/actions no workflow
// reached, so rules can still look at their files.
func (b *graphBuilder) readActionFolder() {
	for _, rel := range b.fs.tree.FilesUnder(".github/actions") {
		base := path.Base(rel)
		if base != "action.yml" && base != "action.yaml" {
			continue
		}
		dir := path.Dir(rel)
		if _, ok := b.g.Actions[dir]; !ok {
			b.action(dir, source.Location{File: rel})
		}
	}
}

// note records a diagnostic once per message.
func (b *graphBuilder) note(at source.Location, format string, args ...any) {
	e := errLoc(at, format, args...)
	if key := e.Error(); !b.noted[key] && len(b.g.Diagnostics) < maxDiagnostics {
		b.noted[key] = true
		b.g.Diagnostics = append(b.g.Diagnostics, e)
	}
}

// effectivePermissions returns the token permissions job j of w runs
// with: its own, else the workflow's, else the caller's. A called job
// never gets more than its caller: a read-only caller caps it.
func effectivePermissions(w *Workflow, j *Job, caller *ExecJob) *Permissions {
	own := j.Permissions
	if own == nil {
		own = w.Permissions
	}
	if caller == nil {
		return own
	}
	if own == nil || caller.Permissions != nil && len(caller.Permissions.Writes()) == 0 {
		return caller.Permissions
	}
	return own
}

// jobSecretNames returns the repository secrets job j reads. A called
// workflow's secrets.X are the caller's: with `secrets: inherit` by the
// same name, else through the caller's `secrets: X: ${{ secrets.Y }}`.
func jobSecretNames(w *Workflow, j *Job, caller *ExecJob) []string {
	names := w.JobSecrets(j)
	if caller == nil {
		return names
	}
	if caller.Job.SecretsInherit {
		return names
	}
	set := map[string]bool{}
	for _, n := range names {
		if n == "GITHUB_TOKEN" {
			set[n] = true
			continue
		}
		if kv := FindKV(caller.Job.Secrets, n); kv != nil {
			for _, s := range kv.SecretRefs() {
				set[s] = true
			}
		}
	}
	return SortedKeys(set)
}

// KVs returns every env/with/secrets entry that applies to the job,
// composite steps included.
func (j *ExecJob) KVs() []*KV {
	kvs := j.Workflow.JobKVs(j.Job)
	for _, s := range j.Steps {
		if s.Action != nil {
			kvs = append(append(kvs, s.Step.Env...), s.Step.With...)
		}
	}
	return kvs
}

// Steps yields every step as it runs, job by job: a composite action's
// steps once for each job (and calling step) that runs them.
func (g *Graph) Steps() iter.Seq[*ExecStep] {
	return func(yield func(*ExecStep) bool) {
		for _, ej := range g.Jobs {
			for _, es := range ej.Steps {
				if !yield(es) {
					return
				}
			}
		}
	}
}
