package signing

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// maxSnapshotBlob is the largest blob a Snapshot file reads; callers
// check Stat's size against their own, smaller, caps first.
const maxSnapshotBlob = 1 << 30

// Snapshot is a read-only fs.FS over git blobs: the files of a commit or
// of the index, below one folder of the work tree, as the scanner would
// see them checked out there. Nothing is checked out and no git command
// runs. Symlinks are listed with fs.ModeSymlink in directories, and Open
// follows them inside the snapshot only, as os.Root does on disk;
// submodules (gitlinks) are empty folders, as in a clone that has not
// initialized them.
type Snapshot struct {
	r     *Repo
	files map[string]IndexEntry
	dirs  map[string][]fs.DirEntry
	when  time.Time
}

// IndexSnapshot is the staged content below the work-tree folder sub
// ("." for the top): what `git commit` would record. Unmerged and
// intent-to-add entries are left out (git commits neither), and so are
// untracked files.
func (r *Repo) IndexSnapshot(sub string) (*Snapshot, error) {
	es, err := r.ReadIndex()
	if err != nil {
		return nil, err
	}
	es = slices.DeleteFunc(es, func(e IndexEntry) bool { return e.Stage != 0 || e.IntentToAdd })
	return r.newSnapshot(es, sub, time.Time{}), nil
}

// CommitSnapshot is the tree of commit c below the folder sub. A folder
// the commit does not have gives an empty snapshot.
func (r *Repo) CommitSnapshot(c Hash, sub string) (*Snapshot, error) {
	cm, err := r.ReadCommit(c)
	if err != nil {
		return nil, err
	}
	tree, err := r.subtree(cm.Tree, sub)
	if errors.Is(err, ErrNotFound) {
		return r.newSnapshot(nil, ".", cm.Committer.When), nil
	}
	if err != nil {
		return nil, err
	}
	es, err := r.treeFiles(tree, "", nil, 0)
	if err != nil {
		return nil, err
	}
	return r.newSnapshot(es, ".", cm.Committer.When), nil
}

// EmptySnapshot has no files (the HEAD of a repository without commits).
func (r *Repo) EmptySnapshot() *Snapshot { return r.newSnapshot(nil, ".", time.Time{}) }

func (r *Repo) newSnapshot(es []IndexEntry, sub string, when time.Time) *Snapshot {
	s := &Snapshot{r: r, files: map[string]IndexEntry{}, dirs: map[string][]fs.DirEntry{".": nil}, when: when}
	prefix := sub + "/"
	if sub == "." || sub == "" {
		prefix = ""
	}
	for _, e := range es {
		rel, ok := strings.CutPrefix(e.Path, prefix)
		if !ok || rel == "" {
			continue
		}
		e.Path = rel
		s.add(e)
	}
	for d := range s.dirs {
		slices.SortFunc(s.dirs[d], func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	}
	return s
}

// add records a file and the folders leading to it. A path that is both
// a file and a folder (possible only in a corrupt index) keeps the folder.
func (s *Snapshot) add(e IndexEntry) {
	if _, dup := s.files[e.Path]; dup {
		return
	}
	if _, dir := s.dirs[e.Path]; dir {
		return
	}
	s.files[e.Path] = e
	if e.Mode == ModeGitlink {
		s.dirs[e.Path] = nil
	}
	s.link(e.Path, snapInfo{name: path.Base(e.Path), mode: e.Mode, s: s, id: e.ID})
}

// link adds child info to its parent folder, creating folders upwards.
func (s *Snapshot) link(p string, info snapInfo) {
	dir := path.Dir(p)
	_, known := s.dirs[dir]
	s.dirs[dir] = append(s.dirs[dir], info)
	if !known && dir != "." {
		s.link(dir, snapInfo{name: path.Base(dir), mode: ModeDir, s: s})
	}
}

// Files lists the snapshot's paths (files, symlinks and submodules).
func (s *Snapshot) Files() map[string]IndexEntry { return s.files }

// Open implements fs.FS.
func (s *Snapshot) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	target, err := s.resolve(name)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	if ents, ok := s.dirs[target]; ok {
		return &snapDir{info: snapInfo{name: path.Base(name), mode: ModeDir, s: s}, ents: ents}, nil
	}
	e := s.files[target]
	return &snapFile{info: snapInfo{name: path.Base(name), mode: e.Mode, s: s, id: e.ID}, path: name}, nil
}

