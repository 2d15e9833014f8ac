package checks

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules"
)

// HighRiskPermissionInventory lists, per window, the high-risk
// permissions it holds and their scopes.
var HighRiskPermissionInventory = &rules.Rule{
	ID:       "TA-ACL-009",
	Name:     "high-risk-permission-inventory",
	Title:    "inventory of high-risk permissions per window",
	Level:    rules.Note,
	Severity: "2.5",
	Tags:     aclTags("250"),
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
	forEachView(pass.Project, func(t *rules.Target, v *aclView) {
		refs, holders := v.localHolders()
		for _, r := range refs {
			items := v.inventory(v.localGrants(holders[holderKey(r)]))
			if len(items) == 0 {
				continue
			}
			pass.ReportOn(t, rules.Finding{Location: r.locate(), Subject: r.Label,
				Message: fmt.Sprintf("%s %s high-risk permissions: %s", r, r.verb("holds", "hold"), strings.Join(items, "; "))})
		}
	})
	return nil
}

// inventory describes the high-risk grants with their effective scopes.
func (v *aclView) inventory(gs []*aclGrant) []string {
	var out []string
	seen := map[string]bool{}
	for _, g := range gs {
		if !v.highRisk(g, false) {
			continue
		}
		item := g.ID + " " + v.scopeSummary(g)
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
func (v *aclView) scopeSummary(g *aclGrant) string {
	var vals, tame []string
	for _, s := range v.scopeOf(g) {
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
	return key == "fs" && fsUnderAppDir(d) || key == "opener" && slices.Contains(defaultOpenerURLs, d)
}

// scopeText is a short form of one scope value.
func scopeText(key string, s *scopeVal) string {
	switch key {
	case "fs":
		return s.display("path")
	case "http":
		return s.display("url")
	case "opener":
		if u, ok := s.str("url"); ok {
			return u
		}
		return s.display("path")
	case "shell":
		d := shellProgram(s)
		if s.Node.Get("args").IsTrue() {
			d += " args:true"
		}
		return d
	}
	return s.display("")
}
