package deps

import (
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Tainted is a value an attacker controls, with the way it came.
type Tainted struct {
	Kind   Taint
	Source string // the untrusted context or command, e.g. github.event.issue.title
	Hops   []Hop  // the assignments it went through, in order
}

// Hop is one assignment an untrusted value went through.
type Hop struct {
	What string // "env TITLE", "steps.meta.outputs.tag", "input title"
	Loc  source.Location
}

// maxHops bounds the hops a message names; a longer chain (needs
// through a thousand jobs) keeps its first and last hops.
const maxHops = 16

// through returns t carried one hop further.
func (t *Tainted) through(what string, loc source.Location) *Tainted {
	if t == nil {
		return nil
	}
	prev := t.Hops
	if len(prev) >= maxHops { // a chain of jobs or calls: keep its ends
		prev = append(append(append([]Hop(nil), prev[:maxHops/2-1]...), Hop{What: "…"}), prev[len(prev)-maxHops/2+1:]...)
	}
	hops := append(append(make([]Hop, 0, len(prev)+1), prev...), Hop{What: what, Loc: loc})
	return &Tainted{Kind: t.Kind, Source: t.Source, Hops: hops}
}

// Path returns "source → hop → hop".
func (t *Tainted) Path() string {
	parts := []string{t.Source}
	for _, h := range t.Hops {
		parts = append(parts, h.What)
	}
	return strings.Join(parts, " → ")
}

// Injection is untrusted text that reaches a script: expanded by ${{ }}
// into run: or github-script, or written to a file the runner reads
// back as environment or PATH.
type Injection struct {
	Step  *ExecStep
	Sink  string // "run", "github-script", "$GITHUB_ENV", "$GITHUB_PATH"
	Loc   source.Location
	Value *Tainted
}

// PRCheckout is a step that fetches the pull request's code into the
// workspace.
type PRCheckout struct {
	Step *ExecStep
	// Line is the script line that fetches (-1 for an action input); a
	// later line of the same script already runs after it.
	Line int
	// Rest is the rest of that line after the fetching command, which
	// runs after it too ("gh pr checkout 1 && npm ci").
	Rest  string
	How   string // "ref: ${{ … }}", "gh pr checkout"
	Loc   source.Location
	Value *Tainted // how the ref got there; nil for a literal command
}

// Flows are the data flows of a graph that rules report.
type Flows struct {
	Injections []*Injection
	Checkouts  []*PRCheckout
	// Unreadable are expressions the reader could not follow (an
	// unterminated ${{ or string): what they expand is not audited.
	Unreadable []*source.Error
}

// Analyze follows untrusted data through every job of the graph.
func (g *Graph) Analyze() *Flows {
	a := &analysis{g: g, out: &Flows{}, outputs: map[int]map[string]map[string]*Tainted{},
		inputs: map[int]map[string]*Tainted{}, noted: map[string]bool{}, scriptCmd: map[string]string{}}
	byInst := map[int][]*ExecJob{}
	callee := map[*ExecJob]int{}
	var roots []int
	for _, ej := range g.Jobs {
		if len(byInst[ej.Instance]) == 0 {
			if ej.Caller == nil {
				roots = append(roots, ej.Instance)
			} else {
				callee[ej.Caller] = ej.Instance
			}
		}
		byInst[ej.Instance] = append(byInst[ej.Instance], ej)
	}
	var run func(inst int)
	run = func(inst int) {
		for _, ej := range needsOrder(byInst[inst]) {
			a.job(ej)
			if ci, ok := callee[ej]; ok {
				a.bindCallInputs(ej, ci)
				run(ci)
			}
		}
	}
	for _, inst := range roots {
		run(inst)
	}
	return a.out
}

// needsOrder orders one workflow run's jobs so that each comes after the
// jobs it needs; jobs in a needs cycle keep file order.
func needsOrder(jobs []*ExecJob) []*ExecJob {
	done := map[*ExecJob]bool{}
	byID := map[string]*ExecJob{}
	for _, j := range jobs {
		byID[strings.ToLower(j.Job.ID)] = j
	}
	out := make([]*ExecJob, 0, len(jobs))
	var visit func(j *ExecJob, depth int)
	visit = func(j *ExecJob, depth int) {
		if done[j] || depth > len(jobs) {
			return
		}
		done[j] = true
		for _, n := range j.Job.Needs {
			if d := byID[strings.ToLower(n)]; d != nil {
				visit(d, depth+1)
			}
		}
		out = append(out, j)
	}
	for _, j := range jobs {
		visit(j, 0)
	}
	return out
}

// analysis is the state of one Analyze run.
type analysis struct {
	g   *Graph
	out *Flows
	// outputs: instance → job id → output name → taint.
	outputs map[int]map[string]map[string]*Tainted
	// inputs: called-workflow instance → input name → taint.
	inputs map[int]map[string]*Tainted
	noted  map[string]bool
	// scriptCmd: repository script → the command in it that fetches a
	// pull request ("" when none).
	scriptCmd map[string]string
}

// frame is one action invocation inside a job (frame 0: the job's own
// steps).
type frame struct {
	inputs  map[string]*Tainted
	outputs map[string]*Tainted // "<step id>.<name>" or "<step id>.*"
	calls   map[string]int      // step id → the frame its composite call opened
	action  *Action
	env     *envScope // env the frame's steps inherit
}

// envScope is one layer of env: a step's, its callers', the job's. A
// layer maps a lower-case name to its taint (nil: set, but clean).
type envScope struct {
	vars   map[string]*Tainted
	parent *envScope
}

// get returns the taint of env name in the innermost layer that sets it.
func (e *envScope) get(name string) *Tainted {
	for s := e; s != nil; s = s.parent {
		if t, ok := s.vars[name]; ok {
			return t
		}
	}
	return nil
}

// jobState is the state of one job while its steps are followed.
type jobState struct {
	a      *analysis
	ej     *ExecJob
	frames map[int]*frame
	env    *envScope // workflow and job env, and $GITHUB_ENV writes
}

func newFrame() *frame {
	return &frame{inputs: map[string]*Tainted{}, outputs: map[string]*Tainted{}, calls: map[string]int{}}
}

// job follows the steps of one job, then records its outputs.
func (a *analysis) job(ej *ExecJob) {
	js := &jobState{a: a, ej: ej, frames: map[int]*frame{0: newFrame()}, env: &envScope{vars: map[string]*Tainted{}}}
	top := js.frames[0]
	top.env = js.env
	top.inputs = a.inputs[ej.Instance]
	for _, kv := range append(append([]*KV(nil), ej.Workflow.Env...), ej.Job.Env...) {
		if t := js.evalKV(kv, top, js.env); t != nil {
			js.env.vars[strings.ToLower(kv.Key)] = t.through("env "+kv.Key, kv.ValueLoc)
		}
	}
	for _, es := range ej.Steps {
		js.step(es)
	}
	outs := map[string]*Tainted{}
	for _, kv := range ej.Job.Outputs {
		if t := js.evalKV(kv, top, js.env); t != nil {
			outs[strings.ToLower(kv.Key)] = t.through("needs."+ej.Job.ID+".outputs."+kv.Key, kv.ValueLoc)
		}
	}
	if a.outputs[ej.Instance] == nil {
		a.outputs[ej.Instance] = map[string]map[string]*Tainted{}
	}
	a.outputs[ej.Instance][strings.ToLower(ej.Job.ID)] = outs
}

// bindCallInputs evaluates a reusable-workflow call's `with:` in the
// caller's job and binds them as the callee run's inputs.
func (a *analysis) bindCallInputs(caller *ExecJob, inst int) {
	js := &jobState{a: a, ej: caller, frames: map[int]*frame{0: newFrame()}, env: &envScope{}}
	js.frames[0].inputs = a.inputs[caller.Instance]
	in := map[string]*Tainted{}
	for _, kv := range caller.Job.With {
		if t := js.evalKV(kv, js.frames[0], js.env); t != nil {
			in[strings.ToLower(kv.Key)] = t.through("input "+kv.Key+" of "+localPath(caller.Job.Uses.Path), kv.ValueLoc)
		}
	}
	a.inputs[inst] = in
}

// stepEnv returns the env a step sees: its own over its frame's (the
// calling steps' env), over the job's.
func (js *jobState) stepEnv(es *ExecStep, f *frame) *envScope {
	parent := f.env
	if parent == nil {
		parent = js.env
	}
	if len(es.Step.Env) == 0 {
		return parent
	}
	env := &envScope{vars: make(map[string]*Tainted, len(es.Step.Env)), parent: parent}
	for _, kv := range es.Step.Env {
		var t *Tainted
		if t = js.evalKV(kv, f, env); t != nil {
			t = t.through("env "+kv.Key, kv.ValueLoc)
		}
		env.vars[strings.ToLower(kv.Key)] = t
	}
	return env
}

// step follows one step: its sinks, and what it passes on.
func (js *jobState) step(es *ExecStep) {
	f := js.frames[es.Frame]
	if f == nil {
		f = newFrame()
		js.frames[es.Frame] = f
	}
	env := js.stepEnv(es, f)
	s := es.Step
	if es.Inner != 0 {
		js.openFrame(es, f, env)
	}
	switch {
	case s.Run != nil:
		js.script(es, f, env)
	case s.IsAction("actions/github-script"):
		js.githubScript(es, f, env)
	case s.IsAction("actions/checkout"):
		js.checkoutAction(es, f, env)
	}
}

// openFrame starts the frame of a composite action call: its inputs are
// the call's `with:` (else the input defaults), its env the call's env.
func (js *jobState) openFrame(es *ExecStep, f *frame, env *envScope) {
	inner := newFrame()
	inner.env = env
	act := js.a.g.Actions[localPath(es.Step.Uses.Path)]
	inner.action = act
	for _, kv := range es.Step.With {
		if t := js.evalKV(kv, f, env); t != nil {
			inner.inputs[strings.ToLower(kv.Key)] = t.through("input "+kv.Key+" of "+localPath(es.Step.Uses.Path), kv.ValueLoc)
		}
	}
	if act != nil {
		for _, kv := range act.Inputs {
			if _, set := inner.inputs[strings.ToLower(kv.Key)]; set || FindKV(es.Step.With, kv.Key) != nil {
				continue
			}
			if t := js.evalKV(kv, f, env); t != nil {
				inner.inputs[strings.ToLower(kv.Key)] = t.through("input "+kv.Key+" default", kv.ValueLoc)
			}
		}
	}
	js.frames[es.Inner] = inner
	if s := es.Step; s.ID != "" {
		f.calls[strings.ToLower(s.ID)] = es.Inner
	}
}

// evalKV returns the taint of a with/env value: an untrusted expression
// in it, or a literal pull-request ref (refs/pull/…).
func (js *jobState) evalKV(kv *KV, f *frame, env *envScope) *Tainted {
	var ref *Tainted
	for _, e := range kv.Exprs {
		if t := js.eval(e, f, env); t != nil {
			if t.Kind&TaintText != 0 {
				return t
			}
			if ref == nil {
				ref = t
			}
		}
	}
	if ref == nil && pullRefText.MatchString(kv.Value) {
		ref = &Tainted{Kind: TaintRef, Source: clip(kv.Value, 60)}
	}
	if strings.Count(kv.Value, "${{") > len(kv.Exprs) {
		js.a.unreadable(kv.ValueLoc, "unterminated ${{ in "+kv.Key)
	}
	return ref
}

// eval returns the taint of an expression: the first untrusted context
// it reads, preferring text an attacker writes over a ref.
func (js *jobState) eval(e Expr, f *frame, env *envScope) *Tainted {
	refs, ok := ExprRefs(e.Text)
	if !ok {
		js.a.unreadable(e.Loc, "expression could not be read: "+clip(e.Text, 60))
	}
	var ref *Tainted
	for _, r := range refs {
		t := js.lookup(r, f, env)
		if t == nil {
			continue
		}
		if t.Kind&TaintText != 0 {
			return t
		}
		if ref == nil {
			ref = t
		}
	}
	return ref
}

// lookup returns the taint of one context path in the step's scope.
func (js *jobState) lookup(r ExprRef, f *frame, env *envScope) *Tainted {
	if k := ClassifyContext(r.Path, r.InToJSON); k != 0 {
		return &Tainted{Kind: k, Source: r.Path}
	}
	seg := strings.Split(r.Path, ".")
	switch {
	case seg[0] == "env" && len(seg) == 2:
		return env.get(seg[1])
	case seg[0] == "inputs" && len(seg) == 2:
		return f.inputs[seg[1]]
	case seg[0] == "steps" && len(seg) == 4 && seg[2] == "outputs":
		return js.stepOutput(f, seg[1], seg[3], 0)
	case seg[0] == "needs" && len(seg) == 4 && seg[2] == "outputs":
		return js.a.outputs[js.ej.Instance][seg[1]][seg[3]]
	case seg[0] == "matrix" && len(seg) >= 2:
		return js.matrix(seg[1], f, env)
	}
	return nil
}

// matrix returns the taint of matrix.<key>: the first untrusted value
// the job's strategy.matrix gives that dimension (or the whole matrix).
func (js *jobState) matrix(key string, f *frame, env *envScope) *Tainted {
	if js.ej.Job == nil {
		return nil
	}
	for _, kv := range js.ej.Job.Matrix {
		if kv.Key != key && kv.Key != "*" {
			continue
		}
		if t := js.evalKV(kv, f, env); t != nil {
			return t.through("matrix."+key, kv.ValueLoc)
		}
	}
	return nil
}

// stepOutput returns the taint of steps.<id>.outputs.<name> in frame f: a
// value the step wrote to $GITHUB_OUTPUT, or a composite action's output.
func (js *jobState) stepOutput(f *frame, id, name string, depth int) *Tainted {
	if t := f.outputs[id+"."+name]; t != nil {
		return t
	}
	if t := f.outputs[id+".*"]; t != nil {
		return t
	}
	inner := js.frames[f.calls[id]]
	if f.calls[id] == 0 || inner == nil || inner.action == nil || depth > maxActionDepth {
		return nil
	}
	kv := FindKV(inner.action.Outputs, name)
	if kv == nil {
		for _, o := range inner.action.Outputs {
			if strings.EqualFold(o.Key, name) {
				kv = o
			}
		}
	}
	if kv == nil {
		return nil
	}
	for _, e := range kv.Exprs {
		refs, _ := ExprRefs(e.Text)
		for _, r := range refs {
			seg := strings.Split(r.Path, ".")
			var t *Tainted
			if seg[0] == "steps" && len(seg) == 4 && seg[2] == "outputs" {
				t = js.stepOutput(inner, seg[1], seg[3], depth+1)
			} else {
				t = js.lookup(r, inner, inner.env)
			}
			if t != nil {
				return t.through("output "+kv.Key+" of "+inner.action.Dir, kv.ValueLoc)
			}
		}
	}
	return nil
}

// unreadable records an expression the reader could not follow, once.
func (a *analysis) unreadable(loc source.Location, msg string) {
	e := errLoc(loc, "%s", msg)
	if key := e.Error(); !a.noted[key] && len(a.out.Unreadable) < maxDiagnostics {
		a.noted[key] = true
		a.out.Unreadable = append(a.out.Unreadable, e)
	}
}

// clip shortens s to n bytes.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
