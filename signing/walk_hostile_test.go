package signing

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWalkReportsUnreadable: a corrupt commit and a branch naming a
// missing object are counted, with the first reason; a shallow clone's
// cut-off parents are not.
func TestWalkReportsUnreadable(t *testing.T) {
	e := newTestEnvFormat(t, "sha1")
	first := e.commit("one", "2024-01-01T00:00:00Z", "signer@example.com")
	head := e.commit("two", "2024-01-02T00:00:00Z", "signer@example.com")
	os.WriteFile(filepath.Join(e.repo, ".git", "refs", "heads", "ghost"), []byte(strings.Repeat("ab", 20)+"\n"), 0o644)

	walk := func(dir string) *WalkInfo {
		t.Helper()
		r, err := FindRepo(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		info, err := r.Walk(WalkOptions{All: true}, func(*Commit) error { return nil })
		if err != nil {
			t.Fatal(err)
		}
		return info
	}
	info := walk(e.repo)
	if info.Unreadable != 1 || !strings.Contains(info.FirstUnreadable, "refs/heads/ghost") {
		t.Errorf("missing branch tip: %d unreadable, first %q", info.Unreadable, info.FirstUnreadable)
	}

	// Flip bytes in HEAD's loose object: zlib fails.
	p := filepath.Join(e.repo, ".git", "objects", head[:2], head[2:])
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	for i := 2; i < len(data); i += 3 {
		data[i] ^= 0xff
	}
	os.Chmod(p, 0o644)
	os.WriteFile(p, data, 0o644)
	os.Remove(filepath.Join(e.repo, ".git", "refs", "heads", "ghost"))
	if info := walk(e.repo); info.Unreadable == 0 {
		t.Error("a corrupt commit was skipped silently")
	}

	shallow := filepath.Join(e.dir, "shallow")
	os.Remove(p) // the clone needs a sound source
	e.git("update-ref", "refs/heads/main", first)
	e.commit("three", "2024-01-03T00:00:00Z", "signer@example.com")
	e.run(e.dir, "git", "clone", "-q", "--depth", "1", "file://"+e.repo, shallow)
	if info := walk(shallow); info.Unreadable != 0 || !info.Shallow {
		t.Errorf("shallow clone: %d unreadable (%s), shallow %v", info.Unreadable, info.FirstUnreadable, info.Shallow)
	}
}
