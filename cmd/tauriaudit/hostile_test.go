//go:build linux

package main

// The hostile-repository suite (issue #6): tauriaudit runs on untrusted
// trees, so each case builds one hostile repository and runs the real
// binary on it, as CI would. Whatever the input, the scan must finish
// within bounded CPU time and memory, never crash (exit 2 or a panic),
// never read outside the scanned root, never write inside it, never run
// anything the repository contains, report the bad input as a finding that
// names the file, and still audit every other file: each repository holds
// canaries (a capability with remote "https://*" that must give TA-ACL-001,
// a config with withGlobalTauri that must give TA-CFG-011, a workflow with
// a tag-pinned action that must give TA-DEP-008).
//
// Run it alone with: go test ./cmd/tauriaudit -run Hostile -v

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tauriaudit/tauriaudit/rules"
)

const (
	// hostileCPU is the user+system CPU time every case must stay under;
	// CPU time, unlike wall time, does not grow when the machine is
	// loaded (2 cores shared by parallel cases and packages).
	hostileCPU = 30 * time.Second
	// hostileBackstop only catches real hangs (a scan blocked on a FIFO
	// uses no CPU): a wall-clock bound far above any loaded-machine run.
	hostileBackstop = 5 * time.Minute
	// hostileRSS is the peak memory every case must stay under; cases
	// with huge files assert hostileBigRSS.
	hostileRSS    = 512 << 20
	hostileBigRSS = 200 << 20
	outsideSecret = "OUTSIDE-SECRET-7f3a9c" // in files outside the scanned root
)

// expect is a finding that must be reported: rule, exact file and a
// substring of the message.
type expect struct{ rule, file, msg string }

type hostileCase struct {
	name  string
	setup func(t *testing.T, h *hostileRepo)
	args  []string
	want  []expect
	// exit is the expected status: 1 by default (the canaries are errors).
	exit int
	// stderr must contain this when set (runs that stop with exit 2).
	stderr string
	// report: the run exits 2 after writing the report (an unreadable
	// Tauri input), whose findings are still checked.
	report bool
	cpu    time.Duration // CPU time bound; 0 means hostileCPU
	maxRSS int64         // bytes; 0 means hostileRSS
	// Canaries that a case replaces on purpose.
	noConfigCanary, noCapabilityCanary bool
	git                                bool // make the tree a git repository first
	check                              func(t *testing.T, h *hostileRepo, r *scanResult)
}

// hostileRepo is one case's scanned root, plus a directory outside it.
type hostileRepo struct {
	t       *testing.T
	bin     string // the scanner
	root    string
	outside string
	marker  string // created by anything the repository would run
}

func (h *hostileRepo) path(rel string) string { return filepath.Join(h.root, filepath.FromSlash(rel)) }

func (h *hostileRepo) write(rel string, data []byte) {
	h.t.Helper()
	p := h.path(rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		h.t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		h.t.Fatal(err)
	}
}

func (h *hostileRepo) symlink(rel, target string) {
	h.t.Helper()
	p := h.path(rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		h.t.Fatal(err)
	}
	if err := os.Symlink(target, p); err != nil {
		h.t.Fatal(err)
	}
}

func (h *hostileRepo) fifo(rel string) {
	h.t.Helper()
	p := h.path(rel)
	os.Remove(p)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		h.t.Fatal(err)
	}
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		h.t.Fatal(err)
	}
}

// sparse makes a file of size bytes that takes no disk space.
func (h *hostileRepo) sparse(rel string, size int64) {
	h.t.Helper()
	h.write(rel, nil)
	if err := os.Truncate(h.path(rel), size); err != nil {
		h.t.Fatal(err)
	}
}

func (h *hostileRepo) git(args ...string) {
	h.t.Helper()
	runGit(h.t, h.root, args...)
}

// canaryCapability is a capability every case must still audit.
const canaryCapability = `{"identifier": "canary", "windows": ["main"], "remote": {"urls": ["https://*"]}, "permissions": ["core:default"]}`

// canaryApp writes a small valid app whose findings every case expects,
// and scripts that would create the marker if anything ran them.
func (h *hostileRepo) canaryApp() {
	h.write("src-tauri/tauri.conf.json", []byte(`{"identifier": "com.example.hostile", "app": {"withGlobalTauri": true}}`))
	h.write("src-tauri/capabilities/canary.json", []byte(canaryCapability))
	h.write("src-tauri/Cargo.toml", []byte("[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[dependencies]\ntauri = \"2\"\n"))
	h.write("src-tauri/build.rs", []byte(fmt.Sprintf("fn main() { std::fs::write(%q, \"build.rs\").unwrap(); }\n", h.marker)))
	touch := "touch " + h.marker
	h.write("package.json", []byte(fmt.Sprintf(`{"name": "app", "private": true, "scripts": {"preinstall": %q, "postinstall": %q, "prepare": %q, "tauri": %q}, "dependencies": {"@tauri-apps/api": "^2"}}`,
		touch, touch, touch, touch)))
	h.write(".github/workflows/ci.yml", []byte("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: "+touch+"\n"))
	h.write(".husky/pre-commit", []byte("#!/bin/sh\n"+touch+"\n"))
	os.Chmod(h.path(".husky/pre-commit"), 0o755)
}

// gitInit makes the tree a repository with two commits, then adds hooks
// and config that would run a command if git (or a tool that runs git
// with the repository's config) touched the repository.
func (h *hostileRepo) gitInit() {
	h.git("init", "-q", "-b", "main")
	h.git("add", ".")
	h.git("commit", "-qm", "first")
	h.write("src-tauri/capabilities/second.json", []byte(`{"identifier": "second", "windows": ["main"], "permissions": []}`))
	h.git("add", ".")
	h.git("commit", "-qm", "second")
	h.gitHooks()
}

func (h *hostileRepo) gitHooks() {
	touch := "#!/bin/sh\ntouch " + h.marker + "\n"
	for _, hook := range []string{"post-checkout", "pre-commit", "post-merge", "pre-push", "fsmonitor-watchman", "post-index-change"} {
		h.write(".git/hooks/"+hook, []byte(touch))
		os.Chmod(h.path(".git/hooks/"+hook), 0o755)
	}
	cfg, _ := os.ReadFile(h.path(".git/config"))
	cfg = append(cfg, fmt.Sprintf("[core]\n\tfsmonitor = %s\n\tsshCommand = %s\n\tpager = %s\n[diff]\n\texternal = %s\n", h.path(".git/hooks/post-checkout"), "touch "+h.marker, "touch "+h.marker, h.path(".git/hooks/post-checkout"))...)
	h.write(".git/config", cfg)
}

// capability returns a capability file granting remote https://* under
// its own identifier: each one audited gives its own TA-ACL-001.
func capability(id string) []byte {
	return []byte(fmt.Sprintf(`{"identifier": %q, "windows": ["main"], "remote": {"urls": ["https://*"]}, "permissions": ["core:default"]}`, id))
}

