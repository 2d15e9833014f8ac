package deps

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tauriaudit/tauriaudit/internal/testenv"
)

// billionLaughs builds the classic alias bomb: each level lists the
// previous one nine times.
func billionLaughs(levels int) string {
	var b strings.Builder
	b.WriteString("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n")
	for i := 1; i <= levels; i++ {
		p := fmt.Sprintf("*a%d", i-1)
		fmt.Fprintf(&b, "a%d: &a%d [%s]\n", i, i, strings.Repeat(p+",", 8)+p)
	}
	b.WriteString("jobs:\n  x:\n    steps: *a" + fmt.Sprint(levels) + "\n")
	return b.String()
}

func TestYAMLAliasBomb(t *testing.T) {
	cpu := testenv.StartCPU()
	_, err := ParseWorkflow(file("w.yml", billionLaughs(9)))
	if err == nil || !strings.Contains(err.Error(), "alias") {
		t.Fatalf("alias bomb accepted: %v", err)
	}
	if !strings.HasPrefix(err.Error(), "w.yml:6:10: ") {
		t.Errorf("error not positioned at the biggest alias: %v", err)
	}
	if _, err := ParsePnpmLock(file("pnpm-lock.yaml", billionLaughs(12))); err == nil {
		t.Error("pnpm: alias bomb accepted")
	}
	if d := cpu.Elapsed(); d > 2*time.Second {
		t.Errorf("alias bomb took %v of CPU time", d)
	}
	// Small, legitimate anchors stay fine.
	w, err := ParseWorkflow(file("w.yml", billionLaughs(2)))
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Jobs[0].Steps) != 9 {
		t.Errorf("steps through aliases: %d", len(w.Jobs[0].Steps))
	}
}

func TestYAMLLimits(t *testing.T) {
	huge := "on: push\n# " + strings.Repeat("x", MaxWorkflowBytes) + "\n"
	if _, err := ParseWorkflow(file("w.yml", huge)); err == nil || !strings.Contains(err.Error(), "limit") {
		t.Errorf("huge workflow: %v", err)
	}
	deep := strings.Repeat("[", 20000) + strings.Repeat("]", 20000)
	if _, err := ParseWorkflow(file("w.yml", deep)); err == nil {
		t.Error("deep nesting accepted")
	}
	many := "jobs:\n  a:\n    steps:\n" + strings.Repeat("      - run: x\n", 50000)
	w, err := ParseWorkflow(file("w.yml", many))
	if err != nil || len(w.Jobs[0].Steps) != 50000 {
		t.Errorf("many steps: %v", err)
	}
	for _, bad := range []string{"a: [1, 2", "a: 'x", "\t- a", "a:\n  - b\n c: d", "%YAML 9.9\n---\na: 1", "a: *nope"} {
		if _, err := ParseWorkflow(file("w.yml", bad)); err == nil {
			t.Errorf("%q accepted", bad)
		} else if !strings.HasPrefix(err.Error(), "w.yml:") {
			t.Errorf("%q: unpositioned %v", bad, err)
		}
	}
}

func TestYAMLErrorLine(t *testing.T) {
	_, err := ParseWorkflow(file("w.yml", "on: push\njobs:\n  a:\n    steps:\n      - run: x\n     bad: [\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "w.yml:") {
		t.Fatalf("err = %v", err)
	}
	t.Log(err)
}
