package source

import (
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// This file holds the JSON5 lexer: white space, comments, keywords, numbers
// and strings (https://spec.json5.org); identifiers are in json5.go, next
// to the member names they spell. Every scanner works on p.data at p.pos,
// which precheck has proven to be valid UTF-8, and reports problems as
// positioned Errors instead of panicking.

// runeAt decodes the character at off, with an ASCII fast path.
func (p *json5Parser) runeAt(off int) (rune, int) {
	if c := p.data[off]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRune(p.data[off:])
}

// unexpected reports the character (or the end of input) at off.
func (p *json5Parser) unexpected(off int) *Error {
	if off >= len(p.data) {
		return errorAt(p.file, off, "invalid JSON5: unexpected end of input")
	}
	r, _ := p.runeAt(off)
	return errorAt(p.file, off, "invalid JSON5: unexpected character %q", r)
}

// isJSON5Space reports whether r is JSON5 white space or a line terminator:
// the ECMAScript set, much wider than JSON's four ASCII characters.
func isJSON5Space(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0xA0, 0x2028, 0x2029, 0xFEFF:
		return true
	}
	return r > unicode.MaxASCII && unicode.Is(unicode.Zs, r)
}

// isLineSep reports whether data[i:] starts with U+2028 or U+2029, the
// two non-ASCII line terminators (E2 80 A8 and E2 80 A9 in UTF-8).
func isLineSep(data []byte, i int) bool {
	return i+2 < len(data) && data[i] == 0xE2 && data[i+1] == 0x80 && data[i+2]&^1 == 0xA8
}

// skipSpace moves past white space and comments.
func (p *json5Parser) skipSpace() *Error {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\n', '\r', '\t':
			p.pos++
		case '/':
			if err := p.skipComment(); err != nil {
				return err
			}
		default:
			r, n := p.runeAt(p.pos)
			if !isJSON5Space(r) {
				return nil
			}
			p.pos += n
		}
	}
	return nil
}

// skipComment moves past the comment starting with the '/' at p.pos. A
// line comment stops before its terminator, which is white space anyway.
func (p *json5Parser) skipComment() *Error {
	d, start := p.data, p.pos
	if start+1 >= len(d) {
		return p.unexpected(start)
	}
	switch d[start+1] {
	case '/':
		i := start + 2
		for i < len(d) && d[i] != '\n' && d[i] != '\r' && !isLineSep(d, i) {
			i++
		}
		p.pos = i
		return nil
	case '*':
		for i := start + 2; i+1 < len(d); i++ {
			if d[i] == '*' && d[i+1] == '/' {
				p.pos = i + 2
				return nil
			}
		}
		return errorAt(p.file, start, "invalid JSON5: unterminated comment")
	}
	return p.unexpected(start)
}

// endOfToken rejects a number or keyword run into the next token: as in
// ECMAScript, "1a", "0x1g", "01" and "truex" are not two tokens.
func (p *json5Parser) endOfToken(i int) *Error {
	if i >= len(p.data) {
		return nil
	}
	if r, _ := p.runeAt(i); r == '\\' || isIDPart(r) {
		return p.unexpected(i)
	}
	return nil
}

// word moves past the keyword w at i, reporting the first wrong byte.
func (p *json5Parser) word(i int, w string) *Error {
	for k := 0; k < len(w); k++ {
		if i+k >= len(p.data) || p.data[i+k] != w[k] {
			return p.unexpected(i + k)
		}
	}
	p.pos = i + len(w)
	return p.endOfToken(p.pos)
}

// scanNumber moves past the number at p.pos: an optional sign, then
// Infinity, NaN, a hexadecimal integer or a decimal literal.
func (p *json5Parser) scanNumber() *Error {
	d, i := p.data, p.pos
	if d[i] == '+' || d[i] == '-' {
		i++
	}
	if i >= len(d) {
		return p.unexpected(i)
	}
	switch c := d[i]; {
	case c == 'I':
		return p.word(i, "Infinity")
	case c == 'N':
		return p.word(i, "NaN")
	case c == '0' && i+1 < len(d) && d[i+1]|0x20 == 'x':
		j := skipHex(d, i+2)
		if j == i+2 {
			return p.unexpected(j)
		}
		i = j
	case c >= '0' && c <= '9' || c == '.':
		var err *Error
		if i, err = p.decimal(i); err != nil {
			return err
		}
	default:
		return p.unexpected(i)
	}
	p.pos = i
	return p.endOfToken(i)
}

// decimal scans a DecimalLiteral at i and returns where it ends. A leading
// zero ends the integer part, so "01" fails in endOfToken.
func (p *json5Parser) decimal(i int) (int, *Error) {
	d, start := p.data, i
	if d[i] == '0' {
		i++
	} else {
		i = skipDigits(d, i)
	}
	if i < len(d) && d[i] == '.' {
		j := skipDigits(d, i+1)
		if j == i+1 && i == start { // a lone "." has no digits at all
			return 0, p.unexpected(j)
		}
		i = j
	}
	i, ok := skipExponent(d, i)
	if !ok {
		return 0, p.unexpected(i)
	}
	return i, nil
}

