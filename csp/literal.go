package csp

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// maxMapped bounds the literals mapped byte by byte; a longer policy is
// located as a whole (real policies are a few kilobytes). Offsets past
// maxOffset do not fit the map's int32s.
const (
	maxMapped = 1 << 20
	maxOffset = math.MaxInt32
)

// literal maps each byte of a string node's decoded value back to the bytes
// of its literal in the file, so a token of the value can be located
// exactly even when the literal has escapes.
type literal struct {
	start, end []int32 // per decoded byte: its literal's [start, end) in File.Data
}

// mapString maps n's string literal, or returns nil when n is not a string
// whose literal can be decoded to exactly its value (callers then locate
// tokens at the whole node).
func mapString(n *source.Node) *literal {
	val, ok := n.Str()
	if !ok || !mappable(n.File, n.Start, n.End) {
		return nil
	}
	toml := strings.HasSuffix(n.File.Path, ".toml")
	d := decodeLiteral(n.File.Data[n.Start:n.End], toml)
	if d == nil || string(d.text) != val {
		return nil
	}
	for i := range d.start {
		d.start[i] += int32(n.Start)
		d.end[i] += int32(n.Start)
	}
	return &literal{start: d.start, end: d.end}
}

// mappable reports whether bytes [start, end) of f can be mapped.
func mappable(f *source.File, start, end int) bool {
	return f != nil && start >= 0 && start < end && end <= len(f.Data) && end <= maxOffset && end-start <= maxMapped
}

// mapKey maps the member name of n the way mapString maps a value.
func mapKey(n *source.Node, name string) *literal {
	if n == nil || n.KeyEnd <= n.KeyStart || !mappable(n.File, n.KeyStart, n.KeyEnd) {
		return nil
	}
	raw := n.File.Data[n.KeyStart:n.KeyEnd]
	toml := strings.HasSuffix(n.File.Path, ".toml")
	var d *decoded
	if c := raw[0]; c == '"' || c == '\'' {
		d = decodeLiteral(raw, toml)
	} else {
		d = decodeBare(raw) // TOML bare keys and JSON5 identifiers
	}
	if d == nil || string(d.text) != name {
		return nil
	}
	for i := range d.start {
		d.start[i] += int32(n.KeyStart)
		d.end[i] += int32(n.KeyStart)
	}
	return &literal{start: d.start, end: d.end}
}

// raw returns the file bytes [start, end) that decoded bytes [i, j) of
// the literal come from.
func (l *literal) raw(i, j int) (start, end int) { return int(l.start[i]), int(l.end[j-1]) }

// decoded is a decoded literal with, per byte, the raw span it came from
// (offsets relative to the literal).
type decoded struct {
	text       []byte
	start, end []int32
}

func (d *decoded) emit(b []byte, s, e int) {
	for _, c := range b {
		d.text = append(d.text, c)
		d.start = append(d.start, int32(s))
		d.end = append(d.end, int32(e))
	}
}

func decodeBare(raw []byte) *decoded {
	d := &decoded{}
	for i := range raw {
		d.emit(raw[i:i+1], i, i+1)
	}
	return d
}

// decodeLiteral decodes a quoted JSON, JSON5 or TOML string literal. It
// accepts the union of the escapes of JSON5 and (when toml is set) TOML 1.1;
// the caller checks the result against the parser's value, so leniency
// here can only cost precision, never correctness.
func decodeLiteral(raw []byte, toml bool) *decoded {
	s := string(raw)
	var open string
	switch {
	case toml && len(s) >= 6 && (strings.HasPrefix(s, `"""`) || strings.HasPrefix(s, `'''`)):
		open = s[:3]
	case len(s) >= 2 && (s[0] == '"' || s[0] == '\''):
		open = s[:1]
	default:
		return nil
	}
	if !strings.HasSuffix(s, open) {
		return nil
	}
	lo, hi := len(open), len(s)-len(open)
	if len(open) == 3 { // TOML trims a newline right after the opening delimiter
		if strings.HasPrefix(s[lo:], "\r\n") {
			lo += 2
		} else if strings.HasPrefix(s[lo:], "\n") {
			lo++
		}
	}
	d := &decoded{}
	rawText := toml && open[0] == '\''
	for i := lo; i < hi; {
		if rawText || s[i] != '\\' {
			d.emit(raw[i:i+1], i, i+1)
			i++
			continue
		}
		n, ok := d.escape(s[:hi], i, toml, len(open) == 3)
		if !ok {
			return nil
		}
		i += n
	}
	return d
}

