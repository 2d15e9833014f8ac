package signing

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
)

// Folder returns dir as a slash path relative to the top of the work
// tree ("." for the top itself), symlinks resolved on both sides, for
// snapshots of an app in a subfolder.
func (r *Repo) Folder(dir string) (string, error) {
	if r.WorkTree == "" {
		return "", errors.New("a bare repository has no work tree or index")
	}
	top, err := filepath.EvalSymlinks(r.WorkTree)
	if err != nil {
		return "", err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if abs, err = filepath.EvalSymlinks(abs); err != nil {
		return "", err
	}
	rel, err := filepath.Rel(top, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("%s is not inside the work tree %s", dir, r.WorkTree)
	}
	return filepath.ToSlash(rel), nil
}

// HeadSnapshot is the snapshot of HEAD below sub, or an empty one when
// HEAD names no commit yet (an unborn branch).
func (r *Repo) HeadSnapshot(sub string) (*Snapshot, error) {
	h, ok := r.Head()
	if !ok {
		if v := r.loadRefs()["HEAD"]; v != "" && !strings.HasPrefix(v, "ref: ") {
			return nil, fmt.Errorf("HEAD holds %q, not a commit id of this repository", v)
		}
		return r.EmptySnapshot(), nil
	}
	c, err := r.Peel(h)
	if err != nil {
		return nil, fmt.Errorf("HEAD: %w", err)
	}
	return r.CommitSnapshot(c, sub)
}
