package checks

import (
	"github.com/tauriaudit/tauriaudit/rules/source"
)

// configAt follows camelCase config keys from n (kebab-case aliases accepted).
func configAt(n *source.Node, keys ...string) *source.Node {
	for _, k := range keys {
		n = n.Field(k)
	}
	return n
}

// absentLocation locates a finding about the missing key at keys: it points
// at the deepest existing object on the path but carries the pointer of
// the absent key. Missing tokens are spelled camelCase, the canonical form
// Tauri.toml accepts too.
func absentLocation(root *source.Node, keys ...string) source.Location {
	if root == nil {
		return source.Location{}
	}
	n, i := root, 0
	for ; i < len(keys); i++ {
		m := n.Field(keys[i])
		if m == nil {
			break
		}
		n = m
	}
	loc := n.Location()
	ptr := n.Pointer
	for _, k := range keys[i:] {
		ptr = source.Child(ptr, k)
	}
	loc.Pointer = ptr
	return loc
}

// nodeKind returns n's kind, or 0 for an absent node.
func nodeKind(n *source.Node) source.Kind {
	if n == nil {
		return 0
	}
	return n.Kind
}
