package rules

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime/debug"
	"slices"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// ErrNoApp means the scanned tree holds no Tauri app.
var ErrNoApp = errors.New("no Tauri app found (no tauri.conf.json, tauri.conf.json5 or Tauri.toml)")

// LoadOptions tune Load.
type LoadOptions struct {
	// Platforms to audit. Empty means the desktop targets plus each mobile
	// target the app shows signs of building (see mobileEvidence).
	Platforms []source.Platform
	Limits    Limits
	Settings  Settings
}

// baseNames are the base config files in Tauri's precedence (tauri-acl §2).
var baseNames = []string{"tauri.conf.json", "tauri.conf.json5", "Tauri.toml"}

// Load reads every Tauri app under root. It fails when root cannot be
// opened or holds no app, and when an input a setting names cannot be
// used (an *InputError: a path setting, or git history that does not
// resolve); problems with single files of the tree are recorded and
// reported as findings.
func Load(ctx context.Context, root string, opt LoadOptions) ([]*Project, error) {
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, err
	}
	in, err := openInputs(&opt.Settings)
	if err != nil {
		return nil, err
	}
	if opt.Settings.HistoryWanted() {
		if in.Repo, err = openHistoryRepo(root, &opt.Settings); err != nil {
			in.Close()
			return nil, err
		}
	}
	ps, err := loadFS(ctx, r.FS(), opt, in)
	if len(ps) > 0 {
		ps[0].tree.osRoot, _ = filepath.Abs(root)
	} else {
		in.Close()
	}
	return ps, err
}

// LoadFS is Load over any file system (tests use in-memory trees). Path
// settings still name OS paths; git history is never read.
func LoadFS(ctx context.Context, fsys fs.FS, opt LoadOptions) ([]*Project, error) {
	in, err := openInputs(&opt.Settings)
	if err != nil {
		return nil, err
	}
	ps, err := loadFS(ctx, fsys, opt, in)
	if len(ps) == 0 {
		in.Close()
	}
	return ps, err
}

func loadFS(ctx context.Context, fsys fs.FS, opt LoadOptions, in *Inputs) ([]*Project, error) {
	if opt.Limits == (Limits{}) {
		opt.Limits = DefaultLimits
	}
	t := &tree{fsys: fsys, limits: opt.Limits, files: &source.FileSet{}, settings: opt.Settings, inputs: in}
	if err := t.walk(); err != nil {
		return nil, err
	}
	dirs := appDirs(t)
	apps := make([]*Project, len(dirs))
	failed := make([]error, len(dirs))
	parallel(len(dirs), func(i int) {
		if ctx.Err() == nil {
			apps[i], failed[i] = loadAppGuarded(t, dirs[i], opt.Platforms)
		}
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := errors.Join(failed...); err != nil {
		return nil, err
	}
	if len(apps) == 0 {
		return nil, ErrNoApp
	}
	t.apps = apps
	return apps, nil
}

// appDirs returns every directory holding a base config file, sorted.
func appDirs(t *tree) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range t.paths {
		dir, name := path.Split(p)
		dir = path.Clean(dir)
		if slices.Contains(baseNames, name) && !seen[dir] {
			seen[dir] = true
			out = append(out, dir)
		}
	}
	slices.Sort(out)
	return out
}

// loadAppGuarded is loadApp on a worker goroutine: a panic becomes an
// error naming the app instead of killing the process.
func loadAppGuarded(t *tree, dir string, platforms []source.Platform) (p *Project, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("internal error loading the app in %s: %v\n%s", dir, v, debug.Stack())
		}
	}()
	return loadApp(t, dir, platforms), nil
}

func loadApp(t *tree, dir string, platforms []source.Platform) *Project {
	p := &Project{Dir: dir, tree: t, Overlays: map[source.Platform]*ConfigDoc{}}
	p.Base = p.loadConfig(baseNames[0], baseNames[1], baseNames[2])
	for _, pf := range source.Platforms {
		tag := pf.FileTag()
		if doc := p.loadConfig("tauri."+tag+".conf.json", "tauri."+tag+".conf.json5", "Tauri."+tag+".toml"); doc != nil {
			p.Overlays[pf] = doc
		}
	}
	p.applyConfigShape()
	if len(platforms) == 0 {
		platforms, p.DefaultTargets = p.defaultPlatforms(), true
	}
	for _, pf := range source.Platforms {
		if !slices.Contains(platforms, pf) {
			continue
		}
		tg := &Target{Platform: pf, Overlay: p.Overlays[pf]}
		if p.Base != nil {
			tg.Config = p.Base.Root
		}
		if tg.Overlay != nil {
			tg.Config = source.MergePatch(tg.Config, tg.Overlay.Root)
		}
		p.Targets = append(p.Targets, tg)
	}
	p.loadVariants()
	p.validateTargets()
	return p
}

// loadConfig reads the first existing of the given names (JSON, JSON5,
// TOML, Tauri's order). A file that exists but cannot be parsed stops the
// search, as it stops Tauri, and is reported as a problem.
func (p *Project) loadConfig(jsonName, json5Name, tomlName string) *ConfigDoc {
	for _, c := range []struct {
		name   string
		format Format
	}{{jsonName, JSONConfig}, {json5Name, JSON5}, {tomlName, TOML}} {
		rel := p.Path(c.name)
		if !p.tree.exists(rel) {
			continue
		}
		root, err := p.tree.parse(rel, c.format)
		if err != nil {
			return nil
		}
		if root.Kind != source.Object {
			p.tree.problem(root.Location(), Error, "config must be an object, found %s", root.Kind)
			return nil
		}
		return &ConfigDoc{File: p.tree.files.File(rel), Root: root}
	}
	return nil
}

// defaultPlatforms is every desktop target, plus android and iOS when the
// app shows that it builds for them: a generated mobile project, a platform
// config file, or mobile bundle settings.
func (p *Project) defaultPlatforms() []source.Platform {
	out := []source.Platform{source.Linux, source.MacOS, source.Windows}
	if p.mobileEvidence(source.Android, "gen/android", "android") {
		out = append(out, source.Android)
	}
	if p.mobileEvidence(source.IOS, "gen/apple", "iOS") {
		out = append(out, source.IOS)
	}
	return out
}

func (p *Project) mobileEvidence(pf source.Platform, genDir, bundleKey string) bool {
	if p.Overlays[pf] != nil || p.tree.dirs[p.Path(genDir)] {
		return true
	}
	return p.Base != nil && p.Base.Root.Get("bundle").Get(bundleKey) != nil
}

// String describes the project for messages.
func (p *Project) String() string { return fmt.Sprintf("app %s", p.Dir) }