func TestHostile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildScanner(t)
	for _, tc := range hostileCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			runHostile(t, bin, tc)
		})
	}
}

// buildScanner builds the tauriaudit binary once for the suite, and the
// probe that runs it, into one directory.
func buildScanner(t *testing.T) string {
	t.Helper()
	gobin := filepath.Join(os.Getenv("GOROOT"), "bin", "go") // set by go test
	if _, err := os.Stat(gobin); err != nil {
		gobin = "go"
	}
	dir := t.TempDir()
	cmd := exec.Command(gobin, "build", "-o", dir+string(filepath.Separator), ".", "./testdata/rssprobe")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return filepath.Join(dir, "tauriaudit")
}

type scanResult struct {
	stdout, stderr string
	code           int
	elapsed        time.Duration
	cpu            time.Duration // user+system time of the scanner
	maxRSS         int64         // bytes
	doc            struct {
		Findings []struct {
			RuleID   string `json:"ruleId"`
			Level    string `json:"level"`
			Message  string `json:"message"`
			Subject  string `json:"subject"`
			Location struct {
				File  string `json:"file"`
				Start struct{ Line int }
			} `json:"location"`
		} `json:"findings"`
		Errors []json.RawMessage `json:"errors"`
	}
}

func (r *scanResult) has(e expect) bool { return r.match(e) != "" }

// match returns "level: message" of the first finding e matches, or "".
func (r *scanResult) match(e expect) string {
	for _, f := range r.doc.Findings {
		if f.RuleID == e.rule && f.Location.File == e.file && strings.Contains(f.Message, e.msg) {
			return f.Level + ": " + f.Message
		}
	}
	return ""
}

func (r *scanResult) findings() string {
	var b strings.Builder
	for i, f := range r.doc.Findings {
		if i == 60 {
			fmt.Fprintf(&b, "\n  … %d more", len(r.doc.Findings)-i)
			break
		}
		fmt.Fprintf(&b, "\n  %s %s %q: %.200s", f.RuleID, f.Level, f.Location.File, f.Message)
	}
	return b.String()
}

// runScanner runs the binary, fails when it exceeds cpuLimit of CPU time
// or hangs past hostileBackstop, and measures its CPU time and peak
// memory. Linux charges a child with its parent's peak resident size
// when it execs (the exec replaces memory the child shared with the
// parent), so the scanner is started by a small probe process
// (testdata/rssprobe), which reports the scanner's rusage on fd 3.
func runScanner(t *testing.T, bin string, home string, cpuLimit time.Duration, args ...string) *scanResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hostileBackstop)
	defer cancel()
	rd, wr, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	cmd := exec.CommandContext(ctx, filepath.Join(filepath.Dir(bin), "rssprobe"), append([]string{bin}, args...)...)
	cmd.ExtraFiles = []*os.File{wr}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) } // the probe and the scanner
	cmd.WaitDelay = 2 * time.Second
	// No user config, cache or git settings leak in; the cache, if any,
	// goes to a temporary home outside the scanned tree.
	cmd.Env = []string{"HOME=" + home, "XDG_CACHE_HOME=" + filepath.Join(home, "cache"), "PATH=" + os.Getenv("PATH"),
		"GIT_CONFIG_NOSYSTEM=1", "NO_COLOR=1", "LC_ALL=C"}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err = cmd.Start()
	wr.Close()
	if err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	r := &scanResult{stdout: stdout.String(), stderr: stderr.String(), elapsed: time.Since(start)}
	if ctx.Err() != nil {
		t.Fatalf("tauriaudit %s did not finish within %v: the scan hangs (stderr: %.2000s)", strings.Join(args, " "), hostileBackstop, r.stderr)
	}
	var report string
	if b, _ := io.ReadAll(rd); len(b) > 0 {
		report = string(b)
	}
	var signal int
	var cpuMS int64
	if n, _ := fmt.Sscanf(report, "%d %d %d %d", &r.code, &r.maxRSS, &signal, &cpuMS); n != 4 {
		t.Fatalf("the probe did not run the scanner: %v %q\n%s", err, report, r.stderr)
	}
	r.maxRSS <<= 10 // KiB on Linux
	r.cpu = time.Duration(cpuMS) * time.Millisecond
	if strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "goroutine ") || strings.Contains(r.stderr, "fatal error") {
		t.Fatalf("the scanner crashed (exit %d):\n%.4000s", r.code, r.stderr)
	}
	if signal != 0 {
		t.Fatalf("the scanner was killed by signal %d", signal)
	}
	if r.cpu > cpuLimit {
		t.Errorf("the scan used %v of CPU time, over the %v bound", r.cpu.Round(time.Millisecond), cpuLimit)
	}
	return r
}

func runHostile(t *testing.T, bin string, tc hostileCase) {
	if _, err := exec.LookPath("git"); err != nil && (tc.git || strings.HasPrefix(tc.name, "git-")) {
		t.Skip("git is not installed")
	}
	base := t.TempDir()
	h := &hostileRepo{t: t, bin: bin, root: filepath.Join(base, "repo"), outside: filepath.Join(base, "outside"), marker: filepath.Join(base, "MARKER")}
	home := filepath.Join(base, "home")
	for _, d := range []string{h.root, h.outside, home} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// Outside the root: a capability and a permission set with a
	// distinctive identifier, which must never show up in the report.
	os.WriteFile(filepath.Join(h.outside, "secret.json"), capability(outsideSecret), 0o644)
	os.WriteFile(filepath.Join(h.outside, "secret.toml"), []byte("[[permission]]\nidentifier = \""+outsideSecret+"\"\ncommands.allow = [\"x\"]\n"), 0o644)
	h.canaryApp()
	if tc.git {
		h.gitInit()
	}
	if tc.setup != nil {
		tc.setup(t, h)
	}
	if _, err := os.Lstat(h.marker); err == nil {
		t.Fatal("setting up the case ran a hook: fix the setup")
	}
	before := snapshot(t, h.root)

	cpu := tc.cpu
	if cpu == 0 {
		cpu = hostileCPU
	}
	args := append([]string{"scan", "--format", "json"}, tc.args...)
	r := runScanner(t, bin, home, cpu, append(args, h.root)...)
	t.Logf("%s: exit %d in %v (CPU %v), max RSS %d MiB", tc.name, r.code, r.elapsed.Round(time.Millisecond),
		r.cpu.Round(time.Millisecond), r.maxRSS>>20)

	wantExit := tc.exit
	if wantExit == 0 {
		wantExit = 1
	}
	if r.code != wantExit {
		t.Errorf("exit %d, want %d; stderr: %.2000s", r.code, wantExit, r.stderr)
	}
	if tc.stderr != "" && !strings.Contains(r.stderr, tc.stderr) {
		t.Errorf("stderr %q does not contain %q", r.stderr, tc.stderr)
	}
	maxRSS := tc.maxRSS
	if maxRSS == 0 {
		maxRSS = hostileRSS
	}
	if r.maxRSS > maxRSS {
		t.Errorf("peak memory %d MiB, over the %d MiB bound", r.maxRSS>>20, maxRSS>>20)
	}
	for _, s := range []string{outsideSecret, "root:x:0:0"} {
		if strings.Contains(r.stdout, s) || strings.Contains(r.stderr, s) {
			t.Errorf("the output contains %q: something outside the scanned root was read", s)
		}
	}
	if wantExit != 2 || tc.report {
		if err := json.Unmarshal([]byte(r.stdout), &r.doc); err != nil {
			t.Fatalf("the JSON report does not parse: %v\n%.2000s", err, r.stdout)
		}
		if len(r.doc.Errors) > 0 {
			t.Errorf("rule errors: %s", r.doc.Errors)
		}
		want := append([]expect(nil), tc.want...)
		if !tc.noCapabilityCanary {
			want = append(want, expect{"TA-ACL-001", "src-tauri/capabilities/canary.json", `"https://*"`})
		}
		if !tc.noConfigCanary {
			want = append(want, expect{"TA-CFG-011", "src-tauri/tauri.conf.json", "withGlobalTauri"})
		}
		want = append(want, expect{"TA-DEP-008", ".github/workflows/ci.yml", "actions/checkout"})
		for _, e := range want {
			if m := r.match(e); m == "" {
				t.Errorf("no %s finding on %q containing %q; findings:%s", e.rule, e.file, e.msg, r.findings())
			} else {
				t.Logf("  %s %q %s", e.rule, e.file, m)
			}
		}
	}
	if tc.check != nil {
		tc.check(t, h, r)
	}
	if _, err := os.Lstat(h.marker); err == nil {
		t.Errorf("the scan ran something from the repository: %s exists", h.marker)
	}
	if after := snapshot(t, h.root); after != before {
		t.Errorf("the scan changed the scanned tree:\n%s", diffLines(before, after))
	}
}

