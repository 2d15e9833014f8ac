// Package reporoot finds the top of the git work tree that holds a
// folder, so reports can name files as the repository does (GitHub code
// scanning resolves relative SARIF URIs against the repository root).
//
// It only looks for a ".git" entry on the way up, as git does: a
// directory, or a file starting "gitdir:" (linked worktrees and
// submodules). It never runs git and reads no environment: GIT_DIR and
// GIT_WORK_TREE describe the caller's shell, not the scanned tree, and
// reports must not change with them.
package reporoot

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Find returns the top of the work tree holding dir and dir's slash path
// below it ("" when dir is the top). ok is false when no ancestor of dir,
// up to the filesystem root, has a .git entry.
func Find(dir string) (top, rel string, ok bool, err error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", "", false, err
	}
	for d := abs; ; d = filepath.Dir(d) {
		if isGitEntry(filepath.Join(d, ".git")) {
			rel, err := Rel(d, abs)
			return d, rel, err == nil, err
		}
		if filepath.Dir(d) == d {
			return "", "", false, nil
		}
	}
}

// Rel is dir's slash path below top ("" for top itself); an error when
// dir is not inside top.
func Rel(top, dir string) (string, error) {
	absTop, err := filepath.Abs(top)
	if err != nil {
		return "", err
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	r, err := filepath.Rel(absTop, absDir)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("%s is not inside %s", dir, top)
	}
	if r == "." {
		return "", nil
	}
	return filepath.ToSlash(r), nil
}

// isGitEntry reports whether p is a .git directory or a gitfile. Its
// target is not checked: a broken worktree link still marks the top of a
// work tree, which is all reports need.
func isGitEntry(p string) bool {
	fi, err := os.Lstat(p)
	switch {
	case err != nil:
		return false
	case fi.IsDir():
		return true
	case !fi.Mode().IsRegular():
		return false
	}
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len("gitdir:"))
	_, err = io.ReadFull(f, head)
	return err == nil && bytes.Equal(head, []byte("gitdir:"))
}
