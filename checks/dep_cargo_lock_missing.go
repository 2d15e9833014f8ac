package checks

import (
	"fmt"
	"path"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/rules"
)

// CargoLockMissing reports an app crate without a Cargo.lock at its
// workspace root.
var CargoLockMissing = &rules.Rule{
	ID:       "TA-DEP-004",
	Name:     "cargo-lock-missing",
	Title:    "the app crate has no Cargo.lock",
	Level:    rules.Warning,
	Severity: 5.3,
	Tags:     []string{"supply-chain"},
	CWE:      []int{1357, 494},
	Doc: `The app crate (the Cargo.toml next to the Tauri config, depending on tauri) has no Cargo.lock
at its workspace root: every build resolves the newest semver-compatible version of every
crate, including one published minutes ago from a hijacked account, and no two builds are
known to contain the same code.

The lock is expected where Cargo writes it: the directory of the nearest Cargo.toml with a
[workspace] table at or above the app, else the app's own directory. Reported at the app's
[package] name.

**Fix:** commit Cargo.lock (remove it from .gitignore) and build with cargo build --locked or
tauri build -- --locked.

Bad: src-tauri/Cargo.toml with Cargo.lock in .gitignore.

Good: src-tauri/Cargo.lock committed next to src-tauri/Cargo.toml (or at the workspace root).

**False positives:** library and plugin crates are not apps and are not checked. Apps under an
examples/ folder are reported as notes. A scan of a
partial copy of the repository (without the lock) reports it too.`,
	Run: cargoLockMissing,
}

func cargoLockMissing(pass *rules.Pass) error {
	m := rules.Deps.Of(pass.Project)
	if m.Manifest == nil || len(m.Manifest.Deps("tauri")) == 0 {
		return nil
	}
	want := path.Join(m.RootDir, "Cargo.lock")
	if pass.Project.Exists(want) {
		return nil
	}
	loc := m.Manifest.Deps("tauri")[0].Loc
	if m.Manifest.Package != nil {
		loc = m.Manifest.Package.Loc
	}
	f := rules.Finding{Location: loc, Subject: want,
		Message: fmt.Sprintf("no Cargo.lock at %s: every build resolves the newest matching crate versions", want)}
	if deps.IsExampleDir(pass.Project.Dir) {
		f.Level, f.Message = rules.Note, f.Message+" (an example app)"
	}
	pass.Report(f)
	return nil
}
