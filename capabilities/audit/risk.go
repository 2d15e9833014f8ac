package audit

import (
	"slices"

	"github.com/tauriaudit/tauriaudit/capabilities"
)

// highRisk reports whether grant g enables a high-risk command of
// rules.md §0.4. remote counts the risks that exist only for remote
// origins (event emission, app commands); the caller passes whether the
// grant is evaluated for its remote contexts.
func (v *View) HighRisk(g *Grant, remote bool) bool {
	return slices.ContainsFunc(g.Commands, func(c string) bool { return v.highRiskCommand(g, c, remote) })
}

func (v *View) highRiskCommand(g *Grant, cmd string, remote bool) bool {
	switch {
	case HasCommand(hrAlways, g.Key, cmd):
		return true
	case remote && (HasCommand(hrRemoteOnly, g.Key, cmd) || g.Key == capabilities.AppKey):
		return true
	case g.Key == "opener" && cmd == "open_url":
		return v.openerNonDefault(g)
	case g.Key == "fs" && slices.Contains(FSReadCommands, cmd):
		return v.fsReadsOutsideApp(g)
	case g.Key == "http" && cmd == "fetch":
		return v.httpBroad(g)
	}
	return false
}

// openerNonDefault: an open_url scope broader than opener:default (a
// scheme beyond mailto/tel/http(s)), or one that lets the page pick the
// program. Exact https URLs are narrower than the default.
func (v *View) openerNonDefault(g *Grant) bool {
	for _, s := range v.ScopeOf(g) {
		if u, ok := s.Str("url"); ok && !s.Deny && (OpenerURLProblem(u) != "" || OpenerApp(s) != "") {
			return true
		}
	}
	return false
}

// OpenerApp returns the program an opener scope value lets the page use:
// "any" for app: true, the name for a string, "" for none.
func OpenerApp(s *ScopeVal) string {
	a := s.Node.Get("app")
	if b, ok := a.Bool(); ok && b {
		return "any"
	}
	if name, ok := a.Str(); ok {
		return name
	}
	return ""
}

// fsReadsOutsideApp: an fs read scope that reaches beyond the app's own
// directories (its bundled resources count as its own for reading).
func (v *View) fsReadsOutsideApp(g *Grant) bool {
	for _, s := range v.ScopeOf(g) {
		if p, ok := s.Str("path"); ok && !s.Deny && !UnderAppDir(p) && !UnderVar(p, "$RESOURCE") {
			return true
		}
	}
	return false
}

// httpBroad: an http scope that admits any host or private-network hosts.
func (v *View) httpBroad(g *Grant) bool {
	for _, s := range v.ScopeOf(g) {
		if u, ok := s.Str("url"); ok && !s.Deny {
			if sh, ok := CompileURLScope(u); ok && (sh.AnyHost() || sh.Internal() || sh.SharedSuffix() != "") {
				return true
			}
		}
	}
	return false
}

// highRiskIDs lists the high-risk leaves of some grants, each once.
func (v *View) HighRiskIDs(gs []*Grant, remote bool) []string {
	var out []string
	for _, g := range gs {
		if v.HighRisk(g, remote) && !slices.Contains(out, g.ID) {
			out = append(out, g.ID)
		}
	}
	return out
}

// capGrants returns the live grants of one capability.
func (v *View) CapGrants(c *capabilities.Capability) []*Grant {
	var out []*Grant
	for _, g := range v.Live() {
		if g.Cap == c {
			out = append(out, g)
		}
	}
	return out
}

// HighRiskRefs lists the high-risk commands of the live grants (rules.md
// §0.4), each command and capability once, in grant order.
func (v *View) HighRiskRefs() []capabilities.RiskRef {
	var out []capabilities.RiskRef
	for _, g := range v.Live() {
		for _, c := range g.Commands {
			if !v.highRiskCommand(g, c, g.Remote()) {
				continue
			}
			r := capabilities.RiskRef{Command: CommandKey(g.Key, c), Capability: g.Cap.Identifier, Remote: g.Remote()}
			if !slices.Contains(out, r) {
				out = append(out, r)
			}
		}
	}
	return out
}
