package signing

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// twoSignedBranches makes branches a and b off an unsigned main, each
// with n commits signed by a trusted SSH key, and returns the trust and
// the ids of each branch's commits.
func twoSignedBranches(t *testing.T, n int) (*testEnv, *Trust, map[string][]string) {
	needTools(t, "ssh-keygen")
	e := newTestEnvFormat(t, "sha1")
	e.commit("base", "2021-01-01T00:00:00Z", "")
	key, pub := e.sshKey("signer")
	ids := map[string][]string{}
	for _, branch := range []string{"a", "b"} {
		e.git("checkout", "-q", "-B", branch, "main")
		for i := range n {
			date := fmt.Sprintf("2021-02-01T00:%02d:00Z", i)
			ids[branch] = append(ids[branch], e.commit(branch+fmt.Sprint(i), date, "", "gpg.format=ssh", "user.signingkey="+key))
		}
	}
	trust, err := LoadTrust("", e.write("allowed_signers", "signer@example.com "+pub+"\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	return e, trust, ids
}

// auditBranch audits main..branch with its own handle on the cache in dir
// and saves it; every commit must verify good.
func auditBranch(t *testing.T, repo, dir, branch string, trust *Trust, want int) error {
	cache, err := OpenVerifyCache(dir, trust)
	if err != nil {
		return err
	}
	r, err := FindRepo(repo)
	if err != nil {
		return err
	}
	defer r.Close()
	a, err := AuditHistory(r, AuditOptions{Walk: WalkOptions{Range: "main.." + branch}, Trust: trust, Cache: cache})
	if err != nil {
		return err
	}
	if a.Counts[StatusGood] != want || len(a.Problems) != 0 {
		return fmt.Errorf("%s: %d good of %d, problems %v", branch, a.Counts[StatusGood], want, a.Problems)
	}
	return cache.Save()
}

// Runs sharing a cache directory at the same moment each get their own
// correct result, and leave a cache file that is one whole save. Saves
// merge: a run that opened the cache before another saved keeps the other
// run's entries.
func TestVerifyCacheConcurrentRuns(t *testing.T) {
	const n = 6
	e, trust, ids := twoSignedBranches(t, n)
	keys := commitKeys(t, e.repo, ids)
	for round := range stressRuns(t) {
		dir := filepath.Join(e.dir, fmt.Sprintf("cache%d", round))
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, branch := range []string{"a", "b"} {
			wg.Go(func() { errs[i] = auditBranch(t, e.repo, dir, branch, trust, n) })
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
		}
		c := reopenCache(t, dir, trust)
		for k := range c.known {
			if !keys[k] {
				t.Fatalf("round %d: the cache holds an entry for no audited commit", round)
			}
		}
		if len(c.known) < n {
			t.Fatalf("round %d: %d entries after two saves of %d each", round, len(c.known), n)
		}
		// A cached re-audit of each branch still verifies every commit.
		for _, branch := range []string{"a", "b"} {
			if err := auditBranch(t, e.repo, dir, branch, trust, n); err != nil {
				t.Fatalf("round %d, cached: %v", round, err)
			}
		}
	}

	// Both open, then both save: the second save keeps the first's entries.
	dir := filepath.Join(e.dir, "merged")
	ca, _ := OpenVerifyCache(dir, trust)
	cb, _ := OpenVerifyCache(dir, trust)
	for _, h := range []struct {
		c      *VerifyCache
		branch string
	}{{ca, "a"}, {cb, "b"}} {
		r, err := FindRepo(e.repo)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := AuditHistory(r, AuditOptions{Walk: WalkOptions{Range: "main.." + h.branch}, Trust: trust, Cache: h.c}); err != nil {
			t.Fatal(err)
		}
		r.Close()
	}
	if err := ca.Save(); err != nil {
		t.Fatal(err)
	}
	if err := cb.Save(); err != nil {
		t.Fatal(err)
	}
	if got := len(reopenCache(t, dir, trust).known); got != 2*n {
		t.Errorf("after two saves the cache holds %d entries, want %d", got, 2*n)
	}
}

// reopenCache opens the cache file in dir and checks it is whole: the
// header and a whole number of records.
func reopenCache(t *testing.T, dir string, trust *Trust) *VerifyCache {
	t.Helper()
	c, err := OpenVerifyCache(dir, trust)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(c.path)
	if err != nil {
		t.Fatal(err)
	}
	if body := fi.Size() - int64(len(cacheMagic)+32); body < 0 || body%cacheRecord != 0 || body/cacheRecord != int64(len(c.known)) {
		t.Fatalf("cache file of %d bytes holds %d whole records", fi.Size(), len(c.known))
	}
	if temps, _ := filepath.Glob(filepath.Join(dir, ".verify-*")); len(temps) > 0 {
		t.Fatalf("temporary files left: %v", temps)
	}
	return c
}

// commitKeys are the cache keys of the given commits.
func commitKeys(t *testing.T, repo string, ids map[string][]string) map[[32]byte]bool {
	r, err := FindRepo(repo)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	keys := map[[32]byte]bool{}
	for _, branch := range ids {
		for _, id := range branch {
			h, _ := ParseHash(id)
			c, err := r.ReadCommit(h)
			if err != nil {
				t.Fatal(err)
			}
			keys[objectKey(c.Raw)] = true
		}
	}
	return keys
}
