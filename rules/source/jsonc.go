package source

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// jsoncParser reads JWCC (JSON with comments and trailing commas) straight
// into Nodes in one pass. It accepts exactly what github.com/tailscale/hujson
// accepts, which the tests use as its oracle, and reports errors at the same
// offsets with the same wording; building Nodes from hujson's own tree cost
// three times the time and allocations on lockfiles.
type jsoncParser struct {
	b     *builder
	file  *File
	data  []byte
	pos   int
	depth int
	// ext is the offset where strict JSON first stops: a comment, or the
	// bracket after a trailing comma (-1 while there is none).
	ext int
	buf []byte // scratch for decoding escaped strings
}

func (p *jsoncParser) document() (*Node, *Error) {
	root, err := p.next("")
	if err != nil {
		return nil, err
	}
	if p.pos < len(p.data) {
		return nil, p.invalidChar(p.pos, "after top-level value")
	}
	return root, nil
}

// next parses a value with the white space and comments around it.
func (p *jsoncParser) next(ptr string) (*Node, *Error) {
	if err := p.skipExtra(); err != nil {
		return nil, err
	}
	n, err := p.value(ptr)
	if err != nil {
		return nil, err
	}
	return n, p.skipExtra()
}

func (p *jsoncParser) value(ptr string) (*Node, *Error) {
	if p.pos >= len(p.data) {
		return nil, p.eof("parsing value")
	}
	switch p.data[p.pos] {
	case '{':
		return p.object(ptr)
	case '[':
		return p.array(ptr)
	case '"':
		start := p.pos
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		n := p.b.node(String, ptr, start, p.pos)
		n.text = s
		return n, nil
	case '}', ']':
		return nil, p.invalidChar(p.pos, "at start of value")
	}
	return p.literal(ptr)
}

// literal parses null, a boolean or a number: hujson takes the longest run
// of sign, dot, letter and digit bytes and then validates it.
func (p *jsoncParser) literal(ptr string) (*Node, *Error) {
	d, start := p.data, p.pos
	i := start
	for i < len(d) && isLiteralByte(d[i]) {
		i++
	}
	lit := d[start:i]
	var n *Node
	switch {
	case i == start:
		return nil, p.invalidChar(start, "at start of value")
	case string(lit) == "null":
		n = p.b.node(Null, ptr, start, i)
	case string(lit) == "true" || string(lit) == "false":
		n = p.b.node(Bool, ptr, start, i)
		n.boolean = lit[0] == 't'
	case isJSONNumber(lit):
		n = p.b.node(Number, ptr, start, i)
		n.text = string(lit)
	default:
		return nil, errorAt(p.file, start, "invalid JSON: invalid literal: %s", lit)
	}
	p.pos = i
	return n, nil
}

func isLiteralByte(c byte) bool {
	return c == '-' || c == '+' || c == '.' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// isJSONNumber reports whether b is an RFC 8259 number.
func isJSONNumber(b []byte) bool {
	i := 0
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case i < len(b) && b[i] >= '1' && b[i] <= '9':
		i = skipDigits(b, i)
	default:
		return false
	}
	if i < len(b) && b[i] == '.' {
		j := skipDigits(b, i+1)
		if j == i+1 {
			return false
		}
		i = j
	}
	i, ok := skipExponent(b, i)
	return ok && i == len(b)
}

func (p *jsoncParser) enter(off int) *Error {
	p.depth++
	if p.depth > MaxDepth {
		return errorAt(p.file, off, "nesting deeper than %d levels", MaxDepth)
	}
	return nil
}

