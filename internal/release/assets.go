// Package release builds and checks tauriaudit's release assets: the
// per-platform archives, the sha256sum checksums file and its minisign
// signature, the CycloneDX SBOM and the npm packages.
//
// The asset names are a contract with the GitHub Action that downloads
// them; see AssetURL.
package release

import "fmt"

// Target is one GOOS/GOARCH pair we ship.
type Target struct{ OS, Arch string }

// Targets are the shipped platforms, in the order they are built.
var Targets = []Target{
	{"linux", "amd64"}, {"linux", "arm64"},
	{"darwin", "amd64"}, {"darwin", "arm64"},
	{"windows", "amd64"}, {"windows", "arm64"},
}

func (t Target) String() string { return t.OS + "/" + t.Arch }

// Binary is the executable's name inside the archive.
func (t Target) Binary() string {
	if t.OS == "windows" {
		return "tauriaudit.exe"
	}
	return "tauriaudit"
}

// ArchiveName is tauriaudit_<V>_<os>_<arch>.tar.gz (.zip on windows).
func ArchiveName(version string, t Target) string {
	ext := ".tar.gz"
	if t.OS == "windows" {
		ext = ".zip"
	}
	return fmt.Sprintf("tauriaudit_%s_%s_%s%s", version, t.OS, t.Arch, ext)
}

// ChecksumsName is the sha256sum file covering every other asset.
func ChecksumsName(version string) string { return "tauriaudit_" + version + "_checksums.txt" }

// SignatureName is the minisign signature of the checksums file.
func SignatureName(version string) string { return ChecksumsName(version) + ".minisig" }

// SBOMName is the CycloneDX JSON SBOM.
func SBOMName(version string) string { return "tauriaudit_" + version + "_sbom.cdx.json" }

// AssetURL is where a tagged release's asset is downloaded from.
func AssetURL(version, asset string) string {
	return "https://github.com/tauriaudit/tauriaudit/releases/download/v" + version + "/" + asset
}

// NpmOS and NpmCPU are Node's process.platform and process.arch names,
// which npm matches against a package's "os" and "cpu" fields.
func (t Target) NpmOS() string {
	if t.OS == "windows" {
		return "win32"
	}
	return t.OS
}

func (t Target) NpmCPU() string {
	if t.Arch == "amd64" {
		return "x64"
	}
	return t.Arch
}

// NpmPackage is the platform package holding this target's binary.
func (t Target) NpmPackage() string { return "@tauriaudit/" + t.NpmOS() + "-" + t.NpmCPU() }
