package checks

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
)

// BundleSensitiveFiles reports bundled files that look like secrets or
// source trees.
var BundleSensitiveFiles = &rules.Rule{
	ID:       "TA-BIN-012",
	Name:     "bundle-sensitive-files",
	Title:    "the bundle includes secrets or whole source trees",
	Level:    rules.Warning,
	Severity: 6.5,
	Tags:     []string{"bin"},
	CWE:      []int{538},
	Doc: `bundle.resources (a list or a source→target map), bundle.macOS.files and the
bundle.linux deb/rpm/appimage files maps name paths or globs that ship .env files, keys
(*.pem, *.key, *.p12, *.pfx), .git or node_modules folders, everything under the project root
("../**/*", "**/*" at the root), or paths that leave the scanned project (v1: tauri.bundle, with
deb.files directly under it). Folder and glob entries are also expanded against the scanned
tree as the bundler's glob crate does ("*" matches dotfiles): an env file (other than
.env.example, .env.sample, .env.template) or key file they pick up is reported with its path.
Everything listed ends up inside the installer, readable by anyone who downloads it.

**Fix:** list only the files the app needs at run time.

**False positives:** "../" into a sibling assets package of a monorepo may be intended.`,
	Run: bundleSensitiveFiles,
}

func bundleSensitiveFiles(pass *rules.Pass) error {
	for _, t := range pass.Project.Targets {
		for _, bp := range bundledPaths(t) {
			if why := sensitiveBundlePath(pass.Project, bp.path); why != "" {
				pass.ReportOn(t, rules.Finding{Location: bp.loc, Subject: bp.path,
					Message: fmt.Sprintf("bundled path %q %s", bp.path, why)})
				continue
			}
			if hits := sensitiveExpansion(pass.Project, bp.path); len(hits) > 0 {
				more := ""
				if len(hits) > 3 {
					hits, more = hits[:3], fmt.Sprintf(" and %d more", len(hits)-3)
				}
				pass.ReportOn(t, rules.Finding{Location: bp.loc, Subject: bp.path,
					Message: fmt.Sprintf("bundled path %q ships env or key files: %s%s", bp.path, strings.Join(hits, ", "), more)})
			}
		}
	}
	return nil
}

// sensitiveExpansion lists the env and key files a folder or glob entry
// ships, as found in the scanned tree.
func sensitiveExpansion(p *rules.Project, s string) []string {
	var out []string
	for _, f := range bundledFiles(p, s) {
		base := strings.ToLower(path.Base(f))
		if strings.HasPrefix(base, ".env") && base != ".env.example" && base != ".env.sample" && base != ".env.template" ||
			slices.ContainsFunc(sensitiveNames, func(ext string) bool { return strings.HasSuffix(base, ext) }) {
			out = append(out, f)
		}
	}
	return out
}

var sensitiveNames = []string{".pem", ".key", ".p12", ".pfx", ".p8", ".jks", ".keystore"}

// sensitiveBundlePath says why a bundled path is dangerous, or "".
func sensitiveBundlePath(p *rules.Project, s string) string {
	clean := path.Clean(strings.ReplaceAll(s, "\\", "/"))
	base := path.Base(clean)
	joined := path.Join(p.Dir, clean)
	switch {
	case strings.HasPrefix(base, ".env"):
		return "ships an env file"
	case strings.Contains("/"+clean+"/", "/.git/"):
		return "ships the .git folder"
	case strings.Contains("/"+clean+"/", "/node_modules/"):
		return "ships node_modules"
	case joined == ".." || strings.HasPrefix(joined, "../"):
		return "leaves the scanned project"
	case (clean == "**/*" || clean == "*" || clean == "**") && p.Dir == "." || clean == "../**/*" || clean == "../*" || clean == "../**":
		return "ships the whole project root"
	}
	for _, ext := range sensitiveNames {
		if strings.HasSuffix(strings.ToLower(base), ext) {
			return "ships key material (" + ext + ")"
		}
	}
	return ""
}
