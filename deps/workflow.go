package deps

import (
	"bytes"
	"sort"

	"github.com/tauriaudit/tauriaudit/rules/source"
	"gopkg.in/yaml.v3"
)

// Limits for a workflow file. yaml.v3 builds a node tree of about 170
// bytes a value before anything can be checked, so a 4 MB flow list of
// two million values would take over 300 MB: entries (lines plus commas,
// a cheap bound on the values) are counted first. Real workflows have a
// few thousand.
const (
	MaxWorkflowBytes   = 4 << 20
	MaxWorkflowEntries = 200_000
)

// checkWorkflowSize refuses files over MaxWorkflowBytes or
// MaxWorkflowEntries before they are parsed.
func checkWorkflowSize(f *source.File) error {
	if err := checkSize(f, MaxWorkflowBytes); err != nil {
		return err
	}
	n := bytes.Count(f.Data, []byte{'\n'}) + bytes.Count(f.Data, []byte{','})
	if n > MaxWorkflowEntries {
		return errAt(f, 0, "workflow has %d lines and commas, more than the %d a workflow may have", n, MaxWorkflowEntries)
	}
	return nil
}

// Workflow is a parsed GitHub Actions workflow file.
type Workflow struct {
	File        string
	Name        string
	On          []*Trigger
	Permissions *Permissions // nil: the repository's default token permissions
	Env         []*KV
	Jobs        []*Job
	// Assignments are the entries of every env: and with: mapping in the
	// file, wherever it sits (workflow, job, step, container, services),
	// whose value is written as a scalar; aliases are not followed, so a
	// shared anchor counts once.
	Assignments []*Assignment
	Diagnostics []*source.Error
}

// Assignment is one scalar entry of an env: or with: mapping.
type Assignment struct {
	Key, Value string // Value is "" for null
	Input      bool   // a with: entry (an action or workflow input) or credentials: entry
	// Loc is the value: its text for a plain one-line scalar, else its
	// first character.
	Loc source.Location
}

// Trigger is one event under `on:`.
type Trigger struct {
	Event     string
	Types     []string // `types:` filter
	Branches  []string // `branches:` filter
	Workflows []string // workflow_run `workflows:`
	// Tags is the push `tags:` filter; HasTags says the key is present
	// (even empty), so the workflow runs on pushed tags.
	Tags    []string
	HasTags bool
	Loc     source.Location
}

// Permissions is a `permissions:` value: a scalar ("read-all",
// "write-all", "{}") or a scope → level mapping.
type Permissions struct {
	All    string            // the scalar form, "" for a mapping
	Scopes map[string]string // scope → "read" | "write" | "none"
	Loc    source.Location
}

