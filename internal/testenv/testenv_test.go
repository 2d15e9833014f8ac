package testenv

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fakeT records how Shared ended a test.
type fakeT struct {
	testing.TB
	skipped, failed bool
	msg             string
}

func (f *fakeT) Helper() {}
func (f *fakeT) Skipf(format string, args ...any) {
	f.skipped, f.msg = true, fmt.Sprintf(format, args...)
}
func (f *fakeT) Fatalf(format string, args ...any) {
	f.failed, f.msg = true, fmt.Sprintf(format, args...)
}

func TestSharedMissing(t *testing.T) {
	for _, require := range []string{"", "1"} {
		t.Setenv(RequireShared, require)
		f := &fakeT{}
		if p := Shared(f, "no-such-folder-7f3a"); p != "" {
			t.Errorf("returned %q for a missing folder", p)
		}
		if f.failed != (require == "1") || f.skipped == (require == "1") {
			t.Errorf("%s=%q: skipped %v, failed %v", RequireShared, require, f.skipped, f.failed)
		}
		if !strings.Contains(f.msg, filepath.Join("shared", "no-such-folder-7f3a")) || !strings.Contains(f.msg, RequireShared) {
			t.Errorf("message %q does not name the missing folder and the variable", f.msg)
		}
	}
}

func TestSharedPresent(t *testing.T) {
	// A module root inside a temporary workspace with a shared folder.
	ws := t.TempDir()
	for _, d := range []string{"repo/pkg", "shared/corpus"} {
		if err := os.MkdirAll(filepath.Join(ws, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(ws, "repo", "go.mod"), []byte("module x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join(ws, "repo", "pkg"))
	f := &fakeT{}
	if p := Shared(f, "corpus"); p != filepath.Join(ws, "shared", "corpus") || f.skipped || f.failed {
		t.Errorf("got %q (skipped %v, failed %v: %s)", p, f.skipped, f.failed, f.msg)
	}
}

func TestLineDiffShowsOnlyChanges(t *testing.T) {
	var want, got strings.Builder
	for i := range 2000 {
		line := "line " + strings.Repeat("x", i%7) + "\n"
		want.WriteString(line)
		if i == 1000 {
			line = "changed\n"
		}
		got.WriteString(line)
	}
	d := LineDiff([]byte(want.String()), []byte(got.String()))
	if !strings.Contains(squash(d), `+ "changed\n"`) || len(d) > 1000 {
		t.Errorf("diff of one changed line in 2000 is %d bytes:\n%s", len(d), d)
	}
}

func TestGoldenMismatch(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.txt")
	Golden(t, path, []byte("a\nb\n"), true, "go test -update")
	f := &errT{}
	Golden(f, path, []byte("a\nc\n"), false, "go test -update")
	if m := squash(f.msg); !strings.Contains(m, `- "b\n"`) || !strings.Contains(m, `+ "c\n"`) || !strings.Contains(m, "go test -update") {
		t.Errorf("mismatch message:\n%s", f.msg)
	}
	f = &errT{}
	Golden(f, path, []byte("a\nb\n"), false, "go test -update")
	if f.msg != "" {
		t.Errorf("equal output reported: %s", f.msg)
	}
}

// squash collapses whitespace runs to one space: go-cmp varies its
// output's spacing on purpose (spaces or no-break spaces).
func squash(s string) string {
	return strings.Join(strings.Fields(s), " ") // Fields splits at U+00A0 too
}

// errT records Errorf.
type errT struct {
	testing.TB
	msg string
}

func (f *errT) Helper()                           {}
func (f *errT) Errorf(format string, args ...any) { f.msg = fmt.Sprintf(format, args...) }

func TestCPUClock(t *testing.T) {
	c := StartCPU()
	x := 0
	for i := range 50_000_000 {
		x ^= i * i
	}
	busy := c.Elapsed()
	c = StartCPU()
	time.Sleep(300 * time.Millisecond)
	idle := c.Elapsed()
	if busy <= 0 || idle > busy/2+50*time.Millisecond {
		t.Errorf("busy loop %v of CPU, sleep %v (x=%d): sleeping must cost far less than spinning", busy, idle, x)
	}
}
