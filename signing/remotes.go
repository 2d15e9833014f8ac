package signing

import (
	"os"
	"path/filepath"
	"strings"
)

// RemoteURLs returns the remote URLs (remote.<name>.url) in the git config
// of the repository whose work tree is root: root/.git as a directory,
// or a gitfile that points back to it. Only root is looked at, not its
// parents, so nothing outside the scanned tree is read; a missing or
// unreadable config gives none.
func RemoteURLs(root string) []string {
	if root == "" {
		return nil
	}
	dot := filepath.Join(root, ".git")
	fi, err := os.Lstat(dot)
	if err != nil {
		return nil
	}
	gitDir := dot
	switch {
	case fi.Mode().IsRegular():
		if gitDir, err = readGitfile(dot); err != nil {
			return nil
		}
	case !fi.IsDir():
		return nil // a symlink is not followed
	}
	common := gitDir
	if b, err := readMeta(filepath.Join(gitDir, "commondir")); err == nil {
		if c := strings.TrimSpace(string(b)); filepath.IsAbs(c) {
			common = c
		} else {
			common = filepath.Join(gitDir, c)
		}
	}
	b, err := readMeta(filepath.Join(common, "config"))
	if err != nil || len(b) > maxConfig {
		return nil
	}
	var out []string
	_ = parseGitConfig(b, func(name string, value *string) error {
		if value != nil && strings.HasPrefix(name, "remote.") && strings.HasSuffix(name, ".url") {
			out = append(out, *value)
		}
		return nil
	}) // a syntax error keeps the remotes read before it
	return out
}