// snapshot lists every entry under root with its type, size and mtime,
// without following symlinks or opening anything (FIFOs stay closed).
func snapshot(t *testing.T, root string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%q %v %d %d\n", p, fi.Mode(), fi.Size(), fi.ModTime().UnixNano())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func diffLines(a, b string) string {
	in := map[string]int{}
	for _, l := range strings.Split(a, "\n") {
		in[l]++
	}
	var out []string
	for _, l := range strings.Split(b, "\n") {
		if in[l] > 0 {
			in[l]--
			continue
		}
		out = append(out, "+ "+l)
	}
	for l, n := range in {
		if n > 0 && l != "" {
			out = append(out, "- "+l)
		}
	}
	return strings.Join(out, "\n")
}

// hugeCapability writes a real capability file of about size bytes: one
// huge permissions array.
func (h *hostileRepo) hugeCapability(rel string, size int) {
	h.t.Helper()
	head := `{"identifier": "huge", "windows": ["main"], "permissions": [`
	item := `"core:window:allow-set-title", `
	tail := `"core:default"]}`
	chunk := strings.Repeat(item, 1<<15)
	var b bytes.Buffer
	b.WriteString(head)
	for n := len(head); n+len(chunk)+len(tail) < size; n += len(chunk) {
		b.WriteString(chunk)
	}
	b.WriteString(tail)
	h.write(rel, b.Bytes())
}

// billionLaughs is a YAML alias bomb: each anchor lists the previous nine
// times, so levels=12 would expand to 9^13 nodes.
func billionLaughs(levels int, use string) []byte {
	var b strings.Builder
	b.WriteString("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n")
	for i := 1; i <= levels; i++ {
		p := fmt.Sprintf("*a%d", i-1)
		fmt.Fprintf(&b, "a%d: &a%d [%s]\n", i, i, strings.Repeat(p+",", 8)+p)
	}
	b.WriteString(fmt.Sprintf(use, fmt.Sprintf("*a%d", levels)))
	return []byte(b.String())
}

const deep = 1_000_000

