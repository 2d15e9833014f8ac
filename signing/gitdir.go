package signing

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// ErrNoRepo means no git repository holds the scanned directory.
var ErrNoRepo = errors.New("not inside a git repository")

// Repo is a git repository opened for reading. It reads objects and refs
// itself (see odb.go) instead of going through go-git: go-git's object
// decoding made a 20k-commit walk about 3× slower than `git rev-list`
// (go-libs §2), and a read-only walk needs only a small part of it.
type Repo struct {
	// WorkTree is the top of the work tree ("" for a bare repository);
	// GitDir holds HEAD and the per-worktree refs; CommonDir holds objects
	// and shared refs (different from GitDir only in linked worktrees).
	WorkTree, GitDir, CommonDir string
	// Format is the object format .git/config declares
	// (extensions.objectFormat): every id in the repository has its size.
	Format   ObjectFormat
	odb      *odb
	refs     map[string]string // full ref name -> target ("ref: x" or hex id), loaded once
	refsOnce sync.Once
	Shallow  map[Hash]bool
}

// FindRepo opens the repository containing dir, looking upwards for a
// .git directory or gitfile as git does.
func FindRepo(dir string) (*Repo, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	for d := abs; ; d = filepath.Dir(d) {
		dot := filepath.Join(d, ".git")
		if fi, err := os.Stat(dot); err == nil {
			gitDir := dot
			if !fi.IsDir() {
				if gitDir, err = readGitfile(dot); err != nil {
					return nil, err
				}
			}
			return OpenRepo(d, gitDir)
		}
		if isBareGitDir(d) {
			return OpenRepo("", d)
		}
		if filepath.Dir(d) == d {
			return nil, ErrNoRepo
		}
	}
}

func isBareGitDir(d string) bool {
	for _, n := range []string{"HEAD", "objects", "refs"} {
		if _, err := os.Stat(filepath.Join(d, n)); err != nil {
			return false
		}
	}
	return true
}

// readGitfile follows a ".git" file ("gitdir: path") of a worktree or
// submodule.
func readGitfile(p string) (string, error) {
	b, err := readMeta(p)
	if err != nil {
		return "", err
	}
	s, ok := strings.CutPrefix(strings.TrimSpace(string(b)), "gitdir:")
	if !ok {
		return "", fmt.Errorf("%s: not a gitfile", p)
	}
	s = strings.TrimSpace(s)
	if !filepath.IsAbs(s) {
		s = filepath.Join(filepath.Dir(p), s)
	}
	if !pointsBack(p, s) {
		return "", fmt.Errorf("%s names %s, which does not point back to it (not a worktree or submodule of this tree); not followed", p, s)
	}
	return s, nil
}

// OpenRepo opens the repository whose git directory is gitDir. A
// repository format this reader cannot read (see readRepoFormat) is an
// error naming the config file.
func OpenRepo(workTree, gitDir string) (*Repo, error) {
	r := &Repo{WorkTree: workTree, GitDir: gitDir, CommonDir: gitDir}
	if b, err := readMeta(filepath.Join(gitDir, "commondir")); err == nil {
		c := strings.TrimSpace(string(b))
		if !filepath.IsAbs(c) {
			c = filepath.Join(gitDir, c)
		}
		r.CommonDir = c
	}
	if _, err := os.Stat(filepath.Join(r.CommonDir, "objects")); err != nil {
		return nil, fmt.Errorf("%s: no object store: %w", gitDir, err)
	}
	var err error
	config := filepath.Join(r.CommonDir, "config")
	if r.Format, err = readRepoFormat(config); err != nil {
		return nil, err
	}
	if r.odb, err = openODB(filepath.Join(r.CommonDir, "objects"), r.Format); err != nil {
		if errors.Is(err, errCorrupt) {
			// Most likely a config that does not match the objects.
			err = fmt.Errorf("%w (read with %s ids, the object format %s declares)", err, r.Format, config)
		}
		return nil, err
	}
	if err := r.checkRefFormat(); err != nil {
		r.Close()
		return nil, err
	}
	r.Shallow = readShallow(filepath.Join(r.CommonDir, "shallow"), r.Format)
	return r, nil
}

// parseID parses a full hex object id of the repository's format.
func (r *Repo) parseID(s string) (Hash, bool) {
	h, ok := ParseHash(s)
	return h, ok && h.Format() == r.Format
}

// Close releases the pack files.
func (r *Repo) Close() error { return r.odb.close() }

// readShallow lists the commits a shallow clone cut the parents of.
func readShallow(p string, f ObjectFormat) map[Hash]bool {
	b, err := readMeta(p)
	if err != nil {
		return nil
	}
	out := map[Hash]bool{}
	for _, l := range strings.Fields(string(b)) {
		if h, ok := ParseHash(l); ok && h.Format() == f {
			out[h] = true
		}
	}
	return out
}
