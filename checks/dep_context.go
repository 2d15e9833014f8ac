package checks

import (
	"path"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// depModel is what the TA-DEP rules read about one app, loaded once per
// project. Files shared by several apps of a monorepo (a root Cargo.lock,
// the workflows) are parsed per app; the runner drops the duplicate
// findings because they sit at the same place with the same text.
type depModel struct {
	// Manifest is the app crate's Cargo.toml (nil when there is none);
	// Root the workspace root manifest (Manifest itself outside a
	// workspace), RootDir its directory.
	Manifest *deps.CargoManifest
	Root     *deps.CargoManifest
	RootDir  string
	// Crates are the app crate, the local path dependencies reached from
	// it and the workspace root: every manifest that shapes the build.
	Crates []*deps.CargoManifest
	// CargoLock is the nearest Cargo.lock (nil when none).
	CargoLock *deps.Lockfile
	// Packages are the frontend's package.json files; JSLocks the parsed
	// lockfiles next to (or above) them and JSLockPaths every lockfile
	// found, including the binary bun.lockb.
	Packages    []*deps.PackageJSON
	JSLocks     []*deps.Lockfile
	JSLockPaths []string
	// Workflows are the GitHub workflows at the scanned root.
	Workflows []*depWorkflow
}

// jsLockNames are the JS lockfiles, in the order they are looked for.
var jsLockNames = []string{"package-lock.json", "npm-shrinkwrap.json", "pnpm-lock.yaml", "yarn.lock", "bun.lock", "bun.lockb", "deno.lock"}

// maxLocalCrates bounds the walk over path dependencies.
const maxLocalCrates = 200

func depModelOf(p *rules.Project) *depModel {
	m, _ := p.Memo("checks.depModel", func() any { return loadDepModel(p) }).(*depModel)
	return m
}

func loadDepModel(p *rules.Project) *depModel {
	m := &depModel{}
	m.loadCargo(p)
	m.loadJS(p)
	m.Workflows = loadWorkflows(p)
	return m
}

// loadCargo reads the app manifest, its workspace root, the local crates
// it depends on, and the nearest Cargo.lock.
func (m *depModel) loadCargo(p *rules.Project) {
	m.Manifest = readManifest(p, p.Dir)
	m.Root, m.RootDir = m.Manifest, p.Dir
	if dir := workspaceRootDir(p); dir != "" && dir != p.Dir {
		m.Root, m.RootDir = readManifest(p, dir), dir
	}
	if m.Root != nil {
		m.Root.ResolveWorkspace(m.Root)
	}
	if m.Manifest != nil {
		m.Crates = localCrates(p, m.Manifest, p.Dir, m.Root, m.RootDir)
	}
	if m.Root != nil && !slices.Contains(m.Crates, m.Root) {
		m.Crates = append(m.Crates, m.Root)
	}
	if lock := p.FindUp("Cargo.lock"); lock != "" {
		m.CargoLock = p.ScanMemo("deps.cargolock:"+lock, func() any {
			f, root := p.Read(lock), p.Parse(lock, rules.TOML)
			if f == nil || root == nil {
				return (*deps.Lockfile)(nil)
			}
			lk := deps.CargoLockFromNode(f, root)
			reportDiags(p, lock, lk)
			return lk
		}).(*deps.Lockfile)
	}
}

// readManifest parses dir/Cargo.toml, or returns nil.
func readManifest(p *rules.Project, dir string) *deps.CargoManifest {
	rel := path.Join(dir, "Cargo.toml")
	if !p.Exists(rel) {
		return nil
	}
	f, root := p.Read(rel), p.Parse(rel, rules.TOML)
	if f == nil || root == nil {
		return nil
	}
	m := deps.CargoManifestFromNode(f, root) // per app: workspace resolution fills it in
	reportDiags(p, rel, m)
	return m
}

// workspaceRootDir returns the directory of the nearest Cargo.toml at or
// above the app whose [workspace] has the app as a member, or "".
func workspaceRootDir(p *rules.Project) string {
	for dir := p.Dir; ; dir = path.Dir(dir) {
		if rel := path.Join(dir, "Cargo.toml"); p.Exists(rel) {
			ws := p.Parse(rel, rules.TOML).Get("workspace")
			if ws != nil && (dir == p.Dir || workspaceMember(ws, dir, p.Dir)) {
				return dir
			}
		}
		if dir == "." || dir == "/" || dir == "" {
			return ""
		}
	}
}

// workspaceMember reports whether app (root-relative) matches one of the
// [workspace] members globs of the workspace at dir and no exclude.
func workspaceMember(ws *source.Node, dir, app string) bool {
	rel := strings.TrimPrefix(app, dir+"/")
	if dir == "." {
		rel = app
	}
	matches := func(list *source.Node) bool {
		for _, it := range list.Items() {
			pat := path.Clean(strings.TrimPrefix(it.String(), "./"))
			if ok, _ := path.Match(pat, rel); ok || pat == rel {
				return true
			}
		}
		return false
	}
	return matches(ws.Get("members")) && !matches(ws.Get("exclude"))
}

// localCrates walks path dependencies from the app crate, resolving
// workspace inheritance against root. Paths that leave the scanned tree
// are not followed.
func localCrates(p *rules.Project, app *deps.CargoManifest, appDir string, root *deps.CargoManifest, rootDir string) []*deps.CargoManifest {
	out := []*deps.CargoManifest{app}
	seen := map[string]bool{appDir: true}
	queue := []string{appDir}
	byDir := map[string]*deps.CargoManifest{appDir: app}
	for len(queue) > 0 && len(out) < maxLocalCrates {
		dir := queue[0]
		queue = queue[1:]
		man := byDir[dir]
		man.ResolveWorkspace(root)
		for _, d := range man.Dependencies {
			if d.Path == "" {
				continue
			}
			base := dir
			if d.Inherited {
				base = rootDir
			}
			next := path.Clean(path.Join(base, d.Path))
			if seen[next] || next == ".." || strings.HasPrefix(next, "../") {
				continue
			}
			seen[next] = true
			if cm := readManifest(p, next); cm != nil {
				byDir[next] = cm
				out = append(out, cm)
				queue = append(queue, next)
			}
		}
	}
	return out
}

// loadJS finds the frontend package.json files and their lockfiles: the
// nearest package.json from the app directory and from its parent (the
// frontend usually sits one level above src-tauri), and the one nearest
// to build.frontendDist.
func (m *depModel) loadJS(p *rules.Project) {
	var dirs []string
	for _, start := range frontendStarts(p) {
		if rel := findUpFrom(p, start, "package.json"); rel != "" && !slices.Contains(dirs, path.Dir(rel)) {
			dirs = append(dirs, path.Dir(rel))
		}
	}
	for _, dir := range dirs {
		rel := path.Join(dir, "package.json")
		if pj := parseShared(p, rel, deps.ParsePackageJSON); pj != nil {
			m.Packages = append(m.Packages, pj)
		}
		m.addJSLocks(p, dir)
	}
}

// frontendStarts are the directories the frontend search starts from.
func frontendStarts(p *rules.Project) []string {
	starts := []string{p.Dir, path.Dir(p.Dir)}
	if p.Base == nil {
		return starts
	}
	dist, ok := configAt(p.Base.Root, "build", "frontendDist").Str()
	if ok && parseAbsURL(dist) == nil {
		d := path.Clean(path.Join(p.Dir, dist))
		if d != ".." && !strings.HasPrefix(d, "../") {
			starts = append(starts, d)
		}
	}
	return starts
}

// addJSLocks records the lockfiles of the nearest directory at or above
// dir that holds any.
func (m *depModel) addJSLocks(p *rules.Project, dir string) {
	first := findUpFrom(p, dir, jsLockNames...)
	if first == "" {
		return
	}
	lockDir := path.Dir(first)
	for _, name := range jsLockNames {
		rel := path.Join(lockDir, name)
		if !p.Exists(rel) || slices.Contains(m.JSLockPaths, rel) {
			continue
		}
		m.JSLockPaths = append(m.JSLockPaths, rel)
		if !deps.IsLockfile(rel) {
			continue // bun.lockb is binary
		}
		if lk := parseShared(p, rel, deps.ParseLockfile); lk != nil {
			m.JSLocks = append(m.JSLocks, lk)
		}
	}
}

// parseShared parses the file at rel with parse once per scan (apps of a
// monorepo share lockfiles and workflows). A file the parser rejects is
// recorded as an input problem (TA-CFG-000) and gives nil.
func parseShared[T any](p *rules.Project, rel string, parse func(*source.File) (*T, error)) *T {
	v, _ := p.ScanMemo("deps.parse:"+rel, func() any {
		f := p.Read(rel)
		if f == nil {
			return (*T)(nil)
		}
		out, err := parse(f)
		if err != nil {
			p.AddProblem(rel, rules.Error, err)
			return (*T)(nil)
		}
		reportDiags(p, rel, out)
		return out
	}).(*T)
	return v
}

// reportDiags records a parsed file's recoverable problems as warnings.
func reportDiags(p *rules.Project, rel string, v any) {
	d, ok := v.(interface{ Diags() []*source.Error })
	if !ok {
		return
	}
	for _, e := range d.Diags() {
		p.AddProblem(rel, rules.Warning, e)
	}
}

// findUpFrom looks for any of names in dir and its parents up to the
// scanned root and returns the first root-relative path that exists.
func findUpFrom(p *rules.Project, dir string, names ...string) string {
	for {
		for _, n := range names {
			if cand := path.Join(dir, n); p.Exists(cand) {
				return cand
			}
		}
		if dir == "." || dir == "" || dir == "/" {
			return ""
		}
		dir = path.Dir(dir)
	}
}

// loadWorkflows parses the workflow files GitHub runs: the .yml/.yaml
// files directly in .github/workflows of the scanned root.
func loadWorkflows(p *rules.Project) []*depWorkflow {
	var out []*depWorkflow
	for _, rel := range p.FilesUnder(".github/workflows") {
		ext := path.Ext(rel)
		if path.Dir(rel) != ".github/workflows" || (ext != ".yml" && ext != ".yaml") {
			continue
		}
		if w := parseShared(p, rel, deps.ParseWorkflow); w != nil {
			out = append(out, &depWorkflow{Workflow: w, File: p.Read(rel)})
		}
	}
	return out
}

// allLocks returns the Cargo.lock and the JS lockfiles.
func (m *depModel) allLocks() []*deps.Lockfile {
	var out []*deps.Lockfile
	if m.CargoLock != nil {
		out = append(out, m.CargoLock)
	}
	return append(out, m.JSLocks...)
}

// cargoDeps returns every dependency declaration of the app's crates
// (their tables, [workspace.dependencies], [patch] and [replace]).
func (m *depModel) cargoDeps() []*deps.CargoDep {
	var out []*deps.CargoDep
	for _, c := range m.Crates {
		out = append(out, c.Dependencies...)
		if c.Workspace != nil {
			out = append(out, c.Workspace.Dependencies...)
		}
		out = append(out, c.Patches...)
		out = append(out, c.Replace...)
	}
	return out
}

// isExampleApp reports an app under an examples/ (or example/) folder:
// sample code that is rarely shipped, whose missing lockfiles are notes.
func isExampleApp(p *rules.Project) bool {
	for _, seg := range strings.Split(p.Dir, "/") {
		if seg == "examples" || seg == "example" {
			return true
		}
	}
	return false
}
