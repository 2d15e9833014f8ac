package checks

import (
	"github.com/tauriaudit/tauriaudit/csp"
	"github.com/tauriaudit/tauriaudit/rules"
)

// CSPSyntaxError reports policy mistakes the webview silently repairs or
// ignores.
var CSPSyntaxError = &rules.Rule{
	ID:       "TA-CSP-016",
	Name:     "csp-syntax-error",
	Title:    "content security policy has a syntax mistake",
	Level:    rules.Warning,
	Severity: 4.3,
	Tags:     []string{"csp"},
	CWE:      []int{693},
	Doc: `The webview never rejects a policy: it drops what it cannot read and keeps going, so a typo
changes what the policy allows without any error. Each mistake is reported at the token that
shows it:

* **a missing ` + "`;`" + `** — a directive name read as a source, as in
  ` + "`default-src 'self' img-src * data:`" + `: ` + "`img-src`" + ` does not exist, and ` + "`*`" + ` and ` + "`data:`" + ` are added
  to ` + "`default-src`" + `, which then allows scripts from anywhere;
* **a keyword without its quotes** (` + "`self`" + `, ` + "`none`" + `, ` + "`unsafe-inline`" + `, ` + "`nonce-…`" + `, ` + "`sha256-…`" + `): read as a
  host of that name, or ignored;
* **a quoted word that is not a keyword, nonce or hash** (` + "`'unsafe_inline'`" + `, ` + "`'sha1-…'`" + `): ignored;
* **` + "`'none'`" + ` beside other sources**: it has no effect, the other sources are allowed;
* **an unknown directive** (a typo such as ` + "`scirpt-src`" + `, or ` + "`Content-Security-Policy:`" + ` pasted from a
  header): ignored with all its sources;
* **a directive written twice**: browsers keep the first one (CSP3), but Tauri rebuilds the
  policy through a map before sending it, which keeps the last one written with the same
  spelling;
* **a deprecated directive** (` + "`referrer`" + `, ` + "`reflected-xss`" + `, ` + "`disown-opener`" + `, ` + "`prefetch-src`" + `,
  ` + "`plugin-types`" + `, ` + "`block-all-mixed-content`" + `, ` + "`navigate-to`" + `, ` + "`require-sri-for`" + `): the webview
  enforces none of them. Reported as a note naming the replacement.

**Fix:** write what the webview reads:

` + "```json" + `
// bad
"csp": "default-src self; script-src 'self' object-src 'none'; scirpt-src 'self'"
// good
"csp": "default-src 'self'; script-src 'self'; object-src 'none'"
` + "```" + `

**False positives.** Words in directives that take no source list (` + "`sandbox allow-scripts`" + `,
` + "`report-to group`" + `, ` + "`trusted-types name`" + `, ` + "`require-trusted-types-for 'script'`" + `) are not read as
sources. ` + "`'strict-dynamic'`" + `, ` + "`'unsafe-hashes'`" + `, ` + "`'wasm-unsafe-eval'`" + `, ` + "`'report-sample'`" + `,
` + "`'inline-speculation-rules'`" + ` and the ` + "`'report-sha…'`" + ` keywords are valid. A nonce written in the
config is TA-CSP-017's.`,
	Run: cspSyntaxError,
}

func cspSyntaxError(pass *rules.Pass) error {
	for _, ct := range cspTargets(pass.Project) {
		for _, pr := range ct.policy.Problems() {
			f := rules.Finding{Location: pr.Loc, Subject: pr.Subject, Message: pr.Message}
			if pr.Kind == csp.DeprecatedDirective {
				f.Level = rules.Note
			}
			pass.ReportOn(ct.Target, f)
		}
	}
	return nil
}
