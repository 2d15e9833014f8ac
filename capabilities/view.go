package capabilities

import (
	"slices"
	"sort"
)

// TargetView is the resolved ACL of one target in a flat form for people
// and tools: per command, who may call it from where, with which scopes,
// and which capability entries granted or denied it.
type TargetView struct {
	Commands []CommandView `json:"commands"`
	// GlobalScopes are the plugins' global scopes (tauri-acl §7.5): every
	// command of the plugin sees them, whatever the window or origin.
	GlobalScopes map[string]ScopeView `json:"global_scopes,omitempty"`
	// Unresolved are grants that reach a plugin whose permissions are
	// unknown (see Unresolved); set by the caller.
	Unresolved []UnresolvedRef `json:"unresolved,omitempty"`
	// Capabilities and HighRisk are set by the caller: the enabled
	// capabilities and the high-risk grants among them (rules.md §0.4).
	Capabilities []CapabilityView `json:"capabilities,omitempty"`
	HighRisk     []RiskRef        `json:"high_risk,omitempty"`
}

// CommandView is one command's access.
type CommandView struct {
	Command string `json:"command"`
	// Allowed is false when any enabled capability denies the command:
	// a deny anywhere refuses it everywhere (tauri-acl §9.2).
	Allowed   bool       `json:"allowed"`
	Windows   []string   `json:"windows"`
	Webviews  []string   `json:"webviews"`
	Origins   []string   `json:"origins"` // "local" and remote URL patterns
	Scopes    ScopeView  `json:"scopes"`
	GrantedBy []GrantRef `json:"granted_by"`
	DeniedBy  []GrantRef `json:"denied_by,omitempty"`
}

// ScopeView holds scope values as plain JSON values.
type ScopeView struct {
	Allow []any `json:"allow"`
	Deny  []any `json:"deny"`
}

// GrantRef points at the capability entry behind a grant.
type GrantRef struct {
	Capability string   `json:"capability"`
	Permission string   `json:"permission"`    // the entry's identifier
	Via        []string `json:"via,omitempty"` // set expansion down to the leaf
	File       string   `json:"file"`          // file of the entry
	Line       int      `json:"line"`          // line of the entry
}

// View flattens a resolved target.
func View(r *Resolved) *TargetView {
	v := &TargetView{Commands: []CommandView{}}
	cmds := map[string]bool{}
	for c := range r.Allowed {
		cmds[c] = true
	}
	for c := range r.Denied {
		cmds[c] = true
	}
	names := make([]string, 0, len(cmds))
	for c := range cmds {
		names = append(names, c)
	}
	sort.Strings(names)
	for _, c := range names {
		v.Commands = append(v.Commands, commandView(r, c))
	}
	for key, g := range r.Global {
		if v.GlobalScopes == nil {
			v.GlobalScopes = map[string]ScopeView{}
		}
		v.GlobalScopes[key] = ScopeView{Allow: nonNil(Values(g.Allow)), Deny: nonNil(Values(g.Deny))}
	}
	return v
}

func commandView(r *Resolved, c string) CommandView {
	cv := CommandView{Command: c, Allowed: len(r.Denied[c]) == 0 && len(r.Allowed[c]) > 0,
		Windows: []string{}, Webviews: []string{}, Origins: []string{}, GrantedBy: []GrantRef{},
		Scopes: ScopeView{Allow: []any{}, Deny: []any{}}}
	seenScope := map[int]bool{}
	for _, g := range r.Allowed[c] {
		for _, w := range g.Windows {
			cv.Windows = addString(cv.Windows, w.Pattern)
		}
		for _, w := range g.Webviews {
			cv.Webviews = addString(cv.Webviews, w.Pattern)
		}
		cv.Origins = addString(cv.Origins, originName(g.Context))
		cv.GrantedBy = addRef(cv.GrantedBy, refOf(g.Provenance))
		if s := r.Scopes[g.ScopeID]; s != nil && !seenScope[g.ScopeID] {
			seenScope[g.ScopeID] = true
			cv.Scopes.Allow = append(cv.Scopes.Allow, Values(s.Allow)...)
			cv.Scopes.Deny = append(cv.Scopes.Deny, Values(s.Deny)...)
		}
	}
	for _, g := range r.Denied[c] {
		cv.DeniedBy = addRef(cv.DeniedBy, refOf(g.Provenance))
	}
	return cv
}

func originName(c Context) string {
	if c.IsLocal() {
		return "local"
	}
	return c.Remote.Raw
}

func refOf(p Provenance) GrantRef {
	ref := GrantRef{}
	if p.Capability != nil {
		ref.Capability = p.Capability.Identifier
		ref.File = p.Capability.Path()
	}
	if p.Entry != nil && p.Entry.Node != nil {
		ref.Permission = p.Entry.ID.String()
		loc := p.Entry.Node.Location()
		ref.File, ref.Line = loc.File, loc.Start.Line
	}
	if len(p.Path) > 1 {
		ref.Via = p.Path[1:]
	}
	return ref
}

func addString(list []string, s string) []string {
	if !slices.Contains(list, s) {
		list = append(list, s)
	}
	return list
}

func addRef(list []GrantRef, r GrantRef) []GrantRef {
	for _, x := range list {
		if x.Capability == r.Capability && x.File == r.File && x.Line == r.Line && slices.Equal(x.Via, r.Via) {
			return list
		}
	}
	return append(list, r)
}

func nonNil(v []any) []any {
	if v == nil {
		return []any{}
	}
	return v
}

// CapabilityView is one enabled capability: who it applies to.
type CapabilityView struct {
	Identifier string   `json:"identifier"`
	File       string   `json:"file"`
	Line       int      `json:"line"`
	Local      bool     `json:"local"`
	Remote     []string `json:"remote,omitempty"` // remote.urls patterns
	Windows    []string `json:"windows"`
	Webviews   []string `json:"webviews,omitempty"`
}

// CapabilityViews lists the enabled capabilities of a target.
func CapabilityViews(enabled []*Capability) []CapabilityView {
	out := []CapabilityView{}
	for _, c := range enabled {
		cv := CapabilityView{Identifier: c.Identifier, File: c.Path(), Local: c.Local, Windows: patterns(c.Windows), Webviews: patterns(c.Webviews)}
		if c.Node != nil {
			cv.Line = c.Node.Location().Start.Line
		}
		for _, r := range c.Remote {
			cv.Remote = append(cv.Remote, r.Pattern)
		}
		out = append(out, cv)
	}
	return out
}

func patterns(ls []*Label) []string {
	out := []string{}
	for _, l := range ls {
		out = append(out, l.Pattern)
	}
	return out
}

// RiskRef is one high-risk command a capability grants: Command as it is
// invoked ("plugin:fs|read_file"), Remote when the capability admits web
// origins and the command is high-risk from them.
type RiskRef struct {
	Command    string `json:"command"`
	Capability string `json:"capability"`
	Remote     bool   `json:"remote,omitempty"`
}
