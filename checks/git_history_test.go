package checks

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tauriaudit/tauriaudit/rules"
)

// gitRepo runs git in a fresh repository holding a Tauri app.
type gitRepo struct {
	t   *testing.T
	dir string
	env []string
}

func newGitRepo(t *testing.T) *gitRepo {
	for _, tool := range []string{"git", "ssh-keygen"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	home := t.TempDir()
	r := &gitRepo{t: t, dir: filepath.Join(home, "app"), env: append(os.Environ(), "HOME="+home, "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Dev", "GIT_AUTHOR_EMAIL=dev@example.com", "GIT_COMMITTER_NAME=Dev", "GIT_COMMITTER_EMAIL=dev@example.com")}
	os.MkdirAll(filepath.Join(r.dir, "src-tauri"), 0o755)
	r.write("src-tauri/tauri.conf.json", `{"identifier": "com.example.app"}`)
	r.run("git", "init", "-q", "-b", "main")
	return r
}

func (r *gitRepo) write(name, content string) {
	os.WriteFile(filepath.Join(r.dir, name), []byte(content), 0o644)
}

func (r *gitRepo) run(name string, args ...string) string {
	r.t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = r.dir, r.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return strings.TrimSpace(string(out))
}

func (r *gitRepo) commit(msg string, extra ...string) string {
	r.run("git", append(append(extra, "commit", "-q", "-m", msg), map[bool][]string{true: {"-S"}}[len(extra) > 0]...)...)
	return r.run("git", "rev-parse", "HEAD")
}

// TestHistoryRules runs the TA-GIT rules over a real repository: unsigned
// commits, an SSH signature by a key outside allowed_signers, a
// lightweight release tag, and an updater key deleted from HEAD but
// still in history.
func TestHistoryRules(t *testing.T) {
	r := newGitRepo(t)
	r.run("git", "add", ".")
	first := r.commit("initial")
	r.write(".env", "TAURI_SIGNING_PRIVATE_KEY=dW50cnVzdGVkIGNvbW1lbnQ6IHJzaWduIGVuY3J5cHRlZCBzZWNyZXQga2V5ClJXUlRZMEl5\n")
	r.run("git", "add", ".env")
	leak := r.commit("add env")
	r.run("git", "rm", "-q", ".env")
	removed := r.commit("remove env")
	key := filepath.Join(filepath.Dir(r.dir), "id")
	r.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key)
	r.write("README.md", "x")
	r.run("git", "add", "README.md")
	signed := r.commit("signed", "-c", "gpg.format=ssh", "-c", "user.signingkey="+key)
	r.run("git", "tag", "v1.0.0")
	signers := filepath.Join(filepath.Dir(r.dir), "allowed_signers")
	os.WriteFile(signers, []byte("someone@example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDq9vJ4QHcmkhaTiVSjrbDWDtkXfmvIq2O6fJzZ9n3s7\n"), 0o644)

	projects, err := rules.Load(context.Background(), r.dir, rules.LoadOptions{
		Settings: rules.Settings{GitAll: true, AllowedSigners: signers}})
	if err != nil {
		t.Fatal(err)
	}
	res := rules.Run(context.Background(), projects, []*rules.Rule{UnsignedCommit, InvalidSignature, UnsignedReleaseTag, UpdaterKeyCommitted})
	for _, e := range res.Errors {
		t.Fatalf("%s: %s", e.RuleID, e.Err)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, strings.Join([]string{f.RuleID, string(f.Level), f.Location.File, f.Location.Commit,
			strconv.Itoa(f.Location.Start.Line), f.Message}, " | "))
	}
	slices.Sort(got)
	// Findings about a whole commit point at line 1 of the app config.
	anchor := "src-tauri/tauri.conf.json"
	want := []string{
		"TA-GIT-001 | warning | " + anchor + " | " + first + " | 1 | commit " + first[:12] + " by Dev <dev@example.com> is not signed: \"initial\"",
		"TA-GIT-001 | warning | " + anchor + " | " + leak + " | 1 | commit " + leak[:12] + " by Dev <dev@example.com> is not signed: \"add env\"",
		"TA-GIT-001 | warning | " + anchor + " | " + removed + " | 1 | commit " + removed[:12] + " by Dev <dev@example.com> is not signed: \"remove env\"",
		"TA-GIT-002 | error | " + anchor + " | " + signed + " | 1 | commit " + signed[:12] + " by Dev <dev@example.com>: untrusted SSH signature: key ",
		"TA-GIT-003 | note | " + anchor + " | " + signed + " | 1 | release tag v1.0.0 is a lightweight tag (no tagger, no signature)",
		"TA-GIT-004 | error | .env | " + leak + " | 1 | a minisign/Tauri updater secret key in history (commit " + leak[:12] + "; no longer in HEAD)",
	}
	slices.Sort(want)
	if len(got) != len(want) {
		t.Fatalf("got %d findings, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("finding %d:\n got %s\nwant %s", i, got[i], want[i])
		}
	}
}

