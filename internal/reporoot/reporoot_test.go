package reporoot

import (
	"os"
	"path/filepath"
	"testing"
)

func mkdir(t *testing.T, p string) {
	t.Helper()
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
}

func TestFindGitDirectory(t *testing.T) {
	top := t.TempDir()
	mkdir(t, filepath.Join(top, ".git"))
	app := filepath.Join(top, "apps", "desktop")
	mkdir(t, app)
	got, rel, ok, err := Find(app)
	if err != nil || !ok || got != top || rel != "apps/desktop" {
		t.Fatalf("Find = %q, %q, %v, %v; want %q, apps/desktop", got, rel, ok, err, top)
	}
	if _, rel, ok, _ := Find(top); !ok || rel != "" {
		t.Errorf("top itself: rel %q ok %v, want \"\" true", rel, ok)
	}
}

func TestFindGitfile(t *testing.T) {
	top := t.TempDir()
	if err := os.WriteFile(filepath.Join(top, ".git"), []byte("gitdir: /elsewhere/.git/worktrees/x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mkdir(t, filepath.Join(top, "src-tauri"))
	if got, rel, ok, _ := Find(filepath.Join(top, "src-tauri")); !ok || got != top || rel != "src-tauri" {
		t.Errorf("Find = %q, %q, %v", got, rel, ok)
	}
}

func TestFileNamedGitIsNotATop(t *testing.T) {
	outer := t.TempDir()
	mkdir(t, filepath.Join(outer, ".git"))
	inner := filepath.Join(outer, "a")
	mkdir(t, inner)
	// A ".git" file that is not a gitfile does not end the walk.
	if err := os.WriteFile(filepath.Join(inner, ".git"), []byte("not a gitfile"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, rel, ok, _ := Find(inner); !ok || got != outer || rel != "a" {
		t.Errorf("Find = %q, %q, %v; want the outer repository", got, rel, ok)
	}
}

func TestFindOutsideRepository(t *testing.T) {
	dir := t.TempDir()
	top, _, ok, err := Find(dir)
	if err != nil {
		t.Fatal(err)
	}
	// The temp dir could sit inside some repository on a developer's
	// machine; then the top must be an ancestor holding .git.
	if ok {
		if _, err := os.Lstat(filepath.Join(top, ".git")); err != nil {
			t.Errorf("Find reported %q, which has no .git", top)
		}
	}
}

func TestRel(t *testing.T) {
	top := t.TempDir()
	if _, err := Rel(filepath.Join(top, "a"), top); err == nil {
		t.Error("Rel accepted a folder outside the top")
	}
	if r, err := Rel(top, filepath.Join(top, "a", "b")); err != nil || r != "a/b" {
		t.Errorf("Rel = %q, %v", r, err)
	}
}
