package rules

import (
	"context"
	"testing"
	"testing/fstest"
)

// Two apps of one workspace lock different tauri versions: each app's
// version (ACL loader, acl command, rules) is the one its crate depends on.
func TestTauriVersionPerApp(t *testing.T) {
	lock := `version = 4
[[package]]
name = "a"
version = "0.1.0"
dependencies = ["tauri 2.1.0"]
[[package]]
name = "b"
version = "0.1.0"
dependencies = ["tauri 2.9.0"]
[[package]]
name = "tauri"
version = "2.9.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
[[package]]
name = "tauri"
version = "2.1.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
`
	fsys := fstest.MapFS{
		"Cargo.toml":              {Data: []byte("[workspace]\nmembers = [\"a\", \"b\"]\n[workspace.dependencies]\ntauri = \"2\"\n")},
		"Cargo.lock":              {Data: []byte(lock)},
		"a/tauri.conf.json":       {Data: []byte(`{"identifier": "com.example.a"}`)},
		"a/Cargo.toml":            {Data: []byte("[package]\nname = \"a\"\n[dependencies]\ntauri = { workspace = true }\n")},
		"b/tauri.conf.json":       {Data: []byte(`{"identifier": "com.example.b"}`)},
		"b/Cargo.toml":            {Data: []byte("[package]\nname = \"b\"\n")},
		".github/workflows/x.yml": {Data: []byte("on: push\n")},
	}
	ps, err := LoadFS(context.Background(), fsys, LoadOptions{})
	if err != nil || len(ps) != 2 {
		t.Fatalf("load: %v, %d apps", err, len(ps))
	}
	want := map[string]string{"a": "2.1.0", "b": "2.9.0"}
	for _, p := range ps {
		if got := p.TauriVersion(); got != want[p.Dir] {
			t.Errorf("%s: TauriVersion %q, want %q", p.Dir, got, want[p.Dir])
		}
		if got := p.ACL().Version.String(); got != want[p.Dir] {
			t.Errorf("%s: ACL version %q, want %q", p.Dir, got, want[p.Dir])
		}
		if Deps.Of(p).CargoLock != Deps.Of(ps[0]).CargoLock || Workflows.Of(p) != Workflows.Of(ps[0]) {
			t.Errorf("%s: the Cargo.lock and workflows must be parsed once per scan", p.Dir)
		}
	}
	if ws, dir := ps[0].WorkspaceDep("tauri"); ws == nil || dir != "." {
		t.Errorf("WorkspaceDep(tauri) = %v, %q", ws, dir)
	}
}
