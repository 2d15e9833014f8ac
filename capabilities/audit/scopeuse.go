package audit

import (
	"slices"
)

// ScopeUse is one scope value with the live grants whose commands consult
// it: its own grant for a command scope value, every live grant of the
// plugin for a global one (tauri-acl §9.6).
type ScopeUse struct {
	Val    *ScopeVal
	Grants []*Grant
	Global bool
}

// scopeUses returns the allow values of plugin key that some live grant
// consults, each value once: a set's extension is copied to every leaf
// of the set (tauri-acl §7.4), and the copies share one node.
func (v *View) ScopeUses(key string) []*ScopeUse {
	var out []*ScopeUse
	index := map[any]*ScopeUse{}
	add := func(s *ScopeVal, g *Grant, global bool) {
		if s.Deny {
			return
		}
		var id any = s.Node
		if s.Node == nil {
			id = [2]any{s.Entry, s.Text}
		}
		u := index[id]
		if u == nil {
			u = &ScopeUse{Val: s, Global: global}
			index[id] = u
			out = append(out, u)
		}
		if !slices.Contains(u.Grants, g) {
			u.Grants = append(u.Grants, g)
		}
	}
	live := v.LiveOf(key)
	for _, g := range live {
		for _, s := range g.Scope {
			add(s, g, false)
		}
	}
	for _, s := range v.Global[key] {
		for _, g := range live {
			add(s, g, true)
		}
	}
	return out
}

// liveOf returns the live grants of plugin key.
func (v *View) LiveOf(key string) []*Grant {
	var out []*Grant
	for _, g := range v.Live() {
		if g.Key == key {
			out = append(out, g)
		}
	}
	return out
}

// commands returns the commands of a use's grants that are in set.
func (u *ScopeUse) Commands(set []string) []string {
	var out []string
	for _, g := range u.Grants {
		for _, c := range g.Commands {
			if slices.Contains(set, c) && !slices.Contains(out, c) {
				out = append(out, c)
			}
		}
	}
	return out
}

// grantIDs lists the leaf permissions of a use's grants that allow one of
// set.
func (u *ScopeUse) GrantIDs(set []string) []string {
	var out []string
	for _, g := range u.Grants {
		if slices.ContainsFunc(g.Commands, func(c string) bool { return slices.Contains(set, c) }) && !slices.Contains(out, g.ID) {
			out = append(out, g.ID)
		}
	}
	return out
}
