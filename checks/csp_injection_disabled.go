package checks

import (
	"github.com/tauriaudit/tauriaudit/csp"
	"github.com/tauriaudit/tauriaudit/rules"
)

// CSPInjectionDisabled reports dangerousDisableAssetCspModification.
var CSPInjectionDisabled = &rules.Rule{
	ID:       "TA-CSP-005",
	Name:     "csp-injection-disabled",
	Title:    "tauri's csp hash and nonce injection is disabled",
	Level:    rules.Warning,
	Severity: 5.9,
	Tags:     []string{"csp"},
	CWE:      []int{693},
	Doc: `For every embedded page Tauri hashes the inline scripts and bundled scripts, puts a fresh
nonce on ` + "`<style>`" + ` elements and on ` + "`<script src=\"http…\">`" + ` tags, and adds ` + "`'self'`" + `, the hashes and
the nonces to ` + "`script-src`" + ` and ` + "`style-src`" + `. ` + "`app.security.dangerousDisableAssetCspModification`" + `
turns that off: ` + "`true`" + ` for both directives, a list for the directives it names. Without it the
author has to maintain hashes by hand, which in practice ends in ` + "`'unsafe-inline'`" + `.

Reported as a warning when it is ` + "`true`" + ` or lists ` + "`script-src`" + `, and as a note when it lists
only ` + "`style-src`" + `.

**Fix:** remove the setting, or limit it to styles when a CSS-in-JS library needs inline
styles:

` + "```json" + `
// bad
"dangerousDisableAssetCspModification": true
// acceptable
"dangerousDisableAssetCspModification": ["style-src"]
` + "```" + `

**False positives.** ` + "`[\"style-src\"]`" + ` is a common and mostly benign workaround (hence a note).
Directives other than ` + "`script-src`" + ` and ` + "`style-src`" + ` in the list change nothing, since Tauri
modifies no others, and are not reported. The setting is not reported for targets with no policy
(TA-CSP-001 applies) or with a remote ` + "`frontendDist`" + `, where Tauri injects nothing anyway.`,
	Run: cspInjectionDisabled,
}

func cspInjectionDisabled(pass *rules.Pass) error {
	for _, ct := range cspTargets(pass.Project) {
		inj := csp.InjectionOf(ct.Config)
		if inj.Node.IsTrue() {
			pass.ReportOn(ct.Target, rules.Finding{Location: inj.Node.Location(), Subject: "true",
				Message: "dangerousDisableAssetCspModification is true: tauri adds no hashes or nonces to the policy"})
			continue
		}
		for _, it := range inj.Node.Items() {
			f := rules.Finding{Location: it.Location(), Subject: it.String()}
			switch {
			case it.String() == "script-src":
				f.Message = `dangerousDisableAssetCspModification lists "script-src": tauri adds no script hashes or nonces`
			case it.String() == "style-src" && inj.Script:
				f.Level = rules.Note
				f.Message = `dangerousDisableAssetCspModification lists "style-src": tauri adds no style nonces`
			default:
				continue
			}
			pass.ReportOn(ct.Target, f)
		}
	}
	return nil
}
