package rules

import (
	"errors"
	"path"
	"sync"

	"github.com/tauriaudit/tauriaudit/internal/tauriconfig"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Project is one loaded Tauri app: everything a rule may look at.
type Project struct {
	// Dir is the app's config directory (where tauri.conf.json lives),
	// slash path relative to the scanned root; "." for the root itself.
	Dir string
	// Base is the base config file; Overlays the platform files by target.
	Base     *ConfigDoc
	Overlays map[source.Platform]*ConfigDoc
	// Targets is the app as built for each audited platform, in the fixed
	// order of source.Platforms.
	Targets []*Target
	// Variants are the builds with extra configuration (--config,
	// TAURI_CONFIG); Targets holds one target per platform for each.
	Variants []*Variant
	// DefaultTargets is true when Targets were chosen by the loader (no
	// --platform), so rules may reason about what the app builds.
	DefaultTargets bool

	tree   *tree
	shape  *tauriconfig.Shape // Tauri's config shape for the locked release; nil for v1
	models sync.Map           // per-app models (PerApp), keyed by *Model
}

// ConfigDoc is one parsed config file.
type ConfigDoc struct {
	File *source.File
	Root *source.Node
}

// Target is the app as built for one platform: the base config merged
// with that platform's file by JSON Merge Patch (tauri-acl §2).
type Target struct {
	Platform source.Platform
	Config   *source.Node
	Overlay  *ConfigDoc // nil when there is no platform file
	// Variant is the build variant merged on top; nil for the plain build.
	Variant *Variant
}

// RootDir is the absolute OS path of the scanned root, or "" when the
// tree is not on disk (tests). Only inputs that need real paths, such as
// git history, use it.
func (p *Project) RootDir() string { return p.tree.osRoot }

// Settings returns the scan options.
func (p *Project) Settings() *Settings { return &p.tree.settings }

// Inputs returns what the path settings name, read before the scan.
func (p *Project) Inputs() *Inputs { return p.tree.inputs }

// Files returns every file the scan read.
func (p *Project) Files() *source.FileSet { return p.tree.files }

// Path joins elem to the app directory as a slash path relative to the root.
func (p *Project) Path(elem ...string) string {
	return path.Clean(path.Join(append([]string{p.Dir}, elem...)...))
}

// Exists reports whether the scan saw a file at rel (root-relative).
func (p *Project) Exists(rel string) bool { return p.tree.exists(rel) }

// IsDir reports whether rel (root-relative) is a directory in the scan.
func (p *Project) IsDir(rel string) bool { return p.tree.dirs[rel] }

// FilesUnder lists every file below dir (root-relative), recursively,
// sorted. Dependency and VCS folders are never listed.
func (p *Project) FilesUnder(dir string) []string { return p.tree.under(dir) }

// Read returns the file at rel (root-relative), read once and capped.
// Unreadable files are recorded as problems; nil means "not available".
func (p *Project) Read(rel string) *source.File {
	f, err := p.tree.read(rel)
	if err != nil {
		return nil
	}
	return f
}

// Parse returns the parsed document at rel in the given format, or nil
// when it cannot be read or parsed (the reason is recorded as a problem).
func (p *Project) Parse(rel string, format Format) *source.Node {
	n, err := p.tree.parse(rel, format)
	if err != nil {
		return nil
	}
	return n
}

// Problems returns every input problem recorded so far for the whole scan.
func (p *Project) Problems() []Problem {
	p.tree.mu.Lock()
	defer p.tree.mu.Unlock()
	return append([]Problem(nil), p.tree.problems...)
}

// AddProblem records an input problem found while a rule interpreted a
// file (a lockfile the loader read but a domain parser rejected); rule
// TA-CFG-000 reports it. Positioned *source.Error values keep their place.
func (p *Project) AddProblem(file string, level Level, err error) {
	var se *source.Error
	if errors.As(err, &se) {
		p.tree.problem(se.Loc, level, "%s", se.Msg)
		return
	}
	p.tree.problem(source.Location{File: file}, level, "%v", err)
}

// FindUp looks for name in the app directory and its parents up to the
// scanned root, returning the first root-relative path that exists.
func (p *Project) FindUp(name string) string { return p.FindUpFrom(p.Dir, name) }

// Platforms returns the audited platforms.
func (p *Project) Platforms() []source.Platform {
	var out []source.Platform
	for _, t := range p.Targets {
		if t.Variant == nil {
			out = append(out, t.Platform)
		}
	}
	return out
}
