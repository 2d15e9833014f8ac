package checks

import "github.com/tauriaudit/tauriaudit/rules"

// FSScopeGlobEscape is GHSA-q9wv-22m9-vhqh (CVE-2022-41874, RUSTSEC-2022-0091).
var FSScopeGlobEscape = advisoryRule(&rules.Rule{
	ID:       "TA-DEP-108",
	Name:     "fs-scope-glob-escape",
	Title:    "tauri crate adds picked paths to the fs scope without escaping glob characters",
	Level:    rules.Note,
	Severity: 3.0,
	Tags:     []string{"supply-chain"},
	CWE:      []int{22},
	Doc: `Cargo.lock locks tauri 1.0.0–1.0.6 or 1.1.0–1.1.1 (GHSA-q9wv-22m9-vhqh, CVE-2022-41874,
RUSTSEC-2022-0091; fixed in 1.0.7 and 1.1.2). Paths the user picked in a file dialog or dropped
on the window were added to the fs scope as glob patterns without escaping, so a file or folder
named with *, ? or [ ] granted access to more than the picked path: a partial scope bypass.

The score is GitHub's for severity low; rules.md quotes no CVSS score.

**Fix:** upgrade tauri to 1.0.7 / 1.1.2 or later.

Bad (Cargo.lock): name = "tauri", version = "1.1.1".

Good: version = "1.1.2" or later.

**False positives:** needs a crafted file name on the user's disk and fs access from the page.`,
}, nil)
