package capabilities

import (
	"encoding/json"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// Value converts a node to plain Go values, as encoding/json decodes
// with UseNumber: map[string]any, []any, string, json.Number, bool, nil.
// Scope values are kept as nodes for their positions; Value is for
// comparing and printing them.
func Value(n *source.Node) any {
	if n == nil {
		return nil
	}
	switch n.Kind {
	case source.Object:
		m := make(map[string]any, len(n.Members()))
		for _, mem := range n.Members() {
			m[mem.Name] = Value(mem.Value)
		}
		return m
	case source.Array:
		out := make([]any, len(n.Items()))
		for i, it := range n.Items() {
			out[i] = Value(it)
		}
		return out
	case source.String:
		return n.String()
	case source.Number:
		s, _ := n.Number()
		return json.Number(s)
	case source.Bool:
		b, _ := n.Bool()
		return b
	}
	return nil
}

// Values converts a list of nodes with Value.
func Values(ns []*source.Node) []any {
	out := make([]any, len(ns))
	for i, n := range ns {
		out[i] = Value(n)
	}
	return out
}
