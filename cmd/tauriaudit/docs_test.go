package main

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/tauriaudit/tauriaudit/checks"
	"github.com/tauriaudit/tauriaudit/report"
)

const docsDir = "../../docs/rules"

// TestRuleDocs keeps docs/rules/<ID>.md equal to `tauriaudit explain ID`
// for every rule, with no stale files (-update rewrites them).
func TestRuleDocs(t *testing.T) {
	want := map[string][]byte{}
	for _, r := range checks.All() {
		var b bytes.Buffer
		if err := report.Explain(&b, r); err != nil {
			t.Fatal(err)
		}
		want[r.ID+".md"] = b.Bytes()
	}
	if *update {
		old, _ := filepath.Glob(filepath.Join(docsDir, "*.md"))
		for _, p := range old {
			os.Remove(p)
		}
		if err := os.MkdirAll(docsDir, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, data := range want {
			if err := os.WriteFile(filepath.Join(docsDir, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	have, _ := filepath.Glob(filepath.Join(docsDir, "*.md"))
	sort.Strings(have)
	for _, p := range have {
		if _, ok := want[filepath.Base(p)]; !ok {
			t.Errorf("%s documents no rule; run go test ./cmd/tauriaudit -update", p)
		}
	}
	for name, data := range want {
		got, err := os.ReadFile(filepath.Join(docsDir, name))
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("docs/rules/%s is out of date; run go test ./cmd/tauriaudit -update", name)
		}
	}
}
