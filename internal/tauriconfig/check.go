package tauriconfig

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// The schemas are what schemars writes for tauri-utils' config types, so
// the validator needs only the keywords schemars uses: type, $ref,
// properties, additionalProperties, required, items, min/maxItems,
// uniqueItems, enum, const, minimum, maximum, pattern, anyOf, oneOf and
// allOf (format is informative, as JSON Schema validators treat it by
// default). It walks the positioned config directly, so each error is
// reported at its key or value. oneOf is read as anyOf: serde tries the
// variants of an enum in order and takes the first that fits, so a value
// matching two variants is accepted, as Tauri accepts it. The JSON Schema
// library in the tests is the oracle it is checked against.

// vErr is one validation error at a node.
type vErr struct {
	node  *source.Node
	path  []string
	atKey bool
	msg   string
}

type validator struct {
	sh    *shapeData
	depth int
}

const maxValidateDepth = 128

// check validates n against s and returns the errors worth reporting.
func (v *validator) check(n *source.Node, s map[string]any, path []string) []vErr {
	if s == nil || v.depth > maxValidateDepth {
		return nil
	}
	v.depth++
	defer func() { v.depth-- }()
	if ref, ok := s["$ref"].(string); ok {
		d, _ := v.sh.defs[strings.TrimPrefix(ref, "#/definitions/")].(map[string]any)
		return v.check(n, d, path)
	}
	var errs []vErr
	if e, ok := v.typeErr(n, s, path); ok {
		return []vErr{e} // other keywords would only repeat it
	}
	errs = append(errs, v.enumErrs(n, s, path)...)
	errs = append(errs, v.numberErrs(n, s, path)...)
	errs = append(errs, v.stringErrs(n, s, path)...)
	errs = append(errs, v.objectErrs(n, s, path)...)
	errs = append(errs, v.arrayErrs(n, s, path)...)
	errs = append(errs, v.combinatorErrs(n, s, path)...)
	return errs
}

func (v *validator) typeErr(n *source.Node, s map[string]any, path []string) (vErr, bool) {
	var want []string
	switch t := s["type"].(type) {
	case string:
		want = []string{t}
	case []any:
		for _, x := range t {
			if str, ok := x.(string); ok {
				want = append(want, str)
			}
		}
	default:
		return vErr{}, false
	}
	got := jsonType(n)
	for _, w := range want {
		if w == got || w == "number" && got == "integer" {
			return vErr{}, false
		}
	}
	return vErr{node: n, path: path, msg: fmt.Sprintf("got %s, want %s", got, strings.Join(want, " or "))}, true
}

// jsonType names a node's JSON Schema type; integral numbers are integers.
func jsonType(n *source.Node) string {
	switch n.Kind {
	case source.Object:
		return "object"
	case source.Array:
		return "array"
	case source.String:
		return "string"
	case source.Bool:
		return "boolean"
	case source.Null:
		return "null"
	case source.Number:
		if f, ok := n.Float(); ok && f == math.Trunc(f) && !math.IsInf(f, 0) {
			return "integer"
		}
		return "number"
	}
	return "null"
}

func (v *validator) enumErrs(n *source.Node, s map[string]any, path []string) []vErr {
	if c, ok := s["const"]; ok && !equalValue(n, c) {
		return []vErr{{node: n, path: path, msg: "value must be " + show(c)}}
	}
	vals, ok := s["enum"].([]any)
	if !ok || slices.ContainsFunc(vals, func(x any) bool { return equalValue(n, x) }) {
		return nil
	}
	var names []string
	for _, x := range vals {
		names = append(names, show(x))
	}
	return []vErr{{node: n, path: path, msg: "value must be one of " + strings.Join(names, ", ")}}
}

func (v *validator) numberErrs(n *source.Node, s map[string]any, path []string) []vErr {
	f, ok := n.Float()
	if n.Kind != source.Number || !ok {
		return nil
	}
	if m, ok := s["minimum"].(float64); ok && f < m {
		return []vErr{{node: n, path: path, msg: fmt.Sprintf("must be at least %v", m)}}
	}
	if m, ok := s["maximum"].(float64); ok && f > m {
		return []vErr{{node: n, path: path, msg: fmt.Sprintf("must be at most %v", m)}}
	}
	return nil
}

var patterns sync.Map // pattern -> *regexp.Regexp (nil when Go cannot compile it)

func (v *validator) stringErrs(n *source.Node, s map[string]any, path []string) []vErr {
	str, ok := n.Str()
	p, has := s["pattern"].(string)
	if n.Kind != source.String || !ok || !has {
		return nil
	}
	rx, seen := patterns.Load(p)
	if !seen {
		c, err := regexp.Compile(p)
		if err != nil {
			c = nil // an ECMA-only construct: not checked rather than guessed
		}
		rx, _ = patterns.LoadOrStore(p, c)
	}
	if re, _ := rx.(*regexp.Regexp); re != nil && !re.MatchString(str) {
		return []vErr{{node: n, path: path, msg: "does not match the pattern " + p}}
	}
	return nil
}

