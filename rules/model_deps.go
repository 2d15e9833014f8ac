package rules

import (
	"net/url"
	"strings"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// The dependency models: the app's Cargo build (also what the ACL loader
// and the acl command read the tauri version from), its whole dependency
// model, and the scan's workflows. The deps package builds them; these
// declarations hand it the scanned tree.
var (
	// DepFiles parses each lockfile, package.json and workflow of the
	// scan once, whatever the number of apps.
	DepFiles = PerScan("deps.files", func(p *Project) *deps.Files { return deps.NewFiles(depTree{p}) })
	// Workflows is every GitHub workflow file of the scan, parsed once.
	Workflows = PerScan("deps.workflows", func(p *Project) *deps.WorkflowSet { return deps.LoadWorkflows(DepFiles.Of(p)) })
	// CargoBuild is the app's Cargo manifests, workspace and Cargo.lock.
	CargoBuild = PerApp("deps.cargo", func(p *Project) *deps.Cargo { return deps.LoadCargo(DepFiles.Of(p), p.Dir) })
	// Deps is the app's dependency model.
	Deps = PerApp("deps.app", loadDeps)
	// AdvisoryHits is the built-in advisories matched against each
	// lockfile, once per scan for all the advisory rules.
	AdvisoryHits = PerScan("deps.advisoryhits", func(*Project) *deps.HitIndex { return deps.NewHitIndex() })
)

func loadDeps(p *Project) *deps.App {
	return deps.LoadApp(DepFiles.Of(p), CargoBuild.Of(p), p.Dir, localFrontendDist(p), Workflows.Of(p).Root)
}

// localFrontendDist returns build.frontendDist when it names a local
// folder (not a dev-server URL), else "".
func localFrontendDist(p *Project) string {
	if p.Base == nil {
		return ""
	}
	dist, _ := p.Base.Root.Field("build").Field("frontendDist").Str()
	if u, err := url.Parse(strings.TrimSpace(dist)); err == nil && len(u.Scheme) >= 2 {
		return "" // a URL; "c:/dist" is a Windows path
	}
	return dist
}

// depTree is the scanned tree as deps reads it.
type depTree struct{ p *Project }

func (t depTree) Exists(rel string) bool            { return t.p.Exists(rel) }
func (t depTree) FilesUnder(dir string) []string    { return t.p.FilesUnder(dir) }
func (t depTree) Read(rel string) *source.File      { return t.p.Read(rel) }
func (t depTree) ParseTOML(rel string) *source.Node { return t.p.Parse(rel, TOML) }

func (t depTree) Problem(rel string, err error, warning bool) {
	level := Error
	if warning {
		level = Warning
	}
	t.p.AddProblem(rel, level, err)
}

// FindUpFrom looks for any of names in dir (root-relative) and its parents
// up to the scanned root and returns the first path that exists.
func (p *Project) FindUpFrom(dir string, names ...string) string {
	return deps.FindUp(depTree{p}, dir, names...)
}

// StrayLocks are the lockfiles of the scan no app builds with (tools,
// xtask, scripts), found once per scan.
var StrayLocks = PerScan("deps.straylocks", func(p *Project) []*deps.Lockfile {
	used := map[string]bool{}
	for _, app := range p.scanApps() {
		d := Deps.Of(app)
		for _, lk := range d.AllLocks() {
			used[lk.File] = true
		}
		for _, rel := range d.JSLockPaths {
			used[rel] = true
		}
	}
	return deps.StrayLockfiles(DepFiles.Of(p), used)
})

// RepoLockfiles returns the lockfiles no app builds with when p is the
// first app of the scan, else nil: rules report them once per scan, at
// repository level (Pass.ReportRepo).
func RepoLockfiles(p *Project) []*deps.Lockfile {
	if apps := p.scanApps(); apps[0] != p {
		return nil
	}
	return StrayLocks.Of(p)
}

// scanApps returns every app of p's scan (p alone when it was loaded on
// its own).
func (p *Project) scanApps() []*Project {
	if p.tree == nil || len(p.tree.apps) == 0 {
		return []*Project{p}
	}
	return p.tree.apps
}
