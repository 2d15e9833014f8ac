package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// writeArchive writes a txtar app into a temp folder.
func writeArchive(t *testing.T, archive string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		p := filepath.Join(dir, f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const checkBase = `
-- src-tauri/tauri.conf.json --
{"identifier": "com.example.app", "app": {"windows": [{"label": "main"}]}}
`

// The cases are Tauri's runtime-authority tests (crates/tauri/src/ipc/
// authority.rs, 2.8.2) rebuilt as apps, plus the app-command gating and
// deny rules of tauri-acl §9.1–9.2.
func TestACLCheckRuntimeAuthority(t *testing.T) {
	for _, tc := range []struct {
		name, files string
		args        []string
		code        int
		rule        string
		origin      string
	}{
		{"window glob pattern matches", `
-- src-tauri/capabilities/c.json --
{"identifier": "c", "windows": ["main-*"], "permissions": ["core:window:allow-close"]}
`, []string{"--check", "core:window|close", "--window", "main-something", "--webview", "other-*"}, 0, "allowed", "local"},
		{"window glob does not match another label", `
-- src-tauri/capabilities/c.json --
{"identifier": "c", "windows": ["main-*"], "permissions": ["core:window:allow-close"]}
`, []string{"--check", "core:window|close", "--window", "other"}, 1, "window-webview-mismatch", "local"},
		{"webview glob pattern matches", `
-- src-tauri/capabilities/c.json --
{"identifier": "c", "windows": ["other-*"], "webviews": ["main-*"], "permissions": ["core:window:allow-close"]}
`, []string{"--check", "core:window|close", "--window", "other-*", "--webview", "main-something"}, 0, "allowed", "local"},
		{"remote domain matches", `
-- src-tauri/capabilities/c.json --
{"identifier": "c", "windows": ["main"], "remote": {"urls": ["https://tauri.app"]}, "permissions": ["core:window:allow-close"]}
`, []string{"--check", "plugin:window|close", "--window", "main", "--url", "https://tauri.app"}, 0, "allowed", "https://tauri.app"},
		{"remote domain glob pattern matches", `
-- src-tauri/capabilities/c.json --
{"identifier": "c", "windows": ["main"], "remote": {"urls": ["http://tauri.*"]}, "permissions": ["core:window:allow-close"]}
`, []string{"--check", "window|close", "--window", "main", "--url", "http://tauri.studio"}, 0, "allowed", "http://tauri.studio"},
		{"remote context denied", `
-- src-tauri/capabilities/c.json --
{"identifier": "c", "windows": ["main"], "permissions": ["core:window:allow-close"]}
`, []string{"--check", "core:window|close", "--window", "main", "--url", "https://tauri.app"}, 1, "origin-not-granted", "https://tauri.app"},
		{"denied command takes precedence", `
-- src-tauri/capabilities/allow.json --
{"identifier": "allow", "windows": ["main"], "permissions": ["core:window:allow-close"]}
-- src-tauri/capabilities/deny.json --
{"identifier": "deny", "windows": ["elsewhere"], "permissions": ["core:window:deny-close"]}
`, []string{"--check", "core:window|close", "--window", "main"}, 1, "denied", "local"},
		{"the app's own URL is the local origin", `
-- src-tauri/capabilities/c.json --
{"identifier": "c", "windows": ["main"], "permissions": ["core:window:allow-close"]}
`, []string{"--check", "core:window|close", "--window", "main", "--url", "tauri://localhost/index.html", "--platform", "linux"}, 0, "allowed", "local"},
		{"never granted", `
-- src-tauri/capabilities/c.json --
{"identifier": "c", "windows": ["main"], "permissions": ["core:window:allow-close"]}
`, []string{"--check", "core:window|destroy", "--window", "main"}, 1, "not-granted", "local"},
		{"app command without an app manifest is not checked", `
-- src-tauri/capabilities/c.json --
{"identifier": "c", "windows": ["main"], "permissions": ["core:default"]}
`, []string{"--check", "greet", "--window", "anything"}, 0, "app-command-unchecked", "local"},
		{"app command with an app manifest is checked", `
-- src-tauri/permissions/greet.toml --
[[permission]]
identifier = "allow-greet"
commands.allow = ["greet"]
-- src-tauri/capabilities/c.json --
{"identifier": "c", "windows": ["main"], "permissions": ["allow-greet"]}
`, []string{"--check", "greet", "--window", "other"}, 1, "window-webview-mismatch", "local"},
		{"remote app command checked from tauri 2.11.1", `
-- src-tauri/Cargo.lock --
version = 4
[[package]]
name = "tauri"
version = "2.11.1"
-- src-tauri/capabilities/c.json --
{"identifier": "c", "windows": ["main"], "permissions": ["core:default"]}
`, []string{"--check", "greet", "--window", "main", "--url", "https://evil.example"}, 1, "not-granted", "https://evil.example"},
		{"remote app command not checked before 2.11.1", `
-- src-tauri/Cargo.lock --
version = 4
[[package]]
name = "tauri"
version = "2.8.2"
-- src-tauri/capabilities/c.json --
{"identifier": "c", "windows": ["main"], "permissions": ["core:default"]}
`, []string{"--check", "greet", "--window", "main", "--url", "https://evil.example"}, 0, "app-command-unchecked", "https://evil.example"},
		{"a community plugin whose permissions are unknown cannot be decided", `
-- src-tauri/Cargo.toml --
[package]
name = "app"
version = "0.1.0"
[dependencies]
tauri-plugin-frobnicate = "1"
-- src-tauri/capabilities/c.json --
{"identifier": "c", "windows": ["main"], "permissions": ["frobnicate:default"]}
`, []string{"--check", "frobnicate|run", "--window", "main"}, 2, "permissions-unknown", "local"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeArchive(t, checkBase+tc.files)
			args := append([]string{"acl", "--format", "json"}, tc.args...)
			if !strings.Contains(strings.Join(tc.args, " "), "--platform") {
				args = append(args, "--platform", "linux")
			}
			out, stderr, code := invoke(t, append(args, dir)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out, stderr)
			}
			var doc struct {
				Allowed bool
				Results []struct {
					Allowed      bool
					Rule, Origin string
					Reason       string
					MatchedBy    []struct{ Capability string } `json:"matched_by"`
				}
			}
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if len(doc.Results) != 1 {
				t.Fatalf("results: %s", out)
			}
			r := doc.Results[0]
			if r.Rule != tc.rule || r.Origin != tc.origin || r.Allowed != (tc.code == 0) || doc.Allowed != r.Allowed {
				t.Errorf("got rule %q origin %q allowed %v (%s), want rule %q origin %q", r.Rule, r.Origin, r.Allowed, r.Reason, tc.rule, tc.origin)
			}
			if tc.rule == "allowed" && len(r.MatchedBy) == 0 {
				t.Errorf("allowed without the capability that allowed it: %s", out)
			}
		})
	}
}

func TestACLCheckUsage(t *testing.T) {
	_, stderr, code := invoke(t, "acl", "--check", "core:window|close", "../../testdata/demo-app")
	if code != 2 || !strings.Contains(stderr, "--window") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

// The text form names the rule, the capability and the command scope.
func TestACLCheckTextDemo(t *testing.T) {
	out, stderr, code := invoke(t, "acl", "--check", "fs|read_file", "--window", "main", "--platform", "linux", "../../testdata/demo-app")
	if code > 1 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "src-tauri [linux]: ") || !strings.Contains(out, "rule ") {
		t.Fatalf("unexpected output:\n%s", out)
	}
}
