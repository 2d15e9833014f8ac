package checks

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/capabilities/audit"

	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// FSDotfilesMatchable reports requireLiteralLeadingDot turned off while
// wildcard scopes are in use.
var FSDotfilesMatchable = &rules.Rule{
	ID:       "TA-SCP-005",
	Name:     "fs-dotfiles-matchable",
	Title:    "wildcard scopes match hidden files",
	Level:    rules.Warning,
	Severity: 5.9,
	Tags:     []string{"scope"},
	CWE:      []int{552},
	Doc: `` + "`plugins.fs.requireLiteralLeadingDot`" + ` is false (or an ` + "`assetProtocol.scope`" + ` object sets it false) while
wildcard scopes are in use: fs commands that some capability grants consult a scope value with
` + "`*`" + `, or the asset protocol is enabled with one. Wildcards then match hidden files and folders —
` + "`.ssh`" + `, ` + "`.env`" + `, ` + "`.git`" + `, ` + "`.aws`" + ` — the class of GHSA-6mv3-wm7j-h4w5 and GHSA-wmff-grcw-jcfm.

**Fix:** remove the setting (the default is true on every platform but Windows) and name the
dotfiles the app really needs explicitly.

Bad:

~~~json
{ "plugins": { "fs": { "requireLiteralLeadingDot": false } } }
~~~

**False positives:** on Windows the default is already false and dotfiles are not hidden by name;
the finding is reported for the other targets only.`,
	Run: fsDotfilesMatchable,
}

func fsDotfilesMatchable(pass *rules.Pass) error {
	forEachView(pass.Project, func(t *rules.Target, v *audit.View) {
		if t.Platform == source.Windows {
			return
		}
		if n := t.Config.At("plugins", "fs", "requireLiteralLeadingDot"); isFalse(n) {
			if w := fsWildcard(v); w != "" {
				pass.ReportOn(t, rules.Finding{Location: n.Location(), Subject: "plugins.fs.requireLiteralLeadingDot",
					Message: fmt.Sprintf("plugins.fs.requireLiteralLeadingDot is false: wildcard fs scopes such as %q match hidden files (.ssh, .env)", w)})
			}
		}
		asset := t.Config.At("app", "security", "assetProtocol")
		if n := asset.Get("scope").Field("requireLiteralLeadingDot"); isFalse(n) && asset.Get("enable").IsTrue() {
			if w := wildcardIn(assetScopeValues(asset)); w != "" {
				pass.ReportOn(t, rules.Finding{Location: n.Location(), Subject: "assetProtocol.scope.requireLiteralLeadingDot",
					Message: fmt.Sprintf("assetProtocol.scope.requireLiteralLeadingDot is false: asset scope %q matches hidden files", w)})
			}
		}
	})
	return nil
}

func isFalse(n *source.Node) bool {
	b, ok := n.Bool()
	return ok && !b
}

// fsWildcard returns a wildcard fs scope value that a granted command
// consults, or "".
func fsWildcard(v *audit.View) string {
	for _, u := range v.ScopeUses("fs") {
		if p, ok := fsPathOf(u.Val); ok && strings.ContainsAny(p, "*?[") {
			return p
		}
	}
	return ""
}

func wildcardIn(ns []*source.Node) string {
	for _, n := range ns {
		if s, ok := n.Str(); ok && strings.ContainsAny(s, "*?[") {
			return s
		}
	}
	return ""
}
