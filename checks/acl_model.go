package checks

import (
	"path"
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/capabilities"
	"github.com/tauriaudit/tauriaudit/rules"
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// aclView is the ACL of one target as the TA-ACL and TA-SCP rules audit
// it: the resolved grants (tauri-acl §7) grouped per capability entry and
// leaf permission, the plugins' global scopes with the entry each value
// comes from, and the denied commands. Entries of plugins whose manifest
// is missing are added from their names (namedLeaves), so an app whose
// plugins were never fetched is still audited.
type aclView struct {
	p    *rules.Project
	t    *rules.Target
	st   *rules.ACLState
	ta   *capabilities.TargetACL
	caps []*capabilities.Capability // enabled and active on the target
	// grants are the command grants, by capability, then entry.
	grants []*aclGrant
	// global holds each plugin's global scope values (tauri-acl §7.5).
	global map[string][]*scopeVal
	// denied are the commands some capability denies: refused for every
	// caller (tauri-acl §9.2).
	denied map[string]bool
}

// aclGrant is one leaf permission that a capability entry grants.
type aclGrant struct {
	Cap   *capabilities.Capability
	Entry *capabilities.Entry
	Key   string   // manifest key: "fs", "core:window", capabilities.AppKey
	ID    string   // the leaf permission as a capability writes it
	Path  []string // from the entry's identifier to the leaf
	// Commands are the commands the leaf allows that no capability
	// denies, named as in the plugin ("write_file").
	Commands []string
	// Scope is the command scope (tauri-acl §7.4); HasScope tells an
	// empty scope from none.
	Scope    []*scopeVal
	HasScope bool
	// ByName marks a grant read from the identifier (manifest missing);
	// Unknown that the name says nothing about its commands.
	ByName, Unknown bool
	// Perm is the leaf permission's definition (nil when read by name).
	Perm *capabilities.Permission
	all  []string
}

// scopeVal is one scope value with the entry it comes from.
type scopeVal struct {
	Node  *source.Node // nil for a built-in value known by name
	Text  string       // the built-in value
	Deny  bool
	Cap   *capabilities.Capability
	Entry *capabilities.Entry
	ID    string // the permission that carries the value
}

// aclViewOf returns the view of target t, built once.
func aclViewOf(p *rules.Project, t *rules.Target) *aclView {
	return p.Memo("checks.aclView:"+string(t.Platform), func() any { return buildACLView(p, t) }).(*aclView)
}

func buildACLView(p *rules.Project, t *rules.Target) *aclView {
	v := &aclView{p: p, t: t, st: p.ACL(), ta: p.TargetACL(t), global: map[string][]*scopeVal{}, denied: map[string]bool{}}
	for _, c := range v.ta.Enabled {
		if c.ActiveOn(t.Platform) {
			v.caps = append(v.caps, c)
		}
	}
	for cmd := range v.ta.Resolved.Denied {
		v.denied[cmd] = true
	}
	v.addResolved()
	v.addGlobal()
	v.addNamed()
	for _, g := range v.grants {
		for _, c := range g.all {
			if !v.denied[commandKey(g.Key, c)] {
				g.Commands = append(g.Commands, c)
			}
		}
	}
	slices.SortStableFunc(v.grants, func(a, b *aclGrant) int {
		if c := strings.Compare(a.Cap.Identifier, b.Cap.Identifier); c != 0 {
			return c
		}
		return a.Entry.Node.Start - b.Entry.Node.Start
	})
	return v
}

// commandKey is the name a command is invoked and denied by (tauri-acl
// §7.1).
func commandKey(key, cmd string) string {
	switch {
	case key == capabilities.AppKey:
		return cmd
	case strings.HasPrefix(key, "core:"):
		return "plugin:" + strings.TrimPrefix(key, "core:") + "|" + cmd
	}
	return "plugin:" + key + "|" + cmd
}

// localCommand is the part of an invoked name after the plugin.
func localCommand(full string) string {
	if _, after, ok := strings.Cut(full, "|"); ok {
		return after
	}
	return full
}

type leafKey struct {
	entry *capabilities.Entry
	perm  *capabilities.Permission
	path  string
}

// addResolved groups the resolved grants per (entry, leaf permission).
func (v *aclView) addResolved() {
	r := v.ta.Resolved
	index := map[leafKey]*aclGrant{}
	for _, cmd := range r.AllowedCommands() {
		for _, gr := range r.Allowed[cmd] {
			k := leafKey{gr.Entry, gr.Permission, strings.Join(gr.Path, "\x00")}
			g := index[k]
			if g == nil {
				g = &aclGrant{Cap: gr.Capability, Entry: gr.Entry, Key: gr.Key, ID: gr.LeafID(), Path: gr.Path, Perm: gr.Permission}
				if s := r.Scopes[gr.ScopeID]; gr.ScopeID != 0 && s != nil {
					g.HasScope = true
					g.Scope = scopeVals(s.Allow, s.Deny, nil, nil, gr.Provenance)
				}
				index[k] = g
				v.grants = append(v.grants, g)
			}
			if c := localCommand(cmd); !slices.Contains(g.all, c) {
				g.all = append(g.all, c)
			}
		}
	}
}

// addGlobal records global scope values with their provenance: each
// contribution is the entry's extension followed by the permission's own
// scope (tauri-acl §7.4).
func (v *aclView) addGlobal() {
	for key, gs := range v.ta.Resolved.Global {
		for _, prov := range gs.From {
			allow := append(slices.Clone(prov.Entry.Scopes.Allow), prov.Permission.Scope.Allow...)
			deny := append(slices.Clone(prov.Entry.Scopes.Deny), prov.Permission.Scope.Deny...)
			v.global[key] = append(v.global[key], scopeVals(allow, deny, nil, nil, prov)...)
		}
	}
}

func scopeVals(allow, deny []*source.Node, builtinAllow, builtinDeny []string, prov capabilities.Provenance) []*scopeVal {
	var out []*scopeVal
	add := func(n *source.Node, text string, isDeny bool) {
		out = append(out, &scopeVal{Node: n, Text: text, Deny: isDeny, Cap: prov.Capability, Entry: prov.Entry, ID: prov.LeafID()})
	}
	for _, n := range allow {
		add(n, "", false)
	}
	for _, s := range builtinAllow {
		add(nil, s, false)
	}
	for _, n := range deny {
		add(n, "", true)
	}
	for _, s := range builtinDeny {
		add(nil, s, true)
	}
	return out
}

// addNamed adds the entries the resolver could not expand because the
// plugin's manifest is missing (or lacks the build-generated command
// permissions), read from their names. As in Tauri, a capability without
// any context adds no command and no deny, but its scope-only
// permissions still join the global scope (tauri-acl §7.1, §7.5).
func (v *aclView) addNamed() {
	for _, c := range v.caps {
		for _, e := range c.Permissions {
			if !v.byName(e.ID) {
				continue
			}
			for _, l := range namedLeaves(e.ID) {
				v.addNamedLeaf(c, e, l)
			}
		}
	}
}

func (v *aclView) addNamedLeaf(c *capabilities.Capability, e *capabilities.Entry, l namedLeaf) {
	key := e.ID.Key()
	prov := capabilities.Provenance{Capability: c, Entry: e, Path: namedPath(e.ID.Raw, l.ID), Key: key}
	if l.ScopeOnly {
		v.global[key] = append(v.global[key], scopeVals(e.Scopes.Allow, e.Scopes.Deny, l.Scope, l.DenyScope, prov)...)
		return
	}
	if !c.Local && len(c.Remote) == 0 {
		return
	}
	for _, cmd := range l.Deny {
		v.denied[commandKey(key, cmd)] = true
	}
	if len(l.Allow) == 0 && l.Known {
		return
	}
	g := &aclGrant{Cap: c, Entry: e, Key: key, ID: l.ID, Path: prov.Path, ByName: true, Unknown: !l.Known, all: l.Allow}
	if e.Extended {
		g.HasScope = true
		g.Scope = scopeVals(e.Scopes.Allow, e.Scopes.Deny, nil, nil, prov)
	}
	v.grants = append(v.grants, g)
}

func namedPath(entry, leaf string) []string {
	if entry == leaf {
		return []string{entry}
	}
	return []string{entry, leaf}
}

// byName reports whether an entry must be read from its name: its plugin
// has no manifest, or a manifest built from a local plugin's sources
// without the permissions its build generates for each command.
func (v *aclView) byName(id capabilities.Identifier) bool {
	key := id.Key()
	if key == capabilities.AppKey || key == "core" || strings.HasPrefix(key, "core:") {
		return false
	}
	m := v.st.Model.ACL.Get(key)
	if m == nil {
		return true
	}
	return !knownReference(m, id.Base) && pluginIncomplete(v.p, v.st, key)
}

func knownReference(m *capabilities.Manifest, base string) bool {
	return base == "default" || m.Permissions[base] != nil || m.Sets[base] != nil
}

// pluginIncomplete reports whether a plugin's manifest was built from a
// local crate whose permissions/autogenerated files are not in the tree:
// the plugin's build writes them (allow-<command>, deny-<command>), and
// references to them are not the app's error.
func pluginIncomplete(p *rules.Project, st *rules.ACLState, key string) bool {
	d := st.Plugins[key]
	return d != nil && d.Path != "" && len(p.FilesUnder(path.Join(d.Path, "permissions", "autogenerated"))) == 0
}

// reachable reports whether the grant's capability can match a caller:
// it has a context and names some window or webview.
func (g *aclGrant) reachable() bool { return capReachable(g.Cap) }

func capReachable(c *capabilities.Capability) bool {
	return len(c.Windows)+len(c.Webviews) > 0 && (c.Local || len(c.Remote) > 0)
}

// remote reports whether remote web origins get the grant (a custom
// scheme pattern such as app://* names the app's own protocol).
func (g *aclGrant) remote() bool { return webRemote(g.Cap) }

// live returns the grants that some caller can use.
func (v *aclView) live() []*aclGrant {
	var out []*aclGrant
	for _, g := range v.grants {
		if g.reachable() && len(g.Commands) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// liveCommands reports whether any live grant allows one of cmds of key.
func (v *aclView) liveCommands(key string, cmds []string) bool {
	for _, g := range v.live() {
		if g.Key == key && slices.ContainsFunc(g.Commands, func(c string) bool { return slices.Contains(cmds, c) }) {
			return true
		}
	}
	return false
}

// scopeOf is what a grant's commands consult: its command scope and the
// plugin's global scope (tauri-acl §9.6).
func (v *aclView) scopeOf(g *aclGrant) []*scopeVal {
	return append(slices.Clone(g.Scope), v.global[g.Key]...)
}

// str returns a scope value's string, or the named field of an object
// value (fs {path}, http {url}, opener {url}/{path}).
func (s *scopeVal) str(field string) (string, bool) {
	switch {
	case s.Node == nil:
		return s.Text, s.Text != ""
	case s.Node.Kind == source.String:
		return s.Node.String(), true
	}
	return s.Node.Get(field).Str()
}

// where locates a finding about a scope value: at the value when the
// capability entry writes it, else at the entry, with the value's own
// place (a permission file) as related location.
func (s *scopeVal) where() (source.Location, []rules.Related) {
	if s.Node != nil && s.Entry != nil && s.Node.File == s.Entry.Node.File {
		return s.Node.Location(), nil
	}
	loc := s.Entry.Node.Location()
	if s.Node == nil || s.Node.File == nil {
		return loc, nil
	}
	return loc, []rules.Related{{Location: s.Node.Location(), Message: "scope value of " + s.ID}}
}

// display is the value for messages.
func (s *scopeVal) display(field string) string {
	if v, ok := s.str(field); ok {
		return v
	}
	return compactJSON(s.Node)
}

// compactJSON prints a small node for a message.
func compactJSON(n *source.Node) string {
	if n == nil || n.File == nil {
		return ""
	}
	txt := strings.Join(strings.Fields(string(n.File.Data[n.Start:n.End])), " ")
	if len(txt) > 80 {
		txt = txt[:77] + "..."
	}
	return txt
}

// grantWhere locates a finding about a grant: the capability entry, with
// the leaf permission's definition as related location when the entry
// reaches it through a set.
func grantWhere(g *aclGrant) (source.Location, []rules.Related) {
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
