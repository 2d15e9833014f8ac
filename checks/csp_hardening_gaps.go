package checks

import (
	"fmt"

	"github.com/tauriaudit/tauriaudit/csp"
	"github.com/tauriaudit/tauriaudit/rules"
)

// CSPHardeningGaps reports small omissions and mistakes in a policy.
var CSPHardeningGaps = &rules.Rule{
	ID:       "TA-CSP-013",
	Name:     "csp-hardening-gaps",
	Title:    "content security policy has hardening gaps",
	Level:    rules.Note,
	Severity: 2.0,
	Tags:     []string{"csp"},
	CWE:      []int{693},
	Doc: `Small gaps that a complete policy closes:

* no ` + "`object-src`" + ` while ` + "`default-src`" + ` allows more than ` + "`'self'`" + `/` + "`'none'`" + `: plugin content
  (` + "`<object>`" + `, ` + "`<embed>`" + `) is governed by the broader fallback;
* no ` + "`base-uri`" + ` (it has no fallback): injected ` + "`<base href>`" + ` re-points every relative script URL
  to an attacker's server;
* no ` + "`form-action`" + ` (no fallback either): injected forms can post anywhere;
* a directive name that is not a CSP directive (a typo such as ` + "`scirpt-src`" + `, or
  ` + "`Content-Security-Policy:`" + ` pasted from a header): the webview ignores it and its sources;
* a directive written twice. Browsers keep the first one (CSP3), but Tauri rebuilds the policy
  through a map before sending it, which keeps the last one written with the same spelling: the
  policy that applies is not the one a reader sees first.

**Fix:** add the directives and remove the mistakes:

` + "```json" + `
// flagged
"csp": "default-src 'self' https://cdn.example.com; script-src 'self'; script-src 'self' 'unsafe-eval'"
// better
"csp": "default-src 'self' https://cdn.example.com; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
` + "```" + `

Purely advisory. The rules TA-CSP-003…012 read the policy as a browser does (first directive
wins); a duplicate reported here is a reason to read the later copy too.`,
	Run: cspHardeningGaps,
}

func cspHardeningGaps(pass *rules.Pass) error {
	for _, ct := range cspTargets(pass.Project) {
		for _, f := range hardeningGaps(ct.policy) {
			pass.ReportOn(ct.Target, f)
		}
	}
	return nil
}

func hardeningGaps(pol *csp.Policy) []rules.Finding {
	var out []rules.Finding
	missing := func(name, why string) {
		out = append(out, rules.Finding{Location: pol.AbsentLocation(name), Subject: name,
			Message: fmt.Sprintf("the policy has no %s: %s", name, why)})
	}
	def := pol.Get("default-src")
	if pol.Get("object-src") == nil && !def.Only(csp.Self, csp.None) {
		missing("object-src", "plugin content falls back to default-src")
	}
	if pol.Get("base-uri") == nil {
		missing("base-uri", "an injected <base> tag can redirect relative script urls")
	}
	if pol.Get("form-action") == nil {
		missing("form-action", "injected forms can submit anywhere")
	}
	for _, d := range pol.Unknown() {
		out = append(out, rules.Finding{Location: d.Loc, Subject: "unknown " + d.Name,
			Message: fmt.Sprintf("%q is not a csp directive: the webview ignores it and its sources", d.Text)})
	}
	for _, d := range pol.Duplicates {
		out = append(out, rules.Finding{Location: d.Loc, Subject: "duplicate " + d.Name,
			Message: fmt.Sprintf("%s is repeated: browsers keep the first one, tauri's rebuilt policy the last", d.Text)})
	}
	return out
}
