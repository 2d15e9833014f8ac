package checks

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
)

// V1Config reports an app whose config is a Tauri v1 config.
var V1Config = &rules.Rule{
	ID:       "TA-V1-001",
	Name:     "v1-config",
	Title:    "the app uses a tauri v1 configuration",
	Level:    rules.Warning,
	Severity: 5.0,
	Tags:     []string{"config"},
	CWE:      []int{1104},
	Doc: `The config has the shape of Tauri 1.x: a top-level tauri object, tauri.allowlist, a package
object, build.distDir / devPath and similar keys. In v1 the allowlist is global: every window and
every script in it gets every allowlisted API; there are no per-window capabilities, and domains
listed in dangerousRemoteDomainIpcAccess get app commands (plus the allowlisted APIs with
enableTauriAPI). Fixes for v1 arrive only on the 1.x maintenance line.

The config is recognised by score: each strong signal counts one (top-level tauri, tauri.allowlist,
a top-level package with productName/version, tauri.bundle.identifier without a top-level
identifier, build.distDir/devPath/withGlobalTauri, v1-only keys such as tauri.updater or
tauri.systemTray); a locked tauri 1.x in Cargo.lock adds one; each v2 marker (top-level
identifier with an app object, a $schema for config/2, plugins.updater,
app.security.capabilities, files in capabilities/) takes one away. Two points make a v1 config. A
locked tauri 2.0.0-alpha means an early v2 config, never v1.

While an app is recognised as v1, the v2 configuration rules are skipped (their keys mean
nothing there) and the other TA-V1 rules report the v1 risks.

**Fix:** migrate with tauri migrate, then review the generated capabilities/migrated.json: it
grants window "main" everything the allowlist enabled.

Bad:

~~~json
{ "package": { "productName": "app" }, "tauri": { "allowlist": { "all": true } } }
~~~

Good: a v2 config with a top-level identifier, an app object and capabilities.

**False positives:** a 2.0.0-alpha config also used a top-level tauri key; it is told apart by
the version locked in Cargo.lock, so keep Cargo.lock committed.`,
	Run: v1Config,
}

func v1Config(pass *rules.Pass) error {
	p := pass.Project
	v := rules.V1.Of(p)
	if !v.V1 {
		return nil
	}
	root := p.Base.Root
	loc := root.Get("tauri").KeyLocation()
	if root.Get("tauri") == nil {
		loc = root.Location()
	}
	pass.Report(rules.Finding{Location: loc, Subject: "v1",
		Message: fmt.Sprintf("this is a tauri v1 config (%s): every window gets every allowlisted api", strings.Join(v.Signals, ", "))})
	return nil
}