// skipExponent moves past an optional exponent ("e", a sign, digits) at
// i; ok is false, with the offset where digits should be, when "e" has
// none. JSON and JSON5 spell exponents alike.
func skipExponent(d []byte, i int) (int, bool) {
	if i >= len(d) || d[i]|0x20 != 'e' {
		return i, true
	}
	i++
	if i < len(d) && (d[i] == '+' || d[i] == '-') {
		i++
	}
	j := skipDigits(d, i)
	return j, j > i
}

func skipDigits(d []byte, i int) int {
	for i < len(d) && d[i] >= '0' && d[i] <= '9' {
		i++
	}
	return i
}

func skipHex(d []byte, i int) int {
	for i < len(d) && hexVal(d[i]) >= 0 {
		i++
	}
	return i
}

func hexVal(c byte) rune {
	switch {
	case c >= '0' && c <= '9':
		return rune(c - '0')
	case c|0x20 >= 'a' && c|0x20 <= 'f':
		return rune(c|0x20-'a') + 10
	}
	return -1
}

// hexN reads n hex digits at i, or returns -1.
func hexN(d []byte, i, n int) rune {
	if i+n > len(d) {
		return -1
	}
	var v rune
	for _, c := range d[i : i+n] {
		h := hexVal(c)
		if h < 0 {
			return -1
		}
		v = v<<4 | h
	}
	return v
}

// scanString decodes the quoted string at p.pos. Strings without escapes,
// by far the most common, cost one copy.
func (p *json5Parser) scanString() (string, *Error) {
	d, start := p.data, p.pos
	q := d[start]
	for i := start + 1; i < len(d); i++ {
		switch d[i] {
		case q:
			p.pos = i + 1
			return string(d[start+1 : i]), nil
		case '\\':
			return p.scanEscaped(start, i)
		case '\n', '\r':
			return "", errorAt(p.file, i, "invalid JSON5: line break in string")
		}
	}
	return "", errorAt(p.file, start, "invalid JSON5: unterminated string")
}

// scanEscaped finishes the string opened at start once an escape shows
// up at i, decoding into the parser's reusable buffer.
func (p *json5Parser) scanEscaped(start, i int) (string, *Error) {
	d, q := p.data, p.data[start]
	buf := append(p.buf[:0], d[start+1:i]...)
	defer func() { p.buf = buf[:0] }()
	for i < len(d) {
		switch c := d[i]; c {
		case q:
			p.pos = i + 1
			return string(buf), nil
		case '\\':
			var err *Error
			if buf, i, err = p.escape(buf, i); err != nil {
				return "", err
			}
		case '\n', '\r':
			return "", errorAt(p.file, i, "invalid JSON5: line break in string")
		default:
			buf = append(buf, c)
			i++
		}
	}
	return "", errorAt(p.file, start, "invalid JSON5: unterminated string")
}

// escape decodes the escape sequence whose backslash is at bs, appends it
// to buf and returns the offset after it. A backslash at the end of input
// is just consumed: the caller then reports the unterminated string.
func (p *json5Parser) escape(buf []byte, bs int) ([]byte, int, *Error) {
	d := p.data
	if bs+1 >= len(d) {
		return buf, len(d), nil
	}
	r, n := p.runeAt(bs + 1)
	i := bs + 1 + n
	switch r {
	case '\n', 0x2028, 0x2029: // line continuation: nothing
	case '\r':
		if i < len(d) && d[i] == '\n' {
			i++
		}
	case 'b', 'f', 'n', 'r', 't', 'v':
		buf = append(buf, controlEscape(byte(r)))
	case '0':
		if i < len(d) && d[i] >= '0' && d[i] <= '9' { // octal is not JSON5
			return buf, i, p.badEscape(bs)
		}
		buf = append(buf, 0)
	case '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return buf, i, p.badEscape(bs)
	case 'x':
		v := hexN(d, i, 2)
		if v < 0 {
			return buf, i, p.badEscape(bs)
		}
		buf, i = utf8.AppendRune(buf, v), i+2
	case 'u':
		return p.unicodeEscape(buf, bs)
	default: // any other character stands for itself: \' \" \\ \/ \a ...
		buf = utf8.AppendRune(buf, r)
	}
	return buf, i, nil
}

// unicodeEscape decodes \uXXXX at bs, joining a surrogate pair written as
// two escapes. A lone surrogate, which UTF-8 cannot hold, becomes U+FFFD
// (as in encoding/json).
func (p *json5Parser) unicodeEscape(buf []byte, bs int) ([]byte, int, *Error) {
	d := p.data
	r := hexN(d, bs+2, 4)
	if r < 0 {
		return buf, bs, p.badEscape(bs)
	}
	i := bs + 6
	if utf16.IsSurrogate(r) {
		lo := rune(-1)
		if i+1 < len(d) && d[i] == '\\' && d[i+1] == 'u' {
			lo = hexN(d, i+2, 4)
		}
		if pair := utf16.DecodeRune(r, lo); pair != utf8.RuneError {
			r, i = pair, i+6
		} else {
			r = utf8.RuneError
		}
	}
	return utf8.AppendRune(buf, r), i, nil
}

// controlEscape is the character a one-letter escape stands for, in both
// JSON (b f n r t) and JSON5 (which adds v).
func controlEscape(c byte) byte {
	switch c {
	case 'b':
		return '\b'
	case 'f':
		return '\f'
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 't':
		return '\t'
	}
	return '\v'
}

func (p *json5Parser) badEscape(bs int) *Error {
	return errorAt(p.file, bs, "invalid JSON5: invalid escape sequence")
}