// object parses "{" [member {"," member}] [","] "}".
func (p *jsoncParser) object(ptr string) (*Node, *Error) {
	n := p.b.node(Object, ptr, p.pos, p.pos)
	if err := p.enter(p.pos); err != nil {
		return nil, err
	}
	p.pos++
	for {
		if err := p.skipExtra(); err != nil {
			return nil, err
		}
		if p.pos < len(p.data) && p.data[p.pos] == '}' {
			if len(n.members) > 0 {
				p.nonStandard(p.pos) // a trailing comma
			}
			break
		}
		if err := p.member(n, ptr); err != nil {
			return nil, err
		}
		if p.pos >= len(p.data) {
			return nil, p.eof("parsing object after value")
		}
		if c := p.data[p.pos]; c == '}' {
			break
		} else if c != ',' {
			return nil, p.invalidChar(p.pos, "after object value (expecting ',' or '}')")
		}
		p.pos++
	}
	p.pos++ // the '}'
	n.End = p.pos
	p.depth--
	return n, nil
}

// member parses name ":" value (with comments around each) and adds it.
func (p *jsoncParser) member(obj *Node, ptr string) *Error {
	keyStart := p.pos
	if p.pos >= len(p.data) {
		return p.eof("parsing value")
	}
	if p.data[p.pos] != '"' {
		if _, err := p.next(ptr); err != nil {
			return err // what hujson reports for a value that is no name
		}
		return p.invalidChar(keyStart, "at start of object name")
	}
	name, err := p.str()
	if err != nil {
		return err
	}
	keyEnd := p.pos
	if err := p.skipExtra(); err != nil {
		return err
	}
	if p.pos >= len(p.data) {
		return p.eof("parsing object after name")
	}
	if p.data[p.pos] != ':' {
		return p.invalidChar(p.pos, "after object name")
	}
	p.pos++
	v, err := p.next(Child(ptr, name))
	if err != nil {
		return err
	}
	v.KeyStart, v.KeyEnd = keyStart, keyEnd
	p.b.addMember(obj, name, v)
	return nil
}

// array parses "[" [value {"," value}] [","] "]".
func (p *jsoncParser) array(ptr string) (*Node, *Error) {
	n := p.b.node(Array, ptr, p.pos, p.pos)
	if err := p.enter(p.pos); err != nil {
		return nil, err
	}
	p.pos++
	for {
		if err := p.skipExtra(); err != nil {
			return nil, err
		}
		if p.pos < len(p.data) && p.data[p.pos] == ']' {
			if len(n.items) > 0 {
				p.nonStandard(p.pos)
			}
			break
		}
		item, err := p.next(Child(ptr, strconv.Itoa(len(n.items))))
		if err != nil {
			return nil, err
		}
		n.items = append(n.items, item)
		if p.pos >= len(p.data) {
			return nil, p.eof("parsing array after value")
		}
		if c := p.data[p.pos]; c == ']' {
			break
		} else if c != ',' {
			return nil, p.invalidChar(p.pos, "after array value (expecting ',' or ']')")
		}
		p.pos++
	}
	p.pos++ // the ']'
	n.End = p.pos
	p.depth--
	return n, nil
}

func (p *jsoncParser) nonStandard(off int) {
	if p.ext < 0 {
		p.ext = off
	}
}

// skipExtra moves past white space and comments. As in hujson, a line
// comment must end with a newline and may not hold U+2028 or U+2029.
func (p *jsoncParser) skipExtra() *Error {
	d := p.data
	for p.pos < len(d) {
		switch d[p.pos] {
		case ' ', '\t', '\r', '\n':
			p.pos++
		case '/':
			if p.pos+1 >= len(d) || d[p.pos+1] != '/' && d[p.pos+1] != '*' {
				return nil
			}
			if err := p.comment(); err != nil {
				return err
			}
		default:
			return nil
		}
	}
	return nil
}

// comment moves past the comment at p.pos.
func (p *jsoncParser) comment() *Error {
	d, start := p.data, p.pos
	p.nonStandard(start)
	if d[start+1] == '*' {
		end := indexAfter(d, start+2, "*/")
		if end < 0 {
			return p.unterminated(start)
		}
		p.pos = end + 2
		return nil
	}
	end := indexAfter(d, start+2, "\n")
	limit := end
	if end < 0 {
		limit = len(d)
	}
	for i := start + 2; i < limit; i++ {
		if isLineSep(d, i) {
			return p.invalidChar(i, "in line comment")
		}
	}
	if end < 0 {
		return p.unterminated(start)
	}
	p.pos = end + 1
	return nil
}

