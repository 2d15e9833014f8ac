package source

import (
	"strconv"
	"unicode"
	"unicode/utf8"
)

// ParseJSON5 parses f as JSON5 (https://spec.json5.org), the format of
// tauri.conf.json5 and of capability files named *.json5. Like ParseJSON
// it returns the root Node, warnings Tauri tolerates (duplicate keys, a
// byte-order mark) or a positioned *Error.
//
// Strings and member names hold their decoded value; numbers keep their
// literal text ("0x1F", "+.5", "-Infinity"), which Node.Float reads.
func ParseJSON5(f *File) (*Node, []*Error, error) {
	data, diags, err := precheck(f)
	if err != nil {
		return nil, nil, err
	}
	p := &json5Parser{b: &builder{file: f, warnings: diags}, file: f, data: data}
	root, perr := p.document()
	if perr != nil {
		return nil, nil, perr // never a typed nil: callers compare err to nil
	}
	return root, p.b.warnings, nil
}

// json5Parser is a recursive-descent parser whose recursion is bounded by
// MaxDepth: precheck already rejects deeper brackets, and depth checks
// again because its quick scan does not know every JSON5 rule (a line
// comment may end at U+2028, for one).
type json5Parser struct {
	b     *builder
	file  *File
	data  []byte // f.Data, or a copy with the byte-order mark blanked
	pos   int
	depth int
	buf   []byte // scratch for decoding escaped strings and identifiers
}

// document parses the single value the file must hold.
func (p *json5Parser) document() (*Node, *Error) {
	if err := p.skipSpace(); err != nil {
		return nil, err
	}
	root, err := p.value("")
	if err != nil {
		return nil, err
	}
	if err := p.skipSpace(); err != nil {
		return nil, err
	}
	if p.pos < len(p.data) {
		return nil, p.unexpected(p.pos)
	}
	return root, nil
}

// value parses the value at p.pos, which is not white space.
func (p *json5Parser) value(ptr string) (*Node, *Error) {
	if p.pos >= len(p.data) {
		return nil, p.unexpected(p.pos)
	}
	start := p.pos
	switch p.data[start] {
	case '{':
		return p.object(ptr)
	case '[':
		return p.array(ptr)
	case '"', '\'':
		s, err := p.scanString()
		if err != nil {
			return nil, err
		}
		n := p.b.node(String, ptr, start, p.pos)
		n.text = s
		return n, nil
	case 't', 'f':
		w := "true"
		if p.data[start] == 'f' {
			w = "false"
		}
		if err := p.word(start, w); err != nil {
			return nil, err
		}
		n := p.b.node(Bool, ptr, start, p.pos)
		n.boolean = w == "true"
		return n, nil
	case 'n':
		if err := p.word(start, "null"); err != nil {
			return nil, err
		}
		return p.b.node(Null, ptr, start, p.pos), nil
	}
	if err := p.scanNumber(); err != nil {
		return nil, err
	}
	n := p.b.node(Number, ptr, start, p.pos)
	n.text = string(p.data[start:p.pos])
	return n, nil
}

// enter counts one level of nesting for the bracket at off.
func (p *json5Parser) enter(off int) *Error {
	p.depth++
	if p.depth > MaxDepth {
		return errorAt(p.file, off, "nesting deeper than %d levels", MaxDepth)
	}
	return nil
}

// expect reports what was found at p.pos where one of want should be.
func (p *json5Parser) expect(want string) *Error {
	e := p.unexpected(p.pos)
	e.Msg += ", expected " + want
	return e
}

// array parses "[" [value {"," value}] [","] "]".
func (p *json5Parser) array(ptr string) (*Node, *Error) {
	n := p.b.node(Array, ptr, p.pos, p.pos)
	if err := p.enter(p.pos); err != nil {
		return nil, err
	}
	p.pos++
	for {
		if err := p.skipSpace(); err != nil {
			return nil, err
		}
		if p.pos < len(p.data) && p.data[p.pos] == ']' {
			break
		}
		item, err := p.value(Child(ptr, strconv.Itoa(len(n.items))))
		if err != nil {
			return nil, err
		}
		n.items = append(n.items, item)
		more, err := p.separator(']')
		if err != nil {
			return nil, err
		}
		if !more {
			break
		}
	}
	p.pos++ // the ']'
	n.End = p.pos
	p.depth--
	return n, nil
}

