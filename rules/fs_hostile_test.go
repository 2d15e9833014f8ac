package rules

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func problemsByFile(p *Project) map[string][]Problem {
	out := map[string][]Problem{}
	for _, pr := range p.Problems() {
		out[pr.Loc.File] = append(out[pr.Loc.File], pr)
	}
	return out
}

// TestSymlinkedDirectories: a capabilities or permissions folder that is a
// symlink (inside the root, outside it, or a loop) is reported as not
// followed, as an error since Tauri's build would read it; any other
// symlinked folder a rule asks for is a warning.
func TestSymlinkedDirectories(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	write(t, root, "src-tauri/tauri.conf.json", []byte(minimalConfig))
	write(t, root, "src-tauri/real/main.json", []byte(`{"identifier": "main", "permissions": []}`))
	write(t, outside, "perm.toml", []byte("[[permission]]\nidentifier = \"x\"\n"))
	write(t, root, "dist-real/index.html", []byte("<html></html>"))
	for link, target := range map[string]string{
		"src-tauri/capabilities": "real",
		"src-tauri/permissions":  outside,
		"dist":                   "dist-real",
		"loop":                   "loop",
	} {
		if err := os.Symlink(target, filepath.Join(root, filepath.FromSlash(link))); err != nil {
			t.Fatal(err)
		}
	}
	ps, err := Load(context.Background(), root, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p := ps[0]
	p.ACL()
	p.FilesUnder("dist")
	p.FilesUnder("loop")
	p.FilesUnder("src-tauri/real") // a real folder: nothing to say
	got := problemsByFile(p)
	for file, want := range map[string]string{
		"src-tauri/capabilities": "error: symlink to a directory; not followed",
		"src-tauri/permissions":  "error: symlink leads outside the scanned root",
		"dist":                   "warning: symlink to a directory",
		"loop":                   "warning: too many levels of symbolic links",
	} {
		if len(got[file]) != 1 || !strings.HasPrefix(fmt.Sprintf("%s: %s", got[file][0].Level, got[file][0].Msg), want) {
			t.Errorf("%s: problems %v, want one %q", file, got[file], want)
		}
	}
	if len(got["src-tauri/real"]) != 0 {
		t.Errorf("a real folder is reported: %v", got["src-tauri/real"])
	}
}

// TestSymlinkedCapabilitySubfolder: Tauri globs capabilities/** through
// a symlinked sub-folder; the scan says it did not.
func TestSymlinkedCapabilitySubfolder(t *testing.T) {
	root := t.TempDir()
	write(t, root, "src-tauri/tauri.conf.json", []byte(minimalConfig))
	write(t, root, "src-tauri/capabilities/main.json", []byte(`{"identifier": "main", "permissions": []}`))
	write(t, root, "elsewhere/evil.json", []byte(`{"identifier": "evil", "permissions": []}`))
	if err := os.Symlink("../../elsewhere", filepath.Join(root, "src-tauri", "capabilities", "sub")); err != nil {
		t.Fatal(err)
	}
	ps, err := Load(context.Background(), root, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ps[0].ACL()
	got := problemsByFile(ps[0])["src-tauri/capabilities/sub"]
	if len(got) != 1 || got[0].Level != Error || !strings.Contains(got[0].Msg, "symlink to a directory") {
		t.Errorf("problems %v", got)
	}
}

// TestUnauditedConfigIsAnError: a file over the size cap, or with a name
// that cannot be opened, is an error when it is parsed as Tauri input and
// a warning when a rule only reads it; recorded once, at the higher level.
func TestUnauditedConfigIsAnError(t *testing.T) {
	root := t.TempDir()
	write(t, root, "src-tauri/tauri.conf.json", []byte(minimalConfig))
	write(t, root, "src-tauri/capabilities/big.json", []byte(`{"identifier": "big", "permissions": [`+strings.Repeat(`"a", `, 100)+`"a"]}`))
	write(t, root, "notes.txt", []byte(strings.Repeat("x", 2000)))
	write(t, root, "src-tauri/capabilities/caf\xe9.json", []byte(`{"identifier": "latin1"}`))
	ps, err := Load(context.Background(), root, LoadOptions{Limits: Limits{MaxFileSize: 500, MaxFiles: 100}})
	if err != nil {
		t.Fatal(err)
	}
	p := ps[0]
	p.Read("src-tauri/capabilities/big.json")
	p.Parse("src-tauri/capabilities/big.json", JSONStrict)
	p.Read("src-tauri/capabilities/big.json")
	p.Read("notes.txt")
	p.Parse("src-tauri/capabilities/caf\xe9.json", JSONStrict)
	got := problemsByFile(p)
	for file, want := range map[string]string{
		"src-tauri/capabilities/big.json":     "error: file is ",
		"notes.txt":                           "warning: file is 2000 bytes, over the 500-byte limit",
		"src-tauri/capabilities/caf\xe9.json": "error: the file name is not valid UTF-8",
	} {
		if len(got[file]) != 1 || !strings.HasPrefix(fmt.Sprintf("%s: %s", got[file][0].Level, got[file][0].Msg), want) {
			t.Errorf("%q: problems %v, want one %q", file, got[file], want)
		}
	}
}

// TestProblemsBoundedPerFile: a file with a million warnings keeps one
// more than the report lists, so the report says it cut the list.
func TestProblemsBoundedPerFile(t *testing.T) {
	root := t.TempDir()
	write(t, root, "src-tauri/tauri.conf.json", []byte(minimalConfig))
	write(t, root, "src-tauri/capabilities/dup.json", []byte("{"+strings.Repeat(`"a": 1, `, 5000)+`"a": 1}`))
	ps, err := Load(context.Background(), root, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ps[0].Parse("src-tauri/capabilities/dup.json", JSONStrict)
	if n := len(problemsByFile(ps[0])["src-tauri/capabilities/dup.json"]); n != MaxFindingsPerFile+1 {
		t.Errorf("%d problems kept, want %d", n, MaxFindingsPerFile+1)
	}
}
