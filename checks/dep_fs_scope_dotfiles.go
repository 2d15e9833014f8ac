package checks

import "github.com/tauriaudit/tauriaudit/rules"

// FSScopeDotfiles is GHSA-wmff-grcw-jcfm (CVE-2023-34460).
var FSScopeDotfiles = advisoryRule(&rules.Rule{
	ID:       "TA-DEP-105",
	Name:     "fs-scope-dotfiles",
	Title:    "tauri crate's fs scope wildcards match dotfiles",
	Level:    rules.Warning,
	Severity: 5.5,
	Tags:     []string{"supply-chain"},
	CWE:      []int{22, 200},
	Doc: `Cargo.lock locks tauri 1.4.0 (GHSA-wmff-grcw-jcfm, CVE-2023-34460; fixed in 1.4.1). A regression
in that release made wildcard fs scopes match hidden files and folders on Linux and macOS:
a scope of $HOME/* also allowed $HOME/.ssh, .aws, .gnupg and the like, so any page with fs
access could read (or, with write permissions, plant) credentials.

The score is GitHub's for severity moderate; rules.md quotes no CVSS score.

**Fix:** upgrade tauri to 1.4.1 or later.

Bad (Cargo.lock): name = "tauri", version = "1.4.0".

Good: version = "1.4.1" or later.

**False positives:** apps without wildcard fs scopes are not exposed; upgrade anyway.`,
}, nil)