func hostileCases() []hostileCase {
	tooBig := "over the 8388608-byte limit"
	return []hostileCase{
		{
			name: "symlink-loops",
			setup: func(t *testing.T, h *hostileRepo) {
				h.symlink("src-tauri/capabilities/a.json", "b.json")
				h.symlink("src-tauri/capabilities/b.json", "a.json")
				h.symlink("src-tauri/capabilities/self.json", "self.json")
				h.symlink("src-tauri/capabilities/loop", ".")
				h.symlink("src-tauri/permissions", "permissions")
			},
			// Tauri could not read them either; the scan cannot vouch.
			exit: 2, report: true, stderr: "a Tauri input could not be read",
			want: []expect{
				{"TA-CFG-000", "src-tauri/capabilities/a.json", "symbolic links"},
				{"TA-CFG-000", "src-tauri/capabilities/b.json", "symbolic links"},
				{"TA-CFG-000", "src-tauri/capabilities/self.json", "symbolic links"},
				{"TA-CFG-000", "src-tauri/permissions", "symbolic links"},
			},
		},
		{
			name: "symlinks-out-of-root",
			setup: func(t *testing.T, h *hostileRepo) {
				h.symlink("src-tauri/capabilities/passwd.json", "/etc/passwd")
				h.symlink("src-tauri/capabilities/secret.json", filepath.Join(h.outside, "secret.json"))
				h.symlink("src-tauri/capabilities/relative.json", "../../../outside/secret.json")
				h.symlink("src-tauri/capabilities/outdir", h.outside)
				h.symlink("src-tauri/permissions", h.outside)
				h.symlink("src-tauri/Cargo.lock", "/etc/passwd")
				h.symlink("package-lock.json", filepath.Join(h.outside, "secret.json"))
				h.symlink(".github/workflows/passwd.yml", "/etc/passwd")
			},
			// Tauri would read them; the scan refuses to, so it cannot vouch.
			exit: 2, report: true, stderr: "a Tauri input could not be read",
			want: []expect{
				{"TA-CFG-000", "src-tauri/capabilities/passwd.json", "outside the scanned root"},
				{"TA-CFG-000", "src-tauri/capabilities/secret.json", "outside the scanned root"},
				{"TA-CFG-000", "src-tauri/capabilities/relative.json", "outside the scanned root"},
				{"TA-CFG-000", "src-tauri/permissions", "outside the scanned root"},
				{"TA-CFG-000", "src-tauri/Cargo.lock", "outside the scanned root"},
				{"TA-CFG-000", "package-lock.json", "outside the scanned root"},
				{"TA-CFG-000", ".github/workflows/passwd.yml", "outside the scanned root"},
			},
		},
		{
			// Tauri would read a capabilities folder that is a symlink;
			// the scanner does not follow it, and must say so.
			name: "capabilities-dir-symlink",
			setup: func(t *testing.T, h *hostileRepo) {
				os.Rename(h.path("src-tauri/capabilities"), h.path("src-tauri/real-capabilities"))
				h.symlink("src-tauri/capabilities", "real-capabilities")
			},
			noCapabilityCanary: true,
			want:               []expect{{"TA-CFG-000", "src-tauri/capabilities", "symlink to a directory"}},
		},
		{
			// Tauri's build globs capabilities/** through a symlinked
			// sub-folder.
			name: "capabilities-subdir-symlink",
			setup: func(t *testing.T, h *hostileRepo) {
				h.write("elsewhere/evil.json", capability("evil"))
				h.symlink("src-tauri/capabilities/sub", "../../elsewhere")
			},
			want:  []expect{{"TA-CFG-000", "src-tauri/capabilities/sub", "symlink to a directory"}},
			check: wantLevel("TA-CFG-000", "src-tauri/capabilities/sub", "error"),
		},
		{
			name: "fifo-and-devices",
			setup: func(t *testing.T, h *hostileRepo) {
				h.fifo("src-tauri/capabilities/x.json")
				h.fifo("src-tauri/Cargo.lock")
				h.fifo("pnpm-lock.yaml")
				h.fifo(".github/workflows/fifo.yml")
				h.fifo("src-tauri/permissions/p.toml")
				h.symlink("src-tauri/capabilities/zero.json", "/dev/zero")
				h.symlink("src-tauri/capabilities/random.json", "/dev/urandom")
				// A real device node when we may make one (root); mknod
				// fails otherwise and the symlinks above stand in.
				if err := syscall.Mknod(h.path("src-tauri/capabilities/dev.json"), syscall.S_IFCHR|0o644, int(mkdev(1, 5))); err != nil {
					t.Logf("mknod: %v (not root?): only symlinks to devices are tested", err)
				}
			},
			exit: 2, report: true, stderr: "a Tauri input could not be read",
			want: []expect{
				{"TA-CFG-000", "src-tauri/capabilities/x.json", "not a regular file"},
				{"TA-CFG-000", "src-tauri/Cargo.lock", "not a regular file"},
				{"TA-CFG-000", "pnpm-lock.yaml", "not a regular file"},
				{"TA-CFG-000", ".github/workflows/fifo.yml", "not a regular file"},
				{"TA-CFG-000", "src-tauri/permissions/p.toml", "not a regular file"},
				{"TA-CFG-000", "src-tauri/capabilities/zero.json", "outside the scanned root"},
				{"TA-CFG-000", "src-tauri/capabilities/random.json", "outside the scanned root"},
			},
			check: func(t *testing.T, h *hostileRepo, r *scanResult) {
				if _, err := os.Lstat(h.path("src-tauri/capabilities/dev.json")); err == nil &&
					!r.has(expect{"TA-CFG-000", "src-tauri/capabilities/dev.json", "not a regular file"}) {
					t.Errorf("the device node is not reported:%s", r.findings())
				}
			},
		},
		{
			// The repository's own settings file is read before the scan:
			// a FIFO must not block it, a symlink must not lead outside.
			name:   "settings-file-fifo",
			setup:  func(t *testing.T, h *hostileRepo) { h.fifo(".tauriaudit.toml") },
			exit:   2,
			stderr: ".tauriaudit.toml: not a regular file",
		},
		{
			name:   "settings-file-symlink-out",
			setup:  func(t *testing.T, h *hostileRepo) { h.symlink(".tauriaudit.toml", "/etc/passwd") },
			exit:   2,
			stderr: ".tauriaudit.toml",
		},
		{
			name: "sparse-1GB",
			setup: func(t *testing.T, h *hostileRepo) {
				for _, rel := range []string{"src-tauri/capabilities/big.json", "src-tauri/Cargo.lock", "pnpm-lock.yaml",
					"package-lock.json", ".github/workflows/big.yml", "src-tauri/tauri.windows.conf.json", "src-tauri/permissions/big.toml", "dist/index.html"} {
					h.sparse(rel, 1<<30)
				}
			},
			want: []expect{
				{"TA-CFG-000", "src-tauri/capabilities/big.json", "1073741824 bytes, " + tooBig},
				{"TA-CFG-000", "src-tauri/Cargo.lock", tooBig},
				{"TA-CFG-000", "pnpm-lock.yaml", tooBig},
				{"TA-CFG-000", "package-lock.json", tooBig},
				{"TA-CFG-000", ".github/workflows/big.yml", tooBig},
				{"TA-CFG-000", "src-tauri/tauri.windows.conf.json", tooBig},
				{"TA-CFG-000", "src-tauri/permissions/big.toml", tooBig},
			},
			cpu:    10 * time.Second,
			maxRSS: hostileBigRSS,
		},
		{
			// An oversized config is not audited at all: that must fail
			// the run like any other unreadable config, or padding the
			// file with blanks would hide what it sets.
			name:           "sparse-1GB-base-config",
			setup:          func(t *testing.T, h *hostileRepo) { h.sparse("src-tauri/tauri.conf.json", 1<<30) },
			noConfigCanary: true, noCapabilityCanary: true,
			want:   []expect{{"TA-CFG-000", "src-tauri/tauri.conf.json", tooBig}},
			check:  wantLevel("TA-CFG-000", "src-tauri/tauri.conf.json", "error"),
			cpu:    10 * time.Second,
			maxRSS: hostileBigRSS,
		},
		{
			name: "json-100MB",
			setup: func(t *testing.T, h *hostileRepo) {
				h.hugeCapability("src-tauri/capabilities/huge.json", 100<<20)
			},
			want:   []expect{{"TA-CFG-000", "src-tauri/capabilities/huge.json", tooBig}},
			check:  wantLevel("TA-CFG-000", "src-tauri/capabilities/huge.json", "error"),
			maxRSS: hostileBigRSS,
			cpu:    10 * time.Second,
		},
		{
			// With the cap raised the file is read; the parser must
			// still be bounded.
			name: "json-100MB-max-file-size-raised",
			setup: func(t *testing.T, h *hostileRepo) {
				h.hugeCapability("src-tauri/capabilities/huge.json", 100<<20)
			},
			args:   []string{"--max-file-size", "209715200"},
			want:   []expect{{"TA-CFG-000", "src-tauri/capabilities/huge.json", "values"}},
			cpu:    60 * time.Second,
			maxRSS: 512 << 20,
		},
		{
			// Raised cap and under the value limit: the file is parsed
			// and audited in full, in bounded time and memory.
			name: "json-100MB-max-file-size-raised-parsed",
			setup: func(t *testing.T, h *hostileRepo) {
				item := `"core:window:allow-set-title-` + strings.Repeat("x", 80) + `", `
				h.write("src-tauri/capabilities/huge.json", []byte(`{"identifier": "huge", "windows": ["main"], "permissions": [`+
					strings.Repeat(item, (100<<20)/len(item))+`"core:default"]}`))
			},
			args:   []string{"--max-file-size", "209715200"},
			want:   []expect{{"TA-ACL-010", "src-tauri/capabilities/huge.json", "the rest are not listed"}},
			cpu:    60 * time.Second,
			maxRSS: 1 << 30,
		},
		{
			// Under the size cap, but millions of one-byte values, each of
			// them an invalid capability: the parser and the report must
			// stay bounded.
			name: "json-8MB-tiny-values",
			setup: func(t *testing.T, h *hostileRepo) {
				n := (8<<20 - 2) / 2
				h.write("src-tauri/capabilities/zeros.json", []byte("["+strings.Repeat("0,", n-1)+"0]"))
				h.write("src-tauri/capabilities/zeros.json5", []byte("["+strings.Repeat("0,", n-1)+"0]"))
				h.write("src-tauri/capabilities/zeros.toml", []byte("a = ["+strings.Repeat("0,", n-4)+"0]\n"))
				h.write("src-tauri/capabilities/keys.json", []byte("{"+strings.Repeat(`"":0,`, (8<<20)/5-1)+`"":0}`))
			},
			want: []expect{
				{"TA-CFG-000", "src-tauri/capabilities/zeros.json", "values"},
				{"TA-CFG-000", "src-tauri/capabilities/zeros.json5", "values"},
				{"TA-CFG-000", "src-tauri/capabilities/zeros.toml", "values"},
				{"TA-CFG-000", "src-tauri/capabilities/keys.json", "values"},
			},
		},
		{
			// Many invalid entries that each give a finding: the report
			// is cut per rule and file instead of growing without bound.
			name: "many-findings-one-file",
			setup: func(t *testing.T, h *hostileRepo) {
				var b strings.Builder
				b.WriteString("[")
				for i := range 50_000 {
					if i > 0 {
						b.WriteString(",")
					}
					fmt.Fprintf(&b, `{"identifier": "c%d", "windows": ["main"], "permissions": ["nope:allow-%d"]}`, i, i)
				}
				b.WriteString("]")
				h.write("src-tauri/capabilities/many.json", []byte(b.String()))
			},
			want: []expect{{"TA-ACL-010", "src-tauri/capabilities/many.json", "the rest are not listed"}},
			check: func(t *testing.T, h *hostileRepo, r *scanResult) {
				n := 0
				for _, f := range r.doc.Findings {
					if f.Location.File == "src-tauri/capabilities/many.json" {
						n++
					}
				}
				if n > 5000 {
					t.Errorf("%d findings on one file: the report is not bounded", n)
				}
			},
		},
		{
			// URL patterns with thousands of groups: go-urlpattern's
			// submatch matching grows with the square of the groups per
			// character (2,600 "*" took 5 minutes; these stay under the
			// length bound). Such a component is judged as "*", a
			// superset, so the remote grant is reported.
			name: "url-pattern-many-groups",
			setup: func(t *testing.T, h *hostileRepo) {
				h.write("src-tauri/capabilities/stars.json", []byte(fmt.Sprintf(
					`{"identifier": "stars", "windows": ["main"], "remote": {"urls": [%q, %q]}, "permissions": ["core:default"]}`,
					"https://"+strings.Repeat("*", 2000), "https://"+strings.Repeat("*a", 1000)+".example")))
			},
			want: []expect{{"TA-ACL-001", "src-tauri/capabilities/stars.json", "more than 64 groups in one component"}},
		},
		{
			// Long URL patterns: go-urlpattern parses in quadratic time
			// (a 64 KB pattern takes about 20 s), so a file of them would
			// hold the gate for hours. A pattern over the length bound is
			// judged as "*" everywhere, so the grant is still reported.
			name: "url-pattern-long",
			setup: func(t *testing.T, h *hostileRepo) {
				var urls []string
				for i := range 100 {
					urls = append(urls, fmt.Sprintf("%q", fmt.Sprintf("https://h%d.example/", i)+strings.Repeat("é", 30<<10)))
				}
				h.write("src-tauri/capabilities/long.json", []byte(`{"identifier": "long", "windows": ["main"], "remote": {"urls": [`+
					strings.Join(urls, ",")+`]}, "permissions": ["core:default"]}`))
			},
			want: []expect{{"TA-ACL-001", "src-tauri/capabilities/long.json", "longer than the 2048 bytes tauriaudit judges, so it is taken to match every host"}},
			check: func(t *testing.T, h *hostileRepo, r *scanResult) {
				for _, f := range r.doc.Findings {
					if len(f.Message) > rules.MaxMessageBytes+64 {
						t.Errorf("%s: a %d-byte message", f.RuleID, len(f.Message))
					}
				}
			},
		},
		{
			// Within the workflow byte limit: two million values, refused
			// before yaml.v3 builds a node for each (over 300 MB), and many
			// literal secrets that each give a finding. Every workflow is
			// parsed once for all rules.
			name: "workflow-4MB",
			setup: func(t *testing.T, h *hostileRepo) {
				h.write(".github/workflows/values.yml", []byte("on: push\njobs:\n  a:\n    runs-on: x\n    steps: []\nx: ["+strings.Repeat("0,", 2<<20-64)+"0]\n"))
				var b strings.Builder
				b.WriteString("on: push\nenv:\n")
				for i := range 90_000 {
					fmt.Fprintf(&b, "  TAURI_SIGNING_PRIVATE_KEY_PASSWORD_%d: x\n", i)
				}
				h.write(".github/workflows/secrets.yml", []byte(b.String()))
			},
			want: []expect{{"TA-GIT-006", ".github/workflows/secrets.yml", "the rest are not listed"},
				{"TA-CFG-000", ".github/workflows/values.yml", "more than the 200000 a workflow may have"}},
			maxRSS: 250 << 20,
		},
		{
			name: "deep-nesting",
			setup: func(t *testing.T, h *hostileRepo) {
				h.write("src-tauri/capabilities/deep.json", []byte(strings.Repeat("[", deep)))
				h.write("src-tauri/capabilities/deep-object.json", []byte(strings.Repeat(`{"a":`, deep)))
				h.write("src-tauri/capabilities/deep.json5", []byte(strings.Repeat("[", deep)))
				h.write("src-tauri/capabilities/deep.toml", []byte("a = "+strings.Repeat("[", deep)))
				h.write("src-tauri/capabilities/deep-table.toml", []byte("a = "+strings.Repeat("{b=", deep)))
				h.write("src-tauri/tauri.linux.conf.json", []byte(strings.Repeat(`{"app":`, deep)))
				h.write("src-tauri/tauri.macos.conf.json5", []byte(strings.Repeat("[", deep)))
				h.write("src-tauri/Tauri.windows.toml", []byte("a = "+strings.Repeat("[", deep)))
				h.write("src-tauri/Cargo.lock", []byte("x = "+strings.Repeat("[", deep)))
				h.write(".github/workflows/deep.yml", []byte("on: push\njobs: "+strings.Repeat("[", deep)+"\n"))
				h.write("pnpm-lock.yaml", []byte("lockfileVersion: '9.0'\nimporters: "+strings.Repeat("[", deep)+"\n"))
				h.write("package-lock.json", []byte(strings.Repeat("[", deep)))
			},
			want: []expect{
				{"TA-CFG-000", "src-tauri/capabilities/deep.json", "nesting deeper than 128"},
				{"TA-CFG-000", "src-tauri/capabilities/deep-object.json", "nesting deeper than 128"},
				{"TA-CFG-000", "src-tauri/capabilities/deep.json5", "nesting deeper than 128"},
				{"TA-CFG-000", "src-tauri/capabilities/deep.toml", "nest"},
				{"TA-CFG-000", "src-tauri/capabilities/deep-table.toml", "nest"},
				{"TA-CFG-000", "src-tauri/tauri.linux.conf.json", "nesting deeper than 128"},
				{"TA-CFG-000", "src-tauri/tauri.macos.conf.json5", "nesting deeper than 128"},
				{"TA-CFG-000", "src-tauri/Tauri.windows.toml", "nest"},
				{"TA-CFG-000", "src-tauri/Cargo.lock", "nest"},
				{"TA-CFG-000", ".github/workflows/deep.yml", "depth"},
				{"TA-CFG-000", "pnpm-lock.yaml", "depth"},
				{"TA-CFG-000", "package-lock.json", "nesting deeper than 128"},
			},
		},
		// When the base config itself cannot be read there is no app to
		// audit as Tauri would build it (which windows exist, which
		// capabilities the config enables): the run fails on TA-CFG-000
		// and the capability canary is not expected.
		{
			name: "deep-nesting-base-json5",
			setup: func(t *testing.T, h *hostileRepo) {
				os.Remove(h.path("src-tauri/tauri.conf.json"))
				h.write("src-tauri/tauri.conf.json5", []byte(strings.Repeat("[", deep)))
			},
			noConfigCanary: true, noCapabilityCanary: true,
			want: []expect{{"TA-CFG-000", "src-tauri/tauri.conf.json5", "nesting deeper than 128"}},
		},
		{
			name: "deep-nesting-base-toml",
			setup: func(t *testing.T, h *hostileRepo) {
				os.Remove(h.path("src-tauri/tauri.conf.json"))
				h.write("src-tauri/Tauri.toml", []byte("identifier = "+strings.Repeat("[", deep)))
			},
			noConfigCanary: true, noCapabilityCanary: true,
			want: []expect{{"TA-CFG-000", "src-tauri/Tauri.toml", "nest"}},
		},
		{
			name: "yaml-billion-laughs",
			setup: func(t *testing.T, h *hostileRepo) {
				h.write(".github/workflows/laughs.yml", billionLaughs(12, "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    env: %s\n    steps: []\n"))
				h.write(".github/workflows/steps.yml", billionLaughs(12, "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps: %s\n"))
				h.write("pnpm-lock.yaml", billionLaughs(12, "lockfileVersion: '9.0'\nimporters: %s\n"))
			},
			want: []expect{
				{"TA-CFG-000", ".github/workflows/laughs.yml", "alias"},
				{"TA-CFG-000", ".github/workflows/steps.yml", "alias"},
				{"TA-CFG-000", "pnpm-lock.yaml", "alias"},
			},
		},
		{
			name: "invalid-utf8-and-nul",
			setup: func(t *testing.T, h *hostileRepo) {
				h.write("src-tauri/capabilities/bad.json", []byte("{\"identifier\": \"bad\xff\xfe\", \"windows\": [\"main\"], \"permissions\": []}"))
				h.write("src-tauri/capabilities/nul.json", []byte("{\"identifier\": \"n\x00ul\", \"windows\": [\"main\"], \"permissions\": []}"))
				h.write("src-tauri/capabilities/bad.toml", []byte("identifier = \"x\xff\"\n"))
				h.write("src-tauri/capabilities/nul.toml", []byte("identifier = \"x\x00y\"\n"))
				h.write("src-tauri/capabilities/bad.json5", []byte("{identifier: 'x\xc3\x28'}"))
				h.write("src-tauri/Cargo.lock", []byte("version = 3\n\x00\xff\n"))
				h.write(".github/workflows/bad.yml", []byte("on: push\njobs:\n  a:\n    runs-on: x\xff\n    steps: []\n"))
				h.write(".github/workflows/nul.yml", []byte("on: push\njobs:\n  a:\n    runs-on: x\x00\n    steps: []\n"))
				h.write("pnpm-lock.yaml", []byte("lockfileVersion: '9.0'\n\xff\x00\n"))
				h.write("package-lock.json", []byte("{\"lockfileVersion\": 3, \"name\": \"\xff\"}"))
				// CSPs with a raw NUL (JSON5 accepts it), escaped NUL and
				// escape sequences, and invalid UTF-8.
				h.write("src-tauri/tauri.linux.conf.json", []byte("{\"app\": {\"security\": {\"csp\": \"default-src 'self'\x00; script-src *\"}}}"))
				h.write("src-tauri/tauri.macos.conf.json", []byte(`{"app": {"security": {"csp": "default-src 'self' \u0000 \u001b]8;;http://evil\u0007x \u001b[2J; script-src *"}}}`))
				h.write("src-tauri/tauri.windows.conf.json", []byte("{\"app\": {\"security\": {\"csp\": \"default-src 'self'; script-src * \xc3\x28\"}}}"))
			},
			want: []expect{
				{"TA-CFG-000", "src-tauri/capabilities/bad.json", "invalid UTF-8"},
				{"TA-CFG-000", "src-tauri/capabilities/nul.json", "invalid JSON"},
				{"TA-CFG-000", "src-tauri/capabilities/bad.toml", "invalid UTF-8"},
				{"TA-CFG-000", "src-tauri/capabilities/nul.toml", "control characters"},
				{"TA-CFG-000", "src-tauri/capabilities/bad.json5", "invalid UTF-8"},
				{"TA-CFG-000", "src-tauri/Cargo.lock", "invalid UTF-8"},
				{"TA-CFG-000", ".github/workflows/bad.yml", "invalid YAML"},
				{"TA-CFG-000", ".github/workflows/nul.yml", "invalid YAML"},
				{"TA-CFG-000", "pnpm-lock.yaml", "invalid YAML"},
				{"TA-CFG-000", "package-lock.json", "invalid UTF-8"},
				{"TA-CSP-006", "src-tauri/tauri.linux.conf.json", `"*"`},
				{"TA-CSP-006", "src-tauri/tauri.macos.conf.json", `"*"`},
				{"TA-CFG-000", "src-tauri/tauri.windows.conf.json", "invalid UTF-8"},
			},
			check: checkTextOutput,
		},
		{
			name: "hostile-file-names",
			setup: func(t *testing.T, h *hostileRepo) {
				for id, name := range hostileNames {
					h.write("src-tauri/capabilities/"+name, capability(id))
				}
				// Homoglyphs: Tauri reads neither, so neither may be
				// mistaken for the real files.
				h.write("src-tauri/tauri.conf.j\u0455on", []byte(`{"identifier": "homoglyph", "app": {"security": {"csp": "script-src *"}}}`))
				h.write("src-tauri/\u0441apabilities/homo.json", capability("homoglyph-dir"))
			},
			check: func(t *testing.T, h *hostileRepo, r *scanResult) {
				for id, name := range hostileNames {
					if !utf8.ValidString(name) {
						// io/fs cannot open it: reported, as an error since
						// Tauri may read it (JSON shows U+FFFD for the byte).
						if !r.has(expect{"TA-CFG-000", "src-tauri/capabilities/" + jsonString(name), "not valid UTF-8"}) {
							t.Errorf("%q is not reported:%s", name, r.findings())
						}
						continue
					}
					if !r.has(expect{"TA-ACL-001", "src-tauri/capabilities/" + jsonString(name), `"https://*"`}) {
						t.Errorf("capability %s in %q was not audited, or its name is not reported exactly:%s", id, name, r.findings())
					}
				}
				for _, f := range r.doc.Findings {
					if strings.Contains(f.Location.File, "\u0441apabilities") || strings.Contains(f.Location.File, "j\u0455on") {
						t.Errorf("a homoglyph file was read as a Tauri file: %q", f.Location.File)
					}
				}
				checkTextOutput(t, h, r)
				checkSARIFURIs(t, h)
			},
		},
		{
			name: "git-truncated-pack",
			git:  true,
			setup: func(t *testing.T, h *hostileRepo) {
				h.git("-c", "core.fsmonitor=false", "gc", "-q")
				packs, _ := filepath.Glob(h.path(".git/objects/pack/*.pack"))
				if len(packs) == 0 {
					t.Fatal("git gc made no pack")
				}
				fi, _ := os.Stat(packs[0])
				if err := os.Truncate(packs[0], fi.Size()/2); err != nil {
					t.Fatal(err)
				}
			},
			// The history cannot be audited as asked: the scan stops.
			args:   []string{"--git-all"},
			exit:   2,
			stderr: "corrupt pack",
		},
		{
			name: "git-corrupt-loose-object",
			git:  true,
			setup: func(t *testing.T, h *hostileRepo) {
				head := gitOutput(t, h.root, "rev-parse", "HEAD")
				p := h.path(".git/objects/" + head[:2] + "/" + head[2:])
				data, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				for i := 2; i < len(data); i += 3 {
					data[i] ^= 0xff
				}
				os.Chmod(p, 0o644)
				h.write(".git/objects/"+head[:2]+"/"+head[2:], data)
			},
			args: []string{"--git-all"},
			want: []expect{{"TA-CFG-000", ".git", "could not be read"}},
		},
		{
			name: "git-ref-to-missing-object",
			git:  true,
			setup: func(t *testing.T, h *hostileRepo) {
				h.write(".git/refs/heads/ghost", []byte("0123456789abcdef0123456789abcdef01234567\n"))
			},
			args: []string{"--git-all"},
			want: []expect{{"TA-CFG-000", ".git", "refs/heads/ghost"}},
		},
		{
			name:   "git-bad-head",
			git:    true,
			setup:  func(t *testing.T, h *hostileRepo) { h.write(".git/HEAD", []byte("garbage \x1b[2J\n")) },
			args:   []string{"--mode", "release"},
			exit:   2,
			stderr: "--mode release: HEAD does not resolve",
		},
		{
			name: "git-head-escapes",
			git:  true,
			setup: func(t *testing.T, h *hostileRepo) {
				h.write(".git/HEAD", []byte("ref: refs/heads/../../../../../../etc/passwd\n"))
			},
			args:   []string{"--mode", "release"},
			exit:   2,
			stderr: "--mode release: HEAD does not resolve",
		},
		{
			name: "git-alternates",
			git:  true,
			setup: func(t *testing.T, h *hostileRepo) {
				// Outside the root, a loop back into the repository, and
				// a directory that does not exist.
				h.write(".git/objects/info/alternates", []byte(h.outside+"\n"+h.path(".git/objects")+"\n../../nowhere\n/etc\n"))
			},
			args: []string{"--git-all"},
			want: []expect{{"TA-GIT-001", "src-tauri/tauri.conf.json", "not signed"}},
		},
		{
			name: "git-fifos",
			git:  true,
			setup: func(t *testing.T, h *hostileRepo) {
				h.fifo(".git/objects/info/alternates")
				h.fifo(".git/packed-refs")
				h.fifo(".git/shallow")
				h.fifo(".git/refs/heads/fifo")
			},
			// Refused without blocking, then as if absent: the history
			// is still read.
			args: []string{"--git-all"},
			want: []expect{{"TA-GIT-001", "src-tauri/tauri.conf.json", "not signed"}},
		},
		{
			name: "git-fifo-head",
			git:  true,
			setup: func(t *testing.T, h *hostileRepo) {
				h.fifo(".git/HEAD")
			},
			args:   []string{"--mode", "release"},
			exit:   2,
			stderr: "--mode release: HEAD does not resolve",
		},
		{
			// Staged mode reads the index: a corrupt one is an error, not a panic.
			name: "git-staged-corrupt",
			git:  true,
			setup: func(t *testing.T, h *hostileRepo) {
				h.write(".git/index", []byte("DIRC\x00\x00\x00\x02\xff\xff\xff\xff garbage"))
			},
			args:   []string{"--staged"},
			exit:   2,
			stderr: "--staged",
		},
		{
			name: "git-shallow-clone",
			setup: func(t *testing.T, h *hostileRepo) {
				src := filepath.Join(h.outside, "src")
				os.Rename(h.root, src)
				runGit(t, src, "init", "-q", "-b", "main")
				runGit(t, src, "add", ".")
				runGit(t, src, "commit", "-qm", "one")
				runGit(t, src, "commit", "-q", "--allow-empty", "-m", "two")
				runGit(t, src, "commit", "-q", "--allow-empty", "-m", "three")
				runGit(t, h.outside, "clone", "-q", "--depth", "1", "file://"+src, h.root)
				h.gitHooks()
			},
			args: []string{"--git-all"},
			want: []expect{{"TA-GIT-001", "src-tauri/tauri.conf.json", `"three"`}},
			check: func(t *testing.T, h *hostileRepo, r *scanResult) {
				for _, f := range r.doc.Findings {
					if f.RuleID == "TA-CFG-000" && f.Location.File == ".git" {
						t.Errorf("the shallow boundary is reported as a broken repository: %s", f.Message)
					}
				}
			},
		},
		{
			// A .git file naming a repository outside the root: not a
			// worktree or submodule of it (nothing points back), so its
			// history is not read.
			name: "git-gitfile-outside",
			setup: func(t *testing.T, h *hostileRepo) {
				other := filepath.Join(h.outside, "other")
				os.MkdirAll(other, 0o755)
				os.WriteFile(filepath.Join(other, "f"), []byte("x"), 0o644)
				runGit(t, other, "init", "-q", "-b", "main")
				runGit(t, other, "add", ".")
				runGit(t, other, "commit", "-qm", outsideSecret)
				h.write(".git", []byte("gitdir: ../outside/other/.git\n"))
			},
			args:   []string{"--git-all"},
			exit:   2,
			stderr: "does not point back",
		},
		{
			name: "max-files",
			setup: func(t *testing.T, h *hostileRepo) {
				for i := range 2500 {
					h.write(fmt.Sprintf("zz-many/f%04d.txt", i), nil)
				}
			},
			args: []string{"--max-files", "1000"},
			check: func(t *testing.T, h *hostileRepo, r *scanResult) {
				for _, f := range r.doc.Findings {
					if strings.Contains(f.Message, "more than 1000 files") {
						return
					}
				}
				t.Error("the file cap is not reported")
			},
		},
	}
}

