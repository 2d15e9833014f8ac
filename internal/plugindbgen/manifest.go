package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"slices"

	"github.com/BurntSushi/toml"

	"github.com/tauriaudit/tauriaudit/capabilities"
)

// manifest is one key's manifest in canonical JSON: each permission and
// set as the object tauri-build serializes into acl-manifests.json.
type manifest struct {
	Default     json.RawMessage // nil when none
	Permissions map[string]json.RawMessage
	Sets        map[string]json.RawMessage
	Schema      json.RawMessage // nil when unknown or none
}

func newManifest() *manifest {
	return &manifest{Permissions: map[string]json.RawMessage{}, Sets: map[string]json.RawMessage{}}
}

func (m *manifest) empty() bool {
	return m.Default == nil && len(m.Permissions) == 0 && len(m.Sets) == 0
}

// sameACL reports whether two manifests grant the same: the global scope
// schema only documents the scope and is not compared.
func (m *manifest) sameACL(o *manifest) bool {
	return bytes.Equal(m.Default, o.Default) && sameMap(m.Permissions, o.Permissions) && sameMap(m.Sets, o.Sets)
}

func sameMap(a, b map[string]json.RawMessage) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !bytes.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

// canon encodes v as compact JSON with sorted object keys.
func canon(v any) json.RawMessage {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // v comes from a JSON or TOML decoder
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// decodeJSON decodes keeping numbers exact.
func decodeJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

// decodeFile reads a permission file (TOML or JSON) into JSON values.
func decodeFile(name string, data []byte) (map[string]any, error) {
	if path.Ext(name) == ".toml" {
		var t map[string]any
		if _, err := toml.Decode(string(data), &t); err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		j, err := json.Marshal(t)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		data = j
	}
	v, err := decodeJSON(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: not a table", name)
	}
	return obj, nil
}

// buildManifest does what tauri-build does with a plugin's permission
// files (tauri-utils acl::manifest::Manifest::new): files in glob order,
// a later default, permission or set replaces an earlier one. read
// returns a file's content by its path relative to the crate.
func buildManifest(rels []string, read func(rel string) ([]byte, error)) (*manifest, error) {
	m := newManifest()
	for _, rel := range capabilities.DiscoverPermissionFiles(rels, nil) {
		data, err := read(rel)
		if err != nil {
			return nil, err
		}
		f, err := decodeFile(rel, data)
		if err != nil {
			return nil, err
		}
		if err := m.addFile(f); err != nil {
			return nil, fmt.Errorf("%s: %v", rel, err)
		}
	}
	return m, nil
}

func (m *manifest) addFile(f map[string]any) error {
	if d, ok := f["default"].(map[string]any); ok {
		desc, ok := d["description"].(string)
		if !ok {
			desc = "Default plugin permissions."
		}
		m.Default = canon(map[string]any{"identifier": "default", "description": desc, "permissions": list(d["permissions"])})
	}
	for _, it := range tables(f["set"]) {
		id, _ := it["identifier"].(string)
		if id == "" {
			return fmt.Errorf("set without identifier")
		}
		m.Sets[id] = canon(map[string]any{"identifier": id, "description": it["description"], "permissions": list(it["permissions"])})
	}
	for _, it := range tables(f["permission"]) {
		p, err := permissionObject(it)
		if err != nil {
			return err
		}
		m.Permissions[it["identifier"].(string)] = p
	}
	return nil
}

// permissionObject serializes a [[permission]] as tauri-utils' Permission
// does: commands always, the optional fields only when present.
func permissionObject(it map[string]any) (json.RawMessage, error) {
	id, _ := it["identifier"].(string)
	if id == "" {
		return nil, fmt.Errorf("permission without identifier")
	}
	out := map[string]any{"identifier": id}
	for _, k := range []string{"description", "version", "platforms"} {
		if v, ok := it[k]; ok {
			out[k] = v
		}
	}
	cmds, _ := it["commands"].(map[string]any)
	out["commands"] = map[string]any{"allow": list(cmds["allow"]), "deny": list(cmds["deny"])}
	if sc, ok := it["scope"].(map[string]any); ok {
		scope := map[string]any{}
		for _, k := range []string{"allow", "deny"} {
			if v, ok := sc[k]; ok {
				scope[k] = v
			}
		}
		if len(scope) > 0 {
			out["scope"] = scope
		}
	}
	return canon(out), nil
}

func list(v any) []any {
	if l, ok := v.([]any); ok {
		return l
	}
	return []any{}
}

func tables(v any) []map[string]any {
	var out []map[string]any
	for _, it := range list(v) {
		if t, ok := it.(map[string]any); ok {
			out = append(out, t)
		}
	}
	return out
}

// committedManifests reads an acl-manifests.json into manifests by key.
func committedManifests(data []byte) (map[string]*manifest, error) {
	v, err := decodeJSON(data)
	if err != nil {
		return nil, err
	}
	root, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("not an object")
	}
	out := map[string]*manifest{}
	for key, mv := range root {
		obj, ok := mv.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("manifest %q is not an object", key)
		}
		m := newManifest()
		if d, ok := obj["default_permission"].(map[string]any); ok {
			m.Default = canon(d)
		}
		perms, _ := obj["permissions"].(map[string]any)
		for id, p := range perms {
			m.Permissions[id] = canon(p)
		}
		sets, _ := obj["permission_sets"].(map[string]any)
		for id, s := range sets {
			m.Sets[id] = canon(s)
		}
		if s := obj["global_scope_schema"]; s != nil {
			m.Schema = canon(s)
		}
		out[key] = m
	}
	return out, nil
}

// sortedKeys returns a map's keys in byte order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
