package checks

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/signing/macsigtest"
)

// signedMachOs builds Go darwin executables and gives them synthetic CMS
// code signatures (Apple's codesign does not run here) by a test
// Developer ID-like identity: a valid one, one whose CodeDirectory was
// modified after signing, and a valid SHA-1-only one. It returns them and
// PEM files of the signing CA and of an unrelated root.
func signedMachOs(t *testing.T) (good, tampered, weak []byte, ownRoot, otherRoot string) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go not installed")
	}
	dir := t.TempDir()
	ca, err := macsigtest.NewCA("Example Root")
	if err != nil {
		t.Fatal(err)
	}
	other, err := macsigtest.NewCA("Other Root")
	if err != nil {
		t.Fatal(err)
	}
	id, err := ca.Issue("Developer ID Application: Example (ABCDE12345)", "ABCDE12345")
	if err != nil {
		t.Fatal(err)
	}
	ownRoot, otherRoot = filepath.Join(dir, "own.pem"), filepath.Join(dir, "other.pem")
	os.WriteFile(ownRoot, ca.PEM, 0o644)
	os.WriteFile(otherRoot, other.PEM, 0o644)
	arm, err := macsigtest.BuildDarwin(dir, "arm64")
	if err != nil {
		t.Fatal(err)
	}
	blob, err := macsigtest.Signed(id, 0, "com.example.helper")
	if err != nil {
		t.Fatal(err)
	}
	if good, err = macsigtest.ReplaceSignature(arm, blob); err != nil {
		t.Fatal(err)
	}
	tampered = bytes.Clone(good)
	i := bytes.Index(tampered, []byte("com.example.helper\x00"))
	if i < 0 {
		t.Fatal("identifier not found")
	}
	tampered[i] = 'C'
	cd := macsigtest.CodeDirectory(1, 0, "com.example.helper")
	cms, err := macsigtest.SignCMS(cd, id)
	if err != nil {
		t.Fatal(err)
	}
	weak, err = macsigtest.ReplaceSignature(arm, macsigtest.SuperBlob(
		macsigtest.Slot{Type: 0, Blob: cd}, macsigtest.Slot{Type: 0x10000, Blob: macsigtest.Wrapper(cms)}))
	if err != nil {
		t.Fatal(err)
	}
	if binary.LittleEndian.Uint32(good) != 0xfeedfacf {
		t.Fatal("not a 64-bit Mach-O")
	}
	return good, tampered, weak, ownRoot, otherRoot
}

