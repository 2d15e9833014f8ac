package checks

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/capabilities/audit"

	"github.com/tauriaudit/tauriaudit/rules"
)

// HighRiskPermissionInventory lists, per window, the high-risk
// permissions it holds and their scopes.
var HighRiskPermissionInventory = &rules.Rule{
	ID:       "TA-ACL-009",
	Name:     "high-risk-permission-inventory",
	Title:    "inventory of high-risk permissions per window",
	Level:    rules.Note,
	Severity: 2.5,
	Tags:     []string{"acl"},
	CWE:      []int{250},
	Doc: `A review aid: one result per window label listing the high-risk permissions (rules.md §0.4) that
its local pages hold, merged over every capability that applies to it, with the effective scope
of each (the grant's own scope followed by the plugin's global scope). These are the permissions
whose abuse after an XSS or a compromised dependency reaches the operating system.

Windows are the labels of ` + "`app.windows`" + ` and the literal labels capabilities name; a capability that
matches none of them (say ` + "`\"windows\": [\"*\"]`" + ` with windows created from Rust) is listed under its
pattern. Remote origins are covered by TA-ACL-004.

**Fix:** minimise the list; give each high-risk command its own narrow scope.

**False positives:** informational, kept at note level so it never fails a pre-commit run.`,
	Run: highRiskPermissionInventory,
}

func highRiskPermissionInventory(pass *rules.Pass) error {
	forEachView(pass.Project, func(t *rules.Target, v *audit.View) {
		refs, holders := v.LocalHolders()
		for _, r := range refs {
			items := inventory(v, v.LocalGrants(holders[audit.HolderKey(r)]))
			if len(items) == 0 {
				continue
			}
			pass.ReportOn(t, rules.Finding{Location: r.Locate(), Subject: r.Label,
				Message: fmt.Sprintf("%s %s high-risk permissions: %s", r, r.Verb("holds", "hold"), strings.Join(items, "; "))})
		}
	})
	return nil
}

// inventory describes the high-risk grants with their effective scopes.
func inventory(v *audit.View, gs []*audit.Grant) []string {
	var out []string
	seen := map[string]bool{}
	for _, g := range gs {
		if !v.HighRisk(g, false) {
			continue
		}
		item := g.ID + " " + scopeSummary(v, g)
		if !seen[item] {
			seen[item] = true
			out = append(out, item)
		}
	}
	return out
}

// scopeSummary lists a grant's effective allow values briefly: the
// values that make it high-risk first; the app's own directories and the
// opener's default URLs only when nothing else is there.
func scopeSummary(v *audit.View, g *audit.Grant) string {
	var vals, tame []string
	for _, s := range v.ScopeOf(g) {
		d := scopeText(g.Key, s)
		switch {
		case s.Deny || d == "" || slices.Contains(vals, d) || slices.Contains(tame, d):
		case tameValue(g.Key, d):
			tame = append(tame, d)
		default:
			vals = append(vals, d)
		}
	}
	if len(vals) == 0 {
		vals = tame
	}
	if len(vals) == 0 {
		return "(no scope)"
	}
	return "[" + listText(vals, 3) + "]"
}

// tameValue: an fs value inside the app's directories, an opener default
// URL.
func tameValue(key, d string) bool {
	return key == "fs" && audit.UnderAppDir(d) || key == "opener" && slices.Contains(audit.DefaultOpenerURLs, d)
}
