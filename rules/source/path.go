package source

// Walking a config by key path, for rules that look up a setting and
// point at it, or at where it would go when it is absent.

// At follows camelCase config keys from n with Field (kebab-case aliases
// accepted) and returns the node at the end, or nil when a key is absent.
func (n *Node) At(keys ...string) *Node {
	for _, k := range keys {
		n = n.Field(k)
	}
	return n
}

// AbsentLocation locates a finding about the key at keys below n when it
// may be missing: the deepest existing node on the path, carrying the
// pointer of the full path. Missing keys are spelled camelCase, the
// canonical form Tauri.toml accepts too.
func (n *Node) AbsentLocation(keys ...string) Location {
	if n == nil {
		return Location{}
	}
	i := 0
	for ; i < len(keys); i++ {
		m := n.Field(keys[i])
		if m == nil {
			break
		}
		n = m
	}
	loc := n.Location()
	loc.Pointer = n.Pointer
	for _, k := range keys[i:] {
		loc.Pointer = Child(loc.Pointer, k)
	}
	return loc
}

// Is reports whether n exists and has kind k.
func (n *Node) Is(k Kind) bool { return n != nil && n.Kind == k }

// StringItems returns the string items of an array node, or n itself
// when it is one string; settings such as "schemes" accept both.
func (n *Node) StringItems() []*Node {
	if n.Is(String) {
		return []*Node{n}
	}
	var out []*Node
	for _, it := range n.Items() {
		if it.Kind == String {
			out = append(out, it)
		}
	}
	return out
}

// Strings returns the values of StringItems.
func (n *Node) Strings() []string {
	items := n.StringItems()
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.String()
	}
	return out
}
