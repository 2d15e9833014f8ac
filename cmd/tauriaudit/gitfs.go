package main

import (
	"fmt"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// treeAt opens the tree of revision rev for the directory scanRoot, as an
// fs.FS: the scanner reads a ref through go-git without a checkout and
// without running git. Symlinks are listed but are not regular files, so
// the loader never follows them.
func treeAt(scanRoot, rev string) (fs.FS, error) {
	if err := goGitReadable(scanRoot); err != nil {
		return nil, fmt.Errorf("--diff: %w", err)
	}
	repo, err := git.PlainOpenWithOptions(scanRoot, &git.PlainOpenOptions{DetectDotGit: true})
	if err != nil {
		return nil, fmt.Errorf("--diff: %w", err)
	}
	h, err := repo.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		return nil, fmt.Errorf("--diff %s: %w", rev, err)
	}
	c, err := repo.CommitObject(*h)
	if err != nil {
		return nil, fmt.Errorf("--diff %s: %w", rev, err)
	}
	tree, err := c.Tree()
	if err != nil {
		return nil, fmt.Errorf("--diff %s: %w", rev, err)
	}
	sub, err := subdirOf(repo, scanRoot)
	if err != nil {
		return nil, err
	}
	if sub != "." {
		if tree, err = tree.Tree(sub); err != nil {
			return nil, fmt.Errorf("--diff %s: %s is not in that commit: %w", rev, sub, err)
		}
	}
	return &treeFS{root: tree, when: c.Committer.When}, nil
}

func subdirOf(repo *git.Repository, scanRoot string) (string, error) {
	wt, err := repo.Worktree()
	if err != nil {
		return "", fmt.Errorf("--diff: %w", err)
	}
	abs, err := filepath.Abs(scanRoot)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(wt.Filesystem.Root(), abs)
	if err != nil {
		return "", err
	}
	return filepath.ToSlash(rel), nil
}

type treeFS struct {
	root *object.Tree
	when time.Time
}

func (t *treeFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		return &treeDir{fs: t, tree: t.root, name: "."}, nil
	}
	e, err := t.root.FindEntry(name)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	if e.Mode == filemode.Dir {
		sub, err := t.root.Tree(name)
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return &treeDir{fs: t, tree: sub, name: name}, nil
	}
	f := &treeFile{info: entryInfo{name: path.Base(name), entry: *e, when: t.when}}
	if e.Mode == filemode.Regular || e.Mode == filemode.Executable {
		blob, err := t.root.TreeEntryFile(e)
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		f.info.size = blob.Size
		f.open = blob.Reader
	}
	return f, nil
}

func (t *treeFS) ReadDir(name string) ([]fs.DirEntry, error) {
	f, err := t.Open(name)
	if err != nil {
		return nil, err
	}
	d, ok := f.(*treeDir)
	if !ok {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	return d.ReadDir(-1)
}

type entryInfo struct {
	name  string
	entry object.TreeEntry
	size  int64
	when  time.Time
}

func (i entryInfo) Name() string       { return i.name }
func (i entryInfo) Size() int64        { return i.size }
func (i entryInfo) ModTime() time.Time { return i.when }
func (i entryInfo) IsDir() bool        { return i.entry.Mode == filemode.Dir }
func (i entryInfo) Sys() any           { return nil }
func (i entryInfo) Mode() fs.FileMode {
	switch i.entry.Mode {
	case filemode.Dir:
		return fs.ModeDir | 0o755
	case filemode.Regular, filemode.Executable:
		return 0o644
	case filemode.Symlink:
		return fs.ModeSymlink | 0o777
	}
	return fs.ModeIrregular // submodules
}
func (i entryInfo) Type() fs.FileMode          { return i.Mode().Type() }
func (i entryInfo) Info() (fs.FileInfo, error) { return i, nil }

type treeFile struct {
	info entryInfo
	open func() (io.ReadCloser, error)
	r    io.ReadCloser
}

func (f *treeFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *treeFile) Read(p []byte) (int, error) {
	if f.open == nil {
		return 0, fs.ErrInvalid
	}
	if f.r == nil {
		r, err := f.open()
		if err != nil {
			return 0, err
		}
		f.r = r
	}
	return f.r.Read(p)
}
func (f *treeFile) Close() error {
	if f.r != nil {
		return f.r.Close()
	}
	return nil
}

type treeDir struct {
	fs   *treeFS
	tree *object.Tree
	name string
	read bool
}

func (d *treeDir) Stat() (fs.FileInfo, error) {
	return entryInfo{name: path.Base(d.name), entry: object.TreeEntry{Mode: filemode.Dir}, when: d.fs.when}, nil
}
func (d *treeDir) Read([]byte) (int, error) { return 0, fs.ErrInvalid }
func (d *treeDir) Close() error             { return nil }

// ReadDir lists the directory once, sorted by name as fs.ReadDir promises.
func (d *treeDir) ReadDir(int) ([]fs.DirEntry, error) {
	if d.read {
		return nil, nil
	}
	d.read = true
	out := make([]fs.DirEntry, 0, len(d.tree.Entries))
	for _, e := range d.tree.Entries {
		info := entryInfo{name: e.Name, entry: e, when: d.fs.when}
		out = append(out, info)
	}
	sortEntries(out)
	return out, nil
}

func sortEntries(es []fs.DirEntry) {
	slices.SortFunc(es, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
}
