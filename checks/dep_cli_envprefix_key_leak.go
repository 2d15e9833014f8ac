package checks

import "github.com/tauriaudit/tauriaudit/rules"

// CLIEnvPrefixKeyLeak is GHSA-2rcp-jvr4-r259 (CVE-2023-46115).
var CLIEnvPrefixKeyLeak = advisoryRule(&rules.Rule{
	ID:       "TA-DEP-104",
	Name:     "cli-envprefix-key-leak",
	Title:    "Tauri CLI version whose templates leaked the updater key through Vite",
	Level:    rules.Note,
	Severity: 3.0,
	Tags:     []string{"supply-chain"},
	CWE:      []int{200, 522},
	Doc: `A lockfile locks tauri-cli or @tauri-apps/cli at 1.0.0–1.5.5 or 2.0.0-alpha.0–alpha.15
(GHSA-2rcp-jvr4-r259, CVE-2023-46115; "fixed" in 1.5.6 and 2.0.0-alpha.16 by a
documentation change). The Vite setup these versions recommended, envPrefix
['VITE_', 'TAURI_'], copied TAURI_PRIVATE_KEY and TAURI_KEY_PASSWORD into the frontend
bundle (mostly in debug builds), exposing the updater signing key.

It is a note: the maintainers rated it Low, and the root cause is project
configuration: updating the CLI does not change an existing vite.config. TA-DEP-010 checks the
configuration itself and is the finding to act on.

**Fix:** upgrade the CLI, and make sure envPrefix is ['VITE_', 'TAURI_ENV_'] (TA-DEP-010); rotate
the updater key if a build with the old prefix was published.

Bad: @tauri-apps/cli 1.5.0 with envPrefix ['VITE_', 'TAURI_'].

Good: @tauri-apps/cli 1.5.6 or later with envPrefix ['VITE_', 'TAURI_ENV_'].

**False positives:** projects that never used Vite, or changed the prefix, are not exposed.`,
}, nil)
