package signing

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// stageScenario commits a small tree, then stages edits of every kind:
// a modified file, a new one, a deleted one, an executable and a symlink.
func stageScenario(e *testEnv) {
	e.t.Helper()
	files := map[string]string{
		"a.txt": "a\n", "dir/b.txt": "b\n", "dir/sub/c.txt": "c\n", "other/d.txt": "d\n",
		"other/deep/e.txt": "e\n", "run.sh": "#!/bin/sh\n",
	}
	for name, body := range files {
		p := filepath.Join(e.repo, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			e.t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			e.t.Fatal(err)
		}
	}
	if err := os.Symlink("a.txt", filepath.Join(e.repo, "link")); err != nil {
		e.t.Fatal(err)
	}
	e.git("add", "-A")
	e.git("update-index", "--chmod=+x", "run.sh")
	e.git("commit", "-qm", "base")
	writeRepo(e, "dir/b.txt", "b2\n")
	writeRepo(e, "new.txt", "new\n")
	e.git("add", "dir/b.txt", "new.txt")
	e.git("rm", "-q", "other/d.txt")
	writeRepo(e, "dir/b.txt", "working tree only\n") // not staged
}

func writeRepo(e *testEnv, name, body string) {
	e.t.Helper()
	p := filepath.Join(e.repo, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		e.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		e.t.Fatal(err)
	}
}

// lsFiles prints entries as `git ls-files -s` does.
func lsFiles(es []IndexEntry) string {
	var b strings.Builder
	for _, e := range es {
		fmt.Fprintf(&b, "%06o %s %d\t%s\n", e.Mode, e.ID, e.Stage, e.Path)
	}
	return strings.TrimSpace(b.String())
}

// indexLayouts rewrite the index of a staged repository in each layout
// git can write; check reports whether the layout really is in use.
var indexLayouts = []struct {
	name  string
	setup func(e *testEnv)
	check func(ix *indexFile) bool
}{
	{"v2", func(e *testEnv) { e.git("update-index", "--index-version", "2") }, func(ix *indexFile) bool { return ix.version == 2 }},
	{"v3 intent-to-add", func(e *testEnv) {
		writeRepo(e, "later.txt", "later\n")
		e.git("add", "-N", "later.txt")
	}, func(ix *indexFile) bool { return ix.version == 3 }},
	{"v4", func(e *testEnv) { e.git("update-index", "--index-version", "4") }, func(ix *indexFile) bool { return ix.version == 4 }},
	{"split", func(e *testEnv) {
		e.git("update-index", "--split-index")
		writeRepo(e, "a.txt", "a2\n")
		writeRepo(e, "zz.txt", "zz\n")
		e.git("add", "a.txt", "zz.txt")
		e.git("rm", "-q", "--cached", "dir/sub/c.txt")
	}, func(ix *indexFile) bool { return ix.link != nil && len(ix.link.replace) > 0 }},
	{"split v4", func(e *testEnv) {
		e.git("update-index", "--index-version", "4")
		e.git("update-index", "--split-index")
		writeRepo(e, "a.txt", "a3\n")
		e.git("add", "a.txt")
	}, func(ix *indexFile) bool { return ix.link != nil && ix.version == 4 }},
	{"sparse index", func(e *testEnv) {
		e.git("sparse-checkout", "init", "--cone", "--sparse-index")
		e.git("sparse-checkout", "set", "dir")
	}, func(ix *indexFile) bool { return ix.sparse }},
	{"manyFiles", func(e *testEnv) {
		e.git("config", "feature.manyFiles", "true")
		e.git("update-index", "--index-version", "4")
		writeRepo(e, "many.txt", "m\n")
		e.git("add", "many.txt")
	}, func(ix *indexFile) bool { return ix.version == 4 }},
}

// TestReadIndexMatchesGit reads the index of every layout, in both
// object formats, and compares it with `git ls-files -s`.
func TestReadIndexMatchesGit(t *testing.T) {
	for _, format := range objectFormats {
		for _, l := range indexLayouts {
			t.Run(format+"/"+l.name, func(t *testing.T) {
				e := newTestEnvFormat(t, format)
				stageScenario(e)
				l.setup(e)
				r, err := FindRepo(e.repo)
				if err != nil {
					t.Fatal(err)
				}
				defer r.Close()
				ix, err := r.readIndexFile(r.IndexPath())
				if err != nil {
					t.Fatal(err)
				}
				if !l.check(ix) {
					t.Fatalf("setup: the index is not in layout %s (version %d)", l.name, ix.version)
				}
				es, err := r.ReadIndex()
				if err != nil {
					t.Fatal(err)
				}
				if got, want := lsFiles(es), e.git("ls-files", "-s"); got != want {
					t.Errorf("ReadIndex:\n%s\ngit ls-files -s:\n%s", got, want)
				}
			})
		}
	}
}

