package signing

import (
	"bufio"
	"bytes"
	"path/filepath"
	"strings"
)

// pointsBack reports whether the git directory gitDir, named by the
// gitfile at p, belongs to p's work tree, as git's own bookkeeping
// records it: a linked worktree's "gitdir" file names the gitfile, and a
// submodule's (or any separated git directory's) core.worktree names the
// work tree. A gitfile in a scanned tree is untrusted; without this check
// one could send the scan to read the history of any repository on the
// machine and put its commits in the report.
func pointsBack(p, gitDir string) bool {
	if b, err := readMeta(filepath.Join(gitDir, "gitdir")); err == nil {
		back := strings.TrimSpace(string(b))
		if !filepath.IsAbs(back) {
			back = filepath.Join(gitDir, back)
		}
		if samePath(back, p) {
			return true
		}
	}
	if wt := coreWorktree(filepath.Join(gitDir, "config")); wt != "" {
		if !filepath.IsAbs(wt) {
			wt = filepath.Join(gitDir, wt)
		}
		if samePath(wt, filepath.Dir(p)) {
			return true
		}
	}
	return false
}

// samePath compares two paths after resolving symlinks.
func samePath(a, b string) bool {
	ra, err := filepath.EvalSymlinks(a)
	if err != nil {
		return false
	}
	rb, err := filepath.EvalSymlinks(b)
	return err == nil && ra == rb
}

// coreWorktree returns core.worktree from a git config file, or "".
func coreWorktree(config string) string {
	b, err := readMeta(config)
	if err != nil {
		return ""
	}
	section, value := "", ""
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		switch {
		case l == "" || l[0] == '#' || l[0] == ';':
		case l[0] == '[':
			section = strings.ToLower(strings.TrimSpace(strings.Trim(l, "[]")))
		case section == "core":
			k, v, ok := strings.Cut(l, "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "worktree") {
				value = strings.Trim(strings.TrimSpace(v), `"`)
			}
		}
	}
	return value
}
