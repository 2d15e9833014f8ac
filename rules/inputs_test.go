package rules

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
)

var appFS = fstest.MapFS{"tauri.conf.json": {Data: []byte(`{"identifier": "com.example.app"}`)}}

// Every path setting is read before the scan; a missing path, one of the
// wrong kind or one that does not parse is an InputError naming the flag
// and the path.
func TestInputErrorsNameTheFlag(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage")
	os.WriteFile(garbage, []byte("not a key\n"), 0o644)
	missing := filepath.Join(dir, "missing")
	for _, c := range []struct {
		flag string
		set  func(*Settings, string)
		bad  []string
	}{
		{"--artifacts", func(s *Settings, p string) { s.Artifacts = p }, []string{missing, garbage}},
		{"--osv-db", func(s *Settings, p string) { s.OSVDB = p }, []string{missing, garbage}},
		{"--trusted-keys", func(s *Settings, p string) { s.TrustedKeys = p }, []string{missing, dir, garbage}},
		{"--allowed-signers", func(s *Settings, p string) { s.AllowedSigners = p }, []string{missing, dir, garbage}},
		{"--x509-roots", func(s *Settings, p string) { s.X509Roots = p }, []string{missing, dir, garbage}},
		{"--codesign-roots", func(s *Settings, p string) { s.CodesignRoots = p }, []string{missing, dir, garbage}},
		{"--cosign-key", func(s *Settings, p string) { s.CosignKey = p }, []string{missing, dir, garbage}},
	} {
		for _, bad := range c.bad {
			var opt LoadOptions
			c.set(&opt.Settings, bad)
			_, err := LoadFS(context.Background(), appFS, opt)
			var ie *InputError
			if !errors.As(err, &ie) || ie.Flag != c.flag || ie.Path != bad {
				t.Errorf("%s %s: got %v, want an InputError naming both", c.flag, filepath.Base(bad), err)
				continue
			}
			if msg := err.Error(); !strings.HasPrefix(msg, c.flag+" "+bad+": ") || strings.Contains(msg, "\n") {
				t.Errorf("%s: message %q is not one line naming the flag and path", c.flag, msg)
			}
		}
	}
}

// The artifact folder is listed once: regular files only, sorted, and
// opened through an os.Root, so no name leads outside it.
func TestArtifactSet(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "b.exe"), []byte("b"), 0o644)
	os.WriteFile(filepath.Join(dir, "sub", "a.msi"), []byte("a"), 0o644)
	os.WriteFile(filepath.Join(t.TempDir(), "secret"), []byte("s"), 0o644)
	os.Symlink("/etc/passwd", filepath.Join(dir, "link"))
	syscall.Mkfifo(filepath.Join(dir, "fifo.exe"), 0o644)
	ps, err := LoadFS(context.Background(), appFS, LoadOptions{Settings: Settings{Artifacts: dir}})
	if err != nil {
		t.Fatal(err)
	}
	a := ps[0].Inputs().Artifacts
	if got := strings.Join(a.Files(), ","); got != "b.exe,sub/a.msi" {
		t.Errorf("files %q", got)
	}
	if b, err := a.ReadFile("sub/a.msi"); err != nil || string(b) != "a" {
		t.Errorf("ReadFile: %q, %v", b, err)
	}
	for _, out := range []string{"link", "../secret", "/etc/passwd", "fifo.exe"} {
		if _, err := a.ReadFile(out); err == nil {
			t.Errorf("ReadFile(%q) left the folder", out)
		}
	}
	var none *ArtifactSet
	if none.Files() != nil {
		t.Error("a nil set lists files")
	}
}

// Without trust files the trust is empty but present, so signatures are
// still checked (and cached) under it.
func TestInputsDefaults(t *testing.T) {
	ps, err := LoadFS(context.Background(), appFS, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	in := ps[0].Inputs()
	if in.Trust == nil || in.Artifacts != nil || in.OSV != nil || in.CodesignRoots != nil || in.CosignKey != nil || in.Repo != nil {
		t.Errorf("inputs without settings: %+v", in)
	}
}
