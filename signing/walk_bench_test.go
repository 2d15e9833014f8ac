package signing

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tauriaudit/tauriaudit/signing/secretrules"
)

// The benchmarks walk a synthetic history built with git fast-import (no
// signatures: they measure the object reader, the walk and the tree
// scan). TAURIAUDIT_BENCH_REPO points them at an existing repository
// instead, such as one scripts/bench-history.sh built.
//
//	go test -run '^$' -bench . ./signing/

const benchCommits = 4000

// benchRepo builds (once per benchmark) a packed repository of the given
// object format with benchCommits commits, merges and tags.
func benchRepo(b *testing.B, format string) string {
	b.Helper()
	if p := os.Getenv("TAURIAUDIT_BENCH_REPO"); p != "" {
		if format != "sha1" {
			b.Skip("TAURIAUDIT_BENCH_REPO is used for the sha1 case only")
		}
		return p
	}
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("git is not installed")
	}
	dir := filepath.Join(b.TempDir(), "repo")
	git := func(stdin string, args ...string) {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+filepath.Dir(dir))
		cmd.Stdin = strings.NewReader(stdin)
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	git("", "init", "-q", "--object-format="+format, "-b", "main", ".")
	var s strings.Builder
	data := func(text string) { fmt.Fprintf(&s, "data %d\n%s\n", len(text), text) }
	for i := 1; i <= benchCommits; i++ {
		branch := "main"
		if i%50 >= 45 {
			branch = "side"
		}
		fmt.Fprintf(&s, "commit refs/heads/%s\nmark :%d\ncommitter Bench <bench@example.com> %d +0000\n", branch, i, 1600000000+i*600)
		data(fmt.Sprintf("change %d", i))
		switch {
		case i%50 == 45:
			fmt.Fprintf(&s, "from :%d\n", i-5)
		case i%50 == 0:
			fmt.Fprintf(&s, "from :%d\nmerge :%d\n", i-6, i-1)
		case i > 1:
			fmt.Fprintf(&s, "from :%d\n", i-1)
		}
		fmt.Fprintf(&s, "M 100644 inline src/m%d/f%d.rs\n", i%7, i%23)
		data(fmt.Sprintf("// file %d\nfn f() -> u32 { %d }\n%s", i%23, i, strings.Repeat("let x = 1;\n", i%40)))
		if i%500 == 0 {
			fmt.Fprintf(&s, "reset refs/tags/v0.%d.0\nfrom :%d\n\n", i/500, i)
		}
	}
	git(s.String(), "fast-import", "--quiet")
	git("", "repack", "-adq")
	return dir
}

func benchOpen(b *testing.B, format string) *Repo {
	r, err := FindRepo(benchRepo(b, format))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { r.Close() })
	return r
}

// BenchmarkWalk walks every commit of every ref: pack lookups, inflation,
// commit parsing and the seen-set.
func BenchmarkWalk(b *testing.B) {
	for _, f := range []string{"sha1", "sha256"} {
		b.Run(f, func(b *testing.B) {
			r := benchOpen(b, f)
			for b.Loop() {
				n := 0
				if _, err := r.Walk(WalkOptions{All: true}, func(*Commit) error { n++; return nil }); err != nil || n == 0 {
					b.Fatal(n, err)
				}
			}
		})
	}
}

// BenchmarkAuditSecrets is the whole audit without trust material: the
// walk, the verification pipeline and the history tree scan.
func BenchmarkAuditSecrets(b *testing.B) {
	for _, f := range []string{"sha1", "sha256"} {
		b.Run(f, func(b *testing.B) {
			r := benchOpen(b, f)
			for b.Loop() {
				if _, err := AuditHistory(r, AuditOptions{Walk: WalkOptions{All: true}, Secrets: true}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkAuditProviderSecrets adds the provider-secret detectors
// (TA-GIT-007) to BenchmarkAuditSecrets: config, env, script and source
// blobs through the keyword automaton.
func BenchmarkAuditProviderSecrets(b *testing.B) {
	d := secretrules.NewDetector(secretrules.Builtin(), nil)
	r, err := FindRepo(benchRepo(b, "sha1"))
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	for b.Loop() {
		if _, err := AuditHistory(r, AuditOptions{Walk: WalkOptions{All: true}, Secrets: true, Detector: d}); err != nil {
			b.Fatal(err)
		}
	}
}
