package deps

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// memTree is an in-memory Tree that counts parses and records problems.
type memTree struct {
	files    map[string]string
	reads    map[string]int
	problems []string
}

func newMemTree(files map[string]string) *memTree {
	return &memTree{files: files, reads: map[string]int{}}
}

func (m *memTree) Exists(rel string) bool { _, ok := m.files[rel]; return ok }

func (m *memTree) FilesUnder(dir string) []string {
	var out []string
	for k := range m.files {
		if dir == "." || strings.HasPrefix(k, dir+"/") {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func (m *memTree) Read(rel string) *source.File {
	s, ok := m.files[rel]
	if !ok {
		return nil
	}
	m.reads[rel]++
	return source.NewFile(rel, []byte(s))
}

func (m *memTree) ParseTOML(rel string) *source.Node {
	f := m.Read(rel)
	if f == nil {
		return nil
	}
	root, _, err := source.ParseTOML(f)
	if err != nil {
		m.Problem(rel, err, false)
		return nil
	}
	return root
}

func (m *memTree) Problem(rel string, err error, warning bool) {
	m.problems = append(m.problems, fmt.Sprintf("%s warning=%v: %v", rel, warning, err))
}

func TestLoadAppWorkspace(t *testing.T) {
	tomlReady(t)
	tree := newMemTree(map[string]string{
		"Cargo.toml": `[workspace]
members = ["apps/*", "crates/util"]
[workspace.dependencies]
tauri = "2"
util = { path = "crates/util" }
`,
		"apps/desk/Cargo.toml": `[package]
name = "desk"
version = "0.1.0"
[dependencies]
tauri = { workspace = true }
util = { workspace = true }
`,
		"crates/util/Cargo.toml": "[package]\nname = \"util\"\nversion = \"0.1.0\"\n",
		"Cargo.lock": `version = 4
[[package]]
name = "desk"
version = "0.1.0"
dependencies = ["tauri 2.1.0", "util"]
[[package]]
name = "tauri"
version = "2.1.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
[[package]]
name = "tauri"
version = "2.9.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
`,
		"apps/desk/package.json":   `{"name": "desk", "dependencies": {"@tauri-apps/api": "^2.1.0"}}`,
		"pnpm-lock.yaml":           "lockfileVersion: '9.0'\n",
		"bun.lockb":                "binary",
		".github/workflows/ci.yml": "on: push\njobs: {}\n",
	})
	fs := NewFiles(tree)
	set := LoadWorkflows(fs)
	a := LoadApp(fs, LoadCargo(fs, "apps/desk"), "apps/desk", "../dist", set.Root)
	if a.RootDir != "." || a.Root == nil || a.Manifest == nil || a.Manifest.Package.Name != "desk" {
		t.Fatalf("workspace root %q, manifest %v", a.RootDir, a.Manifest)
	}
	var crates []string
	for _, c := range a.Crates {
		crates = append(crates, c.File)
	}
	if want := []string{"apps/desk/Cargo.toml", "crates/util/Cargo.toml", "Cargo.toml"}; !slices.Equal(crates, want) {
		t.Errorf("crates %v, want %v", crates, want)
	}
	if v := a.LockedVersion("tauri"); v != "2.1.0" {
		t.Errorf("tauri %q: the app crate's own dependency must win over the highest", v)
	}
	if d := a.WorkspaceDep("util"); d == nil || d.Path != "crates/util" {
		t.Errorf("workspace dep util = %v", d)
	}
	if len(a.Packages) != 1 || len(a.JSLocks) != 1 || !slices.Equal(a.JSLockPaths, []string{"pnpm-lock.yaml", "bun.lockb"}) {
		t.Errorf("packages %d, locks %d, paths %v", len(a.Packages), len(a.JSLocks), a.JSLockPaths)
	}
	if len(a.Workflows) != 1 || len(a.AllLocks()) != 2 {
		t.Errorf("workflows %d, locks %d", len(a.Workflows), len(a.AllLocks()))
	}
	// A second app of the scan shares the parsed lockfiles.
	b := LoadApp(fs, LoadCargo(fs, "apps/desk"), "apps/desk", "", set.Root)
	if b.CargoLock != a.CargoLock || b.JSLocks[0] != a.JSLocks[0] || tree.reads["pnpm-lock.yaml"] != 1 {
		t.Errorf("shared files were parsed again (pnpm reads %d)", tree.reads["pnpm-lock.yaml"])
	}
}

func TestWorkspaceRootDirMembership(t *testing.T) {
	tomlReady(t)
	tree := newMemTree(map[string]string{
		"Cargo.toml":         "[workspace]\nmembers = [\"a\"]\nexclude = [\"b\"]\n",
		"a/Cargo.toml":       "[package]\nname = \"a\"\n",
		"b/Cargo.toml":       "[package]\nname = \"b\"\n",
		"c/Cargo.toml":       "[package]\nname = \"c\"\n[workspace]\n",
		"c/inner/Cargo.toml": "[package]\nname = \"inner\"\n",
	})
	for dir, want := range map[string]string{"a": ".", "b": "", "c": "c", "c/inner": ""} {
		if got := WorkspaceRootDir(tree, dir); got != want {
			t.Errorf("WorkspaceRootDir(%q) = %q, want %q", dir, got, want)
		}
	}
}

func TestLoadWorkflows(t *testing.T) {
	tree := newMemTree(map[string]string{
		".github/workflows/ok.yml":          "on:\n  push:\n    tags: ['v*']\njobs: {}\n",
		".github/workflows/bad.yml":         "on: [\n",
		".github/workflows/nested/x.yml":    "on: push\n",
		"sub/.github/workflows/broken.yaml": "on: [\n",
		"sub/.github/workflows/fine.yaml":   "on: release\n",
		".github/workflows/readme.md":       "# not a workflow",
	})
	set := LoadWorkflows(NewFiles(tree))
	var all, root []string
	for _, w := range set.All {
		all = append(all, w.File)
	}
	for _, w := range set.Root {
		root = append(root, w.File)
	}
	if want := []string{".github/workflows/nested/x.yml", ".github/workflows/ok.yml", "sub/.github/workflows/fine.yaml"}; !slices.Equal(all, want) {
		t.Errorf("all %v, want %v", all, want)
	}
	if !slices.Equal(root, []string{".github/workflows/ok.yml"}) {
		t.Errorf("root %v", root)
	}
	if len(tree.problems) != 1 || !strings.HasPrefix(tree.problems[0], ".github/workflows/bad.yml warning=false") {
		t.Errorf("problems %q: only a root workflow that does not parse is an input problem", tree.problems)
	}
	if !set.Root[0].PushesTags() || set.All[2].PushesTags() {
		t.Error("PushesTags")
	}
	for _, w := range set.All {
		if path.Ext(w.File) == ".md" {
			t.Errorf("%s is no workflow", w.File)
		}
	}
}
