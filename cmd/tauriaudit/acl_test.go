package main

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

func TestACLDemoGolden(t *testing.T) {
	for _, f := range []string{"text", "json", "markdown"} {
		t.Run(f, func(t *testing.T) {
			out, stderr, code := invoke(t, "acl", "--format", f, "../../testdata/demo-app")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			golden(t, "../../testdata/golden/demo-app.acl."+map[string]string{"text": "txt", "json": "json", "markdown": "md"}[f], []byte(out))
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
