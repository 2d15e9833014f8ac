package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// failApp writes a minimal app and returns its folder.
func failApp(t *testing.T) string {
	t.Helper()
	app := t.TempDir()
	writeFile(t, app, "src-tauri/tauri.conf.json", `{"identifier": "com.example.failclosed"}`)
	writeFile(t, app, "src-tauri/capabilities/main.json", `{"identifier": "main", "windows": ["main"], "permissions": ["core:default"]}`)
	return app
}

// wantExit2 runs a scan that must stop with exit 2 and one stderr line
// starting with prefix.
func wantExit2(t *testing.T, prefix string, args ...string) string {
	t.Helper()
	out, stderr, code := invoke(t, append([]string{"scan", "--format", "json"}, args...)...)
	line := strings.TrimSuffix(stderr, "\n")
	if code != 2 || strings.Contains(line, "\n") || !strings.HasPrefix(line, "tauriaudit: "+prefix) {
		t.Errorf("%v: exit %d, stderr %q; want exit 2 and one line starting %q", args, code, stderr, "tauriaudit: "+prefix)
	}
	return out
}

// Every path flag is read before the scan: a typo exits 2 with one line
// naming the flag and the path, and nothing is reported.
func TestPathFlagTypos(t *testing.T) {
	app := failApp(t)
	missing := filepath.Join(t.TempDir(), "typo")
	for _, flag := range []string{"--artifacts", "--osv-db", "--cosign-key", "--codesign-roots", "--trusted-keys",
		"--allowed-signers", "--x509-roots", "--sigstore-trusted-root", "--config", "--baseline"} {
		if out := wantExit2(t, flag+" "+missing+": no such file or directory", flag, missing, app); out != "" {
			t.Errorf("%s: a report was written: %.200s", flag, out)
		}
	}
	wantExit2(t, "--cache-dir "+missing+"/deeper: neither it nor its parent folder exists", "--cache-dir", missing+"/deeper", app)
	file := filepath.Join(app, "src-tauri", "tauri.conf.json")
	wantExit2(t, "--artifacts "+file+": not a directory", "--artifacts", file, app)
	wantExit2(t, "--osv-db "+file+": not a directory", "--osv-db", file, app)
	wantExit2(t, "--cache-dir "+file+": not a directory", "--cache-dir", file, app)
	wantExit2(t, "--cosign-key "+file+": PEM decoding failed", "--cosign-key", file, app)
	wantExit2(t, "--trusted-keys "+app+": is a directory", "--trusted-keys", app, app)
	wantExit2(t, "--sigstore-trusted-root "+file+": names no certificate authority", "--sigstore-trusted-root", file, app)
	wantExit2(t, "--sigstore-trusted-root "+app+": is a directory", "--sigstore-trusted-root", app, app)
	wantExit2(t, "--certificate-identity-regexp ^(https: error parsing regexp: missing closing )", "--certificate-identity-regexp", "^(https", app)
	wantExit2(t, "--certificate-oidc-issuer-regexp a**: error parsing regexp: invalid nested repetition operator", "--certificate-oidc-issuer-regexp", "a**", app)
	wantExit2(t, "--config "+app+": is a directory", "--config", app, app)
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err == nil {
		// Opened, a FIFO would block the run until a writer came.
		wantExit2(t, "--baseline "+fifo+": not a regular file", "--baseline", fifo, app)
	}
}

// History that cannot be audited as asked stops the scan (exit 2);
// history read only in part is an error finding in release mode.
func TestFailClosedHistory(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	outside := failApp(t)
	wantExit2(t, "--git-all: "+outside+": not inside a git repository", "--git-all", outside)
	wantExit2(t, "--git-since-tag: ", "--git-since-tag", outside)
	wantExit2(t, "--mode release: "+outside+": not inside a git repository", "--mode", "release", outside)

	repo := failApp(t)
	runGit(t, repo, "init", "-q", "-b", "main")
	runGit(t, repo, "add", ".")
	runGit(t, repo, "commit", "-qm", "one")
	for i := range 3 {
		runGit(t, repo, "commit", "-q", "--allow-empty", "-m", "c"+strconv.Itoa(i))
	}
	wantExit2(t, `--git-range nosuchref..HEAD: unknown revision "nosuchref"`, "--git-range", "nosuchref..HEAD", repo)
	wantExit2(t, `--git-range main..nosuchref: unknown revision "nosuchref"`, "--git-range", "main..nosuchref", repo)

	shallow := filepath.Join(t.TempDir(), "shallow")
	runGit(t, filepath.Dir(shallow), "clone", "-q", "--depth", "2", "file://"+repo, shallow)
	gap := func(args ...string) (string, int) {
		out, stderr, code := invoke(t, append([]string{"scan", "--format", "json", "--no-cache"}, args...)...)
		for _, f := range jsonFindings(t, out, stderr) {
			if f.RuleID == "TA-GIT-001" && strings.Contains(f.Message, "is incomplete") {
				return f.Level, code
			}
		}
		return "", code
	}
	if level, code := gap("--mode", "release", shallow); level != "error" || code != 1 {
		t.Errorf("shallow clone in release mode: incomplete-history finding %q, exit %d; want an error and exit 1", level, code)
	}
	if level, _ := gap("--git-all", "--fail-on", "none", shallow); level != "note" {
		t.Errorf("shallow clone with --git-all: incomplete-history finding %q, want a note", level)
	}
	if level, code := gap("--mode", "release", "--max-commits", "2", repo); level != "error" || code != 1 {
		t.Errorf("--max-commits cut in release mode: finding %q, exit %d; want an error and exit 1", level, code)
	}
	if level, code := gap("--mode", "release", repo); level != "" || code != 0 {
		t.Errorf("whole history: incomplete-history finding %q, exit %d; want none and exit 0", level, code)
	}
}

