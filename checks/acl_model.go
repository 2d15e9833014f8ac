package checks

import (
	"github.com/tauriaudit/tauriaudit/capabilities"
	"github.com/tauriaudit/tauriaudit/capabilities/audit"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// The ACL view the TA-ACL and TA-SCP rules read is capabilities/audit's,
// one per target, held by the rules.ACLAudit model. This file places
// what the view finds in the project's files.

// aclViewOf returns the view of target t.
func aclViewOf(p *rules.Project, t *rules.Target) *audit.View { return rules.ACLAudit.Of(p).Of(t) }

// scopeWhere locates a finding about a scope value: at the value when the
// capability entry writes it, else at the entry, with the value's own
// place (a permission file) as related location.
func scopeWhere(s *audit.ScopeVal) (source.Location, []rules.Related) {
	if s.Node != nil && s.Entry != nil && s.Node.File == s.Entry.Node.File {
		return s.Node.Location(), nil
	}
	loc := s.Entry.Node.Location()
	if s.Node == nil || s.Node.File == nil {
		return loc, nil
	}
	return loc, []rules.Related{{Location: s.Node.Location(), Message: "scope value of " + s.ID}}
}

// grantWhere locates a finding about a grant: the capability entry, with
// the leaf permission's definition as related location when the entry
// reaches it through a set.
func grantWhere(g *audit.Grant) (source.Location, []rules.Related) {
	loc := g.Entry.Node.Location()
	if len(g.Path) < 2 || g.Perm == nil || g.Perm.Node == nil {
		return loc, nil
	}
	return loc, []rules.Related{{Location: g.Perm.Node.Location(), Message: g.ID + " is defined here"}}
}

// capIDNode is where a capability's identifier is written.
func capIDNode(c *capabilities.Capability) *source.Node {
	if n := c.Node.Get("identifier"); n != nil {
		return n
	}
	return c.Node
}
