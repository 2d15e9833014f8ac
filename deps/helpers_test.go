package deps

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// file makes a source.File from an indented raw-string fixture: a
// leading newline is dropped and tabs are not touched.
func file(path, text string) *source.File {
	return source.NewFile(path, []byte(strings.TrimPrefix(text, "\n")))
}

// at renders a location's start as "line:col".
func at(l source.Location) string { return fmt.Sprintf("%d:%d", l.Start.Line, l.Start.Col) }

// text returns the bytes a location spans.
func text(f *source.File, l source.Location) string {
	if !l.End.IsValid() || l.End.Offset < l.Start.Offset || l.End.Offset > len(f.Data) {
		return "<no end>"
	}
	return string(f.Data[l.Start.Offset:l.End.Offset])
}

// entry finds the lock entry name@version.
func entry(t *testing.T, lk *Lockfile, name, version string) *LockEntry {
	t.Helper()
	for _, e := range lk.Entries {
		if e.Name == name && (version == "" || e.Version == version) {
			return e
		}
	}
	t.Fatalf("%s: no entry %s@%s among %d", lk.File, name, version, len(lk.Entries))
	return nil
}

// noDiags fails on diagnostics.
func noDiags(t *testing.T, what string, ds []*source.Error) {
	t.Helper()
	for _, d := range ds {
		t.Errorf("%s: unexpected diagnostic %v", what, d)
	}
}

// tomlReady skips TOML-dependent tests while source.ParseTOML is a stub.
func tomlReady(t *testing.T) {
	t.Helper()
	if _, _, err := source.ParseTOML(source.NewFile("probe.toml", []byte("a = 1\n"))); err != nil {
		t.Skipf("source.ParseTOML not available: %v", err)
	}
}
