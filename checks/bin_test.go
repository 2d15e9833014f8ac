package checks

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/signing/pesigtest"
)

// With --codesign-roots, a validly signed sidecar or installer whose
// signer does not chain to the roots is an error; one that chains is
// silent on that account.
func TestCodesignRoots(t *testing.T) {
	fx := pesigtest.Build(t)
	exe, own, other := fx.Signed, fx.Cert, fx.OtherRoot
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
