package source

import (
	"errors"
	"fmt"

	"github.com/pelletier/go-toml/v2/unstable"
)

// ParseTOML parses f as TOML into Nodes with positions. It reads TOML 1.1
// (what go-toml's parser and the toml crate Tauri uses accept) and enforces
// the table rules a TOML parser must: no key or table defined twice, no
// [[array]] appended to a static array, nothing added to an inline table
// after it is closed. Breaking one of them is a parse error, because Tauri
// would not load the file either.
//
// Tables keep the span of the [header] that defines them (or of the first
// key that created them implicitly), arrays of tables the span of their first
// header, and each [[array]] element the span of its own header. Integers
// are kept as normalised decimal text, floats without underscores, and
// date/times as String nodes holding their literal.
func ParseTOML(f *File) (root *Node, warnings []*Error, err error) {
	data, diags, err := tomlPrecheck(f)
	if err != nil {
		return nil, nil, err
	}
	defer func() {
		// Last line of defence: a panic here is a bug to fix, but one bad
		// file must not stop the audit of the others.
		if r := recover(); r != nil {
			root, warnings, err = nil, nil, errorAt(f, 0, "internal error while parsing TOML: %v", r)
		}
	}()
	t := newTomlBuilder(f, data, diags)
	if err := t.run(); err != nil {
		return nil, nil, err
	}
	return t.root.node, t.warnings, nil
}

// tomlPrecheck is precheck without its bracket scan, which does not know
// TOML's comments and literal strings and could count brackets inside them;
// the builder checks nesting on the parsed tree instead, and go-toml bounds
// its own recursion.
//
// It also bounds the values (see MaxValues): every TOML value but the
// last of an array or inline table ends at a comma or a line break.
func tomlPrecheck(f *File) ([]byte, []*Error, error) {
	data, diags, err := checkEncoding(f)
	if err != nil {
		return nil, nil, err
	}
	if off, ok := tooMany(data, MaxValues, ",\n"); ok {
		return nil, nil, tooManyError(f, off)
	}
	return data, diags, nil
}

// tomlBuilder turns go-toml's expression stream into Nodes.
type tomlBuilder struct {
	builder
	data   []byte
	root   *tomlTable
	cur    *tomlTable // the table key/values currently go to
	tables map[*Node]*tomlTable
	aot    map[*Node]bool // arrays made by [[header]]s, which may grow
}

// tomlTable is an object node with the state TOML's rules need.
type tomlTable struct {
	node  *Node
	depth int              // nesting of node; the root is 0
	keys  map[string]*Node // member index: Node.Get is linear
	// implicit: created as the prefix of a header or dotted key, so a
	// header may still define it (or dotted keys extend it).
	implicit bool
	dotted   bool // created by a dotted key
	frozen   bool // a closed inline table
}

// tomlKey is one segment of a (dotted) key.
type tomlKey struct {
	name       string
	start, end int
}

func newTomlBuilder(f *File, data []byte, diags []*Error) *tomlBuilder {
	t := &tomlBuilder{
		builder: builder{file: f, warnings: diags},
		data:    data,
		tables:  map[*Node]*tomlTable{},
		aot:     map[*Node]bool{},
	}
	n := t.node(Object, "", 0, len(data))
	t.root = &tomlTable{node: n, keys: map[string]*Node{}}
	t.tables[n] = t.root
	t.cur = t.root
	return t
}

// run feeds every top-level expression to the builder. Each must be fully
// handled before the next call to NextExpression, which reuses the nodes.
func (t *tomlBuilder) run() error {
	var p unstable.Parser
	p.Reset(t.data)
	for p.NextExpression() {
		if err := t.expression(p.Expression()); err != nil {
			return err
		}
	}
	if err := p.Error(); err != nil {
		return t.parserError(err)
	}
	return nil
}

func (t *tomlBuilder) expression(e *unstable.Node) error {
	switch e.Kind {
	case unstable.Table, unstable.ArrayTable:
		return t.header(e)
	case unstable.KeyValue:
		return t.keyval(t.cur, e)
	}
	return nil
}

// parserError positions a go-toml error at the start of its highlight.
func (t *tomlBuilder) parserError(err error) *Error {
	var pe *unstable.ParserError
	if !errors.As(err, &pe) {
		return errorAt(t.file, len(t.data), "invalid TOML: %v", err)
	}
	return errorAt(t.file, t.offsetOf(pe.Highlight), "invalid TOML: %s", pe.Message)
}

// offsetOf returns where sub-slice b of t.data starts: t.data has no spare
// capacity, so the capacities differ by exactly that offset. Anything else
// is clamped into the file rather than trusted.
func (t *tomlBuilder) offsetOf(b []byte) int {
	off := cap(t.data) - cap(b)
	if off < 0 || off > len(t.data) {
		return len(t.data)
	}
	return off
}

// keys returns the segments of a key/value's or header's key.
func (t *tomlBuilder) keys(e *unstable.Node) []tomlKey {
	var ks []tomlKey
	it := e.Key()
	for it.Next() {
		k := it.Node()
		start := int(k.Raw.Offset)
		ks = append(ks, tomlKey{name: string(k.Data), start: start, end: start + int(k.Raw.Length)})
	}
	return ks
}

// errAt reports a problem with key k.
func (t *tomlBuilder) errAt(k tomlKey, format string, args ...any) *Error {
	return errorAt(t.file, k.start, format, args...)
}

// where says where an earlier definition is, for error messages.
func (t *tomlBuilder) where(n *Node) string {
	return fmt.Sprintf("line %d", n.KeyLocation().Start.Line)
}

func isTomlSpace(c byte) bool { return c == ' ' || c == '\t' }

func (t *tomlBuilder) skipSpace(i int) int {
	for i < len(t.data) && isTomlSpace(t.data[i]) {
		i++
	}
	return i
}

// skipTrivia skips what may separate the items of an array or inline table:
// whitespace, newlines, comments and commas. The parser has already
// validated the text, so nothing else can appear between items.
func (t *tomlBuilder) skipTrivia(i int) int {
	for i < len(t.data) {
		switch t.data[i] {
		case ' ', '\t', '\r', '\n', ',':
			i++
		case '#':
			for i < len(t.data) && t.data[i] != '\n' {
				i++
			}
		default:
			return i
		}
	}
	return i
}

// closeAt returns the end of the closing bracket c expected at i.
func (t *tomlBuilder) closeAt(i int, c byte) int {
	if i < len(t.data) && t.data[i] == c {
		return i + 1
	}
	return min(i, len(t.data))
}
