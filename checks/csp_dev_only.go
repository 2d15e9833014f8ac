package checks

import (
	"github.com/tauriaudit/tauriaudit/csp"
	"github.com/tauriaudit/tauriaudit/rules"
)

// CSPDevOnly reports a policy that exists only for development.
var CSPDevOnly = &rules.Rule{
	ID:       "TA-CSP-002",
	Name:     "csp-dev-only",
	Title:    "devCsp is set but csp is not",
	Level:    rules.Warning,
	Severity: 6.5,
	Tags:     []string{"csp"},
	CWE:      []int{693},
	Doc: `Tauri uses ` + "`app.security.devCsp`" + ` while developing (falling back to ` + "`csp`" + `) and
` + "`app.security.csp`" + ` in release builds. With only ` + "`devCsp`" + ` set, developers test under a policy
that production never gets: release builds ship with no Content-Security-Policy at all.

**Fix:** set ` + "`csp`" + ` (usually the same policy without dev-server hosts such as
` + "`ws://localhost:1420`" + `):

` + "```json" + `
// bad
"security": { "devCsp": "default-src 'self' ws://localhost:1420" }

// good
"security": {
  "csp": "default-src 'self'",
  "devCsp": "default-src 'self' ws://localhost:1420"
}
` + "```" + `

The finding points at ` + "`devCsp`" + ` and is reported per platform, so a platform file that nulls ` + "`csp`" + `
while the base file keeps ` + "`devCsp`" + ` is caught too. Targets whose ` + "`frontendDist`" + ` is a URL are
skipped: no configured policy is applied to them in any build. TA-CSP-001 reports the missing
policy as well; this rule adds that the omission looks accidental.`,
	Run: cspDevOnly,
}

func cspDevOnly(pass *rules.Pass) error {
	if pass.Project.Base == nil {
		return nil
	}
	for _, t := range pass.Project.Targets {
		sec := csp.Security(t.Config)
		dev, prod := sec.Field("devCsp"), sec.Get("csp")
		if !csp.EmbedsAssets(t.Config) || dev == nil || dev.IsNull() || (prod != nil && !prod.IsNull()) {
			continue
		}
		pass.ReportOn(t, rules.Finding{Location: dev.Location(), Subject: "devCsp",
			Message: "devCsp is set but csp is not: release builds ship without a content security policy"})
	}
	return nil
}