// hostileNames are capability file names that try to forge output lines,
// inject terminal escapes, or hide what they are.
var hostileNames = map[string]string{
	"newline": "evil\n[ok] no findings.json",
	"cr":      "cr\rsrc-tauri/capabilities/fine.json",
	"escape":  "esc\x1b[2J\x1b]0;pwned\x07\x1b[1A.json",
	"csi8bit": "c1\u009b31m.json",
	"rtl":     "rtl\u202enosj.exe.json",
	"zwj":     "zw\u200djoin.json",
	"bom":     "\ufeffbom.json",
	"percent": "pct%41 #?&[]=.json",
	"tab":     "tab\tname.json",
	"latin1":  "caf\xe9.json",
	"colon":   "c:olon.json",
	"linesep": "ls\u2028ps\u2029.json",
}

// wantLevel checks the level of the first finding of rule on file.
func wantLevel(rule, file, level string) func(*testing.T, *hostileRepo, *scanResult) {
	return func(t *testing.T, _ *hostileRepo, r *scanResult) {
		for _, f := range r.doc.Findings {
			if f.RuleID == rule && f.Location.File == file {
				if f.Level != level {
					t.Errorf("%s on %s is a %s, want %s: %s", rule, file, f.Level, level, f.Message)
				}
				return
			}
		}
	}
}

