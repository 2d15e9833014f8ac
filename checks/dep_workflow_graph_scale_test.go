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

// The workflow graph and its flows stay linear under every rule: a cycle
// through a thousand composite actions, a push workflow of many steps that
// each write an untrusted value to $GITHUB_ENV and expand it (each step's
// level needs the job's signing secrets), and many PR checkouts in an
// issue_comment job and in one script.
func TestWorkflowGraphHostile(t *testing.T) {
	fsys := fstest.MapFS{"src-tauri/tauri.conf.json": {Data: []byte(`{"identifier": "com.example.app"}`)}}
	const actions = 1000
	for i := range actions {
		fsys[fmt.Sprintf(".github/actions/a%d/action.yml", i)] = &fstest.MapFile{Data: fmt.Appendf(nil,
			"runs:\n  using: composite\n  steps:\n    - uses: ./.github/actions/a%d\n", (i+1)%actions)}
	}
	var b strings.Builder
	b.WriteString("on: push\njobs:\n  big:\n    runs-on: x\n    env:\n      TAURI_SIGNING_PRIVATE_KEY: ${{ secrets.K }}\n      M: ${{ github.event.head_commit.message }}\n    steps:\n    - uses: ./.github/actions/a0\n")
	const steps = 40_000
	for i := range steps {
		fmt.Fprintf(&b, "    - run: echo \"V%d=$M\" >> $GITHUB_ENV\n", i)
	}
	fsys[".github/workflows/push.yml"] = &fstest.MapFile{Data: []byte(b.String())}
	b.Reset()
	b.WriteString("on: issue_comment\njobs:\n  c:\n    runs-on: x\n    steps:\n")
	for range steps {
		b.WriteString("    - run: gh pr checkout 1\n")
	}
	b.WriteString("    - run: npm ci\n  one:\n    runs-on: x\n    steps:\n    - run: |\n")
	for range steps {
		b.WriteString("        gh pr checkout 1\n")
	}
	b.WriteString("        npm ci\n")
	fsys[".github/workflows/comment.yml"] = &fstest.MapFile{Data: []byte(b.String())}

	projects, err := rules.LoadFS(context.Background(), fsys, rules.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	cpu := testenv.StartCPU()
	res := rules.Run(context.Background(), projects, All())
	d := cpu.Elapsed()
	t.Logf("rules took %v of CPU", d)
	if d > testenv.CPULimit(20*time.Second) {
		t.Fatalf("rules took %v of CPU", d)
	}
	for _, e := range res.Errors {
		t.Fatalf("%s: %s", e.RuleID, e.Err)
	}
	counts := map[string]int{}
	for _, f := range res.Findings {
		if f.RuleID == WorkflowScriptInjection.ID && f.Level == rules.Error {
			counts["injection"]++
		}
		if f.RuleID == PrivilegedWorkflowUntrusted.ID {
			counts["checkout"]++
		}
		if f.RuleID == WorkflowScriptInjection.ID && strings.Contains(f.Message, "uses itself") {
			counts["cycle"]++
		}
	}
	// The engine lists MaxFindingsPerFile of a rule per file, and one more
	// finding saying so.
	if want := rules.MaxFindingsPerFile + 1; counts["injection"] != want || counts["checkout"] != want || counts["cycle"] != 1 {
		t.Errorf("counts %v, want %d injections and checkouts, one cycle note", counts, want)
	}
}
