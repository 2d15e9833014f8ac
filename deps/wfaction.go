package deps

import (
	"github.com/tauriaudit/tauriaudit/rules/source"
	"gopkg.in/yaml.v3"
)

// Action is a local action: an action.yml (or action.yaml) in the
// repository, run by `uses: ./path`. Only composite actions have steps;
// their steps run in the caller's job, with its secrets and token.
type Action struct {
	File  string // root-relative path of action.yml
	Dir   string // the folder `uses:` names
	Name  string
	Using string // runs.using: composite, node20, docker…
	// Inputs hold each input's default (Value); Outputs each output's
	// value expression.
	Inputs      []*KV
	Outputs     []*KV
	Steps       []*Step
	Diagnostics []*source.Error
}

// Composite reports whether the action's steps run in the caller's job.
func (a *Action) Composite() bool { return a != nil && a.Using == "composite" }

// ParseAction parses an action.yml file.
func ParseAction(f *source.File) (*Action, error) {
	if err := checkWorkflowSize(f); err != nil {
		return nil, err
	}
	d, err := parseYAMLChecked(f)
	if err != nil {
		return nil, err
	}
	scratch := &Workflow{File: f.Path}
	a := &Action{File: f.Path}
	root := d.root
	if root == nil || root.Kind != yaml.MappingNode {
		a.Diagnostics = append(a.Diagnostics, errLoc(d.loc(root), "action is not a mapping"))
		return a, nil
	}
	r := &wfReader{d: d, w: scratch}
	a.Name = str(get(root, "name"))
	a.Inputs = declared(d, get(root, "inputs"), "default")
	a.Outputs = declared(d, get(root, "outputs"), "value")
	runs := get(root, "runs")
	a.Using = str(get(runs, "using"))
	job := &Job{ID: "runs"}
	for i, s := range items(get(runs, "steps")) {
		a.Steps = append(a.Steps, r.step(job, i, s))
	}
	a.Diagnostics = append(a.Diagnostics, scratch.Diagnostics...)
	return a, nil
}

// declared reads an action's inputs or outputs mapping: each entry's
// name, with the scalar under field (an input's default, an output's
// value) as its value.
func declared(d *ydoc, n *yaml.Node, field string) []*KV {
	var out []*KV
	for _, p := range pairs(n) {
		kv := &KV{Key: str(p.Key), Loc: d.loc(p.Key), ValueLoc: d.loc(p.Key)}
		if v := get(p.Value, field); v != nil {
			kv.Value, kv.ValueLoc = str(v), d.loc(v)
			kv.Exprs = FindExprs(kv.Value, kv.ValueLoc, false)
		}
		out = append(out, kv)
	}
	return out
}
