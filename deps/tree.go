package deps

import (
	"path"
	"sync"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Tree is the scanned tree as the dependency loader reads it, with
// root-relative slash paths. The engine implements it: reads are cached
// and bounded there, and what it cannot read or parse it records itself.
type Tree interface {
	Exists(rel string) bool
	// FilesUnder lists the files below dir, recursively, sorted.
	FilesUnder(dir string) []string
	// Read returns the file, or nil when it is not available.
	Read(rel string) *source.File
	// ParseTOML returns the parsed TOML document, or nil.
	ParseTOML(rel string) *source.Node
	// Problem records an input problem: a file a parser here rejected
	// (warning false) or a recoverable problem in one (warning true).
	Problem(rel string, err error, warning bool)
}

// Files parses each dependency file of a scan once: the apps of a
// monorepo share lockfiles, package.json files and workflows. It is safe
// for concurrent use.
type Files struct {
	tree Tree
	mu   sync.Mutex
	done map[string]*parsed
}

type parsed struct {
	once sync.Once
	v    any
}

// NewFiles returns an empty per-scan cache over t.
func NewFiles(t Tree) *Files { return &Files{tree: t, done: map[string]*parsed{}} }

// once runs build for key the first time it is asked for.
func (fs *Files) once(key string, build func() any) any {
	fs.mu.Lock()
	e := fs.done[key]
	if e == nil {
		e = &parsed{}
		fs.done[key] = e
	}
	fs.mu.Unlock()
	e.once.Do(func() { e.v = build() })
	return e.v
}

// parseOnce parses the file at rel with parse once per scan. A file the
// parser rejects is recorded as a problem and gives nil; recoverable
// problems are recorded as warnings.
func parseOnce[T any](fs *Files, rel string, parse func(*source.File) (*T, error)) *T {
	v, _ := fs.once("parse:"+rel, func() any {
		f := fs.tree.Read(rel)
		if f == nil {
			return (*T)(nil)
		}
		out, err := parse(f)
		if err != nil {
			fs.tree.Problem(rel, err, false)
			return (*T)(nil)
		}
		reportDiags(fs.tree, rel, out)
		return out
	}).(*T)
	return v
}

// reportDiags records a parsed file's recoverable problems as warnings.
func reportDiags(t Tree, rel string, v any) {
	d, ok := v.(interface{ Diags() []*source.Error })
	if !ok {
		return
	}
	for _, e := range d.Diags() {
		t.Problem(rel, e, true)
	}
}

// CargoLock returns the Cargo.lock at rel, once per scan (nil when
// unreadable): by the line reader when Cargo wrote it, else from the
// engine's TOML parse, which reports what is wrong with it.
func (fs *Files) CargoLock(rel string) *Lockfile {
	v, _ := fs.once("cargolock:"+rel, func() any {
		f := fs.tree.Read(rel)
		if f == nil {
			return (*Lockfile)(nil)
		}
		if lk, ok := cargoLockFast(f); ok {
			return lk
		}
		root := fs.tree.ParseTOML(rel)
		if root == nil {
			return (*Lockfile)(nil)
		}
		lk := CargoLockFromNode(f, root)
		reportDiags(fs.tree, rel, lk)
		return lk
	}).(*Lockfile)
	return v
}

// Lockfile returns the JS lockfile at rel, once per scan.
func (fs *Files) Lockfile(rel string) *Lockfile { return parseOnce(fs, rel, ParseLockfile) }

// PackageJSON returns the package.json at rel, once per scan.
func (fs *Files) PackageJSON(rel string) *PackageJSON { return parseOnce(fs, rel, ParsePackageJSON) }

// FindUp looks for any of names in dir and its parents up to the scanned
// root and returns the first root-relative path that exists.
func FindUp(t Tree, dir string, names ...string) string {
	for {
		for _, n := range names {
			if cand := path.Join(dir, n); t.Exists(cand) {
				return cand
			}
		}
		if dir == "." || dir == "" || dir == "/" {
			return ""
		}
		dir = path.Dir(dir)
	}
}
