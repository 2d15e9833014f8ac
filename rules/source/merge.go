package source

// MergePatch applies patch to target as RFC 7396 JSON Merge Patch, the way
// Tauri merges platform config files (tauri-acl §2): objects merge key by
// key, arrays and scalars replace, null deletes. Neither input is modified;
// every value in the result is a node of one of the two documents, so each
// keeps its own file and position. A merged object keeps target's span.
func MergePatch(target, patch *Node) *Node {
	if patch == nil {
		return target
	}
	if patch.Kind != Object {
		return patch
	}
	var out *Node
	if target != nil && target.Kind == Object {
		cp := *target
		cp.members = append([]*Member(nil), target.members...)
		out = &cp
	} else {
		out = &Node{Kind: Object, File: patch.File, Pointer: patch.Pointer, Start: patch.Start, End: patch.End,
			KeyStart: patch.KeyStart, KeyEnd: patch.KeyEnd}
	}
	for _, m := range patch.members {
		i := memberIndex(out, m.Name)
		if m.Value.Kind == Null {
			if i >= 0 {
				out.members = append(out.members[:i:i], out.members[i+1:]...)
			}
			continue
		}
		if i >= 0 {
			out.members[i] = &Member{Name: m.Name, Value: MergePatch(out.members[i].Value, m.Value)}
		} else {
			out.members = append(out.members, &Member{Name: m.Name, Value: MergePatch(nil, m.Value)})
		}
	}
	return out
}

func memberIndex(n *Node, name string) int {
	for i, m := range n.members {
		if m.Name == name {
			return i
		}
	}
	return -1
}