// object parses "{" [member {"," member}] [","] "}", keeping the last of
// repeated names with a warning (builder.addMember).
func (p *json5Parser) object(ptr string) (*Node, *Error) {
	n := p.b.node(Object, ptr, p.pos, p.pos)
	if err := p.enter(p.pos); err != nil {
		return nil, err
	}
	p.pos++
	for {
		if err := p.skipSpace(); err != nil {
			return nil, err
		}
		if p.pos < len(p.data) && p.data[p.pos] == '}' {
			break
		}
		if err := p.member(n, ptr); err != nil {
			return nil, err
		}
		more, err := p.separator('}')
		if err != nil {
			return nil, err
		}
		if !more {
			break
		}
	}
	p.pos++ // the '}'
	n.End = p.pos
	p.depth--
	return n, nil
}

// member parses name ":" value and adds it to obj.
func (p *json5Parser) member(obj *Node, ptr string) *Error {
	keyStart := p.pos
	name, err := p.key()
	if err != nil {
		return err
	}
	keyEnd := p.pos
	if err := p.skipSpace(); err != nil {
		return err
	}
	if p.pos >= len(p.data) || p.data[p.pos] != ':' {
		return p.expect("':'")
	}
	p.pos++
	if err := p.skipSpace(); err != nil {
		return err
	}
	v, err := p.value(Child(ptr, name))
	if err != nil {
		return err
	}
	v.KeyStart, v.KeyEnd = keyStart, keyEnd
	p.b.addMember(obj, name, v)
	return nil
}

// key parses a member name: a string or an unquoted identifier.
func (p *json5Parser) key() (string, *Error) {
	if p.pos >= len(p.data) {
		return "", p.unexpected(p.pos)
	}
	if c := p.data[p.pos]; c == '"' || c == '\'' {
		return p.scanString()
	}
	return p.scanIdentifier()
}

// separator moves past the "," after an item and reports whether another
// item may follow, or stops at the closing bracket (left for the caller).
func (p *json5Parser) separator(closing byte) (bool, *Error) {
	if err := p.skipSpace(); err != nil {
		return false, err
	}
	if p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ',':
			p.pos++
			return true, nil
		case closing:
			return false, nil
		}
	}
	return false, p.expect("',' or '" + string(closing) + "'")
}

// isIDStart reports whether r may start an ECMAScript IdentifierName.
func isIDStart(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '$' || r == '_'
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Nl, r)
}

// isIDPart reports whether r may continue an IdentifierName.
func isIDPart(r rune) bool {
	if r < utf8.RuneSelf {
		return isIDStart(r) || r >= '0' && r <= '9'
	}
	return isIDStart(r) || r == 0x200C || r == 0x200D ||
		unicode.In(r, unicode.Mn, unicode.Mc, unicode.Nd, unicode.Pc)
}

// scanIdentifier reads an unquoted member name. Plain ASCII names are
// sliced directly; others are decoded rune by rune.
func (p *json5Parser) scanIdentifier() (string, *Error) {
	d, start := p.data, p.pos
	i := start
	for i < len(d) && d[i] < utf8.RuneSelf && d[i] != '\\' && isIDPart(rune(d[i])) {
		i++
	}
	if i < len(d) && (d[i] >= utf8.RuneSelf || d[i] == '\\') {
		return p.scanIdentifierSlow(start, i)
	}
	if i == start || d[start] >= '0' && d[start] <= '9' {
		return "", p.unexpected(start)
	}
	p.pos = i
	return string(d[start:i]), nil
}

// scanIdentifierSlow continues an identifier at i with non-ASCII letters
// or \uXXXX escapes, each of which must itself be a valid identifier
// character there.
func (p *json5Parser) scanIdentifierSlow(start, i int) (string, *Error) {
	d := p.data
	if i > start && d[start] >= '0' && d[start] <= '9' {
		return "", p.unexpected(start)
	}
	buf := append(p.buf[:0], d[start:i]...)
	defer func() { p.buf = buf[:0] }()
	for i < len(d) {
		r, n := p.runeAt(i)
		escaped := r == '\\'
		if escaped {
			if r, n = -1, 6; i+1 < len(d) && d[i+1] == 'u' {
				r = hexN(d, i+2, 4)
			}
		}
		ok := isIDPart(r)
		if i == start {
			ok = isIDStart(r)
		}
		if !ok {
			if escaped {
				return "", errorAt(p.file, i, "invalid JSON5: invalid escape sequence in identifier")
			}
			if i == start {
				return "", p.unexpected(start)
			}
			break
		}
		buf, i = utf8.AppendRune(buf, r), i+n
	}
	p.pos = i
	return string(buf), nil
}
