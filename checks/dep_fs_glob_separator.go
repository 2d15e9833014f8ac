package checks

import "github.com/tauriaudit/tauriaudit/rules"

// FSGlobSeparator is GHSA-6mv3-wm7j-h4w5 (CVE-2022-46171).
var FSGlobSeparator = advisoryRule(&rules.Rule{
	ID:       "TA-DEP-107",
	Name:     "fs-glob-separator",
	Title:    "tauri crate's fs glob wildcards cross directory boundaries",
	Level:    rules.Warning,
	Severity: 5.5,
	Tags:     []string{"supply-chain"},
	CWE:      []int{22, 200},
	Doc: `Cargo.lock locks tauri 1.0.0–1.0.7, 1.1.0–1.1.2, 1.2.0–1.2.2 or 2.0.0-alpha.0–alpha.1
(GHSA-6mv3-wm7j-h4w5, CVE-2022-46171; fixed in 1.0.8, 1.1.3, 1.2.3 and 2.0.0-alpha.2). The
glob wildcards of fs scopes (*, ?, [...]) matched path separators and leading dots, so a scope
such as $APPDATA/* exposed every sub-folder and hidden file below the allowed path.

The score is GitHub's for severity moderate; rules.md quotes no CVSS score.

**Fix:** upgrade tauri to a fixed release of its line.

Bad (Cargo.lock): name = "tauri", version = "1.2.2".

Good: version = "1.2.3" or later.

**False positives:** apps whose fs scopes list exact files only are not exposed.`,
}, nil)
