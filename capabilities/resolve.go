package capabilities

import (
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Resolve resolves the enabled capabilities for one target exactly as
// codegen does (tauri-acl §7). Top-level references to unknown manifests
// or permissions are reported only for capabilities that are not file
// capabilities: for file capabilities tauri-build's validator rejects
// them first (see Validate). Every other problem is reported with the
// entry it comes from, and resolution goes on.
func Resolve(acl *ACL, enabled []*Capability, target source.Platform, v Version) *Resolved {
	r := &resolver{acl: acl, target: target, v: v, out: &Resolved{
		Target:  target,
		Allowed: map[string][]*Grant{},
		Denied:  map[string][]*Grant{},
		Scopes:  map[int]*CommandScope{},
		Global:  map[string]*GlobalScope{},
		HasApp:  acl.HasApp(),
	}}
	caps := slices.Clone(enabled)
	// tauri-acl §7.1: capabilities in identifier byte order.
	slices.SortStableFunc(caps, func(a, b *Capability) int { return strings.Compare(a.Identifier, b.Identifier) })
	for _, c := range caps {
		if c.ActiveOn(target) {
			r.capability(c)
		}
	}
	return r.out
}

type resolver struct {
	acl    *ACL
	target source.Platform
	v      Version
	out    *Resolved
	nextID int
	cc     *compiledCap // the capability being resolved
	steps  int          // set members visited, see maxSteps
	grants int          // grants added, see maxGrants
	cut    bool         // a limit was passed
}

// compiledCap holds a capability's contexts and label globs, compiled
// when its first command is added (only then does Tauri compile them).
type compiledCap struct {
	cap      *Capability
	done     bool
	contexts []Context
	windows  []*Glob
	webviews []*Glob
}

func (r *resolver) capability(c *Capability) {
	r.cc = &compiledCap{cap: c}
	for _, e := range c.Permissions {
		for _, lf := range r.expandEntry(c, e) {
			r.leaf(c, e, lf)
		}
	}
}

// leaf handles one (entry, leaf permission) pair (tauri-acl §7.1).
func (r *resolver) leaf(c *Capability, e *Entry, lf leaf) {
	// tauri-acl §7.2: platforms filter leaves, never sets.
	if !lf.perm.ActiveOn(r.target) {
		return
	}
	prov := Provenance{Capability: c, Entry: e, Path: lf.path, Key: lf.key, Permission: lf.perm}
	allow, deny, present := mergeScopes(e.Scopes, lf.perm.Scope)
	if lf.perm.ScopeOnly() {
		g := r.out.Global[lf.key]
		if g == nil {
			g = &GlobalScope{Key: lf.key, Allow: []*source.Node{}, Deny: []*source.Node{}}
			r.out.Global[lf.key] = g
		}
		g.Allow = append(g.Allow, allow...)
		g.Deny = append(g.Deny, deny...)
		g.From = append(g.From, prov)
		return
	}
	sid := 0
	if present {
		// tauri-acl §7.4: a present scope, even an empty one, gets an id.
		r.nextID++
		sid = r.nextID
		r.out.Scopes[sid] = &CommandScope{ID: sid, Allow: allow, Deny: deny, Provenance: prov}
	}
	for _, cmd := range lf.perm.Commands.Allow {
		r.add(r.out.Allowed, commandName(lf.key, cmd), sid, prov)
	}
	for _, cmd := range lf.perm.Commands.Deny {
		r.add(r.out.Denied, commandName(lf.key, cmd), sid, prov)
	}
}

// mergeScopes puts the capability's extension first (tauri-acl §7.4).
func mergeScopes(ext, perm Scopes) (allow, deny []*source.Node, present bool) {
	allow = append(append([]*source.Node{}, ext.Allow...), perm.Allow...)
	deny = append(append([]*source.Node{}, ext.Deny...), perm.Deny...)
	return allow, deny, ext.Present() || perm.Present()
}

// add appends one entry per context (tauri-acl §7.1). With no context
// nothing is added and the map key is not even created.
func (r *resolver) add(m map[string][]*Grant, cmd string, sid int, prov Provenance) {
	cc := r.compile()
	for _, ctx := range cc.contexts {
		if !r.spend(&r.grants, maxGrants, prov.Capability, prov.Entry) {
			return
		}
		m[cmd] = append(m[cmd], &Grant{Command: cmd, Context: ctx, Windows: cc.windows, Webviews: cc.webviews,
			ScopeID: sid, Provenance: prov})
	}
}

// compile builds the current capability's contexts and globs once,
// reporting invalid patterns (Tauri fails on the first).
func (r *resolver) compile() *compiledCap {
	cc := r.cc
	if cc.done {
		return cc
	}
	cc.done = true
	c := cc.cap
	if c.Local {
		cc.contexts = append(cc.contexts, Context{})
	}
	for _, u := range c.Remote {
		p, err := CompileRemoteURL(u.Pattern)
		if err != nil {
			r.problem(InvalidURLPattern, c, u.Node, nil, "invalid URL pattern for remote URL %s: %v", u.Pattern, err)
			p = &URLPattern{Raw: u.Pattern, Err: err}
		}
		p.Node = u.Node
		cc.contexts = append(cc.contexts, Context{Remote: p})
	}
	if len(cc.contexts) == 0 {
		return cc
	}
	cc.windows = r.globs(c, c.Windows)
	cc.webviews = r.globs(c, c.Webviews)
	return cc
}

// globs compiles labels sorted as strings (tauri-acl §7.6).
func (r *resolver) globs(c *Capability, labels []*Label) []*Glob {
	sorted := slices.Clone(labels)
	slices.SortStableFunc(sorted, func(a, b *Label) int { return strings.Compare(a.Pattern, b.Pattern) })
	out := make([]*Glob, 0, len(sorted))
	for _, l := range sorted {
		g, err := CompileGlob(l.Pattern, r.target == source.Windows)
		if err != nil {
			r.problem(InvalidGlob, c, l.Node, nil, "failed to run glob: %v", err)
			g = &Glob{Pattern: l.Pattern, Err: err}
		}
		g.Node = l.Node
		out = append(out, g)
	}
	return out
}

func (r *resolver) problem(kind Kind, c *Capability, n, related *source.Node, format string, args ...any) {
	p := newProblem(kind, StageCodegen, n, format, args...)
	p.Related = related
	p.Capability = c.Identifier
	p.Target = r.target
	r.out.Problems = append(r.out.Problems, p)
}
