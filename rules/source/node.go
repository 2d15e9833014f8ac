package source

import (
	"math"
	"strconv"
	"strings"
)

// Kind is the JSON kind of a Node.
type Kind uint8

// The kinds of Node. TOML datetimes are kept as strings.
const (
	Null Kind = iota + 1
	Bool
	Number
	String
	Array
	Object
)

var kindNames = [...]string{"invalid", "null", "boolean", "number", "string", "array", "object"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "invalid"
}

// Node is one value of a JSON, JSON5 or TOML document. All accessors are
// nil-safe, so lookups chain without checks:
// cfg.Get("app").Get("security").Get("csp").
type Node struct {
	Kind    Kind
	File    *File
	Pointer string // RFC 6901 pointer of this value in its own file
	Start   int    // byte span of the value in File.Data
	End     int
	// KeyStart and KeyEnd span the member name when the node is an object
	// member (equal when it is not).
	KeyStart, KeyEnd int

	text    string // decoded string, or the number's literal
	boolean bool   // Bool value
	members []*Member
	items   []*Node
}

// Member is one name/value pair of an object, in source order.
type Member struct {
	Name  string
	Value *Node
}

// Get returns the member named key of an object node, or nil.
func (n *Node) Get(key string) *Node {
	if n == nil || n.Kind != Object {
		return nil
	}
	for _, m := range n.members {
		if m.Name == key {
			return m.Value
		}
	}
	return nil
}

// Field returns the member named by a camelCase Tauri config key, also
// accepting the kebab-case alias Tauri's config structs take (Tauri.toml
// files usually spell keys that way).
func (n *Node) Field(camel string) *Node {
	if v := n.Get(camel); v != nil {
		return v
	}
	if k := Kebab(camel); k != camel {
		return n.Get(k)
	}
	return nil
}

// Kebab converts a camelCase key to kebab-case ("frontendDist" → "frontend-dist").
func Kebab(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r + 'a' - 'A')
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Index returns item i of an array node, or nil.
func (n *Node) Index(i int) *Node {
	if n == nil || n.Kind != Array || i < 0 || i >= len(n.items) {
		return nil
	}
	return n.items[i]
}

// Items returns the items of an array node.
func (n *Node) Items() []*Node {
	if n == nil || n.Kind != Array {
		return nil
	}
	return n.items
}

// Members returns the members of an object node in source order.
func (n *Node) Members() []*Member {
	if n == nil || n.Kind != Object {
		return nil
	}
	return n.members
}

// Keys returns the member names of an object node in source order.
func (n *Node) Keys() []string {
	ms := n.Members()
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Name
	}
	return out
}

// Str returns the value of a string node.
func (n *Node) Str() (string, bool) {
	if n == nil || n.Kind != String {
		return "", false
	}
	return n.text, true
}

// String returns the value of a string node, or "".
func (n *Node) String() string {
	s, _ := n.Str()
	return s
}

// Bool returns the value of a boolean node.
func (n *Node) Bool() (bool, bool) {
	if n == nil || n.Kind != Bool {
		return false, false
	}
	return n.boolean, true
}

// IsTrue reports whether n is the boolean true.
func (n *Node) IsTrue() bool {
	b, ok := n.Bool()
	return ok && b
}

// Number returns the literal text of a number node.
func (n *Node) Number() (string, bool) {
	if n == nil || n.Kind != Number {
		return "", false
	}
	return n.text, true
}

// Float returns a number node's value. Besides what strconv reads, it
// reads the JSON5 literals strconv does not: hexadecimal integers
// ("-0x1F") and a signed NaN.
func (n *Node) Float() (float64, bool) {
	s, ok := n.Number()
	if !ok {
		return 0, false
	}
	body := strings.TrimLeft(s, "+-")
	switch {
	case body == "NaN" && len(s)-len(body) <= 1:
		return math.NaN(), true
	case len(body) > 2 && body[0] == '0' && body[1]|0x20 == 'x' && len(s)-len(body) <= 1:
		s += "p0" // a hex float with exponent 0: exact rounding at any length
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// IsNull reports whether n is an explicit null.
func (n *Node) IsNull() bool { return n != nil && n.Kind == Null }

// Lookup follows an RFC 6901 pointer from n.
func (n *Node) Lookup(ptr string) *Node {
	if ptr == "" {
		return n
	}
	if !strings.HasPrefix(ptr, "/") {
		return nil
	}
	cur := n
	for _, tok := range strings.Split(ptr[1:], "/") {
		tok = UnescapePointer(tok)
		switch {
		case cur == nil:
			return nil
		case cur.Kind == Object:
			cur = cur.Get(tok)
		case cur.Kind == Array:
			i, err := strconv.Atoi(tok)
			if err != nil {
				return nil
			}
			cur = cur.Index(i)
		default:
			return nil
		}
	}
	return cur
}

// Location returns where the value is.
func (n *Node) Location() Location {
	if n == nil || n.File == nil {
		return Location{}
	}
	loc := n.File.Span(n.Start, n.End)
	loc.Pointer = n.Pointer
	return loc
}

// KeyLocation returns where the member name of n is, or the value's
// location when n is not an object member.
func (n *Node) KeyLocation() Location {
	if n == nil || n.File == nil || n.KeyEnd <= n.KeyStart {
		return n.Location()
	}
	loc := n.File.Span(n.KeyStart, n.KeyEnd)
	loc.Pointer = n.Pointer
	return loc
}

// The replacers are built once: building one per call cost kilobytes of
// garbage for every value parsed. A Replacer is safe for concurrent use.
var (
	pointerEscaper   = strings.NewReplacer("~", "~0", "/", "~1")
	pointerUnescaper = strings.NewReplacer("~1", "/", "~0", "~")
)

// EscapePointer escapes one RFC 6901 reference token.
func EscapePointer(tok string) string {
	if !strings.ContainsAny(tok, "~/") {
		return tok
	}
	return pointerEscaper.Replace(tok)
}

// UnescapePointer reverses EscapePointer.
func UnescapePointer(tok string) string {
	if !strings.Contains(tok, "~") {
		return tok
	}
	return pointerUnescaper.Replace(tok)
}

// Child returns the pointer of member or item tok below ptr.
func Child(ptr, tok string) string { return ptr + "/" + EscapePointer(tok) }
