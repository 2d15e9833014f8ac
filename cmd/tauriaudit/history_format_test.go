package main

import (
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// historyFixture is a Tauri app in a git repository of the given object
// format with what each TA-GIT history rule reports: unsigned commits, an
// SSH signature by a key outside allowed_signers, a lightweight release
// tag and an updater key deleted from HEAD. It returns the repository,
// the allowed_signers file and the commit ids by message.
func historyFixture(t *testing.T, format string) (string, string, map[string]string) {
	for _, tool := range []string{"git", "ssh-keygen"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	home := t.TempDir()
	repo := filepath.Join(home, "app")
	env := append(os.Environ(), "HOME="+home, "GIT_CONFIG_NOSYSTEM=1", "GIT_AUTHOR_NAME=Dev", "GIT_AUTHOR_EMAIL=dev@example.com",
		"GIT_COMMITTER_NAME=Dev", "GIT_COMMITTER_EMAIL=dev@example.com")
	run := func(name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = repo, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	ids := map[string]string{}
	commit := func(msg string, extra ...string) {
		t.Helper()
		args := append(extra, "commit", "-q", "-m", msg)
		if len(extra) > 0 {
			args = append(args, "-S")
		}
		run("git", args...)
		ids[msg] = run("git", "rev-parse", "HEAD")
	}
	writeFile(t, repo, "src-tauri/tauri.conf.json", `{"identifier": "com.example.app"}`)
	run("git", "init", "-q", "-b", "main", "--object-format="+format)
	run("git", "add", ".")
	commit("initial")
	writeFile(t, repo, ".env", "TAURI_SIGNING_PRIVATE_KEY=dW50cnVzdGVkIGNvbW1lbnQ6IHJzaWduIGVuY3J5cHRlZCBzZWNyZXQga2V5ClJXUlRZMEl5\n")
	run("git", "add", ".env")
	commit("add env")
	run("git", "rm", "-q", ".env")
	commit("remove env")
	key := filepath.Join(home, "id")
	run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key)
	writeFile(t, repo, "README.md", "x")
	run("git", "add", "README.md")
	commit("signed", "-c", "gpg.format=ssh", "-c", "user.signingkey="+key)
	run("git", "tag", "v1.0.0")
	run("git", "gc", "-q")
	signers := filepath.Join(home, "allowed_signers")
	writeFile(t, home, "allowed_signers", "someone@example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDq9vJ4QHcmkhaTiVSjrbDWDtkXfmvIq2O6fJzZ9n3s7\n")
	return repo, signers, ids
}

// gitFindings scans with --git-all and returns the TA-GIT findings as
// "rule | file | commit | message", commit ids replaced by the message
// of their commit so that the two object formats compare.
func gitFindings(t *testing.T, repo, signers string, ids map[string]string) []string {
	out, stderr, code := invoke(t, "scan", "--format", "json", "--git-all", "--no-cache", "--allowed-signers", signers, "--fail-on", "none", repo)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		Findings []struct {
			RuleID   string `json:"ruleId"`
			Message  string
			Location struct{ File, Commit string }
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range doc.Findings {
		if !strings.HasPrefix(f.RuleID, "TA-GIT-") {
			continue
		}
		line := strings.Join([]string{f.RuleID, f.Location.File, f.Location.Commit, f.Message}, " | ")
		if f.Location.Commit != "" && !slices.Contains(slices.Collect(maps.Values(ids)), f.Location.Commit) {
			t.Errorf("%s names commit %s, which git does not list", f.RuleID, f.Location.Commit)
		}
		for msg, id := range ids {
			line = strings.ReplaceAll(line, id, "<"+msg+">")
			line = strings.ReplaceAll(line, id[:12], "<"+msg+" short>")
		}
		if i := strings.Index(line, "untrusted SSH signature: key "); i >= 0 {
			line = line[:i+len("untrusted SSH signature: key")] // the key fingerprint differs per run
		}
		got = append(got, line)
	}
	slices.Sort(got)
	return got
}

// The history rules report the same findings on a SHA-256 repository as
// on a SHA-1 one, naming commits by the 64-digit ids git prints.
func TestGitHistoryRulesOnSHA256(t *testing.T) {
	want := []string{
		"TA-GIT-001 | src-tauri/tauri.conf.json | <add env> | commit <add env short> by Dev <dev@example.com> is not signed: \"add env\"",
		"TA-GIT-001 | src-tauri/tauri.conf.json | <initial> | commit <initial short> by Dev <dev@example.com> is not signed: \"initial\"",
		"TA-GIT-001 | src-tauri/tauri.conf.json | <remove env> | commit <remove env short> by Dev <dev@example.com> is not signed: \"remove env\"",
		"TA-GIT-002 | src-tauri/tauri.conf.json | <signed> | commit <signed short> by Dev <dev@example.com>: untrusted SSH signature: key",
		"TA-GIT-003 | src-tauri/tauri.conf.json | <signed> | release tag v1.0.0 is a lightweight tag (no tagger, no signature) at commit <signed short>",
		"TA-GIT-004 | .env | <add env> | a minisign/Tauri updater secret key in history (commit <add env short>; no longer in HEAD)",
	}
	for _, format := range []string{"sha1", "sha256"} {
		t.Run(format, func(t *testing.T) {
			repo, signers, ids := historyFixture(t, format)
			for msg, id := range ids {
				if len(id) != map[string]int{"sha1": 40, "sha256": 64}[format] {
					t.Fatalf("commit %q is %s: not a %s id", msg, id, format)
				}
			}
			got := gitFindings(t, repo, signers, ids)
			if !slices.Equal(got, want) {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// A repository the history reader cannot read stops the scan with one
// line that names its config, not an empty history.
func TestGitHistoryUnreadableFormatReported(t *testing.T) {
	repo, signers, _ := historyFixture(t, "sha256")
	config := filepath.Join(repo, ".git", "config")
	if err := os.WriteFile(config, []byte("[core]\n\trepositoryformatversion = 1\n[extensions]\n\tobjectformat = sha256\n\tcompatObjectFormat = sha1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, code := invoke(t, "scan", "--format", "json", "--git-all", "--no-cache", "--allowed-signers", signers, "--fail-on", "none", repo)
	want := "tauriaudit: --git-all: " + repo + ": " + config + `: extensions.compatObjectFormat = "sha1": repositories that keep a compatibility object map are not supported` + "\n"
	if code != 2 || stderr != want || out != "" {
		t.Errorf("exit %d, stderr %q, report %.100q; want exit 2, no report and stderr %q", code, stderr, out, want)
	}
}
