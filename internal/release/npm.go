package release

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// NpmBinary is a built binary for one target.
type NpmBinary struct {
	Target Target
	Path   string
}

// WriteNpmPackages lays out the npm packages under out: out/tauriaudit
// (the launcher, from the template dir templates/tauriaudit, its version
// and optionalDependencies filled in) and out/<os>-<cpu> per binary.
// The launcher depends on every shipped platform, not only the ones
// built now, since npm picks the platform at install time.
func WriteNpmPackages(templates, out, version string, bins []NpmBinary) error {
	if err := writeLauncher(filepath.Join(templates, "tauriaudit"), filepath.Join(out, "tauriaudit"), version); err != nil {
		return err
	}
	readme, err := os.ReadFile(filepath.Join(templates, "platform.README.md"))
	if err != nil {
		return err
	}
	for _, b := range bins {
		if err := writePlatformPackage(filepath.Join(out, b.Target.NpmOS()+"-"+b.Target.NpmCPU()), version, b, readme); err != nil {
			return err
		}
	}
	return nil
}

func writeLauncher(tmpl, dst, version string) error {
	var pkg map[string]any
	raw, err := os.ReadFile(filepath.Join(tmpl, "package.json"))
	if err != nil {
		return err
	}
	if err := json.Unmarshal(raw, &pkg); err != nil {
		return fmt.Errorf("%s: %v", filepath.Join(tmpl, "package.json"), err)
	}
	deps := map[string]string{}
	for _, t := range Targets {
		deps[t.NpmPackage()] = version
	}
	pkg["version"], pkg["optionalDependencies"] = version, deps
	if err := writeJSON(filepath.Join(dst, "package.json"), pkg); err != nil {
		return err
	}
	for _, f := range []struct {
		name string
		mode os.FileMode
	}{{"README.md", 0o644}, {"bin/tauriaudit.js", 0o755}} {
		if err := copyFile(filepath.Join(tmpl, f.name), filepath.Join(dst, f.name), f.mode); err != nil {
			return err
		}
	}
	return nil
}

// platformManifest is a platform package's package.json.
type platformManifest struct {
	Name            string   `json:"name"`
	Version         string   `json:"version"`
	Description     string   `json:"description"`
	Repository      any      `json:"repository"`
	OS              []string `json:"os"`
	CPU             []string `json:"cpu"`
	Files           []string `json:"files"`
	PreferUnplugged bool     `json:"preferUnplugged"` // yarn berry: keep the binary on disk
}

func writePlatformPackage(dst, version string, b NpmBinary, readme []byte) error {
	t := b.Target
	m := platformManifest{
		Name: t.NpmPackage(), Version: version,
		Description: fmt.Sprintf("The tauriaudit binary for %s/%s", t.NpmOS(), t.NpmCPU()),
		Repository:  map[string]string{"type": "git", "url": "git+https://github.com/tauriaudit/tauriaudit.git"},
		OS:          []string{t.NpmOS()}, CPU: []string{t.NpmCPU()},
		Files: []string{"bin/" + t.Binary(), "README.md"}, PreferUnplugged: true,
	}
	if err := writeJSON(filepath.Join(dst, "package.json"), m); err != nil {
		return err
	}
	r := strings.NewReplacer("{{name}}", m.Name, "{{version}}", version, "{{os}}", t.NpmOS(), "{{cpu}}", t.NpmCPU())
	if err := os.WriteFile(filepath.Join(dst, "README.md"), []byte(r.Replace(string(readme))), 0o644); err != nil {
		return err
	}
	return copyFile(b.Path, filepath.Join(dst, "bin", t.Binary()), 0o755)
}

func writeJSON(p string, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, b.Bytes(), 0o644)
}

func copyFile(src, dst string, mode os.FileMode) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(dst, data, mode); err != nil {
		return err
	}
	return os.Chmod(dst, mode) // WriteFile keeps an existing file's mode
}
