package rules

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/tauriaudit/tauriaudit/capabilities/plugindb"
)

// TestPluginPrecedence: a committed acl-manifests.json wins over the
// crate's own files, which win over the embedded database; a community
// plugin found nowhere stays missing.
func TestPluginPrecedence(t *testing.T) {
	t.Setenv("CARGO_HOME", t.TempDir())
	fsys := fstest.MapFS{
		"src-tauri/tauri.conf.json": {Data: []byte(minimalConfig)},
		"src-tauri/Cargo.toml": {Data: []byte(`[package]
name = "app"
[dependencies]
tauri-plugin-fs = "2"
tauri-plugin-shell = { path = "../shell" }
tauri-plugin-dialog = "2"
tauri-plugin-os = "2"
tauri-plugin-http = { git = "https://example.com/fork" }
tauri-plugin-acme = "1"
tauri-plugin-single-instance = "2"
`)},
		"src-tauri/Cargo.lock": {Data: []byte(`
[[package]]
name = "tauri-plugin-fs"
version = "2.0.3"
[[package]]
name = "tauri-plugin-dialog"
version = "2.0.2"
[[package]]
name = "tauri-plugin-http"
version = "2.0.1"
`)},
		"package.json": {Data: []byte(`{"dependencies": {"@tauri-apps/plugin-os": "^2.2.1"}}`)},
		"src-tauri/gen/schemas/acl-manifests.json": {Data: []byte(`{"fs": {"default_permission": null,
  "permissions": {"allow-only": {"identifier": "allow-only", "commands": {"allow": ["only"], "deny": []}}},
  "permission_sets": {}, "global_scope_schema": null}}`)},
		"shell/Cargo.toml":             {Data: []byte("[package]\nname = \"tauri-plugin-shell\"\nlinks = \"tauri-plugin-shell\"\n")},
		"shell/permissions/local.toml": {Data: []byte("[[permission]]\nidentifier = \"allow-local\"\ncommands.allow = [\"local\"]\n")},
	}
	ps, err := LoadFS(context.Background(), fsys, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	st := ps[0].ACL()
	want := map[string]string{
		"fs": FromCommitted, "shell": FromCrate, "dialog": FromDatabase, "os": FromDatabase,
		"http": FromDatabase, "acme": FromNowhere, "single-instance": FromNone,
	}
	for key, src := range want {
		if o := st.Origins[key]; o == nil || o.Source != src {
			t.Errorf("%s: origin %+v, want source %q", key, o, src)
		}
	}
	acl := st.Model.ACL
	if fs := acl.Get("fs"); fs == nil || fs.Permissions["allow-only"] == nil || fs.Permissions["allow-read-file"] != nil {
		t.Error("fs must come from the committed manifest alone")
	}
	if sh := acl.Get("shell"); sh == nil || sh.Permissions["allow-local"] == nil || sh.Permissions["allow-execute"] != nil {
		t.Error("shell must come from its path crate alone")
	}
	if d := acl.Get("dialog"); d == nil || d.Permissions["allow-open"] == nil || st.Origins["dialog"].Release != "2.0.2" {
		t.Errorf("dialog from the database at the locked 2.0.2: %+v", st.Origins["dialog"])
	}
	os := st.Origins["os"]
	if os.Version != "2.2.1" || os.VersionFrom != "package.json" || os.Release != "2.2.1" || os.Note == "" {
		t.Errorf("os: version from package.json, said in a note: %+v", os)
	}
	if h := st.Origins["http"]; h.Release != "2.0.1" || h.Note == "" {
		t.Errorf("http git dependency: database release with a note: %+v", h)
	}
	if len(st.MissingPlugins) != 1 || st.MissingPlugins[0].Key != "acme" {
		t.Errorf("missing %v, want only acme", st.MissingPlugins)
	}
	if !plugindb.Has("dialog") {
		t.Fatal("the database must hold dialog")
	}
}

// TestPluginManifestsFolder: --plugin-manifests supplies a community
// plugin from a crate folder and another from an acl-manifests.json, above
// the embedded database and below the app's own sources.
func TestPluginManifestsFolder(t *testing.T) {
	t.Setenv("CARGO_HOME", t.TempDir())
	dir := t.TempDir()
	write(t, dir, "tauri-plugin-acme-1.2.0/permissions/default.toml", []byte("[default]\npermissions = [\"allow-run\"]\n[[permission]]\nidentifier = \"allow-run\"\ncommands.allow = [\"run\"]\n"))
	write(t, dir, "apps/gen/acl-manifests.json", []byte(`{"beta": {"default_permission": null, "permissions":
 {"allow-go": {"identifier": "allow-go", "commands": {"allow": ["go"], "deny": []}}}, "permission_sets": {}, "global_scope_schema": null},
 "dialog": {"default_permission": null, "permissions": {}, "permission_sets": {}, "global_scope_schema": null}}`))
	fsys := fstest.MapFS{
		"src-tauri/tauri.conf.json": {Data: []byte(minimalConfig)},
		"src-tauri/Cargo.toml":      {Data: []byte("[package]\nname = \"app\"\n[dependencies]\ntauri-plugin-acme = \"1\"\ntauri-plugin-beta = \"1\"\ntauri-plugin-gamma = \"1\"\n")},
		"src-tauri/Cargo.lock":      {Data: []byte("[[package]]\nname = \"tauri-plugin-acme\"\nversion = \"1.2.0\"\n")},
	}
	ps, err := LoadFS(context.Background(), fsys, LoadOptions{Settings: Settings{PluginManifests: dir}})
	if err != nil {
		t.Fatal(err)
	}
	st := ps[0].ACL()
	for key, src := range map[string]string{"acme": FromFlag, "beta": FromFlag, "gamma": FromNowhere} {
		if o := st.Origins[key]; o.Source != src {
			t.Errorf("%s: %+v, want %s", key, o, src)
		}
	}
	acl := st.Model.ACL
	if m := acl.Get("acme"); m == nil || m.Permissions["allow-run"] == nil || m.Default == nil {
		t.Error("acme must come from its crate folder")
	}
	if m := acl.Get("beta"); m == nil || m.Permissions["allow-go"] == nil {
		t.Error("beta must come from the acl-manifests.json")
	}
	if acl.Get("dialog") != nil {
		t.Error("a manifest of a plugin the app does not use was loaded")
	}
}
