package signing

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// stressRuns is how many times each layout is audited:
// TAURIAUDIT_STRESS=100 for the full stress run (CI, under -race).
func stressRuns(t *testing.T) int {
	if v := os.Getenv("TAURIAUDIT_STRESS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("TAURIAUDIT_STRESS=%q: want a positive count", v)
		}
		return n
	}
	return 5
}

// stressLayout builds a repository whose commits are stored in an awkward
// way and returns the directory to audit. prepare, when set, runs before
// each audit and returns a command to run beside it.
type stressLayout struct {
	name    string
	format  string
	build   func(e *testEnv) string
	prepare func(e *testEnv, dir string, run int) *exec.Cmd
}

var stressLayouts = []stressLayout{
	{name: "duplicate-packs", format: "sha1", build: buildDuplicatePacks},
	{name: "sha256-duplicate-packs", format: "sha256", build: buildDuplicatePacks},
	{name: "reference-clone", format: "sha1", build: buildReferenceClone},
	{name: "alternates", format: "sha1", build: buildAlternates},
	{name: "loose-and-packed", format: "sha1", build: buildLooseAndPacked},
	{name: "shallow", format: "sha1", build: buildShallow},
	{name: "gc-beside", format: "sha1", build: buildDuplicatePacks, prepare: prepareGC},
}

// The history audit on commits stored several times over (duplicate
// packs, alternates, loose and packed), on SHA-256 and shallow
// repositories, and while git gc rewrites the packs beside it: every run
// audits exactly the commits git lists, with the verdicts of the
// unprefetched walk, and never panics. Run it under -race.
func TestHistoryAuditStress(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	defer func(w int) { prefetchWindow = w }(prefetchWindow)
	runs := stressRuns(t)
	for _, l := range stressLayouts {
		t.Run(l.name, func(t *testing.T) {
			e := newTestEnvFormat(t, l.format)
			trust := stressSigned(e)
			dir := l.build(e)
			start, audits := time.Now(), 0
			for run := range runs {
				var beside *exec.Cmd
				if l.prepare != nil {
					beside = l.prepare(e, dir, run)
				}
				want := revList(e, dir)
				runtime.GOMAXPROCS(1) // no read-ahead: the reference
				ref := stressAudit(t, dir, trust)
				runtime.GOMAXPROCS(4)
				prefetchWindow = []int{1, 3, 64, 2048}[run%4]
				for _, got := range auditBeside(t, dir, trust, beside) {
					audits++
					if ids := auditedIDs(got); !slices.Equal(ids, want) {
						t.Fatalf("run %d, window %d: audited %d commits, git rev-list --all lists %d", run, prefetchWindow, len(ids), len(want))
					}
					if g, r := verdictsOf(got), verdictsOf(ref); g != r {
						t.Fatalf("run %d, window %d: verdicts differ from the unprefetched audit:\n%s\nwant\n%s", run, prefetchWindow, g, r)
					}
				}
			}
			t.Logf("%d runs, %d audits in %s", runs, audits, time.Since(start).Round(time.Millisecond))
		})
	}
}

// auditBeside audits dir once, or, with a command beside, again and again
// until the command ends, so audits overlap every step of it.
func auditBeside(t *testing.T, dir string, trust *Trust, beside *exec.Cmd) []*Audit {
	t.Helper()
	if beside == nil {
		return []*Audit{stressAudit(t, dir, trust)}
	}
	done := make(chan error, 1)
	if err := beside.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- beside.Wait() }()
	var out []*Audit
	for {
		out = append(out, stressAudit(t, dir, trust))
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("%s: %v", strings.Join(beside.Args, " "), err)
			}
			return out
		default:
		}
	}
}

