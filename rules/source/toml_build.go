package source

import (
	"strconv"

	"github.com/pelletier/go-toml/v2/unstable"
)

// This file holds TOML's table rules: which header or key may create,
// define or extend which table. They follow the toml crate Tauri uses.

// header handles a [table] or [[array.of.tables]] line: later key/values
// go into the table it names.
func (t *tomlBuilder) header(e *unstable.Node) error {
	keys := t.keys(e)
	if len(keys) == 0 {
		return errorAt(t.file, 0, "invalid TOML: table header without a name")
	}
	array := e.Kind == unstable.ArrayTable
	start, end := t.headerSpan(keys, array)
	parent, err := t.descend(t.root, keys[:len(keys)-1], false)
	if err != nil {
		return err
	}
	last := keys[len(keys)-1]
	if array {
		t.cur, err = t.appendTable(parent, last, start, end)
	} else {
		t.cur, err = t.defineTable(parent, last, start, end)
	}
	return err
}

// headerSpan returns the span of a header line from its opening to its
// closing brackets: go-toml only gives the ranges of the key segments.
func (t *tomlBuilder) headerSpan(keys []tomlKey, array bool) (int, int) {
	n := 1
	if array {
		n = 2
	}
	start := keys[0].start
	for start > 0 && isTomlSpace(t.data[start-1]) {
		start--
	}
	end := t.skipSpace(keys[len(keys)-1].end)
	return max(start-n, 0), min(end+n, len(t.data))
}

// defineTable handles [k] in parent. A table may be defined once, unless
// it only existed implicitly as the prefix of an earlier header.
func (t *tomlBuilder) defineTable(parent *tomlTable, k tomlKey, start, end int) (*tomlTable, error) {
	v := parent.keys[k.name]
	if v == nil {
		return t.newTable(parent, k, start, end, false, false)
	}
	tt := t.tables[v]
	if tt == nil || !tt.implicit || tt.dotted || tt.frozen {
		return nil, t.conflict(v, k, "table defined twice")
	}
	// From now on the table is where its header is.
	tt.implicit = false
	v.Start, v.End, v.KeyStart, v.KeyEnd = start, end, k.start, k.end
	return tt, nil
}

// appendTable handles [[k]] in parent: a new table at the end of the array
// of tables k, which is created on first use.
func (t *tomlBuilder) appendTable(parent *tomlTable, k tomlKey, start, end int) (*tomlTable, error) {
	arr := parent.keys[k.name]
	if arr != nil && !t.aot[arr] {
		return nil, t.conflict(arr, k, "cannot append to it with [[...]]")
	}
	if arr == nil {
		arr = t.node(Array, Child(parent.node.Pointer, k.name), start, end)
		arr.KeyStart, arr.KeyEnd = k.start, k.end
		t.aot[arr] = true
		t.add(parent, k.name, arr)
	}
	elem := t.node(Object, Child(arr.Pointer, strconv.Itoa(len(arr.items))), start, end)
	arr.items = append(arr.items, elem)
	return t.table(elem, parent.depth+2)
}

// descend walks keys down from tt, creating missing tables, for the prefix
// of a header (dotted false) or of a dotted key.
func (t *tomlBuilder) descend(tt *tomlTable, keys []tomlKey, dotted bool) (*tomlTable, error) {
	for _, k := range keys {
		next, err := t.step(tt, k, dotted)
		if err != nil {
			return nil, err
		}
		tt = next
	}
	return tt, nil
}

func (t *tomlBuilder) step(tt *tomlTable, k tomlKey, dotted bool) (*tomlTable, error) {
	v := tt.keys[k.name]
	if v == nil {
		return t.newTable(tt, k, k.start, k.end, true, dotted)
	}
	if t.aot[v] {
		// A path through an array of tables goes to its last table.
		return t.tables[v.items[len(v.items)-1]], nil
	}
	sub := t.tables[v]
	switch {
	case sub == nil || sub.frozen:
		return nil, t.conflict(v, k, "cannot add keys to it")
	case dotted && !sub.implicit:
		// The spec: dotted keys may not add to a table a [header] defines.
		return nil, t.conflict(v, k, "dotted keys cannot add to it")
	}
	return sub, nil
}

