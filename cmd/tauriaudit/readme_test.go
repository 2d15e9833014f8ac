package main

import (
	"bytes"
	"os"
	"testing"

	"github.com/tauriaudit/tauriaudit/checks"
	"github.com/tauriaudit/tauriaudit/report"
)

const (
	readmePath  = "../../README.md"
	rulesStart  = "<!-- rules:start -->\n"
	rulesFinish = "<!-- rules:end -->"
)

// TestReadmeRuleTable keeps the README's rule table equal to the catalog.
func TestReadmeRuleTable(t *testing.T) {
	data, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(data, []byte(rulesStart))
	j := bytes.Index(data, []byte(rulesFinish))
	if i < 0 || j < i {
		t.Fatal("README.md has no rules:start/rules:end markers")
	}
	var table bytes.Buffer
	if err := report.Catalog(&table, checks.All()); err != nil {
		t.Fatal(err)
	}
	got := data[i+len(rulesStart) : j]
	if bytes.Equal(got, table.Bytes()) {
		return
	}
	if !*update {
		t.Fatal("README.md rule table is out of date; run go test ./cmd/tauriaudit -update")
	}
	out := append(append(append([]byte{}, data[:i+len(rulesStart)]...), table.Bytes()...), data[j:]...)
	if err := os.WriteFile(readmePath, out, 0o644); err != nil {
		t.Fatal(err)
	}
}
