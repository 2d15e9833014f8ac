package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/csp"
	"github.com/tauriaudit/tauriaudit/rules"
)

// CSPScriptKeywordMisuse reports 'unsafe-hashes' and a 'strict-dynamic'
// that nothing can start.
var CSPScriptKeywordMisuse = &rules.Rule{
	ID:       "TA-CSP-018",
	Name:     "csp-script-keyword-misuse",
	Title:    "script directive uses 'unsafe-hashes' or a 'strict-dynamic' with nothing to trust",
	Level:    rules.Note,
	Severity: 3.1,
	Tags:     []string{"csp"},
	CWE:      []int{79, 693},
	Doc: `Two script keywords that CSP Evaluator flags:

* ` + "`'unsafe-hashes'`" + ` lets inline event handlers (` + "`onclick=\"…\"`" + `) and ` + "`javascript:`" + ` URLs run when their
  hash is listed. Safer than ` + "`'unsafe-inline'`" + `, but an attacker who can inject markup reuses any
  listed handler on elements of their choosing;
* ` + "`'strict-dynamic'`" + ` trusts only scripts started by a script that a nonce or hash already allowed,
  and makes the webview ignore the directive's host and scheme sources and ` + "`'self'`" + `. Without a
  nonce or hash in the directive it blocks every script. Tauri adds its hashes and nonces to
  ` + "`script-src`" + ` when its injection is on and the bundle has scripts, so the rule reports only where
  no such addition happens: ` + "`script-src-elem`" + `, a disabled injection, or a built bundle without
  scripts.

**Fix:** move event handlers into script files (` + "`addEventListener`" + `) and drop
` + "`'unsafe-hashes'`" + `; drop ` + "`'strict-dynamic'`" + ` or keep Tauri's injection on for ` + "`script-src`" + `:

` + "```json" + `
// flagged
"csp": "default-src 'self'; script-src 'self' 'unsafe-hashes' 'sha256-…'"
// better
"csp": "default-src 'self'; script-src 'self'"
` + "```" + `

**Webviews.** Tauri v2's webviews (WebView2, which is Chromium; WKWebView and WebKitGTK, which
are WebKit) implement CSP nonces and hashes, so ` + "`'unsafe-inline'`" + ` beside one is ignored. WebKit
added ` + "`'strict-dynamic'`" + ` and ` + "`'unsafe-hashes'`" + ` in Safari 15.4 (2022); an older system WebKit ignores
both keywords, so there a ` + "`'strict-dynamic'`" + ` directive falls back to its host list and
` + "`'unsafe-hashes'`" + ` allows nothing. CSP Evaluator's advice to add ` + "`'unsafe-inline'`" + ` or ` + "`https:`" + ` as
a fallback for CSP1 browsers does not apply to these webviews and is not given.`,
	Run: cspScriptKeywordMisuse,
}

func cspScriptKeywordMisuse(pass *rules.Pass) error {
	p := pass.Project
	for _, ct := range cspTargets(p) {
		seen := map[*csp.Directive]bool{}
		for _, name := range []string{"script-src", "script-src-elem", "script-src-attr"} {
			d := ct.policy.Effective(name)
			if d == nil || seen[d] {
				continue
			}
			seen[d] = true
			if s := d.Find(csp.UnsafeHashes); s != nil {
				pass.ReportOn(ct.Target, rules.Finding{Location: s.Loc, Subject: d.Name + " " + s.Text,
					Message: fmt.Sprintf("%s allows %s: inline event handlers whose hash is listed run, wherever injected markup puts them", d.Text, s.Text)})
			}
			if s := d.Find(csp.StrictDynamic); s != nil && name != "script-src-attr" && !d.HasKind(csp.Nonce) && !d.HasKind(csp.Hash) && !tauriHashes(p, ct, d) {
				pass.ReportOn(ct.Target, rules.Finding{Location: s.Loc, Subject: d.Name + " " + s.Text,
					Message: fmt.Sprintf("%s has %s but no nonce or hash, and tauri adds none here: every script is blocked", d.Text, s.Text)})
			}
		}
	}
	return nil
}

// tauriHashes reports whether Tauri's injection may add hashes or nonces
// to d: d is script-src (or default-src standing in for it, which Tauri
// replaces by a script-src of its own), injection is on, and the bundle
// is not known to have no scripts.
func tauriHashes(p *rules.Project, ct cspTarget, d *csp.Directive) bool {
	b := rules.CSP.Of(p).Bundle(ct.Config)
	return (d.Name == "script-src" || d.Name == "default-src") && csp.InjectionOf(ct.Config).Script && !(b.Built && !b.Scripts)
}
