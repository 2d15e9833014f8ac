package checks

import "github.com/tauriaudit/tauriaudit/rules"

// RedirectIPCAccess is GHSA-4wm2-cwcf-wwvp (CVE-2023-31134).
var RedirectIPCAccess = advisoryRule(&rules.Rule{
	ID:       "TA-DEP-106",
	Name:     "redirect-ipc-access",
	Title:    "tauri crate keeps IPC access after a window navigates to an external site",
	Level:    rules.Warning,
	Severity: 5.5,
	Tags:     []string{"supply-chain"},
	CWE:      []int{601, 346},
	Doc: `Cargo.lock locks tauri 1.0.0–1.0.8, 1.1.0–1.1.3 or 1.2.0–1.2.4 (GHSA-4wm2-cwcf-wwvp,
CVE-2023-31134; fixed in 1.0.9, 1.1.4 and 1.2.5). When a Tauri window was redirected to an
external site — an open redirect, or a "visit URL" feature — that site kept the window's IPC
access and could call its commands.

The score is GitHub's for severity moderate; rules.md quotes no CVSS score.

**Fix:** upgrade tauri to a fixed release of its line (1.2.5 or later; ideally the latest 1.x or 2.x).

Bad (Cargo.lock): name = "tauri", version = "1.2.3".

Good: version = "1.2.5" or later.

**False positives:** windows that can never navigate away from the app's own content are hard to
exploit; the rule cannot prove that.`,
}, nil)
