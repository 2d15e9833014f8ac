package main

import (
	"crypto/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"aead.dev/minisign"

	assets "github.com/tauriaudit/tauriaudit/internal/release"
)

// writeRelease makes a one-asset release signed by a fresh key and
// returns its directory and the key's .pub file.
func writeRelease(t *testing.T) (dir, pubFile string) {
	t.Helper()
	pub, priv, err := minisign.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	dir, keys := t.TempDir(), t.TempDir()
	asset := filepath.Join(dir, assets.ArchiveName("1.0.0", assets.Target{OS: "linux", Arch: "amd64"}))
	if err := os.WriteFile(asset, []byte("archive"), 0o644); err != nil {
		t.Fatal(err)
	}
	h, _ := assets.FileSHA256(asset)
	sums := assets.FormatChecksums([]assets.Sum{{Name: filepath.Base(asset), Hex: h}})
	os.WriteFile(filepath.Join(dir, assets.ChecksumsName("1.0.0")), sums, 0o644)
	os.WriteFile(filepath.Join(dir, assets.SignatureName("1.0.0")), assets.Sign(priv, sums, "t"), 0o644)
	text, _ := pub.MarshalText()
	pubFile = filepath.Join(keys, "release.pub")
	os.WriteFile(pubFile, text, 0o644) // the .pub file: comment line, key line
	return dir, pubFile
}

func TestVerifyReleaseExitCodes(t *testing.T) {
	dir, pub := writeRelease(t)
	pubText, _ := os.ReadFile(pub)
	lines := strings.Split(strings.TrimSpace(string(pubText)), "\n")
	keyLine := lines[len(lines)-1]
	_, otherPub := writeRelease(t)

	for _, arg := range []string{pub, keyLine} {
		if out, errOut, code := invoke(t, "verify-release", dir, "--key", arg); code != 0 || !strings.Contains(out, "1 of 1 files") {
			t.Errorf("--key %s: exit %d\n%s%s", arg, code, out, errOut)
		}
	}
	if _, errOut, code := invoke(t, "verify-release", dir, "--key", otherPub); code != 1 || !strings.Contains(errOut, "not by the given key") {
		t.Errorf("wrong key: exit %d, %q", code, errOut)
	}
	if _, _, code := invoke(t, "verify-release", dir); code != 2 {
		t.Errorf("no --key: exit %d, want 2", code)
	}
	if _, _, code := invoke(t, "verify-release", t.TempDir(), "--key", pub); code != 2 {
		t.Errorf("no checksums file: exit %d, want 2", code)
	}
	if _, _, code := invoke(t, "verify-release", dir, "--key", "not-a-key"); code != 2 {
		t.Errorf("bad key: exit %d, want 2", code)
	}
	asset := filepath.Join(dir, assets.ArchiveName("1.0.0", assets.Target{OS: "linux", Arch: "amd64"}))
	os.WriteFile(asset, []byte("archivE"), 0o644)
	if out, _, code := invoke(t, "verify-release", dir, "--key", pub); code != 1 || !strings.Contains(out, "MISMATCH") {
		t.Errorf("changed asset: exit %d\n%s", code, out)
	}
	os.Remove(asset)
	if _, _, code := invoke(t, "verify-release", dir, "--key", pub); code != 1 {
		t.Errorf("nothing left to verify: exit %d, want 1", code)
	}
}
