//go:build unix

package signing

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestGitfileMustPointBack: a linked worktree and a submodule open through
// their .git files; a .git file naming an unrelated repository does not.
func TestGitfileMustPointBack(t *testing.T) {
	e := newTestEnvFormat(t, "sha1")
	e.commit("one", "2024-01-01T00:00:00Z", "signer@example.com")

	wt := filepath.Join(e.dir, "wt")
	e.git("worktree", "add", "-q", wt)
	if r, err := FindRepo(wt); err != nil {
		t.Errorf("linked worktree: %v", err)
	} else {
		r.Close()
	}

	sub := filepath.Join(e.dir, "sub")
	e.run(e.dir, "git", "init", "-q", "-b", "main", sub)
	os.WriteFile(filepath.Join(sub, "s.txt"), []byte("s"), 0o644)
	e.run(sub, "git", "add", ".")
	e.run(sub, "git", "commit", "-qm", "sub")
	e.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", sub, "mod")
	if r, err := FindRepo(filepath.Join(e.repo, "mod")); err != nil {
		t.Errorf("submodule: %v", err)
	} else {
		r.Close()
	}

	hostile := filepath.Join(e.dir, "hostile")
	os.Mkdir(hostile, 0o755)
	os.WriteFile(filepath.Join(hostile, ".git"), []byte("gitdir: ../repo/.git\n"), 0o644)
	if r, err := FindRepo(hostile); err == nil || !strings.Contains(err.Error(), "does not point back") {
		t.Errorf("a gitfile naming another repository was followed: %v", err)
		if r != nil {
			r.Close()
		}
	}
	// Nor one naming a worktree's git directory from elsewhere.
	os.WriteFile(filepath.Join(hostile, ".git"), []byte("gitdir: ../repo/.git/worktrees/wt\n"), 0o644)
	if _, err := FindRepo(hostile); err == nil {
		t.Error("a gitfile naming another tree's worktree was followed")
	}
}

// TestGitMetadataFIFOs: FIFOs in .git are refused, never opened for a
// blocking read.
func TestGitMetadataFIFOs(t *testing.T) {
	e := newTestEnvFormat(t, "sha1")
	e.commit("one", "2024-01-01T00:00:00Z", "signer@example.com")
	for _, rel := range []string{"packed-refs", "shallow", "objects/info/alternates", "refs/heads/fifo", "HEAD"} {
		p := filepath.Join(e.repo, ".git", rel)
		os.Remove(p)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	done := make(chan error, 1)
	go func() {
		r, err := FindRepo(e.repo)
		if err == nil {
			_, err = r.Walk(WalkOptions{All: true}, func(*Commit) error { return nil })
			r.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		t.Logf("walk: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("reading a repository with FIFOs in .git blocks")
	}
	if _, err := readMeta(filepath.Join(e.repo, ".git", "HEAD")); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("readMeta on a FIFO: %v", err)
	}
}
