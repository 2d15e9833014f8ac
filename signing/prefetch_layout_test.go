package signing

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// On random layouts of the same history (commits split over several
// packs with overlaps, some loose, some both, some missing) the
// prefetching walk returns exactly what the unprefetched walk returns,
// whatever the window.
func TestPrefetchRandomLayouts(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	defer func(w int) { prefetchWindow = w }(prefetchWindow)
	e := newTestEnvFormat(t, "sha1")
	importHistory(e, 150)
	e.git("repack", "-adq")
	commits := strings.Fields(e.git("rev-list", "--all"))
	refs := e.git("for-each-ref", "--format=%(objectname) %(refname)")
	layouts := max(stressRuns(t), 6)
	for seed := range uint64(layouts) {
		rng := rand.New(rand.NewPCG(seed, 0x7a0))
		dir, desc := randomLayout(e, rng, commits, refs, seed)
		r, err := FindRepo(dir)
		if err != nil {
			t.Fatal(err)
		}
		runtime.GOMAXPROCS(1)
		want := walkSummary(t, r)
		runtime.GOMAXPROCS(4)
		for _, window := range []int{1, 2, 7, 2048} {
			prefetchWindow = window
			if got := walkSummary(t, r); got != want {
				t.Errorf("seed %d (%s), window %d: the prefetching walk differs:\n%s\nunprefetched:\n%s", seed, desc, window, got, want)
			}
		}
		r.Close()
	}
}

// walkSummary is a whole walk in order, with what it could not read.
func walkSummary(t *testing.T, r *Repo) string {
	t.Helper()
	var b strings.Builder
	info, err := r.Walk(WalkOptions{All: true}, func(c *Commit) error {
		fmt.Fprintln(&b, c.ID, c.Summary)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "visited %d, missing %d, unreadable %d", info.Visited, info.Missing, info.Unreadable)
	return b.String()
}

// randomLayout makes a bare repository with src's refs whose commits are
// spread at random: each is in some of 1-4 packs, loose, both, or (rarely)
// nowhere. Trees and blobs are left out: the walk reads commits only.
func randomLayout(e *testEnv, rng *rand.Rand, commits []string, refs string, seed uint64) (string, string) {
	dir := filepath.Join(e.dir, fmt.Sprintf("layout%d.git", seed))
	e.run(e.dir, "git", "init", "-q", "--bare", dir)
	if err := os.WriteFile(filepath.Join(dir, "packed-refs"), []byte(refs+"\n"), 0o644); err != nil {
		e.t.Fatal(err)
	}
	packs := make([][]string, 1+rng.IntN(4))
	var loose []string
	missing := 0
	for _, id := range commits {
		placed := false
		for i := range packs {
			if rng.IntN(3) == 0 {
				packs[i] = append(packs[i], id)
				placed = true
			}
		}
		switch {
		case rng.IntN(5) == 0 || (!placed && rng.IntN(40) != 0):
			loose = append(loose, id)
		case !placed:
			missing++
		}
	}
	if len(loose) > 0 {
		// unpack-objects writes loose objects only where none exists yet:
		// before the packs are in place.
		pack := exec.Command("git", "pack-objects", "-q", "--stdout")
		pack.Dir, pack.Env, pack.Stdin = e.repo, e.env, strings.NewReader(strings.Join(loose, "\n")+"\n")
		data, err := pack.Output()
		if err != nil {
			e.t.Fatalf("pack-objects: %v", err)
		}
		cmd := exec.Command("git", "unpack-objects", "-q")
		cmd.Dir, cmd.Env, cmd.Stdin = dir, e.env, bytes.NewReader(data)
		if out, err := cmd.CombinedOutput(); err != nil {
			e.t.Fatalf("unpack-objects: %v\n%s", err, out)
		}
	}
	sizes := []string{}
	for _, ids := range packs {
		if len(ids) == 0 {
			continue
		}
		window := []string{"--window=0", "--window=10"}[rng.IntN(2)] // with and without deltas
		e.runIn(e.repo, nil, strings.Join(ids, "\n")+"\n", "git", "pack-objects", "-q", window, filepath.Join(dir, "objects", "pack", "pack"))
		sizes = append(sizes, fmt.Sprint(len(ids)))
	}
	return dir, fmt.Sprintf("packs of %s commits, %d loose, %d missing", strings.Join(sizes, "+"), len(loose), missing)
}

// The prefetcher's bookkeeping on a commit listed in several packs and a
// worker that fails: each id is queued once, a failed read sends the walk
// to read the commit itself, and a worker panic is the walk's error.
func TestPrefetchEntriesOncePerID(t *testing.T) {
	var a, b Hash
	a.b[0], b.b[0] = 1, 2
	pf := &prefetcher{odb: &odb{}, slots: make(chan struct{}, 4), stop: make(chan struct{})}
	todo := pf.queue([]packedCommit{{id: a, off: 100}, {id: b, off: 200}, {id: a, off: 300}})
	if len(todo) != 2 || len(pf.m) != 2 || todo[0].pc.off != 100 {
		t.Fatalf("queued %d entries (%d ids) for two commits", len(todo), len(pf.m))
	}
	pf.slots <- struct{}{}
	if pf.read(todo[0]) { // no pack: reading panics
		t.Fatal("read of an unreadable commit succeeded")
	}
	if c := pf.take(a); c != nil {
		t.Fatal("take returned a commit no worker could read")
	}
	if pf.take(b) != nil || pf.read(todo[1]) {
		t.Fatal("a commit the walk claimed was read ahead")
	}
	if pf.take(a) != nil || len(pf.m) != 0 {
		t.Fatal("entries left after every id was taken")
	}
	err := pf.close()
	if err == nil || !strings.Contains(err.Error(), "panic") {
		t.Fatalf("close: %v, want the worker's panic", err)
	}
	if pf.close() == nil {
		t.Fatal("a second close lost the error")
	}
}

// A walk whose visitor panics stops its read-ahead workers on the way
// out: none is left reading packs the caller then unmaps.
func TestWalkPanicStopsReadAhead(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	defer func(w int) { prefetchWindow = w }(prefetchWindow)
	prefetchWindow = 1 // workers left running would wait for a slot forever
	e := newTestEnvFormat(t, "sha1")
	importHistory(e, 200)
	e.git("repack", "-adq")
	r, err := FindRepo(e.repo)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	func() {
		defer func() {
			if v := recover(); v != "visitor bug" {
				t.Fatalf("recovered %v", v)
			}
		}()
		n := 0
		r.Walk(WalkOptions{All: true}, func(*Commit) error {
			if n++; n == 10 {
				panic("visitor bug")
			}
			return nil
		})
	}()
	// Counting goroutines is not enough: the runtime and the testing
	// package start their own at any time. Look for the read-ahead's.
	if stacks := readAheadStacks(); stacks != "" {
		t.Errorf("read-ahead goroutines left after the walk panicked:\n%s", stacks)
	}
}

// readAheadStacks returns the stacks of goroutines running the
// prefetcher's feed or workers, "" when there are none.
func readAheadStacks() string {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var left []string
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, "signing.(*prefetcher).feed") || strings.Contains(g, "signing.(*prefetcher).worker") {
			left = append(left, g)
		}
	}
	return strings.Join(left, "\n\n")
}