type jsonFinding struct {
	RuleID, Level, Message string
	Location               struct{ File string }
}

func jsonFindings(t *testing.T, out, stderr string) []jsonFinding {
	t.Helper()
	var doc struct{ Findings []jsonFinding }
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("no JSON report (%v); stderr %s", err, stderr)
	}
	return doc.Findings
}

// The summary of signature problems past the first 50 has the level of
// the worst commit it sums up: 52 signatures nobody can check are notes
// and do not fail the run; untrusted ones are errors and do.
func TestSignatureRollupLevel(t *testing.T) {
	if _, err := exec.LookPath("ssh-keygen"); err != nil {
		t.Skip("ssh-keygen not installed")
	}
	repo := failApp(t)
	key := filepath.Join(t.TempDir(), "id")
	runGit(t, repo, "init", "-q")
	if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v: %s", err, out)
	}
	runGit(t, repo, "config", "gpg.format", "ssh")
	runGit(t, repo, "config", "user.signingkey", key)
	runGit(t, repo, "add", ".")
	runGit(t, repo, "commit", "-q", "-S", "-m", "one")
	for i := range 51 {
		runGit(t, repo, "commit", "-q", "-S", "--allow-empty", "-m", "c"+strconv.Itoa(i))
	}
	other := filepath.Join(t.TempDir(), "allowed_signers")
	os.WriteFile(other, []byte("someone@example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDq9vJ4QHcmkhaTiVSjrbDWDtkXfmvIq2O6fJzZ9n3s7\n"), 0o644)
	for _, c := range []struct {
		args  []string
		level string
		code  int
	}{
		{nil, "note", 0},
		{[]string{"--allowed-signers", other}, "error", 1},
	} {
		out, stderr, code := invoke(t, append(append([]string{"scan", "--format", "json", "--no-cache", "--git-all"}, c.args...), repo)...)
		level := ""
		for _, f := range jsonFindings(t, out, stderr) {
			if f.RuleID == "TA-GIT-002" && strings.Contains(f.Message, "2 more commits") {
				level = f.Level
			}
		}
		if level != c.level || code != c.code {
			t.Errorf("%v: summary level %q, exit %d; want %q, exit %d", c.args, level, code, c.level, c.code)
		}
	}
}

// A Tauri input that exists and cannot be read fails the run (exit 2,
// one line naming it) after the report, where it is a TA-CFG-000 error.
func TestUnreadableTauriInputs(t *testing.T) {
	for _, c := range []struct {
		name  string
		setup func(t *testing.T, app string)
		file  string
	}{
		{"fifo config", func(t *testing.T, app string) { mkfifo(t, app, "src-tauri/tauri.macos.conf.json") }, "src-tauri/tauri.macos.conf.json"},
		{"fifo capability", func(t *testing.T, app string) { mkfifo(t, app, "src-tauri/capabilities/x.json") }, "src-tauri/capabilities/x.json"},
		{"folder lockfile", func(t *testing.T, app string) { os.MkdirAll(filepath.Join(app, "src-tauri/Cargo.lock"), 0o755) }, "src-tauri/Cargo.lock"},
		{"folder permission", func(t *testing.T, app string) {
			os.MkdirAll(filepath.Join(app, "src-tauri/permissions/p.toml"), 0o755)
		}, "src-tauri/permissions/p.toml"},
		{"capability out of the root", func(t *testing.T, app string) {
			os.Symlink("/etc/passwd", filepath.Join(app, "src-tauri/capabilities/passwd.json"))
		}, "src-tauri/capabilities/passwd.json"},
		{"unreadable config (not as root)", func(t *testing.T, app string) {
			if os.Geteuid() == 0 {
				t.Skip("root reads a mode-000 file; the FIFO and folder cases cover this as root")
			}
			os.Chmod(filepath.Join(app, "src-tauri/tauri.conf.json"), 0)
		}, "src-tauri/tauri.conf.json"},
	} {
		t.Run(c.name, func(t *testing.T) {
			app := failApp(t)
			c.setup(t, app)
			out := wantExit2(t, c.file+": a Tauri input could not be read", "--fail-on", "none", app)
			found := false
			for _, f := range jsonFindings(t, out, "") {
				found = found || f.RuleID == "TA-CFG-000" && f.Location.File == c.file && f.Level == "error"
			}
			if !found {
				t.Errorf("the report has no TA-CFG-000 error at %s:\n%.2000s", c.file, out)
			}
		})
	}
}

func mkfifo(t *testing.T, root, rel string) {
	t.Helper()
	if err := syscall.Mkfifo(filepath.Join(root, filepath.FromSlash(rel)), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
}
