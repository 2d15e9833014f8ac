package checks

import (
	"fmt"
	"path"
	"strings"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/rules"
)

// JSLockfileMissing reports a Tauri frontend without a JS lockfile.
var JSLockfileMissing = &rules.Rule{
	ID:       "TA-DEP-005",
	Name:     "js-lockfile-missing",
	Title:    "the frontend's package.json has no lockfile",
	Level:    rules.Warning,
	Severity: 5.3,
	Tags:     []string{"supply-chain"},
	CWE:      []int{1357},
	Doc: `The frontend's package.json depends on @tauri-apps/* packages, but no package-lock.json,
npm-shrinkwrap.json, pnpm-lock.yaml, yarn.lock, bun.lock or bun.lockb exists in its directory
or any directory above it (up to the scanned root, so a monorepo's root lock counts). Each
install then resolves the newest versions allowed by the ranges, and the code bundled into
the app — with full IPC access — changes from build to build.

The frontend is the nearest package.json from the app directory, from its parent, and from
build.frontendDist. Reported at the first @tauri-apps dependency.

**Fix:** commit the lockfile of your package manager and install with npm ci,
pnpm install --frozen-lockfile, yarn install --immutable or bun install --frozen-lockfile.

Bad: package.json with "@tauri-apps/api": "^2" and package-lock.json in .gitignore.

Good: package-lock.json committed next to package.json.

**False positives:** a lockfile kept outside the scanned tree (scan the repository root instead).
Apps under an examples/ folder are reported as notes.`,
	Run: jsLockfileMissing,
}

func jsLockfileMissing(pass *rules.Pass) error {
	for _, pj := range rules.Deps.Of(pass.Project).Packages {
		d := firstTauriNpmDep(pj)
		if d == nil || pass.Project.FindUpFrom(path.Dir(pj.File), deps.JSLockNames...) != "" {
			continue
		}
		f := rules.Finding{Location: d.Loc, Subject: pj.File,
			Message: fmt.Sprintf("%s depends on %s but no lockfile exists at or above it: installs resolve new versions every time", pj.File, d.Name)}
		if deps.IsExampleDir(pass.Project.Dir) {
			f.Level, f.Message = rules.Note, f.Message+" (an example app)"
		}
		pass.Report(f)
	}
	return nil
}

// firstTauriNpmDep returns the first @tauri-apps/* dependency of pj.
func firstTauriNpmDep(pj *deps.PackageJSON) *deps.NpmDep {
	for _, d := range pj.Deps {
		if d.Selector == "" && strings.HasPrefix(d.Name, "@tauri-apps/") {
			return d
		}
	}
	return nil
}
