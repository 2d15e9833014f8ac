package checks

import (
	"github.com/tauriaudit/tauriaudit/csp"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// CSPMissing reports an app that ships embedded assets without a policy.
var CSPMissing = &rules.Rule{
	ID:       "TA-CSP-001",
	Name:     "csp-missing",
	Title:    "no content security policy for embedded assets",
	Level:    rules.Warning,
	Severity: 6.5,
	Tags:     []string{"csp"},
	CWE:      []int{693, 79},
	Doc: `With ` + "`app.security.csp`" + ` absent or ` + "`null`" + `, Tauri sends no Content-Security-Policy
for the pages it serves from the embedded assets, and injects no hashes or nonces. Any script
that reaches the page — an XSS in the app, a compromised npm dependency, a script pulled from a
CDN — runs with every IPC command the window's capabilities grant.

The rule checks each platform's merged config. When a platform file (` + "`tauri.windows.conf.json`" + `,
` + "`Tauri.linux.toml`" + `…) sets the policy to ` + "`null`" + `, merge patch deletes it for that platform only and
the finding points at that ` + "`null`" + `. An empty policy (no directive at all) is reported too.

The level is raised to error when a capability grants a high-risk permission (shell execution,
file writes, process control…): there the missing policy is one XSS away from code execution.

**Fix:** set a restrictive policy and open only what the app needs:

` + "```json" + `
// bad: the template default
"security": { "csp": null }

// good
"security": {
  "csp": "default-src 'self'; connect-src ipc: http://ipc.localhost; img-src 'self' asset: http://asset.localhost; object-src 'none'; base-uri 'self'; form-action 'self'"
}
` + "```" + `

**False positives.** Tauri's v2 app template ships ` + "`\"csp\": null`" + `, so expect this finding in
most new apps: it is a true positive. It does not apply when ` + "`build.frontendDist`" + ` is an http(s)
URL (nothing is embedded and the server's headers apply; TA-CFG-001 covers that case).

The escalation to error uses the resolved ACL: a high-risk permission (rules.md §0.4) granted
by an enabled capability on some target, after set expansion and deny entries.`,
	Run: cspMissing,
}

func cspMissing(pass *rules.Pass) error {
	p := pass.Project
	if p.Base == nil {
		return nil // the base config is unreadable: TA-CFG-000's finding
	}
	for _, t := range p.Targets {
		if !csp.EmbedsAssets(t.Config) {
			continue
		}
		loc, msg, ok := missingCSP(p, t)
		if !ok {
			continue
		}
		f := rules.Finding{Location: loc, Subject: "csp", Message: msg}
		if highRiskGranted(p) {
			f.Level = rules.Error
			f.Message += " (high-risk permissions are granted)"
		}
		pass.ReportOn(t, f)
	}
	return nil
}

// missingCSP decides whether t has no usable policy, and where to say so:
// at a platform file's null when that file removed it, at the value when
// it is null or empty, else at the nearest object with the absent key's
// pointer.
func missingCSP(p *rules.Project, t *rules.Target) (source.Location, string, bool) {
	var base *source.Node
	if p.Base != nil {
		base = p.Base.Root.Lookup(cspPtr)
	}
	if t.Overlay != nil {
		n := t.Overlay.Root.Lookup(cspPtr)
		if n.IsNull() && base != nil && !base.IsNull() {
			return n.Location(), "platform file sets app.security.csp to null, removing the policy", true
		}
	}
	n := csp.Security(t.Config).Get("csp")
	if n == nil && base.IsNull() {
		n = base // a platform file's null deleted the base file's null
	}
	switch pol := rules.CSP.Of(p).Policy(n); {
	case n == nil:
		return t.Config.AbsentLocation("app", "security", "csp"), "app.security.csp is not set: no content security policy is applied", true
	case n.IsNull():
		return n.Location(), "app.security.csp is null: no content security policy is applied", true
	case pol.Err == nil && pol.Policy.Empty():
		return n.Location(), "app.security.csp is empty: no directive is applied", true
	}
	return source.Location{}, "", false
}
