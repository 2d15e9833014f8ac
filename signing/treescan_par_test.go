package signing

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tauriaudit/tauriaudit/signing/secretrules"
)

// The parallel blob search gives exactly the sequential audit's leaks:
// the same secrets, sightings, counts and order.
func TestParallelSecretsMatchSequential(t *testing.T) {
	needTools(t, "git")
	d := secretrules.NewDetector(secretrules.Builtin(), nil)
	for _, format := range []string{"sha1", "sha256"} {
		t.Run(format, func(t *testing.T) {
			dir := leakyRepo(t, format)
			got := compareSecretSearches(t, dir, d)
			if len(got) < 5 {
				t.Errorf("%d leaks, want the planted ones (at least 5): the comparison proves little", len(got))
			}
		})
	}
}

// The same on tauri-apps/tauri's history when its mirror is here.
func TestParallelSecretsMatchSequentialTauri(t *testing.T) {
	dir := "/work/.mirror/tauri-apps+tauri/repo"
	if testing.Short() {
		t.Skip("the tauri history takes seconds")
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skip("no tauri mirror")
	}
	got := compareSecretSearches(t, dir, secretrules.NewDetector(secretrules.Builtin(), nil))
	t.Logf("%d leaks", len(got))
}

// compareSecretSearches audits dir with the sequential and the parallel
// search, fails on any difference and returns the leaks.
func compareSecretSearches(t *testing.T, dir string, d *secretrules.Detector) []Leak {
	t.Helper()
	run := func(sequential bool) []Leak {
		r, err := FindRepo(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		a, err := AuditHistory(r, AuditOptions{Walk: WalkOptions{All: true}, Secrets: true, Detector: d, sequentialSecrets: sequential})
		if err != nil {
			t.Fatal(err)
		}
		return a.Secrets
	}
	want, got := run(true), run(false)
	if !reflect.DeepEqual(got, want) {
		n := min(len(got), len(want))
		for i := range n {
			if !reflect.DeepEqual(got[i], want[i]) {
				t.Fatalf("leak %d of %d/%d differs:\nparallel   %+v\nsequential %+v", i, len(got), len(want), got[i], want[i])
			}
		}
		t.Fatalf("parallel %d leaks, sequential %d", len(got), len(want))
	}
	return got
}

// leakyRepo builds a repository whose history plants secrets that come,
// move, go and come back, blobs shared under several names (the first
// name decides the search) and enough commits for many batches.
func leakyRepo(t *testing.T, format string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "repo")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	git := func(stdin string, args ...string) {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+filepath.Dir(dir))
		cmd.Stdin = strings.NewReader(stdin)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("", "init", "-q", "--object-format="+format, "-b", "main", ".")
	rng := rand.New(rand.NewPCG(1, 2))
	token := func(prefix string, n int, alphabet string) string {
		b := []byte(prefix)
		for range n {
			b = append(b, alphabet[rng.IntN(len(alphabet))])
		}
		return string(b)
	}
	const upper, alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	secrets := make([]string, 12)
	for i := range secrets {
		if i%2 == 0 {
			secrets[i] = "AWS_ACCESS_KEY_ID=" + token("AKIA", 16, upper)
		} else {
			secrets[i] = "GITHUB_TOKEN=" + token("ghp_", 36, alnum)
		}
	}
	names := []string{".env", "config/app.env", "src/deploy.js", "scripts/ci.py", "notes.bin", "tauri.key", "a/b/c/settings.ts"}
	var s strings.Builder
	data := func(text string) { fmt.Fprintf(&s, "data %d\n%s\n", len(text), text) }
	for i := 1; i <= 600; i++ {
		fmt.Fprintf(&s, "commit refs/heads/main\nmark :%d\ncommitter T <t@example.com> %d +0000\n", i, 1600000000+i*60)
		data(fmt.Sprintf("change %d", i))
		if i > 1 {
			fmt.Fprintf(&s, "from :%d\n", i-1)
		}
		name := names[rng.IntN(len(names))]
		switch rng.IntN(4) {
		case 0:
			fmt.Fprintf(&s, "D %s\n", name)
		case 1: // a blob already seen, under another name
			fmt.Fprintf(&s, "M 100644 inline %s\n", name)
			data(secrets[rng.IntN(len(secrets))] + "\n")
		default:
			fmt.Fprintf(&s, "M 100644 inline %s\n", name)
			data(fmt.Sprintf("// v%d\n%s\n", i, secrets[rng.IntN(len(secrets))]))
		}
	}
	git(s.String(), "fast-import", "--quiet")
	git("", "repack", "-adq")
	return dir
}
