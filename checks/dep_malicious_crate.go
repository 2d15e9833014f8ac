package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// MaliciousCrate reports known malicious crates and likely typosquats of
// Tauri's own crates.
var MaliciousCrate = &rules.Rule{
	ID:       "TA-DEP-002",
	Name:     "malicious-crate",
	Title:    "a known malicious or typosquatting crate is a dependency",
	Level:    rules.Error,
	Severity: 9.8,
	Tags:     []string{"supply-chain"},
	CWE:      []int{506},
	Doc: `Cargo.toml or Cargo.lock names a crate from the blocklist: tauri-win-rt-notification
(RUSTSEC-2023-0108) and tauri-winrt-notifications (RUSTSEC-2023-0117) were typosquats of the
legitimate tauri-winrt-notification that ran a Windows payload at build time, and were removed
from crates.io. A build that ever resolved them has run that payload on the build machine.

As a **note**, the rule also reports tauri* crates whose name is within a small edit distance
of one of the Tauri organisation's crates but is not one of them (tauri-plugin-shel,
tauri-plugin-updater2…): a heuristic for new typosquats. Third-party plugins can be that close
legitimately.

**Fix:** remove the dependency, and treat every machine that built with it as compromised:
rotate credentials (signing keys, tokens, SSH keys) that were reachable from it.

Bad:

~~~toml
[dependencies]
tauri-winrt-notifications = "0.1"
~~~

Good:

~~~toml
[dependencies]
tauri-winrt-notification = "0.7"
~~~

**False positives:** the legitimate crate tauri-winrt-notification (singular, one hyphen less) is
never reported. Typosquat notes on a well-known third-party plugin can be suppressed by subject.

Lockfiles that no Tauri app of the scan builds with (an xtask crate, a tools or scripts
folder, a sub-project) are audited too, once per scan, as repository-level findings (no app);
their message names the lockfile. Vendored, fixture and node_modules trees are skipped. A malicious crate there stays an error: it runs on the same machines.`,
	Run: maliciousCrate,
}

func maliciousCrate(pass *rules.Pass) error {
	m := rules.Deps.Of(pass.Project)
	if m.CargoLock != nil {
		for _, e := range m.CargoLock.Entries {
			if e.Ecosystem == deps.Crates {
				reportCrateName(pass.Report, e.Name, e.Loc)
			}
		}
	}
	for _, d := range m.CargoDeps() {
		if !d.Inherited {
			reportCrateName(pass.Report, d.CrateName(), d.Loc)
		}
	}
	// A malicious crate in a tool's lockfile runs on the same machines:
	// it stays an error.
	for _, lk := range rules.RepoLockfiles(pass.Project) {
		if lk.Kind != deps.CargoLockKind {
			continue
		}
		report := repoLockReporter(pass, lk, false)
		for _, e := range lk.Entries {
			if e.Ecosystem == deps.Crates {
				reportCrateName(report, e.Name, e.Loc)
			}
		}
	}
	return nil
}

// reportCrateName reports a blocklisted crate (error) or a likely
// typosquat of an official one (note).
func reportCrateName(report reporter, name string, loc source.Location) {
	if bad := deps.Malicious(name); bad != nil {
		report(rules.Finding{Location: loc, Subject: name,
			Message: fmt.Sprintf("%s is a known malicious crate (%s): %s", name, bad.ID, bad.Summary)})
		return
	}
	if official, ok := deps.TyposquatOf(name); ok {
		report(rules.Finding{Location: loc, Subject: name, Level: rules.Note,
			Message: fmt.Sprintf("%s is one or two letters away from the official crate %s; check that it is the crate you meant", name, official)})
	}
}