// checkTextOutput renders the text report of the same tree and checks
// that nothing from the repository reaches the terminal raw: no control
// or bidi characters, every line a finding, a source snippet or the
// summary.
func checkTextOutput(t *testing.T, h *hostileRepo, _ *scanResult) {
	t.Helper()
	for _, args := range [][]string{{"--color", "never"}, {"--color", "always"}, {"--format", "markdown"}} {
		r := runScanner(t, h.bin, t.TempDir(), hostileCPU, append(append([]string{"scan"}, args...), h.root)...)
		out := r.stdout
		if args[1] == "always" {
			out = regexp.MustCompile(`\x1b\[[0-9;]*m`).ReplaceAllString(out, "") // our own colours
		}
		for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			for _, c := range line {
				if unsafeRune(c) {
					t.Errorf("%v: line %d carries %U from the repository raw: %q", args, i+1, c, line)
					break
				}
			}
			if !utf8.ValidString(line) {
				t.Errorf("%v: line %d is not UTF-8: %q", args, i+1, line)
			}
			if args[1] != "markdown" && !textLine.MatchString(line) {
				t.Errorf("%v: line %d is neither a finding, a snippet nor the summary (a forged line?): %q", args, i+1, line)
			}
			if args[1] == "markdown" && line != "" && !strings.HasPrefix(line, "|") && !strings.HasPrefix(line, "#") &&
				!strings.HasPrefix(line, "Apps:") && !strings.HasPrefix(line, "No findings") && !strings.HasPrefix(line, ">") {
				t.Errorf("markdown: line %d is outside the table (a forged row?): %q", i+1, line)
			}
		}
	}
}

