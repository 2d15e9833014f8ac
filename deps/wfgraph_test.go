package deps

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tauriaudit/tauriaudit/internal/testenv"
)

// loadSet loads the workflows and local actions of files.
func loadSet(files map[string]string) *WorkflowSet { return LoadWorkflows(NewFiles(newMemTree(files))) }

// execJob returns the exec job id (and, for a called one, its caller id).
func execJob(t *testing.T, g *Graph, id, caller string) *ExecJob {
	t.Helper()
	for _, ej := range g.Jobs {
		c := ""
		if ej.Caller != nil {
			c = ej.Caller.Job.ID
		}
		if ej.Job.ID == id && c == caller {
			return ej
		}
	}
	t.Fatalf("no job %q called by %q", id, caller)
	return nil
}

func TestGraphInlinesCompositeSteps(t *testing.T) {
	set := loadSet(map[string]string{
		".github/actions/setup/action.yml":  "runs:\n  using: composite\n  steps:\n    - run: echo setup\n      shell: bash\n    - uses: ./.github/actions/inner\n",
		".github/actions/inner/action.yaml": "runs:\n  using: composite\n  steps:\n    - run: echo inner\n      shell: bash\n",
		".github/actions/unused/action.yml": "runs:\n  using: composite\n  steps: []\n",
		".github/workflows/ci.yml":          "on: push\njobs:\n  build:\n    runs-on: x\n    steps:\n      - id: s\n        uses: ./.github/actions/setup\n      - run: echo after\n",
	})
	ej := execJob(t, set.Graph, "build", "")
	var got []string
	for _, es := range ej.Steps {
		file := es.Step.Loc.File
		got = append(got, fmt.Sprintf("%s:%d callers=%d frame=%d", file, es.Step.Loc.Start.Line, len(es.Callers), es.Frame))
	}
	want := []string{
		".github/workflows/ci.yml:6 callers=0 frame=0",
		".github/actions/setup/action.yml:4 callers=1 frame=1",
		".github/actions/setup/action.yml:6 callers=1 frame=1",
		".github/actions/inner/action.yaml:4 callers=2 frame=2",
		".github/workflows/ci.yml:8 callers=0 frame=0",
	}
	if !slices.Equal(got, want) {
		t.Errorf("steps\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if ej.Steps[3].Callers[0] != ej.Steps[0].Step || ej.Steps[3].Action.Dir != ".github/actions/inner" {
		t.Error("the inner step does not lead back to the job's step")
	}
	if set.Graph.Actions[".github/actions/unused"] == nil {
		t.Error("actions under .github/actions are read even when no workflow uses them")
	}
	if len(set.Graph.Diagnostics) != 0 {
		t.Errorf("diagnostics %v", set.Graph.Diagnostics)
	}
}

func TestGraphReusableWorkflowContext(t *testing.T) {
	set := loadSet(map[string]string{
		".github/workflows/main.yml": `on: push
permissions:
  contents: write
jobs:
  inherit:
    uses: ./.github/workflows/callee.yml
    secrets: inherit
  mapped:
    uses: ./.github/workflows/callee.yml
    permissions:
      contents: read
    secrets:
      KEY: ${{ secrets.UPDATER_KEY }}
`,
		".github/workflows/callee.yml": `on: workflow_call
jobs:
  work:
    runs-on: x
    env:
      KEY: ${{ secrets.KEY }}
      OTHER: ${{ secrets.OTHER }}
    steps:
      - run: echo
`,
	})
	g := set.Graph
	in, mapped := execJob(t, g, "work", "inherit"), execJob(t, g, "work", "mapped")
	if !slices.Equal(in.Secrets, []string{"KEY", "OTHER"}) || !slices.Equal(mapped.Secrets, []string{"UPDATER_KEY"}) {
		t.Errorf("secrets: inherit %v, mapped %v", in.Secrets, mapped.Secrets)
	}
	if w := in.Permissions.Writes(); !slices.Equal(w, []string{"contents"}) {
		t.Errorf("inherit permissions %v: the caller's workflow grants contents: write", w)
	}
	if w := mapped.Permissions.Writes(); len(w) != 0 {
		t.Errorf("mapped permissions %v: a read-only caller caps the callee", w)
	}
	if in.Root.File != ".github/workflows/main.yml" || in.Workflow.File != ".github/workflows/callee.yml" {
		t.Errorf("root %s workflow %s", in.Root.File, in.Workflow.File)
	}
	for _, ej := range g.Jobs {
		if ej.Caller == nil && ej.Workflow.File == ".github/workflows/callee.yml" {
			t.Error("a workflow that only runs when called is not a root of its own")
		}
	}
}

func TestGraphCyclesAreBounded(t *testing.T) {
	set := loadSet(map[string]string{
		".github/actions/a/action.yml": "runs:\n  using: composite\n  steps:\n    - uses: ./.github/actions/b\n",
		".github/actions/b/action.yml": "runs:\n  using: composite\n  steps:\n    - uses: ./.github/actions/a\n",
		".github/workflows/x.yml":      "on: push\njobs:\n  j:\n    uses: ./.github/workflows/x.yml\n  k:\n    runs-on: x\n    steps:\n      - uses: ./.github/actions/a\n      - uses: ./nowhere\n",
	})
	var msgs []string
	for _, d := range set.Graph.Diagnostics {
		msgs = append(msgs, d.Msg)
	}
	for _, want := range []string{"local action .github/actions/a uses itself", "reusable workflow .github/workflows/x.yml calls itself",
		"local action nowhere has no action.yml"} {
		if !slices.ContainsFunc(msgs, func(m string) bool { return strings.HasPrefix(m, want) }) {
			t.Errorf("no diagnostic %q in %q", want, msgs)
		}
	}
}

// A cycle through a thousand local actions and a workflow of 100k steps
// are followed in time linear in their size.
func TestGraphHostileSizes(t *testing.T) {
	files := map[string]string{}
	const actions = 1000
	for i := range actions {
		files[fmt.Sprintf(".github/actions/a%d/action.yml", i)] = fmt.Sprintf(
			"inputs:\n  v: {}\nruns:\n  using: composite\n  steps:\n    - run: echo \"${{ inputs.v }}\"\n      shell: bash\n    - uses: ./.github/actions/a%d\n      with:\n        v: ${{ inputs.v }}\n", (i+1)%actions)
	}
	var b strings.Builder
	b.WriteString("on: issues\njobs:\n  big:\n    runs-on: x\n    steps:\n    - uses: ./.github/actions/a0\n      with:\n        v: ${{ github.event.issue.title }}\n")
	const steps = 100_000 // short lines: the file stays under MaxWorkflowBytes
	for range steps {
		b.WriteString("    - run: ${{github.head_ref}}\n")
	}
	files[".github/workflows/big.yml"] = b.String()
	cpu := testenv.StartCPU()
	set := loadSet(files)
	if d := cpu.Elapsed(); d > 20*time.Second {
		t.Fatalf("graph and flows took %v of CPU", d)
	}
	if n := len(set.Flows.Injections); n < steps {
		t.Errorf("%d injections, want at least %d", n, steps)
	}
	if len(set.Graph.Diagnostics) == 0 || !strings.Contains(set.Graph.Diagnostics[0].Msg, "uses itself") {
		t.Errorf("diagnostics %v", set.Graph.Diagnostics)
	}
}

// Called-only workflows that call only each other are still audited once
// each, as roots.
func TestGraphCalledOnlyCycleStillAudited(t *testing.T) {
	set := loadSet(map[string]string{
		".github/workflows/a.yml": "on: workflow_call\njobs:\n  ja:\n    uses: ./.github/workflows/b.yml\n  sa:\n    runs-on: x\n    steps:\n      - run: echo a\n",
		".github/workflows/b.yml": "on: workflow_call\njobs:\n  jb:\n    uses: ./.github/workflows/a.yml\n",
	})
	var ran []string
	for es := range set.Graph.Steps() {
		ran = append(ran, es.Step.Run.Text)
	}
	if len(ran) == 0 || ran[0] != "echo a" {
		t.Errorf("steps run = %q, want the step of a.yml", ran)
	}
}