// TestReadIndexWorktrees reads linked worktrees' own index and HEAD,
// attached to a branch and detached.
func TestReadIndexWorktrees(t *testing.T) {
	for _, format := range objectFormats {
		for _, detach := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/detached=%v", format, detach), func(t *testing.T) {
				e := newTestEnvFormat(t, format)
				stageScenario(e)
				e.git("commit", "-qm", "second")
				wt := filepath.Join(e.dir, "wt")
				if detach {
					e.git("worktree", "add", "-q", "--detach", wt)
				} else {
					e.git("worktree", "add", "-q", "-b", "feature", wt)
				}
				if err := os.WriteFile(filepath.Join(wt, "a.txt"), []byte("in the worktree\n"), 0o644); err != nil {
					t.Fatal(err)
				}
				e.run(wt, "git", "add", "a.txt")
				r, err := FindRepo(filepath.Join(wt, "dir"))
				if err != nil {
					t.Fatal(err)
				}
				defer r.Close()
				es, err := r.ReadIndex()
				if err != nil {
					t.Fatal(err)
				}
				if got, want := lsFiles(es), e.run(wt, "git", "ls-files", "-s"); got != want {
					t.Errorf("ReadIndex:\n%s\ngit ls-files -s:\n%s", got, want)
				}
				head, err := r.HeadSnapshot(".")
				if err != nil {
					t.Fatal(err)
				}
				if got, want := head.files["a.txt"].ID.String(), e.run(wt, "git", "rev-parse", "HEAD:a.txt"); got != want {
					t.Errorf("HEAD:a.txt = %s, want %s", got, want)
				}
			})
		}
	}
}

// TestIndexSnapshotFS checks the staged file system of a subfolder with
// fstest and reads staged content, not the working tree's.
func TestIndexSnapshotFS(t *testing.T) {
	e := newTestEnvFormat(t, "sha1")
	stageScenario(e)
	r, err := FindRepo(e.repo)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	s, err := r.IndexSnapshot("dir")
	if err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(s, "b.txt", "sub/c.txt"); err != nil {
		t.Fatal(err)
	}
	b, err := fsReadFile(s, "b.txt")
	if err != nil || b != "b2\n" {
		t.Errorf("b.txt = %q, %v; want the staged %q", b, err, "b2\n")
	}
	top, err := r.IndexSnapshot(".")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := top.files["other/d.txt"]; ok {
		t.Error("a file staged for deletion is still in the snapshot")
	}
	if b, err := fsReadFile(top, "link"); err != nil || b != "a\n" {
		t.Errorf("link: %q, %v; want a.txt's content through the symlink", b, err)
	}
	if info, err := fsStat(top, "run.sh"); err != nil || !info.Mode().IsRegular() || info.Size() != int64(len("#!/bin/sh\n")) {
		t.Errorf("run.sh: %v, %v; want a regular file of 10 bytes", info, err)
	}
	head, err := r.HeadSnapshot("other")
	if err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(head, "d.txt", "deep/e.txt"); err != nil {
		t.Fatal(err)
	}
	none, err := r.HeadSnapshot("missing")
	if err != nil || len(none.files) != 0 {
		t.Errorf("a folder HEAD lacks: %v files, %v; want an empty snapshot", len(none.files), err)
	}
}

func fsReadFile(s *Snapshot, name string) (string, error) {
	b, err := fs.ReadFile(s, name)
	return string(b), err
}

func fsStat(s *Snapshot, name string) (fs.FileInfo, error) { return fs.Stat(s, name) }

// TestSnapshotSymlinks: links are followed inside the snapshot, as
// os.Root follows them on disk, and refused when they leave it or loop.
func TestSnapshotSymlinks(t *testing.T) {
	e := newTestEnvFormat(t, "sha1")
	writeRepo(e, "app/conf.json", "{}\n")
	writeRepo(e, "app/sub/x.json", "[]\n")
	for link, target := range map[string]string{
		"app/alias.json": "conf.json", "app/dirlink": "sub", "app/out": "../top.txt",
		"app/abs": "/etc/passwd", "app/loop": "loop",
	} {
		if err := os.Symlink(target, filepath.Join(e.repo, link)); err != nil {
			t.Fatal(err)
		}
	}
	writeRepo(e, "top.txt", "outside\n")
	e.git("add", "-A")
	r, err := FindRepo(e.repo)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	s, err := r.IndexSnapshot("app")
	if err != nil {
		t.Fatal(err)
	}
	if b, err := fsReadFile(s, "alias.json"); err != nil || b != "{}\n" {
		t.Errorf("alias.json: %q, %v", b, err)
	}
	if info, err := fsStat(s, "dirlink"); err != nil || !info.IsDir() {
		t.Errorf("dirlink: %v, %v; want a folder", info, err)
	}
	for _, bad := range []string{"out", "abs"} {
		if _, err := fsStat(s, bad); err == nil || !strings.Contains(err.Error(), "escapes") {
			t.Errorf("%s: %v; want an escape error", bad, err)
		}
	}
	if _, err := fsStat(s, "loop"); err == nil {
		t.Error("a symlink loop resolved")
	}
	ents, err := fs.ReadDir(s, ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ents {
		if d.Name() == "dirlink" && d.Type() != fs.ModeSymlink {
			t.Errorf("dirlink is listed as %v, want a symlink (walks must not follow it)", d.Type())
		}
	}
}

// TestIndexPathEnv: GIT_INDEX_FILE is honoured for this repository's git
// directory (a commit hook's temporary index) and ignored elsewhere.
func TestIndexPathEnv(t *testing.T) {
	e := newTestEnvFormat(t, "sha1")
	r, err := FindRepo(e.repo)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	own := filepath.Join(r.GitDir, "index")
	lock := filepath.Join(r.GitDir, "index.lock")
	t.Setenv("GIT_INDEX_FILE", lock)
	if got := r.IndexPath(); got != lock {
		t.Errorf("hook index: %s, want %s", got, lock)
	}
	t.Setenv("GIT_INDEX_FILE", filepath.Join(t.TempDir(), "index"))
	if got := r.IndexPath(); got != own {
		t.Errorf("another repository's index: %s, want %s", got, own)
	}
	t.Setenv("GIT_INDEX_FILE", "")
	if got := r.IndexPath(); got != own {
		t.Errorf("unset: %s, want %s", got, own)
	}
}
