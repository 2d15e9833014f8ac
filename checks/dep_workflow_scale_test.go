package checks

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/tauriaudit/tauriaudit/internal/testenv"
	"github.com/tauriaudit/tauriaudit/rules"
)

// A workflow with tens of thousands of steps is scanned in time linear in
// its size: the DEP rules once looked up the job's signing secrets per step
// (steps²: a 120k-step workflow ran for over nine minutes).
func TestManyStepWorkflowLinear(t *testing.T) {
	var b strings.Builder
	b.WriteString("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    env:\n      TAURI_SIGNING_PRIVATE_KEY: ${{ secrets.KEY }}\n    steps:\n")
	const steps = 30000
	for i := range steps {
		fmt.Fprintf(&b, "      - run: echo %d\n", i)
	}
	b.WriteString("      - run: curl -sSfLO https://example.com/tool.tar.gz\n")
	fsys := fstest.MapFS{
		"src-tauri/tauri.conf.json": {Data: []byte(`{"identifier": "com.example.app"}`)},
		".github/workflows/ci.yml":  {Data: []byte(b.String())},
	}
	projects, err := rules.LoadFS(context.Background(), fsys, rules.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cpu := testenv.StartCPU()
	res := rules.Run(context.Background(), projects, All())
	if d := cpu.Elapsed(); d > 20*time.Second {
		t.Fatalf("rules took %v of CPU on a %d-step workflow", d, steps)
	}
	for _, e := range res.Errors {
		t.Fatalf("%s: %s", e.RuleID, e.Err)
	}
	found := false
	for _, f := range res.Findings {
		found = found || f.RuleID == RemoteScriptInBuild.ID && strings.Contains(f.Message, "downloads")
	}
	if !found {
		t.Error("the unverified download in the last step was not reported")
	}
}
