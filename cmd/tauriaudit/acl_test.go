package main

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestACLDemoGolden(t *testing.T) {
	for _, f := range []string{"text", "json", "markdown", "html"} {
		t.Run(f, func(t *testing.T) {
			out, stderr, code := invoke(t, "acl", "--format", f, "../../testdata/demo-app")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			golden(t, "../../testdata/golden/demo-app.acl."+map[string]string{"text": "txt", "json": "json", "markdown": "md", "html": "html"}[f], []byte(out))
		})
	}
}

// TestACLJSONShape checks the documented minimum shape of `acl --format json`.
func TestACLJSONShape(t *testing.T) {
	out, _, _ := invoke(t, "acl", "--format", "json", "--platform", "linux", "../../testdata/demo-app")
	var doc struct {
		Apps []struct {
			Path      string `json:"path"`
			Platforms map[string]struct {
				Commands []struct {
					Command   string   `json:"command"`
					Allowed   bool     `json:"allowed"`
					Windows   []string `json:"windows"`
					Webviews  []string `json:"webviews"`
					Origins   []string `json:"origins"`
					Scopes    struct{ Allow, Deny []any }
					GrantedBy []struct {
						Capability, File string
						Line             int
					} `json:"granted_by"`
				} `json:"commands"`
			} `json:"platforms"`
		} `json:"apps"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Apps) != 1 || doc.Apps[0].Path != "src-tauri" {
		t.Fatalf("apps: %+v", doc.Apps)
	}
	cmds := doc.Apps[0].Platforms["linux"].Commands
	found := false
	for _, c := range cmds {
		if c.Command == "plugin:window|create" {
			found = true
			if !c.Allowed || len(c.Origins) != 2 || c.Origins[0] != "https://*" || c.GrantedBy[0].Capability != "help-site" || c.GrantedBy[0].Line != 7 {
				t.Errorf("plugin:window|create: %+v", c)
			}
		}
	}
	if !found {
		t.Error("plugin:window|create is granted to the help window by help-site.json")
	}
}

func runGit(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func TestACLDiff(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	repo := t.TempDir()
	writeFile(t, repo, "app/src-tauri/tauri.conf.json", `{"identifier": "com.example.diff"}`)
	writeFile(t, repo, "app/src-tauri/capabilities/main.json",
		`{"identifier": "main", "windows": ["main"], "permissions": ["core:window:allow-close", "core:window:allow-hide"]}`)
	runGit(t, repo, "init", "-q")
	runGit(t, repo, "add", ".")
	runGit(t, repo, "commit", "-qm", "base")
	writeFile(t, repo, "app/src-tauri/capabilities/main.json",
		`{"identifier": "main", "windows": ["main", "settings"], "remote": {"urls": ["https://*.example.com"]},
		  "permissions": ["core:window:allow-close", "core:window:allow-create"]}`)

	out, stderr, code := invoke(t, "acl", "--diff", "HEAD", "--platform", "linux,windows", repo+"/app")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := []string{
		"~ src-tauri plugin:window|close [linux, windows] changed; +origin https://*.example.com; +window settings",
		"+ src-tauri plugin:window|create [linux, windows] reachable from local, https://*.example.com",
		"- src-tauri plugin:window|hide [linux, windows] unreachable",
	}
	if got := strings.TrimSpace(out); got != strings.Join(want, "\n") {
		t.Errorf("diff:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	out, _, _ = invoke(t, "acl", "--diff", "HEAD", "--format", "json", "--platform", "linux", repo+"/app")
	if !strings.Contains(out, `"change": "reachable"`) || !strings.Contains(out, `"base": "HEAD"`) {
		t.Errorf("json diff: %s", out)
	}
	_, stderr, code = invoke(t, "acl", "--diff", "no-such-ref", repo+"/app")
	if code != 2 || !strings.Contains(stderr, "no-such-ref") {
		t.Errorf("bad ref: exit %d, %s", code, stderr)
	}
}

// Window labels, identifiers and file names come from the repository:
// the text and Markdown views escape what could drive a terminal or
// break a table, while JSON keeps them exact.
func TestACLEscapesRepositoryText(t *testing.T) {
	root := t.TempDir()
	writeFile(t, root, "src-tauri/tauri.conf.json", `{"identifier": "com.example.app"}`)
	writeFile(t, root, "src-tauri/capabilities/evil\x1b[2J.json",
		`{"identifier": "evil\u001b]0;pwned\u0007", "windows": ["main\u202e|x"], "permissions": ["core:app:allow-version"]}`)
	text, _, _ := invoke(t, "acl", "--platform", "linux", root)
	for _, bad := range []string{"\x1b", "\u202e", "\a"} {
		if strings.Contains(text, bad) {
			t.Errorf("text view holds raw %q:\n%s", bad, text)
		}
	}
	for _, want := range []string{`evil\x1b]0;pwned\x07`, `main\u202e|x`, `evil\x1b[2J.json`} {
		if !strings.Contains(text, want) {
			t.Errorf("text view lacks %s:\n%s", want, text)
		}
	}
	md, _, _ := invoke(t, "acl", "--format", "markdown", "--platform", "linux", root)
	if strings.Contains(md, "\x1b") || !strings.Contains(md, "`main\\u202e\\|x`") {
		t.Errorf("markdown view:\n%s", md)
	}
	js, _, _ := invoke(t, "acl", "--format", "json", "--platform", "linux", root)
	if !strings.Contains(js, `main\u202e|x`) && !strings.Contains(js, "main\u202e|x") {
		t.Errorf("json view lost the exact label:\n%s", js)
	}
}

// TestACLAppCommands checks the app command inventory of the demo app in
// `acl --format json`: sinks, their parameters and checks, and callers.
func TestACLAppCommands(t *testing.T) {
	out, _, _ := invoke(t, "acl", "--format", "json", "--platform", "linux", "../../testdata/demo-app")
	var doc struct {
		Apps []struct {
			Commands []struct {
				Command string
				Gated   bool
				Origins []string
				Sinks   []struct {
					Kind, Call string
					Line       int
					Params     []string
					Checked    bool
				}
			} `json:"app_commands"`
		} `json:"apps"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Apps) != 1 {
		t.Fatalf("%v: %s", err, out)
	}
	got := map[string]string{}
	for _, c := range doc.Apps[0].Commands {
		for _, s := range c.Sinks {
			got[c.Command] += fmt.Sprintf("%s %s:%d %v checked=%v gated=%v origins=%v;", s.Kind, s.Call, s.Line, s.Params, s.Checked, c.Gated, c.Origins)
		}
	}
	want := map[string]string{
		"save_note":   "fs-write tokio::fs::write:12 [path] checked=false gated=true origins=[https://* http://help.demo-notes.example];",
		"list_notes":  "fs-read std::fs::read_dir:24 [folder] checked=true gated=true origins=[];",
		"export_note": "exec .shell().sidecar:7 [name] checked=false gated=true origins=[];",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("app commands (-want +got)\n%s", diff)
	}
}
