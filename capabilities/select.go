package capabilities

import (
	"slices"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Doc is one parsed input document. Root is nil when the file could not
// be parsed (the loader has reported that); such documents are skipped.
type Doc struct {
	Path string
	Root *source.Node
}

// FileCapabilities is the map tauri-build writes to capabilities.json:
// every capability of every discovered file, keyed by identifier
// (tauri-acl §3.4).
type FileCapabilities struct {
	ByID map[string]*Capability
}

// IDs returns the identifiers in byte order.
func (fc *FileCapabilities) IDs() []string {
	if fc == nil {
		return nil
	}
	out := make([]string, 0, len(fc.ByID))
	for id := range fc.ByID {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// All returns the capabilities in identifier order.
func (fc *FileCapabilities) All() []*Capability {
	var out []*Capability
	for _, id := range fc.IDs() {
		out = append(out, fc.ByID[id])
	}
	return out
}

// ParseCapabilityFiles parses discovered capability files, given in
// discovery order, into one map. A repeated identifier is tauri-build's
// "already exists" error; the first capability is kept (tauri-acl §3.4).
func ParseCapabilityFiles(docs []Doc, v Version) (*FileCapabilities, []*Problem) {
	fc := &FileCapabilities{ByID: map[string]*Capability{}}
	var probs []*Problem
	for _, doc := range docs {
		caps, ps := ParseCapabilityDoc(doc.Root, FromFile, v)
		probs = append(probs, ps...)
		for _, c := range caps {
			probs = append(probs, fc.add(c)...)
		}
	}
	return fc, probs
}

func (fc *FileCapabilities) add(c *Capability) []*Problem {
	if _, dup := fc.ByID[c.Identifier]; dup {
		p := newProblem(DuplicateCapability, StageBuild, c.Node.Get("identifier"),
			"capability with identifier `%s` already exists", c.Identifier)
		p.Related = fc.ByID[c.Identifier].Node
		p.Capability = c.Identifier
		return []*Problem{p}
	}
	fc.ByID[c.Identifier] = c
	return nil
}

// ParseGeneratedCapabilities reads a committed gen/schemas/capabilities.json:
// a map identifier → capability of file capabilities (tauri-acl §6).
func ParseGeneratedCapabilities(root *source.Node, v Version) (*FileCapabilities, []*Problem) {
	fc := &FileCapabilities{ByID: map[string]*Capability{}}
	d := &decoder{kind: InvalidCapability, stage: StageBuild}
	if root == nil || !d.object(root, "capabilities.json") {
		return fc, d.probs
	}
	for _, m := range root.Members() {
		c, ps := ParseCapability(m.Value, FromFile, v)
		d.probs = append(d.probs, ps...)
		if c != nil {
			fc.ByID[m.Name] = c
		}
	}
	return fc, d.probs
}

// ConfigEntry is one item of app.security.capabilities: a reference to a
// file capability, or an inline capability (tauri-acl §3.5).
type ConfigEntry struct {
	Ref     string
	RefNode *source.Node
	Inline  *Capability
}

// ParseConfigCapabilities reads app.security.capabilities from the config
// merged for one target (nil or null: no list).
func ParseConfigCapabilities(list *source.Node, v Version) ([]ConfigEntry, []*Problem) {
	d := &decoder{kind: InvalidCapability, stage: StageBuild}
	if absent(list) {
		return nil, nil
	}
	if list.Kind != source.Array {
		d.fail(list, "app.security.capabilities must be an array, found %s", list.Kind)
		return nil, d.probs
	}
	var out []ConfigEntry
	for _, it := range list.Items() {
		switch it.Kind {
		case source.String:
			out = append(out, ConfigEntry{Ref: it.String(), RefNode: it})
		case source.Object:
			c, ps := ParseCapability(it, FromConfig, v)
			d.probs = append(d.probs, ps...)
			if c != nil {
				out = append(out, ConfigEntry{Inline: c})
			}
		default:
			d.fail(it, "a capabilities entry must be an identifier or a capability object, found %s", it.Kind)
		}
	}
	return out, d.probs
}

// Select returns the capabilities a build enables, in identifier order
// (tauri-acl §3.5): all file capabilities when the config list is empty,
// else the referenced and inline ones; macro-supplied ones are always
// added. Each string reference consumes its file capability, so naming
// one twice (or an unknown one) is codegen's "not found" error.
func Select(files *FileCapabilities, cfg []ConfigEntry, extra []*Capability) ([]*Capability, []*Problem) {
	enabled := map[string]*Capability{}
	var probs []*Problem
	if len(cfg) == 0 {
		if files != nil {
			for id, c := range files.ByID {
				enabled[id] = c
			}
		}
	} else {
		left := map[string]*Capability{}
		if files != nil {
			for id, c := range files.ByID {
				left[id] = c
			}
		}
		for _, e := range cfg {
			if e.Inline != nil {
				enabled[e.Inline.Identifier] = e.Inline // silently overwrites
				continue
			}
			c, ok := left[e.Ref]
			if !ok {
				p := newProblem(CapabilityNotFound, StageCodegen, e.RefNode, "capability with identifier %s not found", e.Ref)
				p.Capability = e.Ref
				probs = append(probs, p)
				continue
			}
			delete(left, e.Ref)
			enabled[e.Ref] = c
		}
	}
	for _, c := range extra {
		enabled[c.Identifier] = c
	}
	out := make([]*Capability, 0, len(enabled))
	for _, c := range enabled {
		out = append(out, c)
	}
	// tauri-acl §7.1: capabilities are resolved in identifier byte order.
	slices.SortFunc(out, func(a, b *Capability) int { return strings.Compare(a.Identifier, b.Identifier) })
	return out, probs
}
