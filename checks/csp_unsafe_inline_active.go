package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/csp"
	"github.com/tauriaudit/tauriaudit/rules"
)

// CSPUnsafeInlineActive reports 'unsafe-inline' for scripts where nothing
// neutralises it.
var CSPUnsafeInlineActive = &rules.Rule{
	ID:       "TA-CSP-004",
	Name:     "csp-unsafe-inline-active",
	Title:    "content security policy lets inline scripts run",
	Level:    rules.Error,
	Severity: 7.3,
	Tags:     []string{"csp"},
	CWE:      []int{79},
	Doc: `` + "`'unsafe-inline'`" + ` in a script directive lets inline ` + "`<script>`" + ` blocks, ` + "`javascript:`" + ` URLs
and event-handler attributes run: the classic XSS payloads. CSP2+ webviews ignore it in a
directive that also lists a hash or a nonce, and Tauri adds hashes and nonces to ` + "`script-src`" + `
(creating it if needed) for every embedded page, so with Tauri's injection on it is usually
dead weight. It is fully effective when:

* ` + "`dangerousDisableAssetCspModification`" + ` is ` + "`true`" + ` or lists ` + "`script-src`" + `;
* it sits in ` + "`script-src-elem`" + ` or ` + "`script-src-attr`" + `, which Tauri never touches;
* the bundle has no inline script and no ` + "`.js`" + `/` + "`.mjs`" + ` file, so Tauri has nothing to hash.

Those cases are errors. When Tauri's injection is on the finding is a note: the token is inert
today but becomes live the day injection is turned off.

**Fix:** remove ` + "`'unsafe-inline'`" + ` from script directives, move inline code to files, and keep
injection on.

` + "```json" + `
// bad
"csp": "default-src 'self'; script-src 'self' 'unsafe-inline'",
"dangerousDisableAssetCspModification": true
// good
"csp": "default-src 'self'; script-src 'self'"
` + "```" + `

**Approximation.** Whether the bundle has scripts is only known when ` + "`frontendDist`" + ` is in the
scanned tree (build output is often not committed); the rule then looks for ` + "`.js`" + `/` + "`.mjs`" + ` files
and inline ` + "`<script>`" + ` elements in up to 200 HTML files. When the bundle cannot be seen, it
assumes Tauri has something to hash. A directive that already lists its own hash or nonce is
never reported, nor is one with ` + "`'strict-dynamic'`" + `: the webview ignores ` + "`'unsafe-inline'`" + `
there. ` + "`'unsafe-inline'`" + ` in ` + "`style-src`" + ` is a separate, low-risk matter and not reported.`,
	Run: cspUnsafeInlineActive,
}

func cspUnsafeInlineActive(pass *rules.Pass) error {
	p := pass.Project
	for _, ct := range cspTargets(p) {
		seen := map[*csp.Directive]bool{}
		for _, name := range []string{"script-src-elem", "script-src-attr"} {
			d := ct.policy.Effective(name)
			s := d.Find(csp.UnsafeInline)
			if s == nil || seen[d] || d.HasKind(csp.Hash) || d.HasKind(csp.Nonce) || d.Find(csp.StrictDynamic) != nil {
				continue
			}
			seen[d] = true
			level, why := unsafeInlineState(p, ct, d)
			pass.ReportOn(ct.Target, rules.Finding{Location: s.Loc, Level: level,
				Subject: d.Name + " " + csp.UnsafeInline, Message: fmt.Sprintf("%s allows %s%s", d.Text, s.Text, why)})
		}
	}
	return nil
}

// unsafeInlineState says whether 'unsafe-inline' in d is live (error) or
// neutralised by the hashes Tauri injects into script-src (note).
func unsafeInlineState(p *rules.Project, ct cspTarget, d *csp.Directive) (rules.Level, string) {
	b := rules.CSP.Of(p).Bundle(ct.Config)
	switch {
	case d.Name == "script-src-attr":
		return rules.Error, ": tauri adds its hashes only to script-src, so inline event handlers run"
	case d.Name != "script-src" && d.Name != "default-src":
		return rules.Error, ": tauri adds its hashes only to script-src, so inline scripts run"
	case !csp.InjectionOf(ct.Config).Script:
		return rules.Error, " and tauri's script-src injection is disabled, so inline scripts run"
	case b.Built && !b.Scripts:
		return rules.Error, ": the bundle has no scripts for tauri to hash, so inline scripts run"
	}
	return rules.Note, " (inert while tauri injects script hashes)"
}
