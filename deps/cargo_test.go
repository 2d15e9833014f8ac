package deps

import (
	"reflect"
	"testing"
)

const manifestFixture = `
[package]
name = "app"
version = "0.1.0"
rust-version = "1.77"

[lib]
crate-type = ["staticlib", "cdylib", "rlib"]

[[bin]]
name = "app-cli"

[dependencies]
tauri = { version = "2.1", features = ["tray-icon"] }
serde = "1"
shell = { package = "tauri-plugin-shell", version = "=2.2.0", optional = true, default-features = false }
aw = { git = "https://github.com/ActivityWatch/aw-server-rust.git", branch = "master" }
pinned = { git = "https://example.com/r", rev = "0b086c036b13178048252cddba2c46868a55352e" }
short = { git = "https://example.com/r", rev = "0b086c0" }
local = { path = "../local" }
private = { version = "1", registry = "my-reg" }
inherited = { workspace = true, features = ["extra"], optional = true }
bad = 3

[dependencies.tablestyle]
version = "0.5"
default_features = false

[dev-dependencies]
insta = "1.40"

[build-dependencies]
tauri-build = { version = "2", features = [] }

[target.'cfg(windows)'.dependencies]
windows = "0.58"

[target."cfg(target_os = \"macos\")".build-dependencies]
cc = "1"

[target.'cfg(unix)'.dependencies.nix]
version = "0.29"

[workspace]
members = ["crates/*"]
exclude = ["old"]

[workspace.dependencies]
inherited = { version = "1.2.3", features = ["base"], default-features = false }

[patch.crates-io]
tauri = { git = "https://github.com/tauri-apps/tauri", branch = "dev" }

[patch."https://github.com/infinilabs/fst-no-std"]
fst-no-std = { path = "../fst" }

[replace]
"foo:0.1.0" = { git = "https://example.com/foo" }

[features]
default = ["custom-protocol"]
custom-protocol = ["tauri/custom-protocol"]
`

func TestCargoManifest(t *testing.T) {
	tomlReady(t)
	f := file("src-tauri/Cargo.toml", manifestFixture)
	m, err := ParseCargoManifest(f)
	if err != nil {
		t.Fatal(err)
	}
	if m.Package == nil || m.Package.Name != "app" || m.Package.Version != "0.1.0" || m.Package.RustVersion != "1.77" {
		t.Errorf("package = %+v", m.Package)
	}
	if at(m.Package.Loc) != "2:1" {
		t.Errorf("package name at %s", at(m.Package.Loc))
	}
	if !reflect.DeepEqual(m.LibCrateTypes, []string{"staticlib", "cdylib", "rlib"}) || !reflect.DeepEqual(m.Bins, []string{"app-cli"}) {
		t.Errorf("lib %v bins %v", m.LibCrateTypes, m.Bins)
	}
	if len(m.Diagnostics) != 1 || at(m.Diagnostics[0].Loc) != "22:7" {
		t.Errorf("want one diagnostic for `bad = 3` at 22:7, got %v", m.Diagnostics)
	}
	var names []string
	for _, d := range m.Dependencies {
		names = append(names, d.Section+":"+d.Name)
	}
	want := []string{"dependencies:tauri", "dependencies:serde", "dependencies:shell", "dependencies:aw",
		"dependencies:pinned", "dependencies:short", "dependencies:local", "dependencies:private",
		"dependencies:inherited", "dependencies:tablestyle", "dev-dependencies:insta", "build-dependencies:tauri-build",
		"target.cfg(windows).dependencies:windows", `target.cfg(target_os = "macos").build-dependencies:cc`,
		"target.cfg(unix).dependencies:nix"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("dependencies:\n got %q\nwant %q", names, want)
	}

	tauri := m.Deps("tauri")[0]
	if tauri.Req != "2.1" || at(tauri.ReqLoc) != "13:21" || text(f, tauri.ReqLoc) != `"2.1"` || at(tauri.Loc) != "13:1" ||
		!reflect.DeepEqual(tauri.Features, []string{"tray-icon"}) || tauri.SourceKind() != SourceRegistry {
		t.Errorf("tauri = %+v", tauri)
	}
	shell := m.Deps("tauri-plugin-shell")[0]
	if shell.Name != "shell" || shell.Req != "=2.2.0" || !shell.Optional || shell.DefaultFeatures == nil || *shell.DefaultFeatures {
		t.Errorf("shell = %+v", shell)
	}
	aw := m.Deps("aw")[0]
	if aw.SourceKind() != SourceGit || aw.Branch != "master" || aw.GitPinned() || text(f, aw.RefLoc) != `"master"` {
		t.Errorf("aw = %+v", aw)
	}
	if !m.Deps("pinned")[0].GitPinned() || m.Deps("short")[0].GitPinned() {
		t.Error("pinning: full rev pins, short rev does not")
	}
	if l := m.Deps("local")[0]; l.SourceKind() != SourcePath || l.Path != "../local" {
		t.Errorf("local = %+v", l)
	}
	if p := m.Deps("private")[0]; p.Registry != "my-reg" {
		t.Errorf("private = %+v", p)
	}
	if ts := m.Deps("tablestyle")[0]; ts.Req != "0.5" || ts.DefaultFeatures == nil || *ts.DefaultFeatures {
		t.Errorf("tablestyle = %+v", ts)
	}
	if nix := m.Deps("nix")[0]; nix.Target != "cfg(unix)" || nix.Req != "0.29" {
		t.Errorf("nix = %+v", nix)
	}
	if cc := m.Deps("cc")[0]; cc.Kind != DepBuild || cc.Target != `cfg(target_os = "macos")` {
		t.Errorf("cc = %+v", cc)
	}

	if m.Workspace == nil || !reflect.DeepEqual(m.Workspace.Members, []string{"crates/*"}) || len(m.Workspace.Dependencies) != 1 {
		t.Fatalf("workspace = %+v", m.Workspace)
	}
	if len(m.Patches) != 2 || m.Patches[0].Section != "patch.crates-io" || m.Patches[0].Git == "" ||
		m.Patches[1].Section != "patch.https://github.com/infinilabs/fst-no-std" || m.Patches[1].Path != "../fst" {
		t.Errorf("patches = %+v", m.Patches)
	}
	if len(m.Replace) != 1 || m.Replace[0].Name != "foo:0.1.0" {
		t.Errorf("replace = %+v", m.Replace)
	}
	if !reflect.DeepEqual(m.Features["custom-protocol"], []string{"tauri/custom-protocol"}) {
		t.Errorf("features = %v", m.Features)
	}

	inh := m.Deps("inherited")[0]
	if !inh.Workspace || inh.Req != "" {
		t.Fatalf("before resolution: %+v", inh)
	}
	if errs := m.ResolveWorkspace(m); len(errs) != 0 {
		t.Fatal(errs)
	}
	if !inh.Inherited || inh.Req != "1.2.3" || at(inh.ReqLoc) != "48:25" || !inh.Optional ||
		!reflect.DeepEqual(inh.Features, []string{"base", "extra"}) || inh.DefaultFeatures == nil || *inh.DefaultFeatures {
		t.Errorf("after resolution: %+v", inh)
	}
}

