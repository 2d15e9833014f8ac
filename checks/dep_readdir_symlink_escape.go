package checks

import "github.com/tauriaudit/tauriaudit/rules"

// ReadDirSymlinkEscape is GHSA-28m8-9j7v-x499 (CVE-2022-39215, RUSTSEC-2022-0088).
var ReadDirSymlinkEscape = advisoryRule(&rules.Rule{
	ID:       "TA-DEP-109",
	Name:     "readdir-symlink-escape",
	Title:    "tauri crate's recursive readDir follows symlinks out of the fs scope",
	Level:    rules.Warning,
	Severity: 5.5,
	Tags:     []string{"supply-chain"},
	CWE:      []int{59, 22},
	Doc: `Cargo.lock locks tauri below 1.0.6 (GHSA-28m8-9j7v-x499, CVE-2022-39215, RUSTSEC-2022-0088).
The recursive readDir API followed symbolic links and junctions, listing directories outside
the allowed fs scope (listings only, not file contents).

The score is GitHub's for severity moderate; rules.md quotes no CVSS score.

**Fix:** upgrade tauri to 1.0.6 or later.

Bad (Cargo.lock): name = "tauri", version = "1.0.5".

Good: version = "1.0.6" or later.

**False positives:** apps that never call readDir recursively are not exposed.`,
}, nil)
