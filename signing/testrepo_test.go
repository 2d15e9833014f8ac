package signing

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// testEnv runs git, gpg, gpgsm and ssh-keygen in an isolated home.
type testEnv struct {
	t    *testing.T
	dir  string // temp root
	repo string
	env  []string
}

func needTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
}

// objectFormats are the object formats every history test runs on.
var objectFormats = []string{"sha1", "sha256"}

// newTestEnvFormat makes the repository with the given object format
// (git init --object-format: "sha1" or "sha256").
func newTestEnvFormat(t *testing.T, format string) *testEnv {
	t.Helper()
	needTools(t, "git")
	dir := t.TempDir()
	gh := filepath.Join(dir, "g")
	if err := os.Mkdir(gh, 0o700); err != nil {
		t.Fatal(err)
	}
	e := &testEnv{t: t, dir: dir, repo: filepath.Join(dir, "repo")}
	e.env = append(os.Environ(), "HOME="+dir, "GNUPGHOME="+gh, "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Signer", "GIT_AUTHOR_EMAIL=signer@example.com",
		"GIT_COMMITTER_NAME=Signer", "GIT_COMMITTER_EMAIL=signer@example.com")
	t.Cleanup(func() {
		if _, err := exec.LookPath("gpgconf"); err == nil {
			cmd := exec.Command("gpgconf", "--kill", "all")
			cmd.Env = e.env
			cmd.Run()
		}
	})
	args := []string{"init", "-q", "-b", "main"}
	if format != "sha1" {
		args = append(args, "--object-format="+format)
	}
	e.run(dir, "git", append(args, e.repo)...)
	return e
}

// run runs a command and returns its trimmed standard output.
func (e *testEnv) run(dir string, name string, args ...string) string {
	e.t.Helper()
	return e.runIn(dir, nil, "", name, args...)
}

func (e *testEnv) runIn(dir string, extraEnv []string, stdin string, name string, args ...string) string {
	e.t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, append(append([]string{}, e.env...), extraEnv...)
	if stdin != "" {
		cmd.Stdin = strings.NewReader(stdin)
	}
	out, err := cmd.Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		e.t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, msg)
	}
	return strings.TrimSpace(string(out))
}

func (e *testEnv) git(args ...string) string {
	e.t.Helper()
	return e.run(e.repo, "git", args...)
}

// commit makes an empty commit at date, with extra git -c settings.
func (e *testEnv) commit(msg, date, email string, cfg ...string) string {
	e.t.Helper()
	args := []string{}
	for _, c := range cfg {
		args = append(args, "-c", c)
	}
	args = append(args, "commit", "-q", "--allow-empty", "-m", msg)
	if len(cfg) > 0 {
		args = append(args, "-S")
	}
	env := []string{"GIT_AUTHOR_DATE=" + date, "GIT_COMMITTER_DATE=" + date}
	if email != "" {
		env = append(env, "GIT_COMMITTER_EMAIL="+email, "GIT_AUTHOR_EMAIL="+email)
	}
	e.runIn(e.repo, env, "", "git", args...)
	return e.git("rev-parse", "HEAD")
}

// tamper rewrites HEAD's message keeping its signature, so the signature
// no longer matches, and moves the branch to the forgery.
func (e *testEnv) tamper(newMsg string) string {
	e.t.Helper()
	raw := e.git("cat-file", "commit", "HEAD") + "\n"
	i := strings.LastIndex(raw, "\n\n")
	forged := raw[:i] + "\n\n" + newMsg + "\n"
	id := e.runIn(e.repo, nil, forged, "git", "hash-object", "-t", "commit", "-w", "--stdin")
	e.git("update-ref", "refs/heads/main", id)
	return id
}

var fprLine = regexp.MustCompile(`(?m)^fpr:+([0-9A-F]{40}):`)

// gpgKey makes an ed25519 signing key and returns its fingerprint.
func (e *testEnv) gpgKey(uid string, extra ...string) string {
	e.t.Helper()
	args := append([]string{"--batch", "--pinentry-mode", "loopback", "--passphrase", ""}, extra...)
	expire := "never"
	if len(extra) > 0 {
		expire = "1y"
	}
	args = append(args, "--quick-gen-key", uid, "ed25519", "sign", expire)
	e.runIn(e.dir, nil, "", "gpg", args...)
	out := e.run(e.dir, "gpg", "--with-colons", "--list-keys", uid)
	m := fprLine.FindStringSubmatch(out)
	if m == nil {
		e.t.Fatalf("no fingerprint for %s in %s", uid, out)
	}
	return m[1]
}

// sshKey makes an ed25519 key pair and returns the private key path and
// the public key line.
func (e *testEnv) sshKey(name string) (string, string) {
	e.t.Helper()
	p := filepath.Join(e.dir, name)
	e.run(e.dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", p)
	pub, err := os.ReadFile(p + ".pub")
	if err != nil {
		e.t.Fatal(err)
	}
	return p, strings.TrimSpace(string(pub))
}

// write creates a file under the temp root and returns its path.
func (e *testEnv) write(name, content string) string {
	e.t.Helper()
	p := filepath.Join(e.dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		e.t.Fatal(err)
	}
	return p
}
