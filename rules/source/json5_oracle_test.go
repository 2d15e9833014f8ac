package source

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/titanous/json5"
)

// json5Any converts a Node tree into the values encoding/json (and
// titanous/json5) decode into an interface: numbers become float64.
func json5Any(n *Node) any {
	switch n.Kind {
	case Object:
		m := make(map[string]any, len(n.Members()))
		for _, mb := range n.Members() {
			m[mb.Name] = json5Any(mb.Value)
		}
		return m
	case Array:
		s := make([]any, 0, len(n.Items()))
		for _, it := range n.Items() {
			s = append(s, json5Any(it))
		}
		return s
	case String:
		return n.String()
	case Number:
		f, ok := n.Float()
		if !ok {
			return fmt.Sprintf("unreadable number %q", n.text)
		}
		return f
	case Bool:
		b, _ := n.Bool()
		return b
	}
	return nil
}

// json5Equal compares decoded values, NaN equal to NaN.
func json5Equal(a, b any) bool {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			w, ok := y[k]
			if !ok || !json5Equal(v, w) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !json5Equal(x[i], y[i]) {
				return false
			}
		}
		return true
	case float64:
		y, ok := b.(float64)
		return ok && (x == y || math.IsNaN(x) && math.IsNaN(y))
	}
	return a == b
}

// titanousDecode decodes data with the oracle, turning its panics into errors.
func titanousDecode(data []byte) (v any, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("titanous/json5 panicked: %v", r)
		}
	}()
	err = json5.Unmarshal(data, &v)
	return v, err
}

// titanousMisreads reports inputs titanous/json5 reads against the spec
// while still accepting them, so its value cannot serve as an oracle:
// inside a block comment any '*' makes the next '/' end the comment, an
// unterminated comment (even a lone '/') after the top-level value passes,
// and line comments do not end at U+2028 or U+2029.
func titanousMisreads(data []byte) bool {
	if bytes.HasSuffix(data, []byte("/")) {
		return true
	}
	if i := bytes.Index(data, []byte("/*")); i >= 0 {
		rest := data[i+2:]
		if !bytes.Contains(rest, []byte("*/")) {
			return true
		}
		for j, c := range rest {
			if c == '*' && (j+1 >= len(rest) || rest[j+1] != '/') {
				return true
			}
		}
	}
	return bytes.Contains(data, []byte("//")) &&
		(bytes.Contains(data, []byte("\u2028")) || bytes.Contains(data, []byte("\u2029")))
}

// json5Walk calls fn for n and every value below it.
func json5Walk(n *Node, fn func(*Node)) {
	fn(n)
	for _, it := range n.Items() {
		json5Walk(it, fn)
	}
	for _, m := range n.Members() {
		json5Walk(m.Value, fn)
	}
}

// json5CheckTree verifies the invariants every parsed tree must keep: spans
// inside the file and inside their parent, and pointers that lead back.
func json5CheckTree(t testing.TB, f *File, root *Node) {
	t.Helper()
	json5Walk(root, func(n *Node) {
		if n.File != f {
			t.Fatalf("%q: wrong file", n.Pointer)
		}
		if n.Start < 0 || n.Start > n.End || n.End > len(f.Data) {
			t.Fatalf("%q: span [%d,%d) outside file of %d bytes", n.Pointer, n.Start, n.End, len(f.Data))
		}
		if n.KeyStart < 0 || n.KeyStart > n.KeyEnd || n.KeyEnd > n.Start {
			t.Fatalf("%q: key span [%d,%d) before value at %d", n.Pointer, n.KeyStart, n.KeyEnd, n.Start)
		}
		if got := root.Lookup(n.Pointer); got != n {
			t.Fatalf("pointer %q does not lead back to its node", n.Pointer)
		}
		for _, c := range append(n.Items(), json5MemberValues(n)...) {
			if c.KeyStart < n.Start || c.End > n.End {
				t.Fatalf("%q: child %q outside parent span", n.Pointer, c.Pointer)
			}
		}
	})
}

func json5MemberValues(n *Node) []*Node {
	var out []*Node
	for _, m := range n.Members() {
		out = append(out, m.Value)
	}
	return out
}

// TestJSON5MatchesTitanous decodes documents titanous/json5 understands
// with both parsers and compares the values.
func TestJSON5MatchesTitanous(t *testing.T) {
	docs := []string{
		strings.Replace(json5PosDoc, "ünïcødé", "'ünïcødé'", 1), // titanous: ASCII names only
		`{"a": [1, 2.5, -3e2, .5, 5., +1, 0x1F, -0x1f, +0XAB, Infinity, -Infinity, NaN, true, false, null]}`,
		`{a: 'x\'y', b: "q\"r", c: "\/\\\b\f\n\r\t", d: '\u00e9\uD83D\uDE00\uD800'}`,
		"{// c\r\n a: 1, /* c */ b: [ ], c: { }, d: 'x\\\ny', e: 'x\\\r\ny', f: 'x\\\ry',}",
		`[[[[[{}]]]], {"": {"": ""}}]`,
		`{a: 1, a: 2, "a": 3}`,
		"\t\r\n 'top' \n",
	}
	for _, doc := range docs {
		want, err := titanousDecode([]byte(doc))
		if err != nil {
			t.Fatalf("titanous rejects %q: %v", doc, err)
		}
		root, _, err := parseJSON5String(t, doc)
		if err != nil {
			t.Fatalf("ParseJSON5(%q): %v", doc, err)
		}
		if got := json5Any(root); !json5Equal(got, want) {
			t.Errorf("%q:\n got %#v\nwant %#v", doc, got, want)
		}
	}
}
