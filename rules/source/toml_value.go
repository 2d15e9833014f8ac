package source

import (
	"math"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// value builds the Node of value v, found at offset start: go-toml gives
// arrays no range of their own, so the caller works out where they begin.
func (t *tomlBuilder) value(v *unstable.Node, ptr string, start, depth int) (*Node, error) {
	switch v.Kind {
	case unstable.Array:
		return t.array(v, ptr, start, depth)
	case unstable.InlineTable:
		return t.inlineTable(v, ptr, depth)
	}
	return t.scalar(v, ptr)
}

func (t *tomlBuilder) array(v *unstable.Node, ptr string, start, depth int) (*Node, error) {
	if depth+1 > MaxDepth {
		return nil, t.tooDeep(start)
	}
	n := t.node(Array, ptr, start, start)
	pos := start + 1
	for it := v.Children(); it.Next(); {
		c := it.Node()
		if c.Kind == unstable.Comment {
			continue
		}
		pos = t.skipTrivia(pos)
		item, err := t.value(c, Child(ptr, strconv.Itoa(len(n.items))), pos, depth+1)
		if err != nil {
			return nil, err
		}
		n.items = append(n.items, item)
		pos = item.End
	}
	n.End = t.closeAt(t.skipTrivia(pos), ']')
	return n, nil
}

// inlineTable builds { ... }; once closed, nothing may be added to it.
func (t *tomlBuilder) inlineTable(v *unstable.Node, ptr string, depth int) (*Node, error) {
	start := int(v.Raw.Offset)
	n := t.node(Object, ptr, start, start+1)
	tt, err := t.table(n, depth)
	if err != nil {
		return nil, err
	}
	end := start + 1
	for it := v.Children(); it.Next(); {
		c := it.Node()
		if c.Kind != unstable.KeyValue {
			continue
		}
		if err := t.keyval(tt, c); err != nil {
			return nil, err
		}
		end = int(c.Raw.Offset) + int(c.Raw.Length)
	}
	n.End = t.closeAt(t.skipTrivia(end), '}')
	tt.frozen = true
	return n, nil
}

func (t *tomlBuilder) scalar(v *unstable.Node, ptr string) (*Node, error) {
	start := int(v.Raw.Offset)
	n := t.node(String, ptr, start, start+int(v.Raw.Length))
	raw := string(v.Data) // decoded for strings, the literal otherwise
	var ok bool
	switch v.Kind {
	case unstable.String:
		n.text, ok = raw, true
	case unstable.Bool:
		n.Kind, n.boolean, ok = Bool, raw == "true", true
	case unstable.Integer:
		n.Kind = Number
		n.text, ok = tomlInteger(raw)
	case unstable.Float:
		n.Kind = Number
		n.text, ok = tomlFloat(raw)
	case unstable.LocalDate, unstable.LocalTime, unstable.LocalDateTime, unstable.DateTime:
		n.text, ok = raw, validDateTime(raw)
	}
	if !ok {
		return nil, errorAt(t.file, start, "invalid TOML: invalid %s value %q", strings.ToLower(v.Kind.String()), raw)
	}
	return n, nil
}

// tomlInteger returns the decimal text of an integer literal (which may be
// hexadecimal, octal or binary, with underscores), or false when it does not
// fit in 64 bits, as TOML requires.
func tomlInteger(raw string) (string, bool) {
	s := strings.ReplaceAll(raw, "_", "")
	base := 10
	if len(s) > 2 && s[0] == '0' {
		switch s[1] {
		case 'x':
			base = 16
		case 'o':
			base = 8
		case 'b':
			base = 2
		}
		if base != 10 {
			s = s[2:]
		}
	}
	i, err := strconv.ParseInt(s, base, 64)
	if err != nil {
		return "", false
	}
	return strconv.FormatInt(i, 10), true
}

// tomlFloat returns a float literal as strconv.ParseFloat reads it, or
// false when a finite literal overflows to infinity.
func tomlFloat(raw string) (string, bool) {
	s := strings.TrimPrefix(strings.ReplaceAll(raw, "_", ""), "+")
	switch s {
	case "nan", "-nan":
		return "nan", true // NaN has no meaningful sign
	case "inf", "-inf":
		return s, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) {
		return "", false
	}
	return s, true
}

// validDateTime checks a date/time literal, which go-toml only delimits:
// a time, or a date optionally followed by T, t or a space, a time and an
// offset. The ranges are those the toml crate checks: seconds are optional
// (TOML 1.1) and may be 60, a leap second.
func validDateTime(s string) bool {
	d := &dateScan{s: s}
	if len(s) > 2 && s[2] == ':' {
		return d.time() && d.i == len(s)
	}
	if !d.date() {
		return false
	}
	if d.i == len(s) {
		return true
	}
	return d.lit("Tt ") && d.time() && d.offset() && d.i == len(s)
}

// dateScan reads a date/time literal left to right.
type dateScan struct {
	s string
	i int
}

// num reads exactly n digits and reports whether they are in [lo, hi].
func (d *dateScan) num(n, lo, hi int) (int, bool) {
	if d.i+n > len(d.s) {
		return 0, false
	}
	v := 0
	for _, c := range []byte(d.s[d.i : d.i+n]) {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	d.i += n
	return v, v >= lo && v <= hi
}

// lit reads one of the bytes in set.
func (d *dateScan) lit(set string) bool {
	if d.i < len(d.s) && strings.IndexByte(set, d.s[d.i]) >= 0 {
		d.i++
		return true
	}
	return false
}

func (d *dateScan) date() bool {
	y, ok := d.num(4, 0, 9999)
	if !ok || !d.lit("-") {
		return false
	}
	m, ok := d.num(2, 1, 12)
	if !ok || !d.lit("-") {
		return false
	}
	_, ok = d.num(2, 1, daysIn(y, m))
	return ok
}

func (d *dateScan) time() bool {
	if _, ok := d.num(2, 0, 23); !ok || !d.lit(":") {
		return false
	}
	if _, ok := d.num(2, 0, 59); !ok {
		return false
	}
	if !d.lit(":") {
		return true
	}
	if _, ok := d.num(2, 0, 60); !ok {
		return false
	}
	if !d.lit(".") {
		return true
	}
	start := d.i
	for d.i < len(d.s) && d.s[d.i] >= '0' && d.s[d.i] <= '9' {
		d.i++
	}
	return d.i > start
}

// offset reads an optional Z or ±HH:MM.
func (d *dateScan) offset() bool {
	switch {
	case d.lit("Zz"):
		return true
	case d.lit("+-"):
		if _, ok := d.num(2, 0, 23); !ok || !d.lit(":") {
			return false
		}
		_, ok := d.num(2, 0, 59)
		return ok
	}
	return true
}

func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
