package signing

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestRemoteURLs(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	config := "[core]\n\tbare = false\n[remote \"origin\"]\n\turl = git@github.com:acme/notes.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n" +
		"[remote \"Up\"]\n\turl = https://github.com/upstream/notes\n[branch \"main\"]\n\tremote = origin\n"
	if err := os.WriteFile(filepath.Join(root, ".git", "config"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	got := RemoteURLs(root)
	if want := []string{"git@github.com:acme/notes.git", "https://github.com/upstream/notes"}; !slices.Equal(got, want) {
		t.Errorf("RemoteURLs = %q, want %q", got, want)
	}
	if got := RemoteURLs(filepath.Join(root, "none")); got != nil {
		t.Errorf("no repository: %q", got)
	}
	link := t.TempDir()
	if err := os.Symlink(filepath.Join(root, ".git"), filepath.Join(link, ".git")); err != nil {
		t.Fatal(err)
	}
	if got := RemoteURLs(link); got != nil {
		t.Errorf("symlinked .git followed: %q", got)
	}
}
