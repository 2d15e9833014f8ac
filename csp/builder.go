package csp

import (
	"fmt"
	"strings"

	"github.com/tauriaudit/tauriaudit/rules/source"
)

// builder assembles directives from a stream of tokens and separators.
// Both forms feed it: the string form as one segment, the object form as
// the segments Tauri joins into "name sources...;" per member.
type builder struct {
	pol  *Policy
	cur  *Directive      // nil when the next token is a directive name
	seen map[string]bool // names in effect; keeps hostile policies linear
	pos  positions
}

// segment is one string of the policy: a value or a member name of n.
type segment struct {
	text  string
	lit   *literal // maps text to the file; nil when that failed
	n     *source.Node
	start int // the bytes of n a token is located at when lit is nil
	end   int
}

func valueSegment(n *source.Node) segment {
	return segment{text: n.String(), lit: mapString(n), n: n, start: n.Start, end: n.End}
}

func keySegment(n *source.Node, name string) segment {
	s := segment{text: name, lit: mapKey(n, name), n: n, start: n.KeyStart, end: n.KeyEnd}
	if s.end <= s.start {
		s.start, s.end = n.Start, n.End
	}
	return s
}

// scan splits a segment on ';' and ASCII whitespace.
func (b *builder) scan(seg segment) {
	start := -1
	var whole *source.Location // computed once: each call would walk the segment
	flush := func(end int) {
		if start < 0 {
			return
		}
		var loc source.Location
		switch {
		case seg.lit != nil:
			from, to := seg.lit.raw(start, end)
			loc = b.pos.span(seg.n.File, from, to, seg.n.Pointer)
		case whole == nil:
			loc = b.pos.span(seg.n.File, seg.start, seg.end, seg.n.Pointer)
			whole = &loc
		default:
			loc = *whole
		}
		b.token(seg.text[start:end], loc)
		start = -1
	}
	for i := 0; i < len(seg.text); i++ {
		switch c := seg.text[i]; {
		case c == ';':
			flush(i)
			b.cur = nil
		case isSpace(c):
			flush(i)
		case start < 0:
			start = i
		}
	}
	flush(len(seg.text))
}

// isSpace reports ASCII whitespace as the Infra standard defines it.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

func (b *builder) token(text string, loc source.Location) {
	if b.cur != nil {
		b.cur.Sources = append(b.cur.Sources, classify(text, loc))
		return
	}
	name := strings.ToLower(text)
	d := &Directive{Name: name, Text: text, Loc: loc, Known: IsKnown(name)}
	if b.seen[name] {
		b.pol.Duplicates = append(b.pol.Duplicates, d)
	} else {
		b.pol.Directives = append(b.pol.Directives, d)
		b.seen[name] = true
	}
	b.cur = d
}

// member reads one directive of the object form. Tauri writes it as
// "name sources..." joined by spaces and ends it with "; ", so a ';' or a
// space inside a key or a source acts as it would in the string form.
func (b *builder) member(m *source.Member) error {
	v := m.Value
	b.cur = nil
	b.scan(keySegment(v, m.Name))
	switch v.Kind {
	case source.String:
		b.scan(valueSegment(v))
	case source.Array:
		for _, it := range v.Items() {
			if it.Kind != source.String {
				return fmt.Errorf("csp: %s is a %s, want a string", it.Pointer, it.Kind)
			}
			b.scan(valueSegment(it))
		}
	default:
		return fmt.Errorf("csp: %s is a %s, want a string or an array of strings", v.Pointer, v.Kind)
	}
	b.cur = nil
	return nil
}
