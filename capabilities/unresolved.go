package capabilities

import "slices"

// UnresolvedRef is a grant that reaches a plugin whose permissions are
// unknown: the view cannot say which commands or scopes it gives, but it
// must not vanish from the view either.
type UnresolvedRef struct {
	Capability string   `json:"capability"`
	Permission string   `json:"permission"`    // the capability entry
	Via        []string `json:"via,omitempty"` // sets from the entry to the reference
	Reference  string   `json:"reference"`     // what names the unknown plugin
	Plugin     string   `json:"plugin"`        // its manifest key
	Windows    []string `json:"windows"`
	File       string   `json:"file"`
	Line       int      `json:"line"`
}

// maxUnresolvedSteps bounds the set walk (sets may nest or loop).
const maxUnresolvedSteps = 10_000

// Unresolved lists the grants of caps that reference, directly or
// through sets, a manifest key the ACL does not hold.
func Unresolved(a *ACL, caps []*Capability, v Version) []UnresolvedRef {
	var out []UnresolvedRef
	steps := 0
	for _, c := range caps {
		for _, e := range c.Permissions {
			w := &unresolvedWalk{a: a, v: v, steps: &steps}
			w.entry(e)
			for _, f := range w.found {
				ref := UnresolvedRef{Capability: c.Identifier, Permission: e.ID.Raw, Via: f.via,
					Reference: f.ref, Plugin: f.key, Windows: []string{}, File: c.Path()}
				for _, l := range c.Windows {
					ref.Windows = append(ref.Windows, l.Pattern)
				}
				if e.Node != nil {
					loc := e.Node.Location()
					ref.File, ref.Line = loc.File, loc.Start.Line
				}
				out = append(out, ref)
			}
		}
	}
	return out
}

type unresolvedFind struct {
	ref, key string
	via      []string
}

type unresolvedWalk struct {
	a     *ACL
	v     Version
	steps *int
	stack []*Set
	found []unresolvedFind
}

// entry follows a capability entry as the resolver does (expandEntry).
func (w *unresolvedWalk) entry(e *Entry) {
	key, name := e.ID.Key(), e.ID.Base
	m := w.a.Get(key)
	if m == nil {
		if key != AppKey {
			w.found = append(w.found, unresolvedFind{ref: e.ID.Raw, key: key})
		}
		return
	}
	switch set, isSet := m.Sets[name]; {
	case name == "default" && m.Default != nil:
		w.set(m, m.Default, nil)
	case isSet:
		w.set(m, set, nil)
	}
}

// set follows a set's members; a prefixed member whose manifest is
// missing and that its own manifest does not hold either is unresolved.
func (w *unresolvedWalk) set(m *Manifest, s *Set, via []string) {
	if slices.Contains(w.stack, s) {
		return
	}
	w.stack = append(w.stack, s)
	defer func() { w.stack = w.stack[:len(w.stack)-1] }()
	via = append(slices.Clip(via), displayID(m.Key, s.Identifier))
	for _, member := range s.Permissions {
		if *w.steps++; *w.steps > maxUnresolvedSteps {
			return
		}
		id, err := ParseIdentifier(member, w.v)
		if err != nil {
			continue
		}
		m2, name := m, member
		if id.Prefix != "" && w.a.Get(id.Prefix) != nil {
			m2, name = w.a.Get(id.Prefix), id.Base
		}
		switch {
		case name == "default" && m2.Default != nil:
			w.set(m2, m2.Default, via)
		case m2.Permissions[name] != nil:
		case m2.Sets[name] != nil:
			w.set(m2, m2.Sets[name], via)
		case id.Prefix != "" && w.a.Get(id.Prefix) == nil:
			w.found = append(w.found, unresolvedFind{ref: member, key: id.Prefix, via: via})
		}
	}
}
