package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A clean app (no error findings) and a capability that lets every https
// site create windows (TA-ACL-001, an error).
const (
	cleanConf = `{
  "identifier": "com.example.staged",
  "build": { "frontendDist": "../dist" },
  "app": { "security": { "csp": "default-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'", "freezePrototype": true } }
}`
	mainCap   = `{"identifier": "main", "windows": ["main"], "permissions": ["core:default"]}`
	remoteCap = `{"identifier": "remote", "windows": ["main"], "remote": {"urls": ["https://*"]}, "permissions": ["core:window:allow-create"]}`
	remoteRel = "src-tauri/capabilities/remote.json"
)

// gitRepo is a repository under test: top is the work tree git commands
// run in, app the folder scanned, dir the folder holding src-tauri (app
// or a subfolder of it).
type gitRepo struct {
	t             *testing.T
	top, app, dir string
}

// rel is the path of dir's file name relative to base, slash-separated.
func (r *gitRepo) rel(base, name string) string {
	p, err := filepath.Rel(base, filepath.Join(r.dir, name))
	if err != nil {
		r.t.Fatal(err)
	}
	return filepath.ToSlash(p)
}

// finding is "RULE path" with the path a scan of r.app reports.
func (r *gitRepo) finding(rule, name string) string { return rule + " " + r.rel(r.app, name) }

func needGit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	t.Setenv("GIT_INDEX_FILE", "") // a hook running these tests must not leak its index
	os.Unsetenv("GIT_INDEX_FILE")
}

// newGitRepo commits the clean app under sub ("" for the top) in a new
// repository of the object format (sha1 or sha256).
func newGitRepo(t *testing.T, format, sub string) *gitRepo {
	t.Helper()
	needGit(t)
	top := filepath.Join(t.TempDir(), "repo")
	runGit(t, filepath.Dir(top), "init", "-q", "-b", "main", "--object-format="+format, top)
	r := &gitRepo{t: t, top: top, app: filepath.Join(top, sub), dir: filepath.Join(top, sub)}
	r.write("src-tauri/tauri.conf.json", cleanConf)
	r.write("src-tauri/capabilities/main.json", mainCap)
	r.write("other/readme.txt", "outside the app\n")
	r.git("add", "-A")
	r.git("commit", "-qm", "clean app")
	return r
}

func (r *gitRepo) git(args ...string) { r.t.Helper(); runGit(r.t, r.top, args...) }

// write writes a file of the app (paths relative to the scanned folder).
func (r *gitRepo) write(rel, body string) {
	r.t.Helper()
	if strings.HasPrefix(rel, "other/") {
		writeFile(r.t, r.top, rel, body)
		return
	}
	writeFile(r.t, r.dir, rel, body)
}

func (r *gitRepo) stage(rel, body string) {
	r.t.Helper()
	r.write(rel, body)
	r.git("add", "--sparse", r.rel(r.top, rel))
}

// staged runs `scan --staged --mode precommit` and checks the exit code
// and that each want ("RULE file") is among the findings.
func (r *gitRepo) staged(code int, want ...string) []string {
	r.t.Helper()
	got, exit := findingsOf(r.t, "--staged", "--mode", "precommit", r.app)
	if exit != code {
		r.t.Errorf("--staged: exit %d, want %d; findings %v", exit, code, got)
	}
	for _, w := range want {
		if !contains(got, w) {
			r.t.Errorf("--staged: %q missing from %v", w, got)
		}
	}
	return got
}