func (v *validator) objectErrs(n *source.Node, s map[string]any, path []string) []vErr {
	if n.Kind != source.Object {
		return nil
	}
	var errs []vErr
	props, _ := s["properties"].(map[string]any)
	for _, r := range asStrings(s["required"]) {
		if n.Get(r) == nil {
			errs = append(errs, vErr{node: n, path: path, msg: "missing required field `" + r + "`"})
		}
	}
	for _, m := range n.Members() {
		sub := append(slices.Clip(path), m.Name)
		if ps, ok := props[m.Name].(map[string]any); ok {
			errs = append(errs, v.check(m.Value, ps, sub)...)
			continue
		}
		switch ap := s["additionalProperties"].(type) {
		case bool:
			if !ap {
				errs = append(errs, vErr{node: m.Value, path: sub, atKey: true,
					msg: "unknown field `" + m.Name + "` in " + displayPath(path) + suggest(m.Name, keysOf(props))})
			}
		case map[string]any:
			errs = append(errs, v.check(m.Value, ap, sub)...)
		}
	}
	return errs
}

func (v *validator) arrayErrs(n *source.Node, s map[string]any, path []string) []vErr {
	if n.Kind != source.Array {
		return nil
	}
	items := n.Items()
	var errs []vErr
	if m, ok := s["minItems"].(float64); ok && float64(len(items)) < m {
		errs = append(errs, vErr{node: n, path: path, msg: fmt.Sprintf("needs at least %v items", m)})
	}
	if m, ok := s["maxItems"].(float64); ok && float64(len(items)) > m {
		errs = append(errs, vErr{node: n, path: path, msg: fmt.Sprintf("takes at most %v items", m)})
	}
	if u, _ := s["uniqueItems"].(bool); u && hasDuplicate(items) {
		errs = append(errs, vErr{node: n, path: path, msg: "items must be unique"})
	}
	for i, it := range items {
		sub := append(slices.Clip(path), strconv.Itoa(i))
		switch is := s["items"].(type) {
		case map[string]any:
			errs = append(errs, v.check(it, is, sub)...)
		case []any: // a tuple
			if i < len(is) {
				m, _ := is[i].(map[string]any)
				errs = append(errs, v.check(it, m, sub)...)
			}
		}
	}
	return errs
}

// combinatorErrs checks allOf, and anyOf/oneOf as serde reads enums: the
// value must fit one alternative; when none fits, the errors of the one it
// came closest to (the deepest) are reported.
func (v *validator) combinatorErrs(n *source.Node, s map[string]any, path []string) []vErr {
	var errs []vErr
	for _, a := range asSchemas(s["allOf"]) {
		errs = append(errs, v.check(n, a, path)...)
	}
	for _, k := range []string{"anyOf", "oneOf"} {
		alts := asSchemas(s[k])
		if len(alts) == 0 {
			continue
		}
		var best []vErr
		bestDepth := -1
		fits := false
		for _, a := range alts {
			e := v.check(n, a, path)
			if len(e) == 0 {
				fits = true
				break
			}
			if d := deepest(e); d > bestDepth {
				best, bestDepth = e, d
			}
		}
		if !fits {
			errs = append(errs, best...)
		}
	}
	return errs
}

func deepest(es []vErr) int {
	d := 0
	for _, e := range es {
		d = max(d, len(e.path))
	}
	return d
}

func keysOf(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func asSchemas(v any) []map[string]any {
	list, _ := v.([]any)
	var out []map[string]any
	for _, x := range list {
		if m, ok := x.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

func asStrings(v any) []string {
	list, _ := v.([]any)
	var out []string
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// equalValue compares a node with a JSON value decoded by encoding/json.
func equalValue(n *source.Node, x any) bool {
	switch want := x.(type) {
	case nil:
		return n.Kind == source.Null
	case bool:
		b, ok := n.Bool()
		return n.Kind == source.Bool && ok && b == want
	case float64:
		f, ok := n.Float()
		return n.Kind == source.Number && ok && f == want
	case string:
		s, ok := n.Str()
		return n.Kind == source.String && ok && s == want
	case []any:
		items := n.Items()
		if n.Kind != source.Array || len(items) != len(want) {
			return false
		}
		for i := range items {
			if !equalValue(items[i], want[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		if n.Kind != source.Object || len(n.Members()) != len(want) {
			return false
		}
		for k, wv := range want {
			if c := n.Get(k); c == nil || !equalValue(c, wv) {
				return false
			}
		}
		return true
	}
	return false
}

func hasDuplicate(items []*source.Node) bool {
	seen := map[string]bool{}
	for _, it := range items {
		k := fmt.Sprint(toValue(it))
		if seen[k] {
			return true
		}
		seen[k] = true
	}
	return false
}

func show(x any) string {
	if s, ok := x.(string); ok {
		return strconv.Quote(s)
	}
	return fmt.Sprint(x)
}
