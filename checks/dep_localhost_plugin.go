package checks

import (
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
)

// LocalhostPlugin reports apps serving their frontend over a localhost
// HTTP port.
var LocalhostPlugin = &rules.Rule{
	ID:       "TA-DEP-013",
	Name:     "localhost-plugin",
	Title:    "the app serves its frontend over localhost HTTP",
	Level:    rules.Warning,
	Severity: 6.1,
	Tags:     []string{"supply-chain"},
	CWE:      []int{923},
	Doc: `tauri-plugin-localhost serves the frontend from an HTTP server on a localhost port instead of
Tauri's custom protocol. Its own README warns that this carries considerable risk: any local
process or web page can connect to the port, the page's origin is an ordinary http://localhost
origin (remote to Tauri's ACL, so capabilities need remote.urls patterns for it, see
TA-ACL-003), and another program that binds the port first serves your window.

Reported at the dependency in the app's (or a local crate's) Cargo.toml.

**Fix:** use the default custom protocol (remove the plugin); if an http origin is needed for
a third-party integration, keep that window free of capabilities.

Bad:

~~~toml
tauri-plugin-localhost = "2"
~~~

Good: no tauri-plugin-localhost dependency.

**False positives:** apps that need an http origin (some OAuth providers, service workers) —
review and suppress with a reason.`,
	Run: localhostPlugin,
}

func localhostPlugin(pass *rules.Pass) error {
	for _, d := range rules.Deps.Of(pass.Project).CargoDeps() {
		if d.CrateName() != "tauri-plugin-localhost" || d.Inherited || d.Section == "replace" || strings.HasPrefix(d.Section, "patch.") {
			continue
		}
		pass.Reportf(d.Loc, d.Name, "tauri-plugin-localhost serves the frontend over http://localhost, where other local processes and pages can reach it")
	}
	return nil
}