// --release-tags / release_tags decide which tags are releases.
func TestReleaseTagPatterns(t *testing.T) {
	r := newGitRepo(t)
	r.run("git", "add", ".")
	head := r.commit("initial")
	for _, tag := range []string{"v1.0.0", "release-2024-01", "nightly", "desktop/v2.0.0"} {
		r.run("git", "tag", tag)
	}
	for _, c := range []struct {
		globs []string
		want  []string
	}{
		{nil, []string{"desktop/v2.0.0", "v1.0.0"}},
		{[]string{"release-*"}, []string{"release-2024-01"}},
		{[]string{"v*", "desktop/*"}, []string{"desktop/v2.0.0", "v1.0.0"}},
	} {
		projects, err := rules.Load(context.Background(), r.dir, rules.LoadOptions{
			Settings: rules.Settings{GitAll: true, ReleaseTags: c.globs}})
		if err != nil {
			t.Fatal(err)
		}
		res := rules.Run(context.Background(), projects, []*rules.Rule{UnsignedReleaseTag})
		var got []string
		for _, f := range res.Findings {
			if f.Location.Commit != head {
				t.Errorf("%s: located at %s, want %s", f.Subject, f.Location.Commit, head)
			}
			got = append(got, strings.TrimPrefix(f.Subject, "tag:"))
		}
		slices.Sort(got)
		if !slices.Equal(got, c.want) {
			t.Errorf("globs %q: release tags reported %q, want %q", c.globs, got, c.want)
		}
	}
}

// One secret committed and carried through 30 commits, moved once and
// then deleted, is one finding per rule, at its first sighting, with
// its last sighting and the count; a second, different token is its own
// finding.
func TestHistorySecretOncePerSecret(t *testing.T) {
	r := newGitRepo(t)
	r.run("git", "add", ".")
	r.commit("initial")
	const token = "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"
	key := "untrusted comment: acme desktop release key\nRWRTY0IyvGZMjPaSW8hYc7AfPcYbAeFH9R+ejzLB4QXmtheyV6YAAAACAAAAAAAAAEAAAAAAqYZRnX7XOWpmaTaMi9KNEvg4LHYzQk7AVtMdSoYj0eenEdiCVuMVyUrdfURj1QhbZQGMYgagvFUOK8UzdHKCTZHOLAJdsz6rfX6iALxK4TDshzjwZfhBLKfVpg+4/HEl9BH970GHqVI=\n"
	var first, last string
	for i := range 30 {
		// The file changes every commit: 30 blobs holding the same secrets.
		r.write("config.env", "GH_TOKEN="+token+"\nBUILD="+strconv.Itoa(i)+"\n")
		r.write("release.key", key+"# build "+strconv.Itoa(i)+"\n")
		r.run("git", "add", ".")
		c := r.commit("build " + strconv.Itoa(i))
		if i == 0 {
			first = c
		}
		last = c
	}
	r.run("git", "rm", "-q", "config.env", "release.key")
	r.commit("remove secrets")
	projects, err := rules.Load(context.Background(), r.dir, rules.LoadOptions{Settings: rules.Settings{GitAll: true}})
	if err != nil {
		t.Fatal(err)
	}
	res := rules.Run(context.Background(), projects, []*rules.Rule{UpdaterKeyCommitted, ProviderSecretCommitted})
	for _, e := range res.Errors {
		t.Fatalf("%s: %s", e.RuleID, e.Err)
	}
	if len(res.Findings) != 2 {
		for _, f := range res.Findings {
			t.Log(f.RuleID, f.Location.File, f.Location.Commit, f.Message)
		}
		t.Fatalf("got %d findings, want one per secret (2)", len(res.Findings))
	}
	for _, f := range res.Findings {
		want := fmt.Sprintf("in history (30 commits, first %s, last %s; no longer in HEAD)", first[:12], last[:12])
		if f.Location.Commit != first || !strings.HasSuffix(f.Message, want) || f.Location.Start.Line != 1 {
			t.Errorf("%s at %s:%d@%s: %s; want first sighting and %q", f.RuleID, f.Location.File, f.Location.Start.Line,
				f.Location.Commit, f.Message, want)
		}
	}
}