// textLine is a line of the text report: "file:line:col: level RULE …",
// "file: level RULE …" (no position), an indented snippet, or the summary.
var textLine = regexp.MustCompile(`^(\S.*: (error|warning|note) TA-[A-Z0-9]+-\d{3} |    |\d+ errors?, |no findings)`)

func unsafeRune(c rune) bool {
	return c == utf8.RuneError || (unicode.IsControl(c) && c != '\t') || unicode.In(c, unicode.Cf, unicode.Zl, unicode.Zp)
}

// checkSARIFURIs checks that artifact URIs are valid relative URI
// references that decode to the exact file names.
func checkSARIFURIs(t *testing.T, h *hostileRepo) {
	t.Helper()
	r := runScanner(t, h.bin, t.TempDir(), hostileCPU, "scan", "--format", "sarif", h.root)
	var log struct {
		Runs []struct {
			Results []struct {
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string } `json:"artifactLocation"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &log); err != nil {
		t.Fatalf("SARIF does not parse: %v", err)
	}
	validSARIF(t, []byte(r.stdout))
	want := map[string]bool{}
	for _, name := range hostileNames {
		want["src-tauri/capabilities/"+name] = true
	}
	uriChars := regexp.MustCompile(`^[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*$`)
	for _, run := range log.Runs {
		for _, res := range run.Results {
			for _, loc := range res.Locations {
				uri := loc.PhysicalLocation.ArtifactLocation.URI
				if !uriChars.MatchString(uri) {
					t.Errorf("SARIF uri %q has characters that must be percent-encoded", uri)
					continue
				}
				u, err := url.Parse(uri)
				if err != nil || u.Scheme != "" || u.Host != "" {
					t.Errorf("SARIF uri %q is not a relative reference: %v", uri, err)
					continue
				}
				dec, err := url.PathUnescape(uri)
				if err != nil {
					t.Errorf("SARIF uri %q does not decode: %v", uri, err)
				}
				delete(want, dec)
			}
		}
	}
	for name := range want {
		t.Errorf("no SARIF result decodes to %q", name)
	}
}

// validSARIF validates in a subtest, so that a missing schema (a fresh
// clone) skips only the validation, not the rest of the case.
func validSARIF(t *testing.T, data []byte) {
	t.Helper()
	t.Run("schema", func(t *testing.T) { validateSARIF(t, data) })
}

func gitOutput(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git %v: %v", args, err)
	}
	return strings.TrimSpace(string(out))
}

// jsonString is s as encoding/json writes it: each invalid UTF-8 byte
// becomes U+FFFD, since JSON has no way to carry it.
func jsonString(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

func mkdev(major, minor uint32) uint64 {
	return uint64(major)<<8 | uint64(minor)
}