func TestCargoWorkspaceMissing(t *testing.T) {
	tomlReady(t)
	root, err := ParseCargoManifest(file("Cargo.toml", "[workspace]\nmembers = [\"a\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	member, err := ParseCargoManifest(file("a/Cargo.toml", "[package]\nname = \"a\"\n[dependencies]\ntokio.workspace = true\n"))
	if err != nil {
		t.Fatal(err)
	}
	if root.Package != nil {
		t.Error("virtual manifest has no package")
	}
	errs := member.ResolveWorkspace(root)
	if len(errs) != 1 || at(errs[0].Loc) != "4:1" {
		t.Errorf("errs = %v", errs)
	}
}

func TestCargoConfig(t *testing.T) {
	tomlReady(t)
	f := file(".cargo/config.toml", `
[source.crates-io]
replace-with = "mirror"

[source.mirror]
replace-with = "vendored"

[source.vendored]
directory = "vendor"

[source.company]
registry = "sparse+https://cargo.example.com/index/"

[source.loop-a]
replace-with = "loop-b"
[source.loop-b]
replace-with = "loop-a"

[registries.my-reg]
index = "https://my-intranet:8080/git/index"

[registry]
default = "my-reg"
`)
	c, err := ParseCargoConfig(f)
	if err != nil || len(c.Diagnostics) != 0 {
		t.Fatal(err, c.Diagnostics)
	}
	chain := c.Replacement("crates-io")
	if len(chain) != 2 || chain[0].Name != "mirror" || chain[1].Name != "vendored" || chain[1].Directory != "vendor" {
		t.Errorf("chain = %+v", chain)
	}
	if at(c.Source("crates-io").ReplaceLoc) != "2:16" {
		t.Errorf("replace-with at %s", at(c.Source("crates-io").ReplaceLoc))
	}
	if got := c.Replacement("loop-a"); len(got) != 2 {
		t.Errorf("a cycle must stop: %d", len(got))
	}
	if len(c.Replacement("company")) != 0 {
		t.Error("company is not replaced")
	}
	if got := c.RegistryURLs(); !reflect.DeepEqual(got, []string{"sparse+https://cargo.example.com/index/", "https://my-intranet:8080/git/index"}) {
		t.Errorf("registry URLs %v", got)
	}
	if c.DefaultRegistry != "my-reg" {
		t.Errorf("default %q", c.DefaultRegistry)
	}
}
