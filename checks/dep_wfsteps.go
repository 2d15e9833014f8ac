package checks

import (
	"fmt"
	"maps"
	"slices"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/rules"
)

// graphStep is one step of the workflow graph, judged once however many
// jobs run it: in the first job that holds signing secrets, else in the
// first job that runs it. Rules report it once, at its own file:line.
type graphStep struct {
	Step    *deps.Step
	Action  *deps.Action  // the composite action declaring Step, nil for a job step
	Job     *deps.ExecJob // nil for an action no workflow reaches
	Signing []string      // the signing secrets Job holds
	Related []rules.Related
}

// where names the step for messages: its name, and its action if any.
func (s *graphStep) where() string {
	w := "workflow step " + stepName(s.Step)
	if s.Action != nil {
		w += " of action " + s.Action.Dir
	}
	return w
}

// signingCache looks up each job's signing secrets once: per step, a job
// of many steps would cost steps².
type signingCache map[*deps.ExecJob][]string

func (c signingCache) of(ej *deps.ExecJob) []string {
	s, ok := c[ej]
	if !ok {
		s = execSigningSecrets(ej)
		c[ej] = s
	}
	return s
}

// graphStepsOnce returns the steps keep selects, each once, in the order
// they first run; then the steps of local actions no workflow reaches,
// judged without a job.
func graphStepsOnce(g *deps.Graph, signing signingCache, keep func(*deps.Step) bool) []*graphStep {
	if g == nil {
		return nil
	}
	var out []*graphStep
	at := map[*deps.Step]*graphStep{}
	for es := range g.Steps() {
		if !keep(es.Step) {
			continue
		}
		gs, seen := at[es.Step]
		if seen && len(gs.Signing) > 0 {
			continue
		}
		sec := signing.of(es.Job)
		if seen && len(sec) == 0 {
			continue
		}
		if !seen {
			gs = &graphStep{Step: es.Step, Action: es.Action}
			at[es.Step] = gs
			out = append(out, gs)
		}
		gs.Job, gs.Signing, gs.Related = es.Job, sec, execRelated(es)
	}
	for _, a := range unreachedActions(g, at) {
		for _, s := range a.Steps {
			if keep(s) {
				out = append(out, &graphStep{Step: s, Action: a})
			}
		}
	}
	return out
}

// unreachedActions returns the composite actions of the repository whose
// steps no job runs, in folder order.
func unreachedActions(g *deps.Graph, ran map[*deps.Step]*graphStep) []*deps.Action {
	var out []*deps.Action
	for _, dir := range slices.Sorted(maps.Keys(g.Actions)) {
		a := g.Actions[dir]
		if !a.Composite() || slices.ContainsFunc(a.Steps, func(s *deps.Step) bool { return ran[s] != nil }) {
			continue
		}
		out = append(out, a)
	}
	return out
}

// jobRelated returns the callers of a called workflow's job.
func jobRelated(ej *deps.ExecJob) []rules.Related {
	return execRelated(&deps.ExecStep{Job: ej})
}

// worstAt keeps one finding per location and subject: a step or job run
// in several contexts is reported once, in its worst one.
type worstAt struct {
	at  map[string]int
	out []rules.Finding
}

func (w *worstAt) add(f rules.Finding) {
	key := fmt.Sprintf("%s:%d:%d %s", f.Location.File, f.Location.Start.Line, f.Location.Start.Col, f.Subject)
	if i, ok := w.at[key]; ok {
		if f.Level.Rank() > w.out[i].Level.Rank() {
			w.out[i] = f
		}
		return
	}
	if w.at == nil {
		w.at = map[string]int{}
	}
	w.at[key] = len(w.out)
	w.out = append(w.out, f)
}

func (w *worstAt) report(pass *rules.Pass) {
	for _, f := range w.out {
		pass.Report(f)
	}
}
