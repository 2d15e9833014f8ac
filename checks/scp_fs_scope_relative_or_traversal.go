package checks

import (
	"fmt"
	"github.com/tauriaudit/tauriaudit/capabilities/audit"

	"github.com/tauriaudit/tauriaudit/rules"
)

// FSScopeRelativeOrTraversal reports scope paths without a base or with
// ".." segments.
var FSScopeRelativeOrTraversal = &rules.Rule{
	ID:       "TA-SCP-006",
	Name:     "fs-scope-relative-or-traversal",
	Title:    "an fs scope path is relative or contains ..",
	Level:    rules.Warning,
	Severity: 5.3,
	Tags:     []string{"scope"},
	CWE:      []int{22},
	Doc: `An fs scope value (consulted by a granted fs command) or an enabled asset protocol scope is a
relative path — it starts with no base-directory variable (` + "`$APPDATA`" + `...), no ` + "`/`" + `, drive or UNC
prefix — or contains ` + "`..`" + ` segments. What a relative pattern matches depends on how the plugin
resolves it and on the process's working directory (` + "`~`" + ` is no variable: ` + "`~/x`" + ` is relative).
Tauri's path resolver drops every ` + "`..`" + ` after the first component, so ` + "`$APPDATA/../shared/**`" + `
means ` + "`$APPDATA/shared/**`" + `, not what it looks like: traversal-shaped patterns are easy to get wrong
and hard to review.

**Fix:** start every path with a base-directory variable and keep it free of ` + "`..`" + `.

Bad:

~~~json
{ "identifier": "fs:scope", "allow": ["data/*", "$APPDATA/../shared/**"] }
~~~

Good:

~~~json
{ "identifier": "fs:scope", "allow": ["$APPDATA/data/*"] }
~~~

**False positives:** patterns that start with ` + "`**`" + ` match absolute paths and are reported by
TA-SCP-001 instead.`,
	Run: fsScopeRelativeOrTraversal,
}

func fsScopeRelativeOrTraversal(pass *rules.Pass) error {
	once := newReportOnce(pass)
	forEachView(pass.Project, func(t *rules.Target, v *audit.View) {
		for _, u := range v.ScopeUses("fs") {
			if p, ok := fsPathOf(u.Val); ok && (audit.Relative(p) || audit.HasDotDot(p)) {
				once.on(t, valueFinding(u.Val, p, fmt.Sprintf("fs scope %q %s", p, relativeWhy(p))))
			}
		}
		asset := t.Config.At("app", "security", "assetProtocol")
		if !asset.Get("enable").IsTrue() {
			return
		}
		for _, n := range assetScopeValues(asset) {
			if p, ok := n.Str(); ok && (audit.Relative(p) || audit.HasDotDot(p)) {
				once.on(t, rules.Finding{Location: n.Location(), Subject: p, Message: fmt.Sprintf("asset protocol scope %q %s", p, relativeWhy(p))})
			}
		}
	})
	return nil
}

func relativeWhy(p string) string {
	if audit.HasDotDot(p) && !audit.Relative(p) {
		// PathResolver::parse drops every ".." after the first component.
		return fmt.Sprintf("contains a .. segment, which Tauri drops: it reads as %q", audit.NormalizePath(p))
	}
	return "is relative: it starts with no base directory"
}
