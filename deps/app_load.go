package deps

import (
	"path"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// JSLockNames are the JS lockfiles, in the order they are looked for.
var JSLockNames = []string{"package-lock.json", "npm-shrinkwrap.json", "pnpm-lock.yaml", "yarn.lock", "bun.lock", "bun.lockb", "deno.lock"}

// maxLocalCrates bounds the walk over path dependencies.
const maxLocalCrates = 200

// LoadApp builds the dependency model of the app whose config lives in
// dir (root-relative), around its Cargo model (LoadCargo) and the
// workflows of the scan. frontendDist is build.frontendDist from its
// config when it is a local folder ("" otherwise): one more place to look
// for the frontend's package.json.
func LoadApp(fs *Files, c *Cargo, dir, frontendDist string, workflows []*Workflow) *App {
	a := &App{Cargo: c, Workflows: workflows}
	a.loadJS(fs, dir, frontendDist)
	return a
}

// LoadCargo reads the app manifest, its workspace root, the local crates
// it depends on, and the nearest Cargo.lock. Manifests are read per app:
// workspace inheritance fills them in against the app's own root.
func LoadCargo(fs *Files, dir string) *Cargo {
	t := fs.tree
	c := &Cargo{Manifest: readManifest(t, dir), RootDir: dir}
	c.Root = c.Manifest
	if root := WorkspaceRootDir(t, dir); root != "" && root != dir {
		c.Root, c.RootDir = readManifest(t, root), root
	}
	if c.Root != nil {
		c.Root.ResolveWorkspace(c.Root)
	}
	if c.Manifest != nil {
		c.Crates = localCrates(t, c.Manifest, dir, c.Root, c.RootDir)
	}
	if c.Root != nil && !slices.Contains(c.Crates, c.Root) {
		c.Crates = append(c.Crates, c.Root)
	}
	if lock := FindUp(t, dir, "Cargo.lock"); lock != "" {
		c.CargoLock = fs.CargoLock(lock)
	}
	return c
}

// readManifest parses dir/Cargo.toml, or returns nil.
func readManifest(t Tree, dir string) *CargoManifest {
	rel := path.Join(dir, "Cargo.toml")
	if !t.Exists(rel) {
		return nil
	}
	f, root := t.Read(rel), t.ParseTOML(rel)
	if f == nil || root == nil {
		return nil
	}
	m := CargoManifestFromNode(f, root)
	reportDiags(t, rel, m)
	return m
}

// WorkspaceRootDir returns the directory of the nearest Cargo.toml at or
// above dir whose [workspace] has dir as a member (or is dir's own), or
// "" outside a workspace. This is the one workspace discovery: the ACL
// loader and the dependency rules both go through it.
func WorkspaceRootDir(t Tree, dir string) string {
	for d := dir; ; d = path.Dir(d) {
		if rel := path.Join(d, "Cargo.toml"); t.Exists(rel) {
			ws := t.ParseTOML(rel).Get("workspace")
			if ws != nil && (d == dir || workspaceMember(ws, d, dir)) {
				return d
			}
		}
		if d == "." || d == "/" || d == "" {
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
func localCrates(t Tree, app *CargoManifest, appDir string, root *CargoManifest, rootDir string) []*CargoManifest {
	out := []*CargoManifest{app}
	seen := map[string]bool{appDir: true}
	queue := []string{appDir}
	byDir := map[string]*CargoManifest{appDir: app}
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
			if cm := readManifest(t, next); cm != nil {
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
// to a local build.frontendDist.
func (a *App) loadJS(fs *Files, dir, frontendDist string) {
	var dirs []string
	for _, start := range frontendStarts(dir, frontendDist) {
		if rel := FindUp(fs.tree, start, "package.json"); rel != "" && !slices.Contains(dirs, path.Dir(rel)) {
			dirs = append(dirs, path.Dir(rel))
		}
	}
	for _, d := range dirs {
		if pj := fs.PackageJSON(path.Join(d, "package.json")); pj != nil {
			a.Packages = append(a.Packages, pj)
		}
		a.addJSLocks(fs, d)
	}
}

// frontendStarts are the directories the frontend search starts from.
// frontendDist counts when it is a folder inside the scanned tree.
func frontendStarts(dir, frontendDist string) []string {
	starts := []string{dir, path.Dir(dir)}
	if frontendDist == "" {
		return starts
	}
	if d := path.Clean(path.Join(dir, frontendDist)); d != ".." && !strings.HasPrefix(d, "../") {
		starts = append(starts, d)
	}
	return starts
}

// addJSLocks records the lockfiles of the nearest directory at or above
// dir that holds any. When they come from several package managers, the
// one installs use (ChooseJSLock) stays in JSLocks and the others go to
// StaleJSLocks.
func (a *App) addJSLocks(fs *Files, dir string) {
	first := FindUp(fs.tree, dir, JSLockNames...)
	if first == "" {
		return
	}
	lockDir := path.Dir(first)
	var rels []string
	for _, name := range JSLockNames {
		rel := path.Join(lockDir, name)
		if fs.tree.Exists(rel) && !slices.Contains(a.JSLockPaths, rel) {
			rels = append(rels, rel)
		}
	}
	a.JSLockPaths = append(a.JSLockPaths, rels...)
	parsed := func(rel string) *Lockfile {
		if !IsLockfile(rel) {
			return nil // bun.lockb is binary
		}
		return fs.Lockfile(rel)
	}
	choice := ChooseJSLock(rels, a.lockDirPackage(fs, lockDir, dir), a.Workflows, parsed)
	if choice != nil {
		a.LockChoices = append(a.LockChoices, choice)
	}
	for _, rel := range rels {
		lk := parsed(rel)
		switch {
		case lk == nil:
		case choice != nil && slices.Contains(choice.Stale, rel):
			a.StaleJSLocks = append(a.StaleJSLocks, lk)
		default:
			a.JSLocks = append(a.JSLocks, lk)
		}
	}
}

// lockDirPackage returns the package.json beside the lockfiles (where a
// workspace declares its packageManager), else the one in dir.
func (a *App) lockDirPackage(fs *Files, lockDir, dir string) *PackageJSON {
	for _, d := range []string{lockDir, dir} {
		if rel := path.Join(d, "package.json"); fs.tree.Exists(rel) {
			if pj := fs.PackageJSON(rel); pj != nil {
				return pj
			}
		}
	}
	return nil
}
