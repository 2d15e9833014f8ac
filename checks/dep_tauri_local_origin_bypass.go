package checks

import "github.com/tauriaudit/tauriaudit/rules"

// TauriLocalOriginBypass is GHSA-7gmj-67g7-phm9 (CVE-2026-42184).
var TauriLocalOriginBypass = advisoryRule(&rules.Rule{
	ID:       "TA-DEP-101",
	Name:     "tauri-local-origin-bypass",
	Title:    "tauri crate lets look-alike remote hosts pass as local origins on Windows and Android",
	Level:    rules.Warning,
	Severity: 6.1,
	Tags:     []string{"supply-chain"},
	CWE:      []int{346, 1104},
	Doc: `Cargo.lock locks the tauri crate between 2.0.0 and 2.11.0 (GHSA-7gmj-67g7-phm9,
CVE-2026-42184; fixed in 2.11.1). On Windows and Android, Tauri serves the app from
http(s)://<scheme>.localhost and decided whether a page is local by comparing only the first
label of its host with the registered custom-protocol names. A remote page on
<scheme>.attacker.tld therefore counted as local and could call every command that local
capabilities allow — the whole IPC surface of the main window.

The score is the CVSS 4.0 score of the advisory record (some write-ups
quote 8.8). The finding is limited to the Windows and Android targets; when neither is
audited (--platform) it is a note. Unverified (rules.md §5): whether Tauri's own "tauri"
scheme counts as registered, which would make every such app affected — the rule assumes it
does and does not require a custom protocol.

**Fix:** upgrade tauri to 2.11.1 or later (cargo update -p tauri).

Bad (Cargo.lock): name = "tauri", version = "2.10.3".

Good: version = "2.11.1" or later.

**False positives:** apps that never navigate to remote content are hard to reach, but any link,
redirect or iframe to an attacker-chosen host is enough; upgrade rather than suppress.`,
}, onlyOnPlatforms)
