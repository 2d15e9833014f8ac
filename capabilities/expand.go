package capabilities

import (
	"slices"
	"strings"
)

// Limits of one resolution. Tauri has none; a set graph with shared
// subsets grows exponentially, and a scanner must neither hang nor run
// out of memory on it. Real apps stay far below (a few thousand).
const (
	maxSteps  = 200000 // set members visited
	maxGrants = 500000 // grants added
)

// leaf is one permission an entry expands to (tauri-acl §7.2).
type leaf struct {
	key  string
	perm *Permission
	path []string
}

// expansion is the state of expanding one capability entry.
type expansion struct {
	r     *resolver
	c     *Capability
	e     *Entry
	stack []*Set // sets being expanded, for cycle detection
	out   []leaf
}

// expandEntry expands one top-level reference (tauri-acl §7.2): the
// default set, else a set (a set wins over a permission of the same name
// at top level), else a permission.
func (r *resolver) expandEntry(c *Capability, e *Entry) []leaf {
	key, name := e.ID.Key(), e.ID.Base
	m := r.acl.Get(key)
	// tauri-build's validator reports unknown references of file
	// capabilities before codegen runs (tauri-acl §8).
	report := c.Source != FromFile
	if m == nil {
		if report {
			shown := key
			if key == AppKey {
				shown = "app manifest"
			}
			r.problem(UnknownManifest, c, e.IDNode, nil, "unknown ACL for %s, expected one of %s",
				shown, strings.Join(r.acl.Keys(), ", "))
		}
		return nil
	}
	x := &expansion{r: r, c: c, e: e}
	path := []string{e.ID.Raw}
	switch set, isSet := m.Sets[name]; {
	case name == "default":
		// tauri-acl §7.2: no default set is silently nothing.
		if m.Default != nil {
			x.set(e.ID.Raw, key, m, m.Default, path)
		}
	case isSet:
		// tauri-acl §7.2: at top level a set wins over a permission.
		x.set(e.ID.Raw, key, m, set, path)
	case m.Permissions[name] != nil:
		x.out = append(x.out, leaf{key: key, perm: m.Permissions[name], path: path})
	default:
		if report {
			r.problem(UnknownPermission, c, e.IDNode, nil, "unknown permission %s for %s", name, key)
		}
	}
	return x.out
}

// set expands the members of s, depth first (tauri-acl §7.2). outerID is
// the identifier unprefixed members are resolved against, and outerKey
// its manifest key.
func (x *expansion) set(outerID, outerKey string, m *Manifest, s *Set, path []string) {
	if slices.Contains(x.stack, s) {
		x.r.problem(SetCycle, x.c, x.e.IDNode, s.Node,
			"permission set `%s` includes itself (%s); Tauri's resolver recurses until its stack overflows",
			displayID(outerKey, s.Identifier), strings.Join(path, " → "))
		return
	}
	x.stack = append(x.stack, s)
	defer func() { x.stack = x.stack[:len(x.stack)-1] }()
	for i, member := range s.Permissions {
		if !x.r.spend(&x.r.steps, maxSteps, x.c, x.e) {
			return
		}
		x.member(outerID, outerKey, m, s, i, member, path)
	}
}

// spend takes one unit from a counter, reporting once when a limit is
// passed.
func (r *resolver) spend(counter *int, limit int, c *Capability, e *Entry) bool {
	if *counter++; *counter <= limit {
		return true
	}
	if !r.cut {
		r.cut = true
		r.problem(SetTooLarge, c, e.IDNode, nil,
			"resolving `%s` exceeds %d set members or %d grants; the rest of the ACL was not resolved", e.ID.Raw, maxSteps, maxGrants)
	}
	return false
}

// member resolves one set member. A prefixed member whose prefix names a
// manifest is looked up there; anything else, the full string included,
// in the set's own manifest. Inside a set a permission wins over a set.
func (x *expansion) member(outerID, outerKey string, m *Manifest, s *Set, i int, member string, path []string) {
	r := x.r
	mid, err := ParseIdentifier(member, r.v)
	if err != nil {
		r.problem(InvalidSetIdentifier, x.c, x.e.IDNode, s.member(i),
			"invalid identifier in permission set? (`%s` in set `%s`: %v)", member, s.Identifier, err)
		return
	}
	m2, id2, key2, name := m, outerID, outerKey, member
	if mid.Prefix != "" && r.acl.Get(mid.Prefix) != nil {
		m2, id2, key2, name = r.acl.Get(mid.Prefix), mid.Raw, mid.Prefix, mid.Base
	}
	sub := append(slices.Clip(path), displayID(key2, name))
	switch {
	case name == "default":
		if m2.Default != nil {
			x.set(id2, key2, m2, m2.Default, sub)
		}
	case m2.Permissions[name] != nil:
		x.out = append(x.out, leaf{key: key2, perm: m2.Permissions[name], path: sub})
	case m2.Sets[name] != nil:
		x.set(id2, key2, m2, m2.Sets[name], sub)
	default:
		r.problem(SetPermissionNotFound, x.c, x.e.IDNode, s.member(i),
			"permission %s not found from set %s", name, s.Identifier)
	}
}