// layouts put a repository into each git layout --staged must read. Each
// may move the work tree (linked worktrees) or the scanned folder.
var layouts = []struct {
	name, format, sub string
	setup             func(r *gitRepo)
}{
	{"plain", "sha1", "", nil},
	{"sha256", "sha256", "", nil},
	{"app in subfolder", "sha1", "apps/desk", nil},
	{"worktree attached", "sha1", "", func(r *gitRepo) { r.worktree("-b", "feature") }},
	{"worktree detached", "sha1", "", func(r *gitRepo) { r.worktree("--detach") }},
	{"worktree detached sha256", "sha256", "", func(r *gitRepo) { r.worktree("--detach") }},
	{"split index", "sha1", "", func(r *gitRepo) { r.git("update-index", "--split-index") }},
	{"index v4", "sha1", "", func(r *gitRepo) { r.git("update-index", "--index-version", "4") }},
	{"feature.manyFiles", "sha1", "", func(r *gitRepo) {
		r.git("config", "feature.manyFiles", "true")
		r.git("update-index", "--index-version", "4")
	}},
	{"sparse index", "sha1", "app", func(r *gitRepo) {
		// other/ becomes a sparse directory entry; the app stays checked out.
		r.git("sparse-checkout", "init", "--cone", "--sparse-index")
		r.git("sparse-checkout", "set", "app")
		r.app = r.top // scan the top: the snapshot expands other/ from its tree
	}},
	{"submodule", "sha1", "", func(r *gitRepo) {
		lib := filepath.Join(filepath.Dir(r.top), "lib")
		runGit(r.t, filepath.Dir(lib), "init", "-q", "-b", "main", lib)
		writeFile(r.t, lib, "src-tauri/tauri.conf.json", `{"identifier": "com.example.lib", "app": {"withGlobalTauri": true}}`)
		runGit(r.t, lib, "add", "-A")
		runGit(r.t, lib, "commit", "-qm", "lib")
		r.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", lib, "lib")
		r.git("commit", "-qm", "add submodule")
	}},
}

// worktree moves the repository under test into a new linked worktree.
func (r *gitRepo) worktree(args ...string) {
	wt := filepath.Join(filepath.Dir(r.top), "wt")
	r.git(append(append([]string{"worktree", "add", "-q"}, args...), wt)...)
	app, _ := filepath.Rel(r.top, r.app)
	dir, _ := filepath.Rel(r.top, r.dir)
	r.top, r.app, r.dir = wt, filepath.Join(wt, app), filepath.Join(wt, dir)
}

// TestStagedLayouts: in every layout, nothing staged passes, a staged
// overbroad remote capability fails with its finding at the path a normal
// scan reports, and `acl --diff HEAD` shows the command it makes reachable.
func TestStagedLayouts(t *testing.T) {
	for _, l := range layouts {
		t.Run(l.name, func(t *testing.T) {
			r := newGitRepo(t, l.format, l.sub)
			if l.setup != nil {
				l.setup(r)
			}
			r.staged(0)
			r.stage(remoteRel, remoteCap)
			got := r.staged(1, r.finding("TA-ACL-001", remoteRel))
			for _, f := range got {
				if strings.Contains(f, "lib") {
					t.Errorf("a finding from inside the submodule: %s", f)
				}
			}
			out, stderr, code := invoke(t, "acl", "--diff", "HEAD", "--platform", "linux", r.app)
			want := "+ " + r.rel(r.app, "src-tauri") + " plugin:window|create [linux] reachable from local, https://*"
			if code != 0 || !strings.Contains(out, want) {
				t.Errorf("acl --diff HEAD: exit %d, %s\n%s", code, stderr, out)
			}
		})
	}
}

// TestStagedReadsTheIndex: the staged content is judged, not the working
// tree's, both ways.
func TestStagedReadsTheIndex(t *testing.T) {
	t.Run("staged bad, working tree reverted", func(t *testing.T) {
		r := newGitRepo(t, "sha1", "")
		r.stage(remoteRel, remoteCap)
		os.Remove(filepath.Join(r.app, remoteRel))
		r.stage("src-tauri/capabilities/main.json", strings.Replace(mainCap, `"main"]`, `"main"], "remote": {"urls": ["https://*"]}`, 1))
		r.write("src-tauri/capabilities/main.json", mainCap)
		r.staged(1, "TA-ACL-001 src-tauri/capabilities/main.json", "TA-ACL-001 "+remoteRel)
	})
	t.Run("staged good, working tree bad", func(t *testing.T) {
		r := newGitRepo(t, "sha1", "")
		r.stage("src-tauri/capabilities/extra.json", `{"identifier": "extra", "windows": ["main"], "permissions": ["core:app:allow-version"]}`)
		r.write(remoteRel, remoteCap) // untracked: not in the commit
		r.write("src-tauri/tauri.conf.json", `{"identifier": "com.example.staged", "app": {"withGlobalTauri": true}}`)
		for _, f := range r.staged(0) {
			if strings.Contains(f, "remote.json") || strings.HasPrefix(f, "TA-CFG-011") {
				t.Errorf("a finding from the working tree: %s", f)
			}
		}
	})
}

