package checks

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tauriaudit/tauriaudit/rules"
)

// signedPE builds a Windows executable and signs it with osslsigncode
// under a self-signed code-signing certificate; it returns the signed
// file and PEM files of that certificate and of an unrelated root.
func signedPE(t *testing.T) (exe []byte, ownRoot, otherRoot string) {
	for _, tool := range []string{"osslsigncode", "openssl", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module hello\n\ngo 1.21\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "main.go"), []byte("package main\n\nfunc main() {}\n"), 0o644)
	run := func(env []string, name string, args ...string) {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = dir, append(os.Environ(), env...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
	}
	run([]string{"GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=0", "GOFLAGS=-buildvcs=false", "GOTOOLCHAIN=local"}, "go", "build", "-o", "a.exe", ".")
	for _, c := range [][2]string{{"c", "/CN=Example Code Signing"}, {"o", "/CN=Other Root"}} {
		run(nil, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", c[0]+".key", "-out", c[0]+".crt",
			"-days", "3", "-subj", c[1], "-addext", "extendedKeyUsage=codeSigning")
	}
	run(nil, "osslsigncode", "sign", "-certs", "c.crt", "-key", "c.key", "-h", "sha256", "-in", "a.exe", "-out", "s.exe")
	exe, err := os.ReadFile(filepath.Join(dir, "s.exe"))
	if err != nil {
		t.Fatal(err)
	}
	return exe, filepath.Join(dir, "c.crt"), filepath.Join(dir, "o.crt")
}

// With --codesign-roots, a validly signed sidecar or installer whose
// signer does not chain to the roots is an error; one that chains is
// silent on that account.
func TestCodesignRoots(t *testing.T) {
	exe, own, other := signedPE(t)
	artifacts := filepath.Join(t.TempDir(), "artifacts")
	os.MkdirAll(artifacts, 0o755)
	os.WriteFile(filepath.Join(artifacts, "app_1.0.0_x64-setup.exe"), exe, 0o644)
	fsys := fstest.MapFS{
		"src-tauri/tauri.conf.json": {Data: []byte(`{"identifier": "com.example.app",
			"bundle": {"active": true, "externalBin": ["binaries/helper"]}}`)},
		"src-tauri/binaries/helper-x86_64-pc-windows-msvc.exe": {Data: exe},
	}
	for _, c := range []struct {
		roots string
		want  []string
	}{
		{"", nil},
		{own, nil},
		{other, []string{
			`TA-BIN-001 error sidecar src-tauri/binaries/helper-x86_64-pc-windows-msvc.exe is signed by "Example Code Signing", which does not chain to a root in --codesign-roots`,
			`TA-REL-007 error app_1.0.0_x64-setup.exe is signed by "Example Code Signing", which does not chain to a root in --codesign-roots`,
		}},
	} {
		projects, err := rules.LoadFS(context.Background(), fsys, rules.LoadOptions{
			Settings: rules.Settings{Artifacts: artifacts, CodesignRoots: c.roots}})
		if err != nil {
			t.Fatal(err)
		}
		res := rules.Run(context.Background(), projects, []*rules.Rule{SidecarUnsigned, InstallerNotAuthenticode})
		var got []string
		for _, f := range res.Findings {
			if strings.Contains(f.Message, "--codesign-roots") {
				got = append(got, f.RuleID+" "+string(f.Level)+" "+f.Message)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, c.want) {
			t.Errorf("roots %q:\n got %q\nwant %q", filepath.Base(c.roots), got, c.want)
		}
	}
}