// stressAudit audits every ref of dir with a freshly opened repository.
func stressAudit(t *testing.T, dir string, trust *Trust) *Audit {
	t.Helper()
	r, err := FindRepo(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	a, err := AuditHistory(r, AuditOptions{Walk: WalkOptions{All: true}, Trust: trust, Secrets: true})
	if err != nil {
		t.Fatal(err)
	}
	if a.Info.Unreadable > 0 {
		t.Fatalf("%d unreadable: %s", a.Info.Unreadable, a.Info.FirstUnreadable)
	}
	return a
}

// auditedIDs lists the audited commits, sorted. No commit verifies good
// (the one trusted signer is never used), so every commit is a problem.
func auditedIDs(a *Audit) []string {
	var ids []string
	for _, p := range a.Problems {
		ids = append(ids, p.ID.String())
	}
	slices.Sort(ids)
	return ids
}

// verdictsOf sums up an audit, its commits sorted by id: commits with the
// same date may come in any order.
func verdictsOf(a *Audit) string {
	var lines []string
	for _, p := range a.Problems {
		lines = append(lines, fmt.Sprintf("%s %v %s", p.ID, p.Verdict.Status, p.Verdict.Detail))
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n") + fmt.Sprintf("\ncounts %v, %d visited, %d missing, %d tags, %d secrets",
		a.Counts, a.Info.Visited, a.Info.Missing, len(a.Tags), len(a.Secrets))
}

func revList(e *testEnv, dir string) []string {
	ids := strings.Fields(e.run(dir, "git", "rev-list", "--all"))
	slices.Sort(ids)
	return ids
}

// stressSigned adds a few SSH-signed commits (untrusted: signed by a key
// outside allowed_signers) so the verdicts are not all alike, and returns
// the trust. Without ssh-keygen the history stays unsigned.
func stressSigned(e *testEnv) *Trust {
	importHistory(e, 300)
	if _, err := exec.LookPath("ssh-keygen"); err != nil {
		return nil
	}
	_, trustedPub := e.sshKey("trusted")
	other, _ := e.sshKey("other")
	for i := range 4 {
		e.commit(fmt.Sprintf("signed %d", i), fmt.Sprintf("2022-01-0%dT12:00:00Z", i+1), "", "gpg.format=ssh", "user.signingkey="+other)
	}
	trust, err := LoadTrust("", e.write("allowed_signers", "signer@example.com "+trustedPub+"\n"), "")
	if err != nil {
		e.t.Fatal(err)
	}
	return trust
}

// looseCommits adds n commits as loose objects on branch.
func looseCommits(e *testEnv, dir, branch string, n int) {
	e.run(dir, "git", "checkout", "-q", "-B", branch)
	for i := range n {
		date := fmt.Sprintf("2023-01-01T00:%02d:%02dZ", i/60, i%60)
		e.runIn(dir, []string{"GIT_AUTHOR_DATE=" + date, "GIT_COMMITTER_DATE=" + date}, "",
			"git", "commit", "-q", "--allow-empty", "-m", fmt.Sprintf("%s %d", branch, i))
	}
}

// buildDuplicatePacks stores most commits in three packs at once:
// "git repack -a" without -d keeps the old packs beside the new one.
func buildDuplicatePacks(e *testEnv) string {
	e.git("repack", "-adq")
	looseCommits(e, e.repo, "more", 20)
	e.git("repack", "-aq")
	looseCommits(e, e.repo, "more", 5)
	e.git("repack", "-aq", "--window=0")
	return e.repo
}

// buildReferenceClone clones with --reference, adds commits and repacks
// without -l, copying the borrowed objects into a local pack as well.
func buildReferenceClone(e *testEnv) string {
	e.git("repack", "-adq")
	dst := filepath.Join(e.dir, "refclone")
	e.run(e.dir, "git", "clone", "-q", "--no-local", "--reference", e.repo, e.repo, dst)
	looseCommits(e, dst, "local", 15)
	e.run(dst, "git", "repack", "-aq")
	return dst
}

// buildAlternates borrows the packs of a relative alternate, holds a copy
// of one of them too, and adds loose commits of its own.
func buildAlternates(e *testEnv) string {
	e.git("repack", "-adq")
	looseCommits(e, e.repo, "main", 10) // loose in the alternate
	dst := filepath.Join(e.dir, "borrower")
	e.run(e.dir, "git", "init", "-q", "-b", "main", "--object-format="+e.objectFormat(), dst)
	rel, _ := filepath.Rel(filepath.Join(dst, ".git", "objects"), filepath.Join(e.repo, ".git", "objects"))
	if err := os.WriteFile(filepath.Join(dst, ".git", "objects", "info", "alternates"), []byte(rel+"\n"), 0o644); err != nil {
		e.t.Fatal(err)
	}
	copyPacks(e, filepath.Join(e.repo, ".git", "objects", "pack"), filepath.Join(dst, ".git", "objects", "pack"))
	for _, ref := range strings.Fields(e.git("for-each-ref", "--format=%(refname)", "refs/heads")) {
		e.run(dst, "git", "update-ref", ref, e.git("rev-parse", ref))
	}
	looseCommits(e, dst, "own", 10)
	return dst
}

// buildLooseAndPacked keeps every packed commit loose as well, plus loose
// commits found nowhere else.
func buildLooseAndPacked(e *testEnv) string {
	e.git("repack", "-adq")
	tmp := filepath.Join(e.dir, "unpacked")
	e.run(e.dir, "git", "init", "-q", "--object-format="+e.objectFormat(), tmp)
	packs, _ := filepath.Glob(filepath.Join(e.repo, ".git", "objects", "pack", "*.pack"))
	for _, p := range packs {
		f, err := os.Open(p)
		if err != nil {
			e.t.Fatal(err)
		}
		cmd := exec.Command("git", "unpack-objects", "-q")
		cmd.Dir, cmd.Env, cmd.Stdin = tmp, e.env, f
		if out, err := cmd.CombinedOutput(); err != nil {
			e.t.Fatalf("unpack-objects: %v\n%s", err, out)
		}
		f.Close()
	}
	loose, _ := filepath.Glob(filepath.Join(tmp, ".git", "objects", "[0-9a-f][0-9a-f]"))
	for _, d := range loose {
		e.run(e.dir, "cp", "-rn", d, filepath.Join(e.repo, ".git", "objects"))
	}
	looseCommits(e, e.repo, "main", 10)
	return e.repo
}

// buildShallow clones the last 60 commits of each branch and repacks
// without -d.
func buildShallow(e *testEnv) string {
	e.git("repack", "-adq")
	dst := filepath.Join(e.dir, "shallow")
	e.run(e.dir, "git", "clone", "-q", "--no-single-branch", "--depth", "60", "file://"+e.repo, dst)
	looseCommits(e, dst, "local", 5)
	e.run(dst, "git", "repack", "-aq")
	return dst
}

// prepareGC adds loose commits and a duplicate pack, then returns a
// "git gc" to run beside the audit: it writes a new pack, deletes the old
// ones and the loose objects it packed, and packs the refs.
func prepareGC(e *testEnv, dir string, run int) *exec.Cmd {
	looseCommits(e, dir, fmt.Sprintf("gc%d", run), 3)
	e.run(dir, "git", "repack", "-aq")
	looseCommits(e, dir, fmt.Sprintf("gc%d", run), 2)
	cmd := exec.Command("git", "gc", "--quiet")
	cmd.Dir, cmd.Env = dir, e.env
	return cmd
}

func copyPacks(e *testEnv, from, to string) {
	files, _ := filepath.Glob(filepath.Join(from, "pack-*"))
	for _, f := range files {
		e.run(e.dir, "cp", f, to)
	}
}

func (e *testEnv) objectFormat() string {
	if f := e.git("rev-parse", "--show-object-format"); f != "" {
		return f
	}
	return "sha1"
}

// A repository opened before "git gc" still reads everything after it:
// the loose commits gc packed and deleted are found in the new pack.
func TestODBFindsPacksWrittenAfterOpen(t *testing.T) {
	e := newTestEnvFormat(t, "sha1")
	importHistory(e, 50)
	e.git("repack", "-adq")
	looseCommits(e, e.repo, "main", 5)
	want := revList(e, e.repo)
	r, err := FindRepo(e.repo)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	e.git("repack", "-adq")
	e.git("prune-packed")
	if loose, _ := filepath.Glob(filepath.Join(e.repo, ".git", "objects", "[0-9a-f][0-9a-f]", "*")); len(loose) > 0 {
		t.Fatalf("prune-packed left %d loose objects", len(loose))
	}
	var got []string
	info, err := r.Walk(WalkOptions{All: true}, func(c *Commit) error {
		got = append(got, c.ID.String())
		return nil
	})
	if err != nil || info.Unreadable > 0 {
		t.Fatalf("walk: %v, %d unreadable (%s)", err, info.Unreadable, info.FirstUnreadable)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("walked %d commits, git lists %d", len(got), len(want))
	}
}