// TestStagedCrossFile: a staged capability granting a high-risk
// permission turns the missing CSP of the untouched config from a warning
// into an error; the commit is blocked by a finding in an unstaged file,
// while findings HEAD already had there stay out of the report.
func TestStagedCrossFile(t *testing.T) {
	r := newGitRepo(t, "sha1", "")
	r.stage("src-tauri/tauri.conf.json", `{"identifier": "com.example.cross"}`)
	r.git("commit", "-qm", "no csp")
	r.staged(0)
	r.stage("src-tauri/capabilities/win.json", `{"identifier": "win", "windows": ["main"], "permissions": ["core:window:allow-create"]}`)
	got := r.staged(1, "TA-CSP-001 src-tauri/tauri.conf.json")
	if contains(got, "TA-CFG-012 src-tauri/tauri.conf.json") {
		t.Errorf("a finding HEAD already had, in an unstaged file, was reported: %v", got)
	}
}

// TestStagedConfigFromIndex: a staged .tauriaudit.toml applies, and one
// that lifts a suppression brings the finding it hid back.
func TestStagedConfigFromIndex(t *testing.T) {
	r := newGitRepo(t, "sha1", "")
	r.stage(".tauriaudit.toml", "[[ignore]]\nrule = \"TA-ACL-001\"\nreason = \"reviewed\"\n")
	r.stage(remoteRel, remoteCap)
	r.git("commit", "-qm", "suppressed remote")
	r.staged(0)
	r.write(".tauriaudit.toml", "[[ignore]]\nrule = \"TA-ACL-001\"\nreason = \"reviewed\"\n")
	r.git("rm", "-q", "--cached", ".tauriaudit.toml")
	r.staged(1, "TA-ACL-001 "+remoteRel)
}

// TestStagedHookCommitAll runs the scanner as a real pre-commit hook:
// `git commit -a` commits a temporary index that git names in
// GIT_INDEX_FILE, which the scan must read.
func TestStagedHookCommitAll(t *testing.T) {
	r := newGitRepo(t, "sha1", "")
	bin := buildScanner(t)
	hook := "#!/bin/sh\nexec " + bin + " scan --staged --mode precommit --color never .\n"
	if err := os.WriteFile(filepath.Join(r.top, ".git", "hooks", "pre-commit"), []byte(hook), 0o755); err != nil {
		t.Fatal(err)
	}
	r.write("src-tauri/capabilities/main.json", strings.Replace(mainCap, `"main"]`, `"main"], "remote": {"urls": ["https://*"]}`, 1))
	cmd := exec.Command("git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qam", "bad")
	cmd.Dir = r.top
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "TA-ACL-001") {
		t.Errorf("git commit -a of a bad capability: %v\n%s", err, out)
	}
	r.write("src-tauri/capabilities/main.json", mainCap)
	r.write("other/readme.txt", "changed\n")
	cmd = exec.Command("git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qam", "clean")
	cmd.Dir = r.top
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("git commit -a of a clean change was blocked: %v\n%s", err, out)
	}
}

// --staged has no history to walk: asking for history with it is a usage
// error, not a silent skip.
func TestStagedRefusesHistory(t *testing.T) {
	for _, flag := range [][]string{{"--git-all"}, {"--git-since-tag"}, {"--git-range", "HEAD~1..HEAD"}, {"--mode", "release"}} {
		_, stderr, code := invoke(t, append([]string{"scan", "--staged"}, append(flag, "../../testdata/demo-app")...)...)
		if code != 2 || !strings.Contains(stderr, "--staged: audits the index, not history") {
			t.Errorf("%v: exit %d, stderr %q", flag, code, stderr)
		}
	}
}
