package capabilities

import (
	"slices"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// CapSource says where a capability came from, which decides the Tauri
// stage that checks it (tauri-acl §3.5, §8).
type CapSource uint8

// The capability sources.
const (
	// FromFile: a file under capabilities/ (or gen/schemas/capabilities.json).
	// tauri-build parses and validates these.
	FromFile CapSource = iota
	// FromConfig: an inline object in app.security.capabilities. Only
	// codegen resolves it.
	FromConfig
	// FromMacro: a file given to generate_context!(capabilities = [..]).
	FromMacro
)

func (s CapSource) String() string {
	switch s {
	case FromConfig:
		return "config"
	case FromMacro:
		return "macro"
	}
	return "file"
}

// Capability is one capability object (tauri-acl §3.1).
type Capability struct {
	Identifier  string
	Description string
	Local       bool         // default true
	Remote      []*RemoteURL // the remote.urls entries
	HasRemote   bool         // whether `remote` was written
	Windows     []*Label
	Webviews    []*Label
	Permissions []*Entry // entries whose identifier is valid, in order
	// Platforms lists the targets the capability is active on; nil with
	// HasPlatforms false means all.
	Platforms    []source.Platform
	HasPlatforms bool

	Node   *source.Node
	Source CapSource
}

// Path returns the file the capability is written in.
func (c *Capability) Path() string {
	if c == nil || c.Node == nil || c.Node.File == nil {
		return ""
	}
	return c.Node.File.Path
}

// ActiveOn reports whether the capability applies to target p.
func (c *Capability) ActiveOn(p source.Platform) bool {
	return !c.HasPlatforms || slices.Contains(c.Platforms, p)
}

// Label is a window or webview label pattern as written (tauri-acl §9.3).
type Label struct {
	Pattern string
	Node    *source.Node
}

// RemoteURL is a remote.urls entry as written (tauri-acl §9.4).
type RemoteURL struct {
	Pattern string
	Node    *source.Node
}

// Scopes is a pair of optional lists of scope values (tauri-acl §3.2,
// §5.1). A list that is written but empty is present: Has* is true.
type Scopes struct {
	Allow, Deny       []*source.Node
	HasAllow, HasDeny bool
}

// Present reports whether either side is present.
func (s Scopes) Present() bool { return s.HasAllow || s.HasDeny }

// Entry is one item of a capability's permissions list (tauri-acl §3.2).
type Entry struct {
	ID Identifier
	// Extended is true for the object form; Scopes then holds its allow
	// and deny (the capability's scope extension).
	Extended bool
	Scopes   Scopes
	Node     *source.Node // the item
	IDNode   *source.Node // the identifier string
}

// ParseCapabilityDoc reads a whole capability document: one capability,
// an array of them, or {"capabilities": [..]} (tauri-acl §3.3).
func ParseCapabilityDoc(root *source.Node, src CapSource, v Version) ([]*Capability, []*Problem) {
	d := &decoder{kind: InvalidCapability, stage: stageOf(src)}
	var items []*source.Node
	switch {
	case root == nil:
		return nil, nil
	case root.Kind == source.Array:
		items = root.Items()
	case root.Kind == source.Object && root.Get("capabilities") != nil:
		list := root.Get("capabilities")
		if list.Kind != source.Array {
			d.fail(list, "`capabilities` must be an array of capabilities, found %s", list.Kind)
			return nil, d.probs
		}
		items = list.Items()
	case root.Kind == source.Object:
		items = []*source.Node{root}
	default:
		d.fail(root, "a capability file must hold an object or an array, found %s", root.Kind)
		return nil, d.probs
	}
	var out []*Capability
	for _, it := range items {
		c, probs := ParseCapability(it, src, v)
		d.probs = append(d.probs, probs...)
		if c != nil {
			out = append(out, c)
		}
	}
	return out, d.probs
}

func stageOf(src CapSource) Stage {
	if src == FromMacro {
		return StageCodegen
	}
	return StageBuild
}

// ParseCapability reads one capability object. It returns nil only when
// the object has no usable identifier; other defects are reported and the
// rest is kept, so an audit can go on.
func ParseCapability(n *source.Node, src CapSource, v Version) (*Capability, []*Problem) {
	d := &decoder{kind: InvalidCapability, stage: stageOf(src)}
	if !d.object(n, "a capability") {
		return nil, d.probs
	}
	id, _, ok := d.reqString(n, "identifier", "capability")
	if !ok {
		return nil, d.probs
	}
	what := "capability `" + id + "`"
	c := &Capability{Identifier: id, Node: n, Source: src}
	c.Description = d.optString(n, "description", what, false)
	c.Local = d.optBool(n, "local", what, true)
	c.Windows = d.labels(n, "windows", what)
	c.Webviews = d.labels(n, "webviews", what)
	c.Platforms, c.HasPlatforms = d.platforms(n, what)
	d.remote(c, n.Get("remote"), what)
	perms := n.Get("permissions")
	if perms == nil {
		d.fail(n, "%s: missing field `permissions`", what)
	} else if perms.Kind != source.Array {
		d.fail(perms, "%s: `permissions` must be an array, found %s", what, perms.Kind)
	} else {
		for _, it := range perms.Items() {
			if e := d.entry(it, what, v); e != nil {
				c.Permissions = append(c.Permissions, e)
			}
		}
	}
	for _, p := range d.probs {
		p.Capability = id
	}
	return c, d.probs
}

func (d *decoder) labels(obj *source.Node, key, what string) []*Label {
	v := obj.Get(key)
	if v == nil {
		return nil
	}
	names, nodes, _ := d.stringList(v, what+": `"+key+"`")
	out := make([]*Label, len(names))
	for i := range names {
		out[i] = &Label{Pattern: names[i], Node: nodes[i]}
	}
	return out
}

func (d *decoder) remote(c *Capability, v *source.Node, what string) {
	if absent(v) {
		return
	}
	if !d.object(v, what+": `remote`") {
		return
	}
	c.HasRemote = true
	urls := v.Get("urls")
	if urls == nil {
		d.fail(v, "%s: `remote`: missing field `urls`", what)
		return
	}
	names, nodes, _ := d.stringList(urls, what+": `remote.urls`")
	for i := range names {
		c.Remote = append(c.Remote, &RemoteURL{Pattern: names[i], Node: nodes[i]})
	}
}

// entry reads one permission entry: a string Identifier or an object
// {identifier, allow?, deny?} (tauri-acl §3.2).
func (d *decoder) entry(n *source.Node, what string, v Version) *Entry {
	e := &Entry{Node: n}
	switch n.Kind {
	case source.String:
		e.IDNode = n
	case source.Object:
		e.Extended = true
		e.IDNode = n.Get("identifier")
		if e.IDNode == nil {
			d.fail(n, "%s: permission entry: missing field `identifier`", what)
			return nil
		}
		e.Scopes = d.scopes(n, what+": permission entry")
	default:
		d.fail(n, "%s: a permission entry must be a string or an object, found %s", what, n.Kind)
		return nil
	}
	raw, ok := e.IDNode.Str()
	if !ok {
		d.fail(e.IDNode, "%s: permission identifier must be a string, found %s", what, e.IDNode.Kind)
		return nil
	}
	id, err := ParseIdentifier(raw, v)
	if err != nil {
		d.probs = append(d.probs, newProblem(InvalidIdentifierRef, d.stage, e.IDNode,
			"%s: invalid permission identifier `%s`: %v", what, raw, err))
		return nil
	}
	e.ID = id
	return e
}

// scopes reads the optional allow/deny lists of an object. An explicit
// null is absent; [] is present (tauri-acl §3.2).
func (d *decoder) scopes(obj *source.Node, what string) Scopes {
	var s Scopes
	if v := obj.Get("allow"); !absent(v) {
		s.Allow, s.HasAllow = d.valueList(v, what+": `allow`")
	}
	if v := obj.Get("deny"); !absent(v) {
		s.Deny, s.HasDeny = d.valueList(v, what+": `deny`")
	}
	return s
}