// The one-character escapes of each syntax (JSON's are a subset of JSON5's).
var (
	json5Escapes = map[byte]string{'n': "\n", 't': "\t", 'r': "\r", 'b': "\b", 'f': "\f", '"': `"`, '\\': `\`,
		'/': "/", 'v': "\v", '0': "\x00", '\'': "'"}
	tomlEscapes = map[byte]string{'n': "\n", 't': "\t", 'r': "\r", 'b': "\b", 'f': "\f", '"': `"`, '\\': `\`,
		'e': "\x1b"}
)

// escape decodes the escape sequence at s[i] (a backslash) and returns its
// length.
func (d *decoded) escape(s string, i int, toml, multiline bool) (int, bool) {
	if i+1 >= len(s) {
		return 0, false
	}
	simple := json5Escapes
	if toml {
		simple = tomlEscapes
	}
	c := s[i+1]
	if v, ok := simple[c]; ok {
		d.emit([]byte(v), i, i+2)
		return 2, true
	}
	switch c {
	case 'u':
		return d.unicode(s, i, 4)
	case 'U':
		if toml {
			return d.unicode(s, i, 8)
		}
	case 'x':
		return d.unicode(s, i, 2)
	}
	if toml {
		if multiline {
			return lineEndingBackslash(s, i)
		}
		return 0, false
	}
	// JSON5: a line continuation produces nothing; any other character
	// escapes to itself.
	if n := newlineLen(s[i+1:]); n > 0 {
		return 1 + n, true
	}
	_, size := utf8.DecodeRuneInString(s[i+1:])
	d.emit([]byte(s[i+1:i+1+size]), i, i+1+size)
	return 1 + size, true
}

// unicode decodes \uXXXX (with a following low surrogate), \UXXXXXXXX and
// \xHH.
func (d *decoded) unicode(s string, i, digits int) (int, bool) {
	end := i + 2 + digits
	if end > len(s) {
		return 0, false
	}
	v, err := strconv.ParseUint(s[i+2:end], 16, 32)
	if err != nil {
		return 0, false
	}
	r := rune(v)
	if digits == 4 && r >= 0xD800 && r < 0xDC00 && end+6 <= len(s) && s[end] == '\\' && s[end+1] == 'u' {
		if lo, err := strconv.ParseUint(s[end+2:end+6], 16, 32); err == nil && lo >= 0xDC00 && lo < 0xE000 {
			r = 0x10000 + (r-0xD800)<<10 + rune(lo-0xDC00)
			end += 6
		}
	}
	d.emit(utf8.AppendRune(nil, r), i, end)
	return end - i, true
}

// lineEndingBackslash skips a TOML multi-line "\" at the end of a line and
// all whitespace and newlines after it.
func lineEndingBackslash(s string, i int) (int, bool) {
	j := i + 1
	for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	if newlineLen(s[j:]) == 0 {
		return 0, false
	}
	for j < len(s) {
		if s[j] == ' ' || s[j] == '\t' {
			j++
		} else if n := newlineLen(s[j:]); n > 0 {
			j += n
		} else {
			break
		}
	}
	return j - i, true
}

// newlineLen returns the length of the line terminator s starts with.
func newlineLen(s string) int {
	switch {
	case strings.HasPrefix(s, "\r\n"):
		return 2
	case strings.HasPrefix(s, "\n"), strings.HasPrefix(s, "\r"):
		return 1
	case strings.HasPrefix(s, "\u2028"), strings.HasPrefix(s, "\u2029"):
		return 3
	}
	return 0
}
