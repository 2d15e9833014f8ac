package checks

import (
	"github.com/tauriaudit/tauriaudit/deps"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// ShellOpenProtocolBypass is GHSA-c9pr-q8gx-3mgp (CVE-2025-31477).
var ShellOpenProtocolBypass = advisoryRule(&rules.Rule{
	ID:       "TA-DEP-102",
	Name:     "shell-open-protocol-bypass",
	Title:    "shell plugin's open endpoint skips its URL validation",
	Level:    rules.Error,
	Severity: 9.3,
	Tags:     []string{"supply-chain"},
	CWE:      []int{78, 939},
	Doc: `Cargo.lock locks tauri-plugin-shell, or a JS lockfile locks @tauri-apps/plugin-shell, below
2.2.1 (GHSA-c9pr-q8gx-3mgp, CVE-2025-31477). When plugins.shell.open was not set, the plugin's
open command skipped its default validation (mailto:, tel:, http(s) only), so a page that can
call shell open passed file://, smb://, nfs:// and other URLs straight to the operating
system's opener — on Windows and Linux desktops that runs programs: remote code execution.

The score is the CVSS 4.0 score of the advisory (critical). It is a **note**
when every audited target sets plugins.shell.open explicitly (true or a regex): the advisory
states such apps were not affected.

**Fix:** upgrade tauri-plugin-shell and @tauri-apps/plugin-shell to 2.2.1 or later, or move to
tauri-plugin-opener, whose URL scope is explicit.

Bad: tauri-plugin-shell 2.2.0 with no plugins.shell.open in tauri.conf.json.

Good: tauri-plugin-shell 2.2.1 or later.

**False positives:** the JS package alone cannot open anything without the Rust plugin; its
finding is kept so both halves are upgraded together.`,
}, shellOpenConfigured)

// shellOpenConfigured downgrades the finding when plugins.shell.open is
// set on every audited target (the advisory's "not affected" case).
func shellOpenConfigured(p *rules.Project, h deps.Hit) (rules.Level, string, []string) {
	for _, t := range p.Targets {
		open := t.Config.At("plugins", "shell", "open")
		if !(open.IsTrue() || open.Is(source.String)) {
			return "", "; plugins.shell.open is unset, the vulnerable default", nil
		}
	}
	if len(p.Targets) == 0 {
		return "", "", nil
	}
	return rules.Note, "; plugins.shell.open is set explicitly, which the advisory lists as not affected", nil
}