// indexAfter returns the offset of the first sep in d at or after from, or -1.
func indexAfter(d []byte, from int, sep string) int {
	if i := bytes.Index(d[from:], []byte(sep)); i >= 0 {
		return from + i
	}
	return -1
}

// str decodes the string at p.pos. Strings with neither escapes nor
// control characters, by far the most common, cost one copy.
func (p *jsoncParser) str() (string, *Error) {
	d, start := p.data, p.pos
	plain := true
	for i := start + 1; i < len(d); i++ {
		switch c := d[i]; {
		case c == '"':
			p.pos = i + 1
			if plain {
				return string(d[start+1 : i]), nil
			}
			return p.unescape(start, i)
		case c == '\\':
			plain = false
			i++ // the escaped byte cannot end the string
		case c < 0x20:
			plain = false
		}
	}
	p.pos = len(d)
	return "", p.eof("parsing string")
}

// unescape decodes the string literal d[start:end+1], reporting it as an
// invalid literal (as hujson does) when JSON does not allow it.
func (p *jsoncParser) unescape(start, end int) (string, *Error) {
	d := p.data
	buf := p.buf[:0]
	defer func() { p.buf = buf[:0] }()
	bad := func() (string, *Error) {
		p.pos = start
		return "", errorAt(p.file, start, "invalid JSON: invalid literal: %s", d[start:end+1])
	}
	for i := start + 1; i < end; {
		c := d[i]
		switch {
		case c < 0x20:
			return bad()
		case c != '\\':
			buf = append(buf, c)
			i++
			continue
		}
		if i+1 >= end {
			return bad()
		}
		switch e := d[i+1]; e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b', 'f', 'n', 'r', 't':
			buf = append(buf, controlEscape(e))
		case 'u':
			r := hexN(d[:end], i+2, 4)
			if r < 0 {
				return bad()
			}
			var n int
			buf, n = appendUnicodeEscape(buf, d[:end], i, r)
			i += n
			continue
		default:
			return bad()
		}
		i += 2
	}
	return string(buf), nil
}

// appendUnicodeEscape appends the character of the \uXXXX at i (value r),
// joining a surrogate pair written as two escapes; a lone surrogate becomes
// U+FFFD, as in encoding/json. It returns how many bytes it consumed.
func appendUnicodeEscape(buf, d []byte, i int, r rune) ([]byte, int) {
	if !utf16.IsSurrogate(r) {
		return utf8.AppendRune(buf, r), 6
	}
	if i+7 < len(d) && d[i+6] == '\\' && d[i+7] == 'u' {
		if pair := utf16.DecodeRune(r, hexN(d, i+8, 4)); pair != utf8.RuneError {
			return utf8.AppendRune(buf, pair), 12
		}
	}
	return utf8.AppendRune(buf, utf8.RuneError), 6
}

// unterminated reports a comment that runs to the end of input, at its
// start as hujson does.
func (p *jsoncParser) unterminated(start int) *Error {
	return errorAt(p.file, start, "invalid JSON: parsing comment: unexpected EOF")
}

func (p *jsoncParser) eof(what string) *Error {
	return errorAt(p.file, len(p.data), "invalid JSON: %s: unexpected EOF", what)
}

// invalidChar reports the character at off in hujson's words.
func (p *jsoncParser) invalidChar(off int, where string) *Error {
	r, _ := utf8.DecodeRune(p.data[off:])
	var what string
	switch {
	case unicode.IsPrint(r):
		what = fmt.Sprintf("%q", r)
	case r <= 0xFFFF:
		what = fmt.Sprintf(`'\u%04x'`, r)
	default:
		what = fmt.Sprintf(`'\U%08x'`, r)
	}
	return errorAt(p.file, off, "invalid JSON: invalid character %s %s", what, where)
}
