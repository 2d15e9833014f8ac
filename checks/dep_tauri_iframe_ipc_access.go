package checks

import "github.com/tauriaudit/tauriaudit/rules"

// TauriIframeIPCAccess is GHSA-57fm-592m-34r7 (CVE-2024-35222).
var TauriIframeIPCAccess = advisoryRule(&rules.Rule{
	ID:       "TA-DEP-103",
	Name:     "tauri-iframe-ipc-access",
	Title:    "tauri crate lets remote iframes reach the IPC",
	Level:    rules.Warning,
	Severity: 5.9,
	Tags:     []string{"supply-chain"},
	CWE:      []int{346},
	Doc: `Cargo.lock locks the tauri crate below 1.6.7, or a 2.0.0 beta before 2.0.0-beta.20
(GHSA-57fm-592m-34r7, CVE-2024-35222). Tauri injected its IPC into every frame, so a
remote-origin iframe (an ad, an embedded widget, a page an attacker manages to frame) could
call commands without being allowed by the v1 dangerousRemoteDomainIpcAccess configuration or
v2 capabilities. The fix added a per-window invoke key and stopped injecting IPC into
subframes (same-origin iframes on Windows excepted).

The score is the CVSS 3.1 score of the advisory (moderate).

**Fix:** upgrade tauri to 1.6.7 or later on the 1.x line, or to a stable 2.x release.

Bad (Cargo.lock): name = "tauri", version = "1.6.2".

Good: version = "1.6.7" or a stable 2.x.

**False positives:** apps with a CSP whose frame-src/child-src allows no remote origin cannot
load the iframes in question; still upgrade, CSP is defence in depth.`,
}, nil)
