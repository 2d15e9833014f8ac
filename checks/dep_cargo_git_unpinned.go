package checks

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/rules"
)

// CargoGitUnpinned reports git dependencies that follow a branch or tag,
// and patches that swap Tauri's crates for another source.
var CargoGitUnpinned = &rules.Rule{
	ID:       "TA-DEP-003",
	Name:     "cargo-git-unpinned",
	Title:    "Cargo git dependency is not pinned to a commit",
	Level:    rules.Warning,
	Severity: 4.8,
	Tags:     []string{"supply-chain"},
	CWE:      []int{829},
	Doc: `A Cargo.toml dependency comes from git without rev = "<full commit hash>": it follows a branch
(branch = "main") or the repository's default branch (no reference at all), so the next
cargo update — or any build without the lockfile — compiles whatever was pushed last. Tauri's
app-lifecycle guidance recommends hash revisions for critical dependencies.

Classification, at the dependency's branch/tag/rev value (or its git URL when there is none):

* rev = 40-hex commit: fine, not reported.
* rev = short hash: note (Cargo resolves it to one commit; write the full hash).
* tag = …: note (tags can be moved, but many teams accept them).
* branch = … or no reference: warning; a **note** when a Cargo.lock exists, because the lock
  pins the commit until someone runs cargo update.

[patch.*] and [replace] entries that swap a Tauri crate (tauri, tauri-*) for a git or path
source are reported as well: the app then builds a fork that gets no Tauri security releases.
A fork pinned by rev, or a local path, is a note; an unpinned one follows the rules above.
Every crate of the build is checked: the app crate, its path dependencies and the workspace
root ([workspace.dependencies], [patch]).

**Fix:** pin rev = "<full commit hash>" and commit Cargo.lock.

Bad:

~~~toml
tauri-nspanel = { git = "https://github.com/ahkohd/tauri-nspanel", branch = "v2" }
~~~

Good:

~~~toml
tauri-nspanel = { git = "https://github.com/ahkohd/tauri-nspanel", rev = "<full commit hash>" }
~~~

**False positives:** git dependencies inside your own organisation still move; suppress them by
subject (the dependency name) if your process pins them elsewhere.`,
	Run: cargoGitUnpinned,
}

func cargoGitUnpinned(pass *rules.Pass) error {
	m := rules.Deps.Of(pass.Project)
	locked := m.CargoLock != nil
	for _, d := range m.CargoDeps() {
		if d.Inherited {
			continue // reported at the workspace entry
		}
		patch := strings.HasPrefix(d.Section, "patch.") || d.Section == "replace"
		if patch && isTauriCrate(d) && d.Git == "" && d.Path != "" {
			pass.Report(rules.Finding{Location: d.PathLoc, Subject: d.CrateName(), Level: rules.Note,
				Message: fmt.Sprintf("[%s] replaces %s with the local path %q: a fork gets no Tauri security releases", d.Section, d.CrateName(), d.Path)})
			continue
		}
		if d.Git == "" {
			continue
		}
		if f, ok := gitPinFinding(d, locked, patch); ok {
			pass.Report(f)
		}
	}
	return nil
}

// gitPinFinding classifies one git dependency.
func gitPinFinding(d *deps.CargoDep, locked, patch bool) (rules.Finding, bool) {
	f := rules.Finding{Location: d.RefLoc, Subject: d.Name, Level: rules.Note}
	what := fmt.Sprintf("git dependency %s", d.Name)
	if patch {
		what = fmt.Sprintf("[%s] entry %s", d.Section, d.Name)
	}
	fork := ""
	if patch && isTauriCrate(d) {
		fork = "; it replaces a Tauri crate with a fork that gets no Tauri security releases"
	}
	switch {
	case deps.IsFullSHA(d.Rev):
		if fork == "" {
			return f, false
		}
		f.Message = fmt.Sprintf("%s is pinned to commit %s%s", what, d.Rev[:12], fork)
	case d.Rev != "" && deps.IsHex(d.Rev) && len(d.Rev) >= 7:
		f.Message = fmt.Sprintf("%s is pinned by the short hash %q; write the full commit hash%s", what, d.Rev, fork)
	case d.Tag != "":
		f.Message = fmt.Sprintf("%s follows tag %q, which can be moved; pin rev = \"<commit>\"%s", what, d.Tag, fork)
	default:
		f.Level = rules.Warning
		ref := "the repository's default branch"
		switch {
		case d.Branch != "":
			ref = fmt.Sprintf("branch %q", d.Branch)
		case d.Rev != "":
			ref = fmt.Sprintf("rev %q, which is not a commit hash", d.Rev)
		}
		f.Message = fmt.Sprintf("%s follows %s; pin rev = \"<commit>\"%s", what, ref, fork)
		if locked {
			f.Level = rules.Note
			f.Message += " (Cargo.lock pins the commit until the next cargo update)"
		}
	}
	return f, true
}

// isTauriCrate reports a dependency on tauri or a tauri-* crate; [replace]
// keys carry a version ("tauri:2.0.0").
func isTauriCrate(d *deps.CargoDep) bool {
	name, _, _ := strings.Cut(d.CrateName(), ":")
	return deps.IsTauriComponent(deps.Crates, name)
}