// maxLinks bounds the symlinks followed for one path (Linux's ELOOP).
const maxLinks = 40

// resolve follows symlinks from name to a folder or non-link entry
// inside the snapshot, as os.Root does on disk: a target outside the
// root, or a loop, is an error.
func (s *Snapshot) resolve(name string) (string, error) {
	for range maxLinks {
		if _, ok := s.dirs[name]; ok {
			return name, nil
		}
		e, ok := s.files[name]
		if !ok {
			return "", fs.ErrNotExist
		}
		if e.Mode != ModeSymlink {
			return name, nil
		}
		_, data, err := s.r.ReadObject(e.ID, 4096)
		if err != nil {
			return "", err
		}
		target := string(data)
		if path.IsAbs(target) {
			return "", errEscapes
		}
		name = path.Join(path.Dir(name), target)
		if name == ".." || strings.HasPrefix(name, "../") {
			return "", errEscapes
		}
	}
	return "", errors.New("too many levels of symbolic links")
}

// errEscapes has the words os.Root uses, which the loader recognizes.
var errEscapes = errors.New("path escapes from parent")

// ReadDir implements fs.ReadDirFS.
func (s *Snapshot) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	target, err := s.resolve(name)
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
	}
	ents, ok := s.dirs[target]
	if !ok {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a directory")}
	}
	return slices.Clone(ents), nil
}

type snapInfo struct {
	name string
	mode uint32
	id   Hash
	s    *Snapshot
}

func (i snapInfo) Name() string       { return i.name }
func (i snapInfo) ModTime() time.Time { return i.s.when }
func (i snapInfo) IsDir() bool        { return i.mode == ModeDir || i.mode == ModeGitlink }
func (i snapInfo) Sys() any           { return nil }
func (i snapInfo) Mode() fs.FileMode {
	switch i.mode {
	case ModeDir, ModeGitlink:
		return fs.ModeDir | 0o755
	case ModeExec:
		return 0o755
	case ModeSymlink:
		return fs.ModeSymlink | 0o777
	case ModeFile:
		return 0o644
	}
	return fs.ModeIrregular
}
func (i snapInfo) Type() fs.FileMode          { return i.Mode().Type() }
func (i snapInfo) Info() (fs.FileInfo, error) { return i, nil }

// Size is the blob's size, read from its object header only.
func (i snapInfo) Size() int64 {
	if !i.Mode().IsRegular() {
		return 0
	}
	_, n, err := i.s.r.ObjectSize(i.id)
	if err != nil {
		return 0
	}
	return n
}

type snapFile struct {
	info snapInfo
	path string
	r    io.Reader
}

func (f *snapFile) Stat() (fs.FileInfo, error) {
	if f.info.Mode().IsRegular() {
		if _, _, err := f.info.s.r.ObjectSize(f.info.id); err != nil {
			return nil, &fs.PathError{Op: "stat", Path: f.path, Err: err}
		}
	}
	return f.info, nil
}

func (f *snapFile) Read(p []byte) (int, error) {
	if f.r == nil {
		if !f.info.Mode().IsRegular() {
			return 0, &fs.PathError{Op: "read", Path: f.path, Err: fs.ErrInvalid}
		}
		typ, data, err := f.info.s.r.ReadObject(f.info.id, maxSnapshotBlob)
		if err == nil && typ != ObjBlob {
			err = fmt.Errorf("%s is a %s, not a blob", f.info.id.Short(), typ)
		}
		if err != nil {
			return 0, &fs.PathError{Op: "read", Path: f.path, Err: err}
		}
		f.r = bytes.NewReader(data)
	}
	return f.r.Read(p)
}

func (f *snapFile) Close() error { return nil }

type snapDir struct {
	info snapInfo
	ents []fs.DirEntry
	off  int
}

func (d *snapDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *snapDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: errors.New("is a directory")}
}
func (d *snapDir) Close() error { return nil }

// ReadDir implements fs.ReadDirFile.
func (d *snapDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.ents[d.off:]
	if n <= 0 {
		d.off = len(d.ents)
		return slices.Clone(rest), nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.off += n
	return slices.Clone(rest[:n]), nil
}
