package signing

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
)

// maxIndexSize bounds the index file read (a million paths take about
// 100 MiB).
const maxIndexSize = 512 << 20

// IndexPath is the index file of this work tree: $GIT_INDEX_FILE when it
// names a file in this repository's git directory (git sets it for the
// hooks of `git commit -a` and `git commit PATHS`, which commit a
// temporary index there; one set for another repository is ignored), else
// "index" in the work tree's own git directory (per worktree in linked
// worktrees).
func (r *Repo) IndexPath() string {
	own := filepath.Join(r.GitDir, "index")
	p := os.Getenv("GIT_INDEX_FILE")
	if p == "" {
		return own
	}
	abs, err := filepath.Abs(p)
	if err != nil || !samePath(filepath.Dir(abs), r.GitDir) {
		return own
	}
	return abs
}

// ReadIndex reads the staging area as git would commit it: a split index
// merged with its shared index, sparse directory entries expanded from
// their trees, sorted by path and stage. A missing index is an empty one.
func (r *Repo) ReadIndex() ([]IndexEntry, error) {
	p := r.IndexPath()
	ix, err := r.readIndexFile(p)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	es := ix.entries
	if ix.link != nil && !ix.link.shared.IsZero() {
		if es, err = r.mergeShared(p, ix); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
	}
	for i := range es {
		if err := checkEntry(&es[i]); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
	}
	if es, err = r.expandSparse(es); err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	slices.SortStableFunc(es, func(a, b IndexEntry) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Stage, b.Stage))
	})
	return es, nil
}

func (r *Repo) readIndexFile(p string) (*indexFile, error) {
	f, err := openRegular(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxIndexSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxIndexSize {
		return nil, fmt.Errorf("larger than %d MiB", maxIndexSize>>20)
	}
	return parseIndex(data, r.Format)
}

// mergeShared applies a split index to its shared index (split-index.c
// merge_base_index): shared entries marked in the delete bitmap go, those
// in the replace bitmap take the split index's first entries in order
// (keeping their names), and the split index's remaining entries are added.
func (r *Repo) mergeShared(indexPath string, ix *indexFile) ([]IndexEntry, error) {
	name := "sharedindex." + ix.link.shared.String()
	var shared *indexFile
	var err error
	for _, dir := range []string{filepath.Dir(indexPath), r.GitDir} {
		if shared, err = r.readIndexFile(filepath.Join(dir, name)); err == nil || !os.IsNotExist(err) {
			break
		}
	}
	if err != nil {
		return nil, fmt.Errorf("split index: shared index %s: %w", name, err)
	}
	if shared.link != nil {
		return nil, indexErr("shared index %s is itself split", name)
	}
	base := shared.entries
	deleted := make([]bool, len(base))
	err = ewahEach(ix.link.del, len(base), func(pos int) error {
		deleted[pos] = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	next := 0
	err = ewahEach(ix.link.replace, len(base), func(pos int) error {
		if next >= len(ix.entries) {
			return indexErr("split index replaces more entries than it holds")
		}
		e := ix.entries[next]
		if e.Path != "" {
			return indexErr("replacing entry %d has a name", next)
		}
		e.Path = base[pos].Path
		base[pos] = e
		next++
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]IndexEntry, 0, len(base)+len(ix.entries)-next)
	for i, e := range base {
		if !deleted[i] {
			out = append(out, e)
		}
	}
	return append(out, ix.entries[next:]...), nil
}

// expandSparse replaces each sparse directory entry by the files of its
// tree: the index of a sparse checkout (index.sparse) commits them as
// they are.
func (r *Repo) expandSparse(es []IndexEntry) ([]IndexEntry, error) {
	if !slices.ContainsFunc(es, func(e IndexEntry) bool { return e.sparseDir }) {
		return es, nil
	}
	out := make([]IndexEntry, 0, len(es))
	var err error
	for _, e := range es {
		if !e.sparseDir {
			out = append(out, e)
			continue
		}
		if e.Stage != 0 {
			continue
		}
		if out, err = r.treeFiles(e.ID, e.Path, out, 0); err != nil {
			return nil, fmt.Errorf("sparse directory %s: %w", e.Path, err)
		}
	}
	return out, nil
}
