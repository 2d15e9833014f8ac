package capabilities

import (
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// ParseACLManifests reads a committed gen/schemas/acl-manifests.json: a
// map key → manifest with snake_case fields (tauri-acl §6). Permissions
// and sets are keyed by their map key, as Tauri deserializes them; every
// one keeps its node in that file as its source.
func ParseACLManifests(root *source.Node) ([]*Manifest, []*Problem) {
	d := &decoder{kind: InvalidPermissionFile, stage: StageBuild}
	if root == nil || !d.object(root, "acl-manifests.json") {
		return nil, d.probs
	}
	path := ""
	if root.File != nil {
		path = root.File.Path
	}
	var out []*Manifest
	for _, km := range root.Members() {
		if !d.object(km.Value, "manifest `"+km.Name+"`") {
			continue
		}
		out = append(out, d.committedManifest(km.Name, km.Value, path))
	}
	return out, d.probs
}

// ParseACLManifest reads the manifest of one key: n is the object an
// acl-manifests.json holds for it.
func ParseACLManifest(key string, n *source.Node) (*Manifest, []*Problem) {
	d := &decoder{kind: InvalidPermissionFile, stage: StageBuild}
	if n == nil || !d.object(n, "manifest `"+key+"`") {
		return nil, d.probs
	}
	path := ""
	if n.File != nil {
		path = n.File.Path
	}
	return d.committedManifest(key, n, path), d.probs
}

func (d *decoder) committedManifest(key string, n *source.Node, path string) *Manifest {
	m := &Manifest{Key: key, Permissions: map[string]*Permission{}, Sets: map[string]*Set{}}
	if v := n.Get("default_permission"); !absent(v) && d.object(v, "`default_permission`") {
		m.Default = d.set(v, path, "manifest `"+key+"` default permission", true)
		if m.Default != nil {
			m.Default.Identifier = "default"
		}
	}
	if v := n.Get("permissions"); !absent(v) && d.object(v, "`permissions`") {
		for _, pm := range v.Members() {
			if !d.object(pm.Value, "permission `"+pm.Name+"`") {
				continue
			}
			if p := d.permission(pm.Value, path); p != nil {
				m.Permissions[pm.Name] = p
			}
		}
	}
	if v := n.Get("permission_sets"); !absent(v) && d.object(v, "`permission_sets`") {
		for _, sm := range v.Members() {
			if !d.object(sm.Value, "permission set `"+sm.Name+"`") {
				continue
			}
			if s := d.set(sm.Value, path, "permission set", false); s != nil {
				m.Sets[sm.Name] = s
			}
		}
	}
	if v := n.Get("global_scope_schema"); !absent(v) {
		m.GlobalScopeSchema = v
	}
	return m
}
