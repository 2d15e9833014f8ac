package source

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxDepth is the deepest nesting a document may have. It is serde_json's
// recursion limit, so anything deeper is a file Tauri cannot read either.
const MaxDepth = 128

var bom = []byte("\xef\xbb\xbf")

// ParseJSON parses f as JSON. With strict set it rejects comments and
// trailing commas, as serde_json does for capability files; otherwise it
// accepts JWCC (JSON with comments and trailing commas). The returned
// warnings are problems Tauri tolerates, such as duplicate keys.
func ParseJSON(f *File, strict bool) (*Node, []*Error, error) {
	data, diags, err := precheck(f)
	if err != nil {
		return nil, nil, err
	}
	p := &jsoncParser{b: &builder{file: f, warnings: diags}, file: f, data: data, ext: -1}
	root, perr := p.document()
	if perr != nil {
		return nil, nil, perr // never a typed nil: callers compare err to nil
	}
	if strict && p.ext >= 0 {
		return nil, nil, errorAt(f, p.ext, "comments and trailing commas are not allowed in a strict JSON file")
	}
	return root, p.b.warnings, nil
}

// precheck rejects input no Tauri parser accepts, and returns the bytes to
// parse. A leading byte-order mark is reported (Tauri's parsers reject it)
// but blanked so the rest of the file is still audited; offsets stay true.
func precheck(f *File) ([]byte, []*Error, error) {
	data, diags, err := checkEncoding(f)
	if err != nil {
		return nil, nil, err
	}
	if off, ok := tooDeep(data, MaxDepth); ok {
		return nil, nil, errorAt(f, off, "nesting deeper than %d levels", MaxDepth)
	}
	if off, ok := tooMany(data, MaxValues, ",[{"); ok {
		return nil, nil, tooManyError(f, off)
	}
	return data, diags, nil
}

// MaxValues bounds the values (array items, object members) of one
// document. Each parsed value costs a few hundred bytes, so a file of a few
// MB such as "[0,0,0,…" would take gigabytes; real Tauri configs,
// capabilities and lockfiles under the default size limit hold far fewer.
const MaxValues = 1 << 20

// tooMany reports the offset where data holds more than max of the given
// separator bytes, which bound its values from above (outside strings
// too: the count only has to be cheap and never too low by much).
func tooMany(data []byte, max int, seps string) (int, bool) {
	n := 0
	for i, c := range data {
		if (c == ',' || c == '\n' || c == '[' || c == '{') && strings.IndexByte(seps, c) >= 0 {
			if n++; n > max {
				return i, true
			}
		}
	}
	return 0, false
}

func tooManyError(f *File, off int) *Error {
	return errorAt(f, off, "more than %d values: too many to audit", MaxValues)
}

// checkEncoding is the part of precheck every format shares: valid UTF-8,
// and a blanked, reported byte-order mark. The returned slice has no spare
// capacity, so offsets of a parser's sub-slices follow from their capacity.
func checkEncoding(f *File) ([]byte, []*Error, error) {
	data := f.Data
	if !utf8.Valid(data) {
		off := invalidUTF8Offset(data)
		return nil, nil, errorAt(f, off, "invalid UTF-8 at byte %d", off)
	}
	var diags []*Error
	if bytes.HasPrefix(data, bom) {
		e := errorAt(f, 0, "file starts with a UTF-8 byte order mark, which Tauri's parsers reject")
		e.Severe = true
		diags = append(diags, e)
		data = append([]byte("   "), data[3:]...)
	}
	return data[:len(data):len(data)], diags, nil
}

func invalidUTF8Offset(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// tooDeep scans brackets outside strings and comments and reports the
// offset where nesting first exceeds max. It is a cheap guard that keeps
// recursive parsers away from hostile input.
func tooDeep(b []byte, max int) (int, bool) {
	depth := 0
	var quote byte
	for i := 0; i < len(b); i++ {
		c := b[i]
		if quote != 0 {
			switch c {
			case '\\':
				i++
			case quote:
				quote = 0
			}
			continue
		}
		switch c {
		case '"', '\'':
			quote = c
		case '[', '{':
			depth++
			if depth > max {
				return i, true
			}
		case ']', '}':
			depth--
		case '/':
			if i+1 < len(b) && b[i+1] == '/' {
				for i < len(b) && b[i] != '\n' {
					i++
				}
			} else if i+1 < len(b) && b[i+1] == '*' {
				end := bytes.Index(b[i+2:], []byte("*/"))
				if end < 0 {
					return 0, false
				}
				i += end + 3
			}
		}
	}
	return 0, false
}

// builder turns a parsed document into Nodes and collects warnings.
type builder struct {
	file     *File
	warnings []*Error
	// index finds the members of large objects by name, so that checking
	// for repeated names stays linear on a file with very many keys.
	index   map[*Node]map[string]*Member
	nodes   slab[Node]
	members slab[Member]
}

// indexFrom is the member count from which an object gets an index.
const indexFrom = 16

func (b *builder) node(kind Kind, ptr string, start, end int) *Node {
	n := b.nodes.get()
	*n = Node{Kind: kind, File: b.file, Pointer: ptr, Start: start, End: end, KeyStart: start, KeyEnd: start}
	return n
}

// addMember appends a member, keeping serde_json's last-wins rule for a
// repeated name (the first position is kept, the value replaced).
func (b *builder) addMember(obj *Node, name string, v *Node) {
	if m := b.member(obj, name); m != nil {
		b.warnings = append(b.warnings, &Error{Loc: v.KeyLocation(),
			Msg: fmt.Sprintf("duplicate key %q: Tauri keeps only the last value", name)})
		m.Value = v
		return
	}
	m := b.members.get()
	*m = Member{Name: name, Value: v}
	obj.members = append(obj.members, m)
	if idx := b.index[obj]; idx != nil {
		idx[name] = m
	}
}

// member finds obj's member called name: by a scan while obj is small,
// then through an index built on first need.
func (b *builder) member(obj *Node, name string) *Member {
	if len(obj.members) < indexFrom {
		for _, m := range obj.members {
			if m.Name == name {
				return m
			}
		}
		return nil
	}
	idx := b.index[obj]
	if idx == nil {
		if b.index == nil {
			b.index = map[*Node]map[string]*Member{}
		}
		idx = make(map[string]*Member, 2*len(obj.members))
		for _, m := range obj.members {
			idx[m.Name] = m
		}
		b.index[obj] = idx
	}
	return idx[name]
}
