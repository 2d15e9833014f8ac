package testenv

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Golden compares got with the golden file at path, or rewrites the file
// when update is set. A mismatch prints a line diff, not the whole output;
// updateCmd is the command that rewrites the goldens.
func Golden(t testing.TB, path string, got []byte, update bool, updateCmd string) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run %s)", err, updateCmd)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (-want +got); run %s and review the diff:\n%s", path, updateCmd, LineDiff(want, got))
	}
}

// LineDiff is a diff of two texts by lines, unchanged runs elided.
func LineDiff(want, got []byte) string {
	return cmp.Diff(strings.SplitAfter(string(want), "\n"), strings.SplitAfter(string(got), "\n"))
}