// keyval adds a key/value to tt, creating the tables of a dotted key.
func (t *tomlBuilder) keyval(tt *tomlTable, e *unstable.Node) error {
	keys := t.keys(e)
	if len(keys) == 0 {
		return errorAt(t.file, 0, "invalid TOML: key/value without a key")
	}
	last := keys[len(keys)-1]
	target, err := t.descend(tt, keys[:len(keys)-1], true)
	if err != nil {
		return err
	}
	if len(keys) > 1 && !target.dotted {
		// As the toml crate: a dotted key may only end in a table that
		// dotted keys created, not in one a header created or implied.
		return t.conflict(target.node, keys[len(keys)-2], "dotted keys cannot add to it")
	}
	if v := target.keys[last.name]; v != nil {
		return t.conflict(v, last, "duplicate key")
	}
	n, err := t.value(e.Value(), Child(target.node.Pointer, last.name), t.valueStart(last.end), target.depth+1)
	if err != nil {
		return err
	}
	n.KeyStart, n.KeyEnd = last.start, last.end
	t.add(target, last.name, n)
	return nil
}

// valueStart skips the " = " after a key.
func (t *tomlBuilder) valueStart(i int) int {
	i = t.skipSpace(i)
	if i < len(t.data) && t.data[i] == '=' {
		i++
	}
	return t.skipSpace(i)
}

// newTable adds a table named k to parent.
func (t *tomlBuilder) newTable(parent *tomlTable, k tomlKey, start, end int, implicit, dotted bool) (*tomlTable, error) {
	n := t.node(Object, Child(parent.node.Pointer, k.name), start, end)
	n.KeyStart, n.KeyEnd = k.start, k.end
	tt, err := t.table(n, parent.depth+1)
	if err != nil {
		return nil, err
	}
	tt.implicit, tt.dotted = implicit, dotted
	t.add(parent, k.name, n)
	return tt, nil
}

// table registers object node n, nested at depth, refusing to go deeper
// than MaxDepth (the root counting as the first level, as in JSON).
func (t *tomlBuilder) table(n *Node, depth int) (*tomlTable, error) {
	if depth+1 > MaxDepth {
		return nil, t.tooDeep(n.KeyStart)
	}
	tt := &tomlTable{node: n, depth: depth, keys: map[string]*Node{}}
	t.tables[n] = tt
	return tt, nil
}

func (t *tomlBuilder) tooDeep(off int) *Error {
	return errorAt(t.file, off, "nesting deeper than %d levels", MaxDepth)
}

// add appends a member the caller has checked is new: TOML has no
// last-wins rule, so builder.addMember's duplicate handling does not apply.
func (t *tomlBuilder) add(tt *tomlTable, name string, v *Node) {
	tt.keys[name] = v
	m := t.members.get()
	*m = Member{Name: name, Value: v}
	tt.node.members = append(tt.node.members, m)
}

// conflict reports that key k cannot be used as intended because of the
// existing value v.
func (t *tomlBuilder) conflict(v *Node, k tomlKey, why string) *Error {
	return t.errAt(k, "invalid TOML: %s: %q is already %s (%s)", why, k.name, t.describe(v), t.where(v))
}

func (t *tomlBuilder) describe(v *Node) string {
	if t.aot[v] {
		return "an array of tables"
	}
	tt := t.tables[v]
	switch {
	case tt == nil && v.Kind == Array:
		return "a static array"
	case tt == nil:
		return "a " + v.Kind.String() + " value"
	case tt.frozen:
		return "an inline table"
	case tt.dotted:
		return "a table defined by dotted keys"
	case tt.implicit:
		return "a table"
	}
	return "a table defined by a [header]"
}