// TestMachOCodeSignatures: TA-BIN-001 on Mach-O sidecars and TA-REL-008
// on .app bundles verify the CMS signature, and with --codesign-roots its
// chain; a good signature is silent.
func TestMachOCodeSignatures(t *testing.T) {
	good, tampered, weak, own, other := signedMachOs(t)
	artifacts := filepath.Join(t.TempDir(), "artifacts")
	for name, exe := range map[string][]byte{"Good": good, "Bad": tampered, "Weak": weak} {
		macos := filepath.Join(artifacts, name+".app", "Contents", "MacOS")
		os.MkdirAll(macos, 0o755)
		os.WriteFile(filepath.Join(macos, name), exe, 0o755)
		os.WriteFile(filepath.Join(artifacts, name+".app", "Contents", "CodeResources"), []byte("ticket"), 0o644)
	}
	// An updater archive holding the tampered bundle.
	var tgz bytes.Buffer
	zw := gzip.NewWriter(&tgz)
	tw := tar.NewWriter(zw)
	for name, body := range map[string][]byte{"Bad.app/Contents/MacOS/Bad": tampered, "Bad.app/Contents/CodeResources": []byte("ticket")} {
		tw.WriteHeader(&tar.Header{Name: name, Mode: 0o755, Size: int64(len(body)), Typeflag: tar.TypeReg})
		tw.Write(body)
	}
	tw.Close()
	zw.Close()
	os.WriteFile(filepath.Join(artifacts, "bad.app.tar.gz"), tgz.Bytes(), 0o644)
	fsys := fstest.MapFS{
		"src-tauri/tauri.conf.json": {Data: []byte(`{"identifier": "com.example.app",
			"bundle": {"active": true, "targets": ["app"], "externalBin": ["binaries/good", "binaries/bad", "binaries/weak"]}}`)},
		"src-tauri/binaries/good-aarch64-apple-darwin": {Data: good},
		"src-tauri/binaries/bad-aarch64-apple-darwin":  {Data: tampered},
		"src-tauri/binaries/weak-aarch64-apple-darwin": {Data: weak},
	}
	const (
		badBin   = "TA-BIN-001 error sidecar src-tauri/binaries/bad-aarch64-apple-darwin has a code signature that does not verify (CpuArm64: the CMS message digest does not match the CodeDirectory)"
		weakBin  = "TA-BIN-001 warning sidecar src-tauri/binaries/weak-aarch64-apple-darwin has a code signature with only SHA-1 CodeDirectories, a weak hash (re-sign with a current codesign, which adds SHA-256)"
		badApp   = "TA-REL-008 error artifacts/Bad.app: Bad.app main executable has a code signature that does not verify (CpuArm64: the CMS message digest does not match the CodeDirectory)"
		badTgz   = "TA-REL-008 error artifacts/bad.app.tar.gz: Bad.app in bad.app.tar.gz main executable has a code signature that does not verify (CpuArm64: the CMS message digest does not match the CodeDirectory)"
		weakApp  = "TA-REL-008 warning artifacts/Weak.app: Weak.app main executable has a code signature with only SHA-1 CodeDirectories, a weak hash (re-sign with a current codesign, which adds SHA-256)"
		chainMsg = `is signed by "Developer ID Application: Example (ABCDE12345)", which does not chain to a root in --codesign-roots`
	)
	for _, c := range []struct {
		roots string
		want  []string
	}{
		{"", []string{badBin, weakBin, badApp, badTgz, weakApp}},
		{own, []string{badBin, weakBin, badApp, badTgz, weakApp}},
		{other, []string{
			badBin,
			"TA-BIN-001 error sidecar src-tauri/binaries/good-aarch64-apple-darwin " + chainMsg,
			"TA-BIN-001 error sidecar src-tauri/binaries/weak-aarch64-apple-darwin " + chainMsg,
			badApp,
			badTgz,
			"TA-REL-008 error artifacts/Good.app: Good.app main executable " + chainMsg,
			"TA-REL-008 error artifacts/Weak.app: Weak.app main executable " + chainMsg,
		}},
	} {
		projects, err := rules.LoadFS(context.Background(), fsys, rules.LoadOptions{
			Settings: rules.Settings{Artifacts: artifacts, CodesignRoots: c.roots}})
		if err != nil {
			t.Fatal(err)
		}
		res := rules.Run(context.Background(), projects, []*rules.Rule{SidecarUnsigned, MacArtifactNotNotarized})
		for _, e := range res.Errors {
			t.Fatalf("%s: %s", e.RuleID, e.Err)
		}
		var got []string
		for _, f := range res.Findings {
			if strings.HasPrefix(f.Message, "no ") {
				continue // "no <sidecar> sidecar for linux": other targets
			}
			got = append(got, f.RuleID+" "+string(f.Level)+" "+locString(f)+f.Message)
		}
		slices.Sort(got)
		want := slices.Clone(c.want)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("roots %q:\n got %q\nwant %q", filepath.Base(c.roots), got, want)
		}
	}
}

// locString prefixes TA-REL-008 messages with their artifact location, as
// TestReleaseArtifacts prints them.
func locString(f rules.Finding) string {
	if f.RuleID == "TA-REL-008" {
		return f.Location.File + ": "
	}
	return ""
}
