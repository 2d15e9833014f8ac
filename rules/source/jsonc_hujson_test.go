package source

import (
	"bytes"
	"encoding/json"
	"errors"
	"regexp"
	"strconv"

	"github.com/tailscale/hujson"
)

// The JWCC parser before jsoncParser: hujson's tree turned into Nodes. It
// is kept here as the oracle jsoncParser must agree with.

func parseJSONWithHujson(f *File, strict bool) (*Node, []*Error, error) {
	data, diags, err := precheck(f)
	if err != nil {
		return nil, nil, err
	}
	v, perr := hujson.Parse(data)
	if perr != nil {
		return nil, nil, hujsonError(f, perr)
	}
	if strict && !v.IsStandard() {
		return nil, nil, errorAt(f, strictErrorOffset(data), "comments and trailing commas are not allowed in a strict JSON file")
	}
	b := &builder{file: f, warnings: diags}
	root := b.fromHujson(&v, "")
	return root, b.warnings, nil
}

var hujsonPos = regexp.MustCompile(`line (\d+), column (\d+)`)

// hujsonError turns a hujson error ("hujson: line 2, column 3: ...") into
// a positioned Error.
func hujsonError(f *File, err error) *Error {
	msg := err.Error()
	m := hujsonPos.FindStringSubmatch(msg)
	if m == nil {
		return &Error{Loc: Location{File: f.Path}, Msg: msg}
	}
	line, _ := strconv.Atoi(m[1])
	col, _ := strconv.Atoi(m[2])
	text := msg[len(m[0])+bytes.Index([]byte(msg), []byte(m[0])):]
	text = string(bytes.TrimLeft([]byte(text), ": "))
	f.index()
	off := len(f.Data)
	if line-1 < len(f.lines) {
		off = min(f.lines[line-1]+col-1, len(f.Data))
	}
	return &Error{Loc: f.Span(off, off), Msg: "invalid JSON: " + text}
}

// strictErrorOffset returns where encoding/json, as strict as serde_json,
// stops reading data.
func strictErrorOffset(data []byte) int {
	var v any
	var se *json.SyntaxError
	if err := json.Unmarshal(data, &v); errors.As(err, &se) {
		return int(se.Offset) - 1
	}
	return 0
}

func (b *builder) fromHujson(v *hujson.Value, ptr string) *Node {
	switch t := v.Value.(type) {
	case *hujson.Object:
		n := b.node(Object, ptr, v.StartOffset, v.EndOffset)
		for i := range t.Members {
			m := &t.Members[i]
			name := m.Name.Value.(hujson.Literal).String()
			child := b.fromHujson(&m.Value, Child(ptr, name))
			child.KeyStart, child.KeyEnd = m.Name.StartOffset, m.Name.EndOffset
			b.addMember(n, name, child)
		}
		return n
	case *hujson.Array:
		n := b.node(Array, ptr, v.StartOffset, v.EndOffset)
		for i := range t.Elements {
			n.items = append(n.items, b.fromHujson(&t.Elements[i], Child(ptr, strconv.Itoa(i))))
		}
		return n
	case hujson.Literal:
		return b.literal(t, ptr, v.StartOffset, v.EndOffset)
	}
	return b.node(Null, ptr, v.StartOffset, v.EndOffset)
}

func (b *builder) literal(lit hujson.Literal, ptr string, start, end int) *Node {
	switch lit.Kind() {
	case 'n':
		return b.node(Null, ptr, start, end)
	case 't', 'f':
		n := b.node(Bool, ptr, start, end)
		n.boolean = lit.Bool()
		return n
	case '"':
		n := b.node(String, ptr, start, end)
		if bytes.IndexByte(lit, '\\') < 0 {
			// No escapes: the text between the quotes is the value (the
			// literal is already validated, UTF-8 included).
			n.text = string(lit[1 : len(lit)-1])
		} else {
			n.text = lit.String()
		}
		return n
	default:
		n := b.node(Number, ptr, start, end)
		n.text = string(lit)
		return n
	}
}
