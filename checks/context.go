package checks

import (
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
)

// Context flags several rules share (rules.md §0.3 item 4).

// embedsAssets reports whether target t serves embedded assets: its
// build.frontendDist is absent or not an http(s) URL. Only then does Tauri
// inject the configured CSP.
func embedsAssets(t *rules.Target) bool {
	dist := t.Config.Get("build").Field("frontendDist")
	s, ok := dist.Str()
	if !ok {
		return true // absent, or a list of files
	}
	s = strings.ToLower(strings.TrimSpace(s))
	return !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://")
}

// highRiskGranted reports HR_PERMS: whether, on some audited target, an
// enabled capability grants a high-risk permission of rules.md §0.4
// (locally or to remote origins). It reads the resolved ACL (aclView:
// sets expanded, denies applied, scopes judged) and, for plugins whose
// permission manifests are missing, the identifiers' names. A capability
// that names no window still counts: its author meant the grant, and
// TA-ACL-011 reports that it never applies.
func highRiskGranted(p *rules.Project) bool {
	return p.Memo("context.highRiskGranted", func() any {
		if !aclAudited(p) {
			return false
		}
		for _, t := range p.Targets {
			v := aclViewOf(p, t)
			for _, g := range v.grants {
				if v.highRisk(g, g.remote()) {
					return true
				}
			}
		}
		return false
	}).(bool)
}
