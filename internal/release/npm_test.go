package release

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteNpmPackages(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "tauriaudit.exe")
	if err := os.WriteFile(bin, []byte("MZ binary"), 0o600); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	win := Target{"windows", "arm64"}
	if err := WriteNpmPackages("../../npm", out, "1.2.3", []NpmBinary{{win, bin}}); err != nil {
		t.Fatal(err)
	}

	var launcher struct {
		Name, Version        string
		Bin                  map[string]string
		OptionalDependencies map[string]string
	}
	readJSON(t, filepath.Join(out, "tauriaudit", "package.json"), &launcher)
	if launcher.Name != "tauriaudit" || launcher.Version != "1.2.3" || launcher.Bin["tauriaudit"] != "bin/tauriaudit.js" {
		t.Errorf("launcher manifest %+v", launcher)
	}
	if len(launcher.OptionalDependencies) != len(Targets) {
		t.Errorf("optionalDependencies %v: want every shipped platform", launcher.OptionalDependencies)
	}
	for _, tg := range Targets {
		if v := launcher.OptionalDependencies[tg.NpmPackage()]; v != "1.2.3" {
			t.Errorf("%s: %q, want the exact release version", tg.NpmPackage(), v)
		}
	}
	if fi, err := os.Stat(filepath.Join(out, "tauriaudit", "bin", "tauriaudit.js")); err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("launcher script: %v %v", fi, err)
	}

	var plat platformManifest
	readJSON(t, filepath.Join(out, "win32-arm64", "package.json"), &plat)
	if plat.Name != "@tauriaudit/win32-arm64" || plat.Version != "1.2.3" || len(plat.OS) != 1 || plat.OS[0] != "win32" || len(plat.CPU) != 1 || plat.CPU[0] != "arm64" {
		t.Errorf("platform manifest %+v", plat)
	}
	got, err := os.ReadFile(filepath.Join(out, "win32-arm64", "bin", "tauriaudit.exe"))
	if err != nil || string(got) != "MZ binary" {
		t.Errorf("platform binary: %q %v", got, err)
	}
	if _, err := os.Stat(filepath.Join(out, "linux-x64")); !os.IsNotExist(err) {
		t.Errorf("a package for a target not built: %v", err)
	}
}

func readJSON(t *testing.T, p string, v any) {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", p, err)
	}
}

func TestAssetNames(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{ArchiveName("1.2.3", Target{"linux", "arm64"}), "tauriaudit_1.2.3_linux_arm64.tar.gz"},
		{ArchiveName("1.2.3", Target{"windows", "amd64"}), "tauriaudit_1.2.3_windows_amd64.zip"},
		{ChecksumsName("1.2.3"), "tauriaudit_1.2.3_checksums.txt"},
		{SignatureName("1.2.3"), "tauriaudit_1.2.3_checksums.txt.minisig"},
		{SBOMName("1.2.3"), "tauriaudit_1.2.3_sbom.cdx.json"},
		{AssetURL("1.2.3", "x.zip"), "https://github.com/tauriaudit/tauriaudit/releases/download/v1.2.3/x.zip"},
		{Target{"darwin", "amd64"}.NpmPackage(), "@tauriaudit/darwin-x64"},
	} {
		if c.got != c.want {
			t.Errorf("%q, want %q", c.got, c.want)
		}
	}
}
