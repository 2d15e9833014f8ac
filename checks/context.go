package checks

import (
	"github.com/tauriaudit/tauriaudit/capabilities/audit"
	"github.com/tauriaudit/tauriaudit/rules"
)

// Context flags several rules share (rules.md §0.3 item 4).

// highRiskGranted reports HR_PERMS: whether, on some audited target, an
// enabled capability grants a high-risk permission of rules.md §0.4
// (locally or to remote origins), as the ACL view reads it: sets
// expanded, denies applied, scopes judged, and, for plugins whose
// permission manifests are missing, the identifiers' names.
func highRiskGranted(p *rules.Project) bool {
	risky := false
	forEachView(p, func(_ *rules.Target, v *audit.View) { risky = risky || v.HighRiskGranted() })
	return risky
}
