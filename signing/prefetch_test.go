package signing

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// importHistory writes n commits with fast-import: a main line with a
// side branch every 7 commits merged back 3 commits later, and a second
// root on another branch, so the walk order and the pack order differ.
func importHistory(e *testEnv, n int) {
	var b strings.Builder
	mark := 0
	commit := func(ref string, msg string, parents ...int) int {
		mark++
		fmt.Fprintf(&b, "commit %s\nmark :%d\ncommitter C <c@example.com> %d +0000\ndata %d\n%s\n", ref, mark, 1600000000+mark*60, len(msg), msg)
		for i, p := range parents {
			if i == 0 {
				fmt.Fprintf(&b, "from :%d\n", p)
			} else {
				fmt.Fprintf(&b, "merge :%d\n", p)
			}
		}
		fmt.Fprintf(&b, "M 644 inline f%d.txt\ndata 6\nline%d\n\n", mark%5, mark%10)
		return mark
	}
	head := commit("refs/heads/main", "root")
	var side int
	for i := 1; i < n; i++ {
		switch {
		case i%7 == 0:
			side = commit("refs/heads/side", fmt.Sprintf("side %d", i), head)
		case i%7 == 3 && side != 0:
			head = commit("refs/heads/main", fmt.Sprintf("merge %d", i), head, side)
		default:
			head = commit("refs/heads/main", fmt.Sprintf("main %d", i), head)
		}
	}
	commit("refs/heads/other", "other root")
	e.runIn(e.repo, nil, b.String(), "git", "fast-import", "--quiet")
}

// Prefetching changes nothing about the walk: the same commits in the
// same order, whatever the window, on packs with and without deltas.
func TestPrefetchWalkUnchanged(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	defer func(w int) { prefetchWindow = w }(prefetchWindow)
	for _, format := range objectFormats {
		t.Run(format, func(t *testing.T) {
			e := newTestEnvFormat(t, format)
			importHistory(e, 400)
			for _, repack := range [][]string{{"repack", "-adq"}, {"repack", "-adfq", "--window=50", "--depth=10"}} {
				e.git(repack...)
				r, err := FindRepo(e.repo)
				if err != nil {
					t.Fatal(err)
				}
				walk := func() []string {
					var ids []string
					if _, err := r.Walk(WalkOptions{All: true}, func(c *Commit) error {
						ids = append(ids, c.ID.String()+" "+c.Summary)
						return nil
					}); err != nil {
						t.Fatal(err)
					}
					return ids
				}
				runtime.GOMAXPROCS(1) // no prefetcher
				want := walk()
				runtime.GOMAXPROCS(4)
				for _, window := range []int{1, 3, 2048} {
					prefetchWindow = window
					if got := walk(); !slices.Equal(got, want) {
						t.Errorf("%v, window %d: walk differs from the unprefetched walk (%d vs %d commits)", repack, window, len(got), len(want))
					}
				}
				if n := len(strings.Fields(e.git("rev-list", "--all"))); len(want) != n {
					t.Errorf("walked %d commits, git rev-list --all lists %d", len(want), n)
				}
				r.Close()
			}
		})
	}
}

// packedCommits finds exactly the commits git stores in the pack,
// deltified ones included.
func TestPackedCommitsMatchGit(t *testing.T) {
	e := newTestEnvFormat(t, "sha1")
	importHistory(e, 200)
	e.git("repack", "-adfq", "--window=250", "--depth=50")
	r, err := FindRepo(e.repo)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var got []string
	for _, pc := range r.odb.packedCommits() {
		got = append(got, pc.id.String())
	}
	var want []string
	for _, line := range strings.Split(e.git("cat-file", "--batch-all-objects", "--batch-check=%(objecttype) %(objectname)"), "\n") {
		if id, ok := strings.CutPrefix(line, "commit "); ok {
			want = append(want, id)
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("packedCommits lists %d commits, git %d", len(got), len(want))
	}
	deltas := 0
	for _, line := range strings.Split(e.git("verify-pack", "-v", r.odb.packList()[0].name+".idx"), "\n") {
		if f := strings.Fields(line); len(f) > 6 && f[1] == "commit" {
			deltas++
		}
	}
	t.Logf("%d commits, %d stored as deltas", len(want), deltas)
}
