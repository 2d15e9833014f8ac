package main

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

// findingsOf runs a JSON scan and returns "RULE file" for each unsuppressed finding.
func findingsOf(t *testing.T, args ...string) ([]string, int) {
	t.Helper()
	out, stderr, code := invoke(t, append([]string{"scan", "--format", "json"}, args...)...)
	if code == 2 {
		t.Fatalf("exit 2: %s", stderr)
	}
	var doc struct {
		Findings []struct {
			RuleID     string `json:"ruleId"`
			Location   struct{ File string }
			Suppressed any `json:"suppressed"`
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range doc.Findings {
		if f.Suppressed == nil {
			got = append(got, f.RuleID+" "+f.Location.File)
		}
	}
	return got, code
}

// TestReleaseModeGate: a gate rule's warning passes a normal scan with
// --fail-on error but fails --mode release.
func TestReleaseModeGate(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	app := t.TempDir()
	writeFile(t, app, "src-tauri/tauri.conf.json", `{
  "identifier": "com.example.gate",
  "app": {"security": {"csp": "default-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'", "freezePrototype": true}},
  "bundle": {"active": true, "targets": ["nsis"]}
}`)
	// Release mode audits history, so the app must be in a repository.
	runGit(t, app, "init", "-q")
	runGit(t, app, "add", ".")
	runGit(t, app, "commit", "-qm", "one")
	// No release workflow and no updater: a normal scan does not ask for
	// installer signing yet; the release gate does, and fails on it.
	got, code := findingsOf(t, "--fail-on", "error", app)
	if code != 0 || contains(got, "TA-BIN-003 src-tauri/tauri.conf.json") {
		t.Fatalf("normal scan: exit %d, findings %v; want exit 0 without TA-BIN-003", code, got)
	}
	got, code = findingsOf(t, "--fail-on", "error", "--mode", "release", app)
	if code != 1 || !contains(got, "TA-BIN-003 src-tauri/tauri.conf.json") {
		t.Errorf("release mode: exit %d, findings %v; want 1 with TA-BIN-003 (a release-gate rule)", code, got)
	}
}

func TestPrecommitSkipsHistory(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	repo := t.TempDir()
	writeFile(t, repo, "src-tauri/tauri.conf.json", `{"identifier": "com.example.hist"}`)
	runGit(t, repo, "init", "-q")
	runGit(t, repo, "add", ".")
	runGit(t, repo, "commit", "-qm", "unsigned")
	withHistory, _ := findingsOf(t, "--git-all", "--fail-on", "none", repo)
	if !containsRule(withHistory, "TA-GIT-001") {
		t.Fatalf("setup: --git-all should report the unsigned commit: %v", withHistory)
	}
	pre, _ := findingsOf(t, "--git-all", "--mode", "precommit", "--fail-on", "none", repo)
	if containsRule(pre, "TA-GIT-001") {
		t.Errorf("precommit mode read history: %v", pre)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func containsRule(list []string, id string) bool {
	for _, x := range list {
		if strings.HasPrefix(x, id+" ") {
			return true
		}
	}
	return false
}
