package checks

import (
	"fmt"
	"path"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// JSLockfileStale reports a JS lockfile that lies beside the one installs
// use, written by another package manager.
var JSLockfileStale = &rules.Rule{
	ID:       "TA-DEP-023",
	Name:     "js-lockfile-stale",
	Title:    "a second JS lockfile that no install reads",
	Level:    rules.Note,
	Severity: 2.0,
	Tags:     []string{"supply-chain"},
	CWE:      []int{1104},
	Doc: `The frontend's folder holds lockfiles of more than one package manager (package-lock.json
and pnpm-lock.yaml, yarn.lock and bun.lock, …). Only one of them is installed from: the one of
the package manager the package.json packageManager field (or devEngines.packageManager) names;
without it, the one the workflows install with (npm ci, pnpm install --frozen-lockfile, yarn
install --immutable, bun install --frozen-lockfile); without those, the one that locks the most
of package.json's dependencies. The other lockfile drifts: it lists versions no build uses, so
the advisory rules audit the installed lockfile only, and this note replaces the advisories of
the stale one. Nothing is reported when nothing decides.

**Fix:** delete the stale lockfile (and add it to .gitignore), or pin the package manager with
packageManager so everyone installs from the same one.

**False positives:** a project that really installs with both managers in different places
(one workflow with npm, another with pnpm) is judged by its packageManager field; suppress with
the reason.`,
	Run: jsLockfileStale,
}

func jsLockfileStale(pass *rules.Pass) error {
	for _, c := range rules.Deps.Of(pass.Project).LockChoices {
		for _, stale := range c.Stale {
			pass.Report(rules.Finding{Location: source.Location{File: stale}, Subject: path.Base(stale),
				Message: fmt.Sprintf("%s is stale: %s, so its advisories are not reported", path.Base(stale), c)})
		}
	}
	return nil
}
