package checks

import (
	"fmt"
	"github.com/tauriaudit/tauriaudit/capabilities/audit"
	"slices"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// FSWebviewDataReadable reports fs read scopes that reach the webview's
// own profile without the plugin's deny.
var FSWebviewDataReadable = &rules.Rule{
	ID:       "TA-SCP-004",
	Name:     "fs-webview-data-readable",
	Title:    "fs reads reach the webview profile (cookies, storage)",
	Level:    rules.Warning,
	Severity: 5.5,
	Tags:     []string{"scope"},
	CWE:      []int{200, 552},
	Doc: `An fs read command is granted with a scope that covers the webview's data — cookies,
localStorage, IndexedDB, cache, tokens — which lives under ` + "`$APPLOCALDATA`" + ` (` + "`EBWebView`" + ` on Windows, the
WebKitGTK data on Linux), and no enabled capability includes ` + "`fs:default`" + `, ` + "`fs:deny-default`" + `,
` + "`fs:deny-webview-data-windows`" + ` or ` + "`fs:deny-webview-data-linux`" + ` (whose deny wins over any allow), nor a
deny value of its own over that folder.

Coverage is decided per target as in TA-SCP-003 (on Linux ` + "`$APPLOCALDATA`" + ` is under ` + "`~/.local`" + `, which
wildcards skip unless requireLiteralLeadingDot is off). macOS keeps WebKit data elsewhere and is
not checked.

**Fix:** add ` + "`fs:deny-default`" + ` to a capability.

**False positives:** in the plugin versions read, ` + "`fs:deny-webview-data-linux`" + ` has no platform
restriction and denies all of ` + "`$APPLOCALDATA`" + ` everywhere; apps that drop it for that reason should
add a narrower deny of their own.`,
	Run: fsWebviewDataReadable,
}

var webviewProfile = map[source.Platform]string{
	source.Windows: "$APPLOCALDATA/EBWebView/Default/Cookies",
	source.Linux:   "$APPLOCALDATA/WebKitCache/x",
}

func fsWebviewDataReadable(pass *rules.Pass) error {
	once := newReportOnce(pass)
	forEachView(pass.Project, func(t *rules.Target, v *audit.View) {
		loc, ok := webviewProfile[t.Platform]
		if !ok || webviewDenied(v, t, loc) {
			return
		}
		for _, u := range v.ScopeUses("fs") {
			p, ok := fsPathOf(u.Val)
			if ok && len(u.Commands(audit.FSReadCommands)) > 0 && audit.Covers(p, loc, t.Platform, appIdentifier(t), literalDot(t)) {
				once.on(t, valueFinding(u.Val, p, fmt.Sprintf("fs scope %q lets read commands reach the webview's data under $APPLOCALDATA (cookies, storage), and no capability adds fs:deny-default", p)))
			}
		}
	})
	return nil
}

// webviewDenied reports whether a deny protects the webview data: one of
// the plugin's deny permissions in an enabled capability, or a deny value
// that covers loc.
func webviewDenied(v *audit.View, t *rules.Target, loc string) bool {
	for _, c := range v.Caps {
		for _, e := range c.Permissions {
			if slices.Contains(audit.WebviewDenyIDs, e.ID.Raw) {
				return true
			}
		}
	}
	if gs := v.ACL.Resolved.Global["fs"]; gs != nil {
		for _, g := range gs.From {
			if slices.ContainsFunc(g.Path, func(id string) bool { return slices.Contains(audit.WebviewDenyIDs, id) }) {
				return true
			}
		}
	}
	for _, s := range append(v.Global["fs"], allCommandScopes(v, "fs")...) {
		if p, ok := fsPathOf(s); ok && s.Deny && audit.Covers(p, loc, t.Platform, appIdentifier(t), false) {
			return true
		}
	}
	return false
}

// allCommandScopes returns the command scope values of a plugin's grants.
func allCommandScopes(v *audit.View, key string) []*audit.ScopeVal {
	var out []*audit.ScopeVal
	for _, g := range v.Grants {
		if g.Key == key {
			out = append(out, g.Scope...)
		}
	}
	return out
}
