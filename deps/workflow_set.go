package deps

import (
	"path"
	"strings"
)

// WorkflowSet is every GitHub workflow file of the scan, each parsed once
// and shared by every rule that reads workflows.
type WorkflowSet struct {
	// All are the parsed files under any .github/workflows folder of the
	// tree (a monorepo's sub-projects keep theirs), in path order.
	All []*Workflow
	// Root are the ones GitHub runs: the .yml/.yaml files directly in
	// the scanned root's .github/workflows.
	Root []*Workflow
	// Graph links the root workflows with the local actions and
	// reusable workflows they use; Flows follow untrusted data through it.
	Graph *Graph
	Flows *Flows
}

// IsWorkflowPath reports whether rel (root-relative) lies under a
// .github/workflows folder and has a YAML extension.
func IsWorkflowPath(rel string) bool {
	ext := path.Ext(rel)
	return (ext == ".yml" || ext == ".yaml") &&
		(strings.HasPrefix(rel, ".github/workflows/") || strings.Contains(rel, "/.github/workflows/"))
}

// isRootWorkflow reports a workflow GitHub runs for the scanned root.
func isRootWorkflow(rel string) bool { return path.Dir(rel) == ".github/workflows" }

// LoadWorkflows parses every workflow file of the tree once. Problems are
// recorded only for the root workflows: GitHub ignores the others, so an
// unreadable one is no input problem of the scan.
func LoadWorkflows(fs *Files) *WorkflowSet {
	set := &WorkflowSet{}
	for _, rel := range fs.tree.FilesUnder(".") {
		if !IsWorkflowPath(rel) {
			continue
		}
		var w *Workflow
		if isRootWorkflow(rel) {
			w = parseOnce(fs, rel, ParseWorkflow)
		} else if f := fs.tree.Read(rel); f != nil {
			w, _ = ParseWorkflow(f)
		}
		if w == nil {
			continue
		}
		set.All = append(set.All, w)
		if isRootWorkflow(rel) {
			set.Root = append(set.Root, w)
		}
	}
	set.Graph = BuildGraph(fs, set.Root, set.All)
	set.Flows = set.Graph.Analyze()
	return set
}
