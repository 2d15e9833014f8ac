package capabilities

import (
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// decoder reads serde-shaped fields from nodes and collects problems of
// one kind and stage. Unknown keys are ignored, as serde does for every
// ACL struct (tauri-acl §3.1, §5.1).
type decoder struct {
	kind  Kind
	stage Stage
	probs []*Problem
}

func (d *decoder) fail(n *source.Node, format string, args ...any) {
	d.probs = append(d.probs, newProblem(d.kind, d.stage, n, format, args...))
}

// absent reports whether an optional field counts as missing: not
// written, or an explicit null (serde's Option).
func absent(n *source.Node) bool { return n == nil || n.Kind == source.Null }

// object checks that n is an object.
func (d *decoder) object(n *source.Node, what string) bool {
	if n.Kind != source.Object {
		d.fail(n, "%s must be an object, found %s", what, n.Kind)
		return false
	}
	return true
}

// reqString reads a required string field.
func (d *decoder) reqString(obj *source.Node, key, what string) (string, *source.Node, bool) {
	v := obj.Get(key)
	if v == nil {
		d.fail(obj, "%s: missing field `%s`", what, key)
		return "", nil, false
	}
	s, ok := v.Str()
	if !ok {
		d.fail(v, "%s: `%s` must be a string, found %s", what, key, v.Kind)
	}
	return s, v, ok
}

// optString reads a string field that may be absent (or null when
// nullOK, for serde Option fields).
func (d *decoder) optString(obj *source.Node, key, what string, nullOK bool) string {
	v := obj.Get(key)
	if v == nil || nullOK && v.Kind == source.Null {
		return ""
	}
	s, ok := v.Str()
	if !ok {
		d.fail(v, "%s: `%s` must be a string, found %s", what, key, v.Kind)
	}
	return s
}

// stringList reads an array of strings, returning the strings and their
// nodes. A non-string item is reported and skipped.
func (d *decoder) stringList(v *source.Node, what string) ([]string, []*source.Node, bool) {
	if v.Kind != source.Array {
		d.fail(v, "%s must be an array of strings, found %s", what, v.Kind)
		return nil, nil, false
	}
	var out []string
	var nodes []*source.Node
	for _, it := range v.Items() {
		s, ok := it.Str()
		if !ok {
			d.fail(it, "%s: items must be strings, found %s", what, it.Kind)
			continue
		}
		out = append(out, s)
		nodes = append(nodes, it)
	}
	return out, nodes, true
}

// valueList reads an array of arbitrary values (scope entries).
func (d *decoder) valueList(v *source.Node, what string) ([]*source.Node, bool) {
	if v.Kind != source.Array {
		d.fail(v, "%s must be an array, found %s", what, v.Kind)
		return nil, false
	}
	return append([]*source.Node{}, v.Items()...), true
}

// optBool reads a bool field with a default.
func (d *decoder) optBool(obj *source.Node, key, what string, def bool) bool {
	v := obj.Get(key)
	if v == nil {
		return def
	}
	b, ok := v.Bool()
	if !ok {
		d.fail(v, "%s: `%s` must be a boolean, found %s", what, key, v.Kind)
		return def
	}
	return b
}

// platforms reads an optional platforms list. Names are case-sensitive
// (tauri-acl §1): "macos" is an error.
func (d *decoder) platforms(obj *source.Node, what string) ([]source.Platform, bool) {
	v := obj.Get("platforms")
	if absent(v) {
		return nil, false
	}
	names, nodes, ok := d.stringList(v, what+": `platforms`")
	if !ok {
		return nil, false
	}
	out := []source.Platform{}
	for i, s := range names {
		p, ok := exactPlatform(s)
		if !ok {
			d.probs = append(d.probs, newProblem(InvalidPlatform, d.stage, nodes[i],
				"%s: unknown platform `%s`, expected one of `linux`, `macOS`, `windows`, `android`, `iOS`", what, s))
			continue
		}
		out = append(out, p)
	}
	return out, true
}

// exactPlatform accepts only Tauri's serialized target names.
func exactPlatform(s string) (source.Platform, bool) {
	for _, p := range source.Platforms {
		if s == string(p) {
			return p, true
		}
	}
	return "", false
}

// version checks an optional `version` field: a positive integer.
func (d *decoder) version(obj *source.Node, what string) {
	v := obj.Get("version")
	if absent(v) {
		return
	}
	f, ok := v.Float()
	if !ok || f < 1 || f != float64(int64(f)) {
		d.fail(v, "%s: `version` must be a positive integer", what)
	}
}
