package deps

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// job reads one `jobs.<id>` entry.
func (r *wfReader) job(p ypair) *Job {
	j := &Job{ID: str(p.Key), Loc: r.d.loc(p.Key)}
	v := p.Value
	if v == nil || v.Kind != yaml.MappingNode {
		r.diag(v, "job %q must be a mapping, found %s", j.ID, kindName(v))
		return j
	}
	j.Name, j.If = str(get(v, "name")), str(get(v, "if"))
	if ro := scalars(get(v, "runs-on")); len(ro) > 0 {
		j.RunsOn = ro[0]
	}
	env := get(v, "environment")
	j.Environment = str(env)
	if env != nil && env.Kind == yaml.MappingNode {
		j.Environment = str(get(env, "name"))
	}
	j.Needs = scalars(get(v, "needs"))
	j.Permissions = r.permissions(get(v, "permissions"))
	j.Env = r.kvs(get(v, "env"))
	j.Outputs = r.kvs(get(v, "outputs"))
	j.Matrix, j.MatrixLiterals = r.matrix(get(get(v, "strategy"), "matrix"))
	if u := get(v, "uses"); u != nil {
		j.Uses = r.uses(u)
		j.With = r.kvs(get(v, "with"))
		sec := get(v, "secrets")
		j.SecretsInherit = str(sec) == "inherit"
		j.Secrets = r.kvs(sec)
	}
	steps := get(v, "steps")
	if steps != nil && steps.Kind != yaml.SequenceNode {
		r.diag(steps, "`steps` of job %q must be a sequence, found %s", j.ID, kindName(steps))
	}
	for i, s := range items(steps) {
		j.Steps = append(j.Steps, r.step(j, i, s))
	}
	return j
}

func (r *wfReader) step(j *Job, i int, v *yaml.Node) *Step {
	s := &Step{Index: i, Loc: r.d.loc(v)}
	if v.Kind != yaml.MappingNode {
		r.diag(v, "step %d of job %q must be a mapping, found %s", i+1, j.ID, kindName(v))
		return s
	}
	if ps := pairs(v); len(ps) > 0 {
		s.Loc = r.d.loc(ps[0].Key)
	}
	s.ID, s.Name, s.If = str(get(v, "id")), str(get(v, "name")), str(get(v, "if"))
	s.Shell, s.WorkingDirectory = str(get(v, "shell")), str(get(v, "working-directory"))
	if u := get(v, "uses"); u != nil {
		s.Uses = r.uses(u)
	}
	if run := get(v, "run"); run != nil {
		s.Run = r.script(run)
	}
	s.With = r.kvs(get(v, "with"))
	s.Env = r.kvs(get(v, "env"))
	return s
}

// uses parses a `uses:` value with its position and pin comment.
func (r *wfReader) uses(n *yaml.Node) *ActionRef {
	if n.Kind != yaml.ScalarNode {
		r.diag(n, "`uses` must be a string, found %s", kindName(n))
	}
	a := ParseActionRef(str(n))
	a.Loc, a.Comment = r.d.loc(n), n.LineComment
	return a
}

// FindKV returns the KV named key, or nil.
func FindKV(kvs []*KV, key string) *KV {
	for _, kv := range kvs {
		if kv.Key == key {
			return kv
		}
	}
	return nil
}

// IsAction reports whether the step uses owner/repo (any ref).
func (s *Step) IsAction(ownerRepo string) bool { return s != nil && s.Uses.Is(ownerRepo) }

// Checkout is an actions/checkout step with its inputs.
type Checkout struct {
	Job  *Job
	Step *Step
	// Ref and Repository are the `with:` inputs (nil when absent: the
	// triggering commit of the workflow's own repository).
	Ref, Repository    *KV
	PersistCredentials *KV
}

// Checkouts returns every actions/checkout step of the workflow.
func (w *Workflow) Checkouts() []*Checkout {
	var out []*Checkout
	for _, j := range w.Jobs {
		for _, s := range j.Steps {
			if s.IsAction("actions/checkout") {
				out = append(out, &Checkout{Job: j, Step: s, Ref: FindKV(s.With, "ref"),
					Repository: FindKV(s.With, "repository"), PersistCredentials: FindKV(s.With, "persist-credentials")})
			}
		}
	}
	return out
}

// AllUses returns every `uses:` of the workflow: job-level reusable
// workflow calls and step actions, in file order.
func (w *Workflow) AllUses() []*ActionRef {
	var out []*ActionRef
	for _, j := range w.Jobs {
		out = append(out, j.AllUses()...)
	}
	return out
}

// maxMatrixScalars bounds the values read from one matrix: aliases can
// make a small file describe a huge one.
const maxMatrixScalars = 10_000

// matrix reads strategy.matrix: each value holding an expression, keyed
// by its dimension (include/exclude entries by their own keys), or "*"
// when the matrix is one expression such as fromJSON(needs.x.outputs.m);
// and, apart, the constant values (excluded combinations left out).
func (r *wfReader) matrix(n *yaml.Node) (exprs, literals []*KV) {
	n = deref(n)
	if n == nil {
		return nil, nil
	}
	if n.Kind == yaml.ScalarNode {
		return r.matrixValues("*", n, new(int), nil), nil
	}
	budget := new(int)
	for _, p := range pairs(n) {
		key := str(p.Key)
		if key != "include" && key != "exclude" {
			exprs = append(exprs, r.matrixValues(key, p.Value, budget, &literals)...)
			continue
		}
		lits := &literals
		if key == "exclude" {
			lits = nil
		}
		for _, it := range items(p.Value) {
			for _, q := range pairs(it) {
				exprs = append(exprs, r.matrixValues(str(q.Key), q.Value, budget, lits)...)
			}
		}
	}
	return exprs, literals
}

// matrixValues returns the scalars under n that hold an expression, as
// entries of dimension key, and adds the others to literals (when not
// nil); budget counts the scalars read so far.
func (r *wfReader) matrixValues(key string, n *yaml.Node, budget *int, literals *[]*KV) []*KV {
	var out []*KV
	stack := []*yaml.Node{n}
	for len(stack) > 0 && *budget < maxMatrixScalars {
		c := deref(stack[len(stack)-1])
		stack = stack[:len(stack)-1]
		if c == nil {
			continue
		}
		if c.Kind != yaml.ScalarNode {
			stack = append(stack, c.Content...)
			continue
		}
		*budget++
		loc := r.d.loc(c)
		if !strings.Contains(c.Value, "${{") {
			if literals != nil {
				*literals = append(*literals, &KV{Key: key, Value: c.Value, Loc: loc, ValueLoc: loc})
			}
			continue
		}
		out = append(out, &KV{Key: key, Value: c.Value, Loc: loc, ValueLoc: loc, Exprs: FindExprs(c.Value, loc, false)})
	}
	return out
}