// Writes returns the scopes granted write access, sorted ("*" for
// write-all).
func (p *Permissions) Writes() []string {
	if p == nil {
		return nil
	}
	if p.All == "write-all" {
		return []string{"*"}
	}
	var out []string
	for s, lvl := range p.Scopes {
		if lvl == "write" {
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

// Job is one entry of `jobs:`.
type Job struct {
	ID, Name    string
	If          string
	RunsOn      string // scalar runs-on, or the first label of a list
	Environment string
	Needs       []string
	Permissions *Permissions // nil: inherits the workflow's
	Env         []*KV
	// Uses, With and Secrets describe a reusable-workflow call.
	Uses           *ActionRef
	With           []*KV
	Secrets        []*KV
	SecretsInherit bool
	// Outputs are the job's `outputs:`, read by later jobs as
	// needs.<id>.outputs.<name>.
	Outputs []*KV
	// Matrix holds the expressions in strategy.matrix values, keyed by
	// the dimension they feed (matrix.<key>); "*" when the whole matrix
	// is one expression.
	Matrix []*KV
	// MatrixLiterals are the constant values of strategy.matrix (its
	// dimensions and include entries), keyed by dimension.
	MatrixLiterals []*KV
	Steps          []*Step
	Loc            source.Location // the job id
}

// Step is one entry of a job's `steps:`.
type Step struct {
	Index            int
	ID, Name, If     string
	Uses             *ActionRef
	Run              *Script
	Shell            string
	WorkingDirectory string
	With             []*KV
	Env              []*KV
	Loc              source.Location // the step's first key
}

// ParseWorkflow parses a .github/workflows/*.yml file. YAML anchors and
// aliases are followed within the alias-expansion limit.
func ParseWorkflow(f *source.File) (*Workflow, error) {
	if err := checkWorkflowSize(f); err != nil {
		return nil, err
	}
	d, err := parseYAMLChecked(f)
	if err != nil {
		return nil, err
	}
	w := &Workflow{File: f.Path}
	root := d.root
	if root == nil || root.Kind != yaml.MappingNode {
		w.Diagnostics = append(w.Diagnostics, errLoc(d.loc(root), "workflow is not a mapping"))
		return w, nil
	}
	wr := &wfReader{d: d, w: w}
	w.Name = str(get(root, "name"))
	w.On = wr.triggers(get(root, "on"))
	w.Permissions = wr.permissions(get(root, "permissions"))
	w.Env = wr.kvs(get(root, "env"))
	jobs := get(root, "jobs")
	if jobs != nil && jobs.Kind != yaml.MappingNode {
		wr.diag(jobs, "`jobs` must be a mapping, found %s", kindName(jobs))
	}
	for _, p := range pairs(jobs) {
		w.Jobs = append(w.Jobs, wr.job(p))
	}
	wr.assignments(root)
	return w, nil
}

// wfReader reads one workflow document.
type wfReader struct {
	d *ydoc
	w *Workflow
}

// maxDiagnostics caps the diagnostics of one file; aliases can repeat
// one bad node many times.
const maxDiagnostics = 100

func (r *wfReader) diag(n *yaml.Node, format string, args ...any) {
	if len(r.w.Diagnostics) < maxDiagnostics {
		r.w.Diagnostics = append(r.w.Diagnostics, errLoc(r.d.loc(n), format, args...))
	}
}

// triggers reads `on:` in its scalar, list and mapping forms.
func (r *wfReader) triggers(n *yaml.Node) []*Trigger {
	var out []*Trigger
	switch n = deref(n); {
	case n == nil:
	case n.Kind == yaml.ScalarNode:
		out = append(out, &Trigger{Event: n.Value, Loc: r.d.loc(n)})
	case n.Kind == yaml.SequenceNode:
		for _, it := range items(n) {
			out = append(out, &Trigger{Event: str(it), Loc: r.d.loc(it)})
		}
	case n.Kind == yaml.MappingNode:
		for _, p := range pairs(n) {
			tags := get(p.Value, "tags")
			out = append(out, &Trigger{Event: str(p.Key), Loc: r.d.loc(p.Key),
				Types: scalars(get(p.Value, "types")), Branches: scalars(get(p.Value, "branches")),
				Workflows: scalars(get(p.Value, "workflows")), Tags: scalars(tags), HasTags: hasYAMLKey(p.Value, "tags")})
		}
	}
	return out
}

// scalars returns a scalar or the scalar items of a sequence.
func scalars(n *yaml.Node) []string {
	n = deref(n)
	if n != nil && n.Kind == yaml.ScalarNode {
		return []string{n.Value}
	}
	var out []string
	for _, it := range items(n) {
		if it.Kind == yaml.ScalarNode {
			out = append(out, it.Value)
		}
	}
	return out
}

func (r *wfReader) permissions(n *yaml.Node) *Permissions {
	n = deref(n)
	if n == nil {
		return nil
	}
	p := &Permissions{Loc: r.d.loc(n), Scopes: map[string]string{}}
	switch n.Kind {
	case yaml.ScalarNode:
		p.All = n.Value
	case yaml.MappingNode:
		for _, kv := range pairs(n) {
			p.Scopes[str(kv.Key)] = str(kv.Value)
		}
	default:
		r.diag(n, "`permissions` must be a string or a mapping, found %s", kindName(n))
	}
	return p
}

// PushesTags reports whether the workflow runs on pushed tags
// (on.push.tags).
func (w *Workflow) PushesTags() bool {
	t := w.Trigger("push")
	return t != nil && t.HasTags
}

// Trigger returns the trigger for event, or nil when the workflow does
// not run on it.
func (w *Workflow) Trigger(event string) *Trigger {
	for _, t := range w.On {
		if t.Event == event {
			return t
		}
	}
	return nil
}
