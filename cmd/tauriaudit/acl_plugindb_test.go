package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/tauriaudit/tauriaudit/capabilities/plugindb"
	"github.com/tauriaudit/tauriaudit/internal/testenv"
)

type originJSON struct {
	Key, Version, Source, Release, Match string
}

type commandJSON struct {
	Command   string
	Allowed   bool
	Windows   []string
	GrantedBy []struct{ Permission string } `json:"granted_by"`
}

// TestACLOfficialPluginsOffline resolves BongoCat's ACL with an empty
// Cargo registry and no committed acl-manifests.json: the embedded
// database supplies fs 2.5.0, so fs:write-all allows write_file for every
// window and the capability's fs:scope puts **/* in fs's global scope.
func TestACLOfficialPluginsOffline(t *testing.T) {
	t.Setenv("CARGO_HOME", t.TempDir())
	dir := testenv.Shared(t, "corpus/ayangweb__BongoCat")
	out, stderr, code := invoke(t, "acl", "--format", "json", "--platform", "linux", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		Apps []struct {
			Plugins   []originJSON
			Platforms map[string]struct {
				Commands     []commandJSON
				GlobalScopes map[string]struct{ Allow []any } `json:"global_scopes"`
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Apps) != 1 {
		t.Fatalf("%v: %s", err, out)
	}
	app := doc.Apps[0]
	i := slices.IndexFunc(app.Plugins, func(p originJSON) bool { return p.Key == "fs" })
	if i < 0 || app.Plugins[i].Source != "embedded database" || app.Plugins[i].Release != "2.5.0" || app.Plugins[i].Match != "exact" {
		t.Fatalf("fs origin: %+v", app.Plugins)
	}
	linux := app.Platforms["linux"]
	j := slices.IndexFunc(linux.Commands, func(c commandJSON) bool { return c.Command == "plugin:fs|write_file" })
	if j < 0 || !linux.Commands[j].Allowed || !slices.Contains(linux.Commands[j].Windows, "*") {
		t.Fatalf("plugin:fs|write_file not allowed for every window: %+v", linux.Commands)
	}
	if g := linux.Commands[j].GrantedBy; len(g) == 0 || g[0].Permission != "fs:write-all" {
		t.Errorf("write_file granted by %+v, want fs:write-all", g)
	}
	if s := linux.GlobalScopes["fs"].Allow; !slices.Contains(s, any("**/*")) {
		t.Errorf("fs global scope %v, want **/*", s)
	}
}

// noOfficialPluginUnresolved fails when a scan's JSON report has a
// TA-ACL-012 finding for a plugin the embedded database knows.
func noOfficialPluginUnresolved(t *testing.T, report string) {
	t.Helper()
	var doc struct {
		Findings []struct {
			RuleID  string `json:"ruleId"`
			Subject string `json:"subject"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(report), &doc); err != nil {
		t.Fatal(err)
	}
	for _, f := range doc.Findings {
		key := strings.TrimPrefix(f.Subject, "tauri-plugin-")
		if f.RuleID == "TA-ACL-012" && (plugindb.Has(key) || plugindb.NoPermissions(key)) {
			t.Errorf("TA-ACL-012 for official plugin %s", f.Subject)
		}
	}
}

// TestPluginManifestsBadPath: a --plugin-manifests folder that does not
// exist stops scan and acl with status 2, naming the flag.
func TestPluginManifestsBadPath(t *testing.T) {
	missing := t.TempDir() + "/absent"
	for _, cmd := range []string{"scan", "acl"} {
		_, stderr, code := invoke(t, cmd, "--plugin-manifests", missing, "../../testdata/demo-app")
		if code != 2 || !strings.Contains(stderr, "--plugin-manifests") {
			t.Errorf("%s: exit %d, stderr %q", cmd, code, stderr)
		}
	}
}

// TestACLKeepsUnresolvedGrants: a community plugin found nowhere keeps
// its grants in the acl view, marked unresolved.
func TestACLKeepsUnresolvedGrants(t *testing.T) {
	t.Setenv("CARGO_HOME", t.TempDir())
	dir := t.TempDir()
	writeFile(t, dir, "src-tauri/tauri.conf.json", `{"identifier": "com.example.app", "app": {"windows": [{"label": "main"}]}}`)
	writeFile(t, dir, "src-tauri/Cargo.toml", "[package]\nname = \"app\"\n[dependencies]\ntauri-plugin-acme = \"1\"\n")
	writeFile(t, dir, "src-tauri/capabilities/main.json", `{"identifier": "main", "windows": ["main"], "permissions": ["acme:allow-run"]}`)
	out, stderr, code := invoke(t, "acl", "--format", "json", "--platform", "linux", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		Apps []struct {
			Plugins   []originJSON
			Platforms map[string]struct {
				Unresolved []struct{ Reference, Plugin, Capability string }
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Apps) != 1 {
		t.Fatalf("%v: %s", err, out)
	}
	u := doc.Apps[0].Platforms["linux"].Unresolved
	if len(u) != 1 || u[0].Reference != "acme:allow-run" || u[0].Plugin != "acme" || u[0].Capability != "main" {
		t.Errorf("unresolved %+v", u)
	}
	if p := doc.Apps[0].Plugins; len(p) != 1 || p[0].Source != "unavailable" {
		t.Errorf("plugins %+v", p)
	}
}
