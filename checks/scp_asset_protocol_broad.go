package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/rules"
)

// AssetProtocolBroad reports an enabled asset protocol with a broad scope.
var AssetProtocolBroad = &rules.Rule{
	ID:       "TA-SCP-007",
	Name:     "asset-protocol-broad",
	Title:    "the asset protocol serves the whole disk, home or user folders",
	Level:    rules.Error,
	Severity: 7.5,
	Tags:     []string{"scope"},
	CWE:      []int{552, 22},
	Doc: `` + "`app.security.assetProtocol.enable`" + ` is true and its scope allows ` + "`**`" + `, a drive or file-system
root, the home directory, or a user/OS folder recursively (the patterns of TA-SCP-001/002). The
asset protocol is gated only by this scope, not by capabilities: any page in the app's webviews —
remote pages and XSS payloads included — can load those files through ` + "`asset://localhost/...`" + ` or
` + "`http://asset.localhost/...`" + ` URLs; image and media loads need no CORS. The Tauri v1 audit finding
TRI-026 was this class.

**Fix:** scope to the app's directories, add denies, or disable the protocol when unused (that also
drops the ` + "`protocol-asset`" + ` Cargo feature).

Bad:

~~~json
{ "app": { "security": { "assetProtocol": { "enable": true, "scope": ["**"] } } } }
~~~

Good:

~~~json
{ "app": { "security": { "assetProtocol": { "enable": true, "scope": ["$APPDATA/covers/**"] } } } }
~~~

**False positives:** a CSP without ` + "`asset:`" + ` sources limits some sinks but not all; dialog and fs
runtime grants can still extend the scope. A scope without ` + "`enable: true`" + ` is inert and not reported.`,
	Run: assetProtocolBroad,
}

func assetProtocolBroad(pass *rules.Pass) error {
	for _, t := range pass.Project.Targets {
		if !aclAudited(pass.Project) {
			return nil
		}
		asset := t.Config.At("app", "security", "assetProtocol")
		if !asset.Get("enable").IsTrue() {
			continue
		}
		for _, n := range assetScopeValues(asset) {
			p, _ := n.Str()
			what := pathBreadth(p)
			if what == "" {
				continue
			}
			pass.ReportOn(t, rules.Finding{Location: n.Location(), Subject: p,
				Message: fmt.Sprintf("the enabled asset protocol serves %s (scope %q) to every page in the app, capabilities notwithstanding", what, p)})
		}
	}
	return nil
}
